import type { RotateCredentialInput } from '../../command-args/rotate-credential.js';
import type { RotateSecretInput } from '../../command-args/rotate-secret.js';
import type { RotateUserKeyInput } from '../../command-args/rotate-user-key.js';
import type { RequestRecord } from '../../store/requests.js';
import type { WorkflowDeps } from '../deps.js';
import type { Refusal } from '../refusal.js';
import type { RequestEngine } from '../requests.js';
import { draftCredentialRotation } from '../rotate-credential/draft.js';
import { draftSecretRotation } from '../rotate-secret/draft.js';
import { draftUserKeyRotation } from '../rotate-user-key/draft.js';

type Drafted = Promise<RequestRecord | Refusal>;

/**
 * The three credential rotations as Slack and the CLI start them. `approved`: the CLI path, where
 * the operator holds the Tyk credentials and the request starts approved by them.
 */
export interface CredentialDrafts {
  /** `/rotate-secret API CLIENT`: an OAuth client's secret */
  rotateSecret(args: RotateSecretInput, requester: string, approved?: boolean): Drafted;
  /** `/rotate-user-key`: a Dashboard user's API key */
  rotateUserKey(args: RotateUserKeyInput, requester: string, approved?: boolean): Drafted;
  /** `/rotate-credential`: a Developer Portal app's credential */
  rotateCredential(args: RotateCredentialInput, requester: string, approved?: boolean): Drafted;
}

export const credentialDrafts = (deps: WorkflowDeps, engine: RequestEngine): CredentialDrafts => ({
  rotateSecret: (args: RotateSecretInput, requester: string, approved = false) =>
    draftSecretRotation(deps, engine, args, requester, approved),
  rotateUserKey: (args: RotateUserKeyInput, requester: string, approved = false) =>
    draftUserKeyRotation(deps, engine, args, requester, approved),
  rotateCredential: (args: RotateCredentialInput, requester: string, approved = false) =>
    draftCredentialRotation(deps, engine, args, requester, approved),
});
