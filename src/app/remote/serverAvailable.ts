import { useEffect, useState } from 'react';

/** Whether a drill server answers (false for a static build opened without one). */
export function useServerAvailable(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    fetch('/api/health')
      .then((r) => r.ok && r.json())
      .then((body: { ok?: boolean } | false) => live && setAvailable(body !== false && body.ok === true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return available;
}
