/**
 * Bytes → JSON value, with a plain-words error for every way a file can be wrong
 * (empty, binary, UTF-16, too large, not JSON, nested too deep). Pure: runs in Node and the browser.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 64;

/** Why bytes are not JSON, as data, for a reader in another language (the `message` is the English). */
export type ReadProblem =
  | { code: 'empty' }
  | { code: 'utf16' }
  | { code: 'binary' }
  | { code: 'encoding' }
  | { code: 'nested'; depth: number; limit: number }
  | { code: 'notJson'; line?: number; column?: number }
  | { code: 'tooLarge'; sizeMib: string; limitMib: string };

type JsonFailure = { ok: false; message: string; problem: ReadProblem };
export type DecodedJson = { ok: true; value: unknown } | JsonFailure;
/** Also failures only the command line meets (a missing file, a folder), which have no `problem`. */
export type JsonResult = DecodedJson | { ok: false; message: string; problem?: undefined };

const failure = (message: string, problem: ReadProblem): JsonFailure => ({ ok: false, message, problem });
const UTF16 = 'the file is UTF-16 text; save it as UTF-8';

export function decodeJsonBytes(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): DecodedJson {
  if (bytes.length === 0) return failure('the file is empty', { code: 'empty' });
  if (bytes.length > maxBytes) return tooLarge(bytes.length, maxBytes);
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return failure(UTF16, { code: 'utf16' });
  }
  if (bytes.includes(0)) {
    // UTF-16 without a byte-order mark has a zero byte beside every ASCII character.
    const looksUtf16 = bytes.length >= 4 && (bytes[1] === 0 || bytes[0] === 0) && (bytes[3] === 0 || bytes[2] === 0);
    return looksUtf16 ? failure(UTF16, { code: 'utf16' }) : failure('the file is binary, not JSON text', { code: 'binary' });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return failure('the file is not valid UTF-8 text (is it binary, or saved in another encoding such as GBK?)', { code: 'encoding' });
  }
  return parseJsonText(text);
}

export function parseJsonText(text: string): DecodedJson {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return failure('the file is empty', { code: 'empty' });
  const depth = nestingDepth(body);
  if (depth > MAX_DEPTH) return failure(`the JSON is nested ${depth} levels deep; the limit is ${MAX_DEPTH}`, { code: 'nested', depth, limit: MAX_DEPTH });
  try {
    return { ok: true, value: JSON.parse(body) as unknown };
  } catch (error) {
    const where = jsonErrorAt(body);
    return failure(`not valid JSON: ${where ? `${where.what} at line ${where.line}, column ${where.column}` : error instanceof Error ? error.message : String(error)}`, { code: 'notJson', ...(where ? { line: where.line, column: where.column } : {}) });
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
function jsonErrorAt(text: string): { what: string; line: number; column: number } | null {
  const errors: ParseError[] = [];
  parse(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
  const first = errors[0];
  if (!first) return null;
  const before = text.slice(0, first.offset);
  const line = before.split('\n').length;
  const column = first.offset - before.lastIndexOf('\n');
  return { what: plainJsonError(printParseErrorCode(first.error)), line, column };
}

function plainJsonError(code: string): string {
  // "PropertyNameExpected" → "property name expected"
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

export function tooLarge(size: number, maxBytes = MAX_FILE_BYTES): JsonFailure {
  return failure(`the file is too large (${mib(size)}; the limit is ${mib(maxBytes)})`, { code: 'tooLarge', sizeMib: (size / 1024 / 1024).toFixed(1), limitMib: (maxBytes / 1024 / 1024).toFixed(1) });
}

function mib(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
