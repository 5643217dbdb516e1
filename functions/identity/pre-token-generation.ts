// Lambda: Cognito pre-token-generation trigger (V2) — sets the orgId, role and staffId claims from the stored
// assignments, so a token never claims a committee its holder does not hold; no assignment refuses the sign-in.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { signInClaims } from '../../shared/services/sign-in.js';
import { defaultDeps, type PreTokenGenerationDeps } from './pre-token-deps.js';

/** The user attribute the administration sets when it creates the sign-in (infra/constructs/identity.ts). */
export const STAFF_ID_USER_ATTRIBUTE = 'custom:staff_id';

export function createHandler(deps: () => PreTokenGenerationDeps) {
  return async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const d = deps();
    const staffId = event.request.userAttributes[STAFF_ID_USER_ATTRIBUTE]?.trim() || undefined;
    const requested = event.request.clientMetadata?.orgId;
    try {
      const claims = await signInClaims(staffId, requested, d.repos);
      const add = { staffId: claims.staffId, orgId: claims.orgId, role: claims.role };
      event.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: add },
        accessTokenGeneration: { claimsToAddOrOverride: add },
      };
      d.logger.info('sign-in claims', { orgId: claims.orgId, role: claims.role, staffId: claims.staffId });
      return event;
    } catch (error) {
      // Ids only: the e-mail and name in userAttributes stay out of the log. Cognito shows the message.
      d.logger.warn('sign-in refused', { staffId, errorName: (error as Error).name });
      throw error;
    }
  };
}

export const handler = createHandler(defaultDeps);
