/** Stored with a /rotate-credential request: Portal IDs, names and the old credential's fingerprint. */
export interface CredentialRotationParams {
  appId: number;
  accessRequestId: number;
  credentialId: number;
  appName: string;
  fingerprint: string;
  /** the Slack user with the app developer's email, when there is one */
  developer?: string;
  /** who gets the new credential, as the approval message named them (absent in older requests: requester and developer) */
  recipients?: string[];
}
