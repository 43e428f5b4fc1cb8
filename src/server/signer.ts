/** Signing the transcripts the server hands out: the head of each file's chain, with its plan (see engine/transcript/seal.ts). */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { fingerprint, headMessage, headOf, type TranscriptFile } from '../engine';
import { publicKeyHex } from '../node/keys';

export type Signer = { publicKey: string; fingerprint: string; sign: (file: TranscriptFile) => TranscriptFile };

/** `privateKey`: the server's Ed25519 key (DATA_DIR/signing-key.pem); without one, a key that lives as long as the process (tests). */
export function createSigner(privateKey: KeyObject = generateKeyPairSync('ed25519').privateKey): Signer {
  const publicKey = publicKeyHex(privateKey);
  return {
    publicKey,
    fingerprint: fingerprint(publicKey),
    sign: (file) => {
      const head = headOf(file.integrity, file.plan);
      const value = sign(null, headMessage(file.integrity.genesis, head), privateKey).toString('hex');
      return { ...file, signature: { algorithm: 'ed25519', publicKey, head, value } };
    },
  };
}
