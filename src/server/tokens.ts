/** Secrets and codes: tokens are random and stored only as hashes; join codes are six digits. */
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';

export const newToken = () => randomBytes(24).toString('base64url');
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');
export const newId = () => randomUUID();
export const newJoinCode = () => String(randomInt(0, 1_000_000)).padStart(6, '0');
