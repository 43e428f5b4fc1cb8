/**
 * Reading JSON files from disk for the command line and the server: every failure becomes
 * one plain sentence (never a stack trace).
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { decodeJsonBytes, MAX_FILE_BYTES, tooLarge, type JsonResult } from '../engine';

export function readJsonFile(file: string, maxBytes = MAX_FILE_BYTES): JsonResult {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (error) {
    return { ok: false, message: fsMessage(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return { ok: false, message: 'is a directory, not a file' };
    if (!stat.isFile()) return { ok: false, message: 'is not a regular file' };
    // A huge file is refused before it is read.
    if (stat.size > maxBytes) return tooLarge(stat.size, maxBytes);
    const bytes = new Uint8Array(stat.size);
    let read = 0;
    while (read < bytes.length) {
      const n = readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return decodeJsonBytes(bytes.subarray(0, read), maxBytes);
  } catch (error) {
    return { ok: false, message: fsMessage(error) };
  } finally {
    closeSync(fd);
  }
}

function fsMessage(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot be read (${code ?? (error instanceof Error ? error.message : String(error))})`;
  }
}
