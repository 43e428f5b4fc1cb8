/**
 * The signing keys this browser trusts: those the reviewer chose ("trust this key", kept in
 * localStorage) and the key of the drill server that served this page, which signs its transcripts.
 */
import { useCallback, useEffect, useState } from 'react';

const STORAGE_KEY = 'drillroom.trustedKeys';
const KEY = /^[0-9a-f]{64}$/;

function storedKeys(): string[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string' && KEY.test(k)) : [];
  } catch {
    return [];
  }
}

export function useTrustedKeys(): { trusted: (key: string) => boolean; trust: (key: string) => void } {
  const [keys, setKeys] = useState<string[]>(storedKeys);
  const [serverKey, setServerKey] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    // A static build has no server: the request fails or answers with something else, and only chosen keys count.
    fetch('/api/signing-key')
      .then((r) => (r.ok ? r.json() : null))
      .then((body: { publicKey?: unknown } | null) => {
        if (live && typeof body?.publicKey === 'string' && KEY.test(body.publicKey)) setServerKey(body.publicKey);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  const trust = useCallback((key: string) => {
    const next = [...new Set([...storedKeys(), key])];
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    setKeys(next);
  }, []);
  return { trusted: (key) => key === serverKey || keys.includes(key), trust };
}
