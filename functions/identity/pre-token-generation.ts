// Lambda: Cognito pre-token-generation trigger (V2 event) — adds the staff assignment's claims to the ID and
// access tokens, or refuses the sign-in when the account has no assignment.
import type { PreTokenGenerationV2TriggerEvent } from 'aws-lambda';
import * as z from 'zod';
import { createDynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { createRepositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { loadConfig } from '../../shared/config/env.js';
import { UnauthorizedError } from '../../shared/domain/errors.js';
import type { Log } from '../../shared/ports/log.js';
import type { StaffRepository } from '../../shared/ports/repositories.js';
import { type StaffTokenClaims, staffTokenClaims } from '../../shared/services/staff-sign-in.js';

/** The user attribute the administration sets when it creates the sign-in (infra/constructs/identity.ts). */
export const STAFF_ID_USER_ATTRIBUTE = 'custom:staff_id';

const eventSchema = z.object({
  request: z.object({ userAttributes: z.record(z.string(), z.string()) }),
});

export interface PreTokenGenerationDeps {
  staff: Pick<StaffRepository, 'get'>;
  logger: Log;
}

export function createHandler(deps: () => PreTokenGenerationDeps) {
  return async (event: PreTokenGenerationV2TriggerEvent): Promise<PreTokenGenerationV2TriggerEvent> => {
    const d = deps();
    const parsed = eventSchema.parse(event);
    const staffId = parsed.request.userAttributes[STAFF_ID_USER_ATTRIBUTE]?.trim() || undefined;
    let claims: StaffTokenClaims;
    try {
      claims = await staffTokenClaims(d, staffId);
    } catch (error) {
      // Ids only: the e-mail and name in userAttributes stay out of the log. Cognito shows the message.
      if (error instanceof UnauthorizedError) d.logger.warn('sign-in refused', { staffId, code: error.code });
      throw error;
    }
    const claimsToAddOrOverride = { ...claims };
    event.response = {
      claimsAndScopeOverrideDetails: {
        idTokenGeneration: { claimsToAddOrOverride },
        accessTokenGeneration: { claimsToAddOrOverride },
      },
    };
    return event;
  };
}

let cached: PreTokenGenerationDeps | undefined;

/**
 * Only the staff repository: this function has no JWT settings (the pool names this function, so it cannot
 * be given the pool's issuer), and functions/deps.ts would build a token verifier from them.
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
    cached = { staff: repos.staff, logger: createLogger() };
  }
  return cached;
}

export const handler = createHandler(defaultDeps);
