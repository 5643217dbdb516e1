// Lambda: Cognito pre-token-generation trigger (V2) — sets the orgId, role and staffId claims from the stored
// assignments, so a token never claims a committee its holder does not hold; no assignment refuses the sign-in.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import { createDynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { loadConfig } from '../../shared/config/env.js';
import type { Log } from '../../shared/ports/log.js';
import { signInClaims } from '../../shared/services/sign-in.js';

/** The user attribute the administration sets when it creates the sign-in (infra/constructs/identity.ts). */
export const STAFF_ID_USER_ATTRIBUTE = 'custom:staff_id';

export interface PreTokenGenerationDeps {
  repos: Pick<Repositories, 'staff'>;
  logger: Log;
}

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

let cached: PreTokenGenerationDeps | undefined;

/**
 * Only the repositories: this function has no JWT settings (the pool names this function, so it cannot be
 * given the pool's issuer), and functions/deps.ts would build a token verifier from them.
 */
function defaultDeps(): PreTokenGenerationDeps {
  if (!cached) {
    const config = loadConfig();
    const repos = createRepositories(
      createDynamoContext({
        tableName: config.tableName,
        region: config.region,
        ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
      }),
    );
    cached = { repos, logger: createLogger() };
  }
  return cached;
}

export const handler = createHandler(defaultDeps);
