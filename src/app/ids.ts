/**
 * Ids made in the browser. `crypto.randomUUID` exists only in secure contexts (https or
 * localhost); participants open the app over plain http on a LAN, so ids come from
 * `crypto.getRandomValues`, which every context has.
 */
export function newId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
