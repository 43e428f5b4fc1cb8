/**
 * Ids made in the browser. The UUID maker of `crypto` exists only in secure contexts (https or
 * localhost); the meeting room's network is plain http on a LAN, so ids come from
 * `crypto.getRandomValues`, which every page may use.
 */
export function newId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  // RFC 4122 version 4 layout, so ids look like the server's.
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
