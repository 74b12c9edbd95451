/** Progress of a secret, user-key or credential rotation, in `requests.state`: fingerprints only, never a value. */
export interface CredentialState {
  /** set in the transaction that writes the Reveal rows, so the execute step never hands over twice */
  rotatedAt?: number;
  newFingerprint?: string;
  /** /rotate-secret --revoke-tokens */
  revokedAt?: number;
}
