// Lambda: Cognito pre-token-generation trigger (V2) — sets the orgId, role and staffId claims from the stored
// assignments, so a token never claims a committee its holder does not hold; no assignment refuses the sign-in.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { signInClaims } from '../../shared/services/sign-in.js';
import { type AppDeps, defaultDeps } from '../deps.js';

export function createHandler(deps: () => Pick<AppDeps, 'repos' | 'logger'>) {
  return async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const d = deps();
    const staffId = event.request.userAttributes['custom:staff_id'];
    const requested = event.request.clientMetadata?.orgId;
    try {
      const claims = await signInClaims(staffId, requested, d.repos);
      const add = { staffId: claims.staffId, orgId: claims.orgId, role: claims.role };
      event.response.claimsAndScopeOverrideDetails = {
        idTokenGeneration: { claimsToAddOrOverride: add },
        accessTokenGeneration: { claimsToAddOrOverride: add },
      };
      d.logger.info('sign-in claims', {
        orgId: claims.orgId,
        role: claims.role,
        trigger: event.triggerSource,
      });
      return event;
    } catch (error) {
      // Cognito shows the message to the person signing in; no personal data is logged.
      d.logger.warn('sign-in refused', { trigger: event.triggerSource, reason: (error as Error).name });
      throw error;
    }
  };
}

export const handler = createHandler(defaultDeps);
