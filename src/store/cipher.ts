import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM with a fresh 96-bit IV per value. The AAD binds a ciphertext to its row (vault ID,
 * import item), so a ciphertext copied into another row does not decrypt.
 */
export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer /* includes the 16-byte tag at the end */;
}

export function seal(key: Buffer, plaintext: string, aad: string): Sealed {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(aad, 'utf8'));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return { iv, ciphertext: Buffer.concat([body, c.getAuthTag()]) };
}

/** Throws when the key is wrong or the data was altered: never returns garbage. */
export function unseal(key: Buffer, s: Sealed, aad: string): string {
  const d = createDecipheriv('aes-256-gcm', key, s.iv);
  d.setAAD(Buffer.from(aad, 'utf8'));
  d.setAuthTag(s.ciphertext.subarray(s.ciphertext.length - 16));
  return Buffer.concat([d.update(s.ciphertext.subarray(0, s.ciphertext.length - 16)), d.final()]).toString('utf8');
}
