/** Stored with a /rotate-secret request: IDs and the old secret's fingerprint, never a secret. */
export interface SecretRotationParams {
  apiId: string;
  clientId: string;
  /** fingerprint of the secret when the request was made: the execute step compares against it */
  fingerprint: string;
  revokeTokens: boolean;
  /** who gets the new secret, as the approval message named them (absent in older requests: the requester) */
  recipients?: string[];
}

export const secretRecipients = (p: SecretRotationParams, requester: string): string[] => p.recipients ?? [requester];
