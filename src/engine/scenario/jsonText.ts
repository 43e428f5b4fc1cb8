/**
 * Bytes → JSON value, with a plain-words error for every way a file can be wrong
 * (empty, binary, UTF-16, too large, not JSON, nested too deep). Pure: runs in Node and the browser.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 64;

export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

export function decodeJsonBytes(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): JsonResult {
  if (bytes.length === 0) return { ok: false, message: 'the file is empty' };
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, message: 'the file is UTF-16 text; save it as UTF-8' };
  }
  if (bytes.includes(0)) {
    // UTF-16 without a byte-order mark has a zero byte beside every ASCII character.
    const looksUtf16 = bytes.length >= 4 && (bytes[1] === 0 || bytes[0] === 0) && (bytes[3] === 0 || bytes[2] === 0);
    return { ok: false, message: looksUtf16 ? 'the file is UTF-16 text; save it as UTF-8' : 'the file is binary, not JSON text' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, message: 'the file is not valid UTF-8 text (is it binary, or saved in another encoding such as GBK?)' };
  }
  return parseJsonText(text);
}

export function parseJsonText(text: string): JsonResult {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { ok: false, message: 'the file is empty' };
  const depth = nestingDepth(body);
  if (depth > MAX_DEPTH) return { ok: false, message: `the JSON is nested ${depth} levels deep; the limit is ${MAX_DEPTH}` };
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${describeJsonError(body, error)}` };
  }
}

/** Nesting depth of brackets outside strings, measured without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

/** Where and why JSON.parse failed: V8's messages do not always give a position, jsonc-parser does. */
function describeJsonError(text: string, error: unknown): string {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return error instanceof Error ? error.message : String(error);
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return `${plainJsonError(printParseErrorCode(first.error))} at line ${line}, column ${column}`;
}

function plainJsonError(code: string): string {
  // "PropertyNameExpected" → "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function tooLarge(size: number, maxBytes = MAX_FILE_BYTES): JsonResult {
  return { ok: false, message: `the file is too large (${mib(size)}; the limit is ${mib(maxBytes)})` };
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
