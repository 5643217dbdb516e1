// composition of the Cognito pre-token-generation trigger: the staff repository and the logger only.
import { createDynamoContext } from '../../shared/adapters/dynamodb/client.js';
import { createRepositories, type Repositories } from '../../shared/adapters/dynamodb/index.js';
import { createLogger } from '../../shared/adapters/logger.js';
import { loadConfig } from '../../shared/config/env.js';
import type { Log } from '../../shared/ports/log.js';

export interface PreTokenGenerationDeps {
  repos: Pick<Repositories, 'staff'>;
  logger: Log;
}

let cached: PreTokenGenerationDeps | undefined;

/**
 * Only the repositories: this function has no JWT settings (the pool names this function, so it cannot be
 * given the pool's issuer), and functions/deps.ts would build a token verifier from them.
 */
export function defaultDeps(): PreTokenGenerationDeps {
  if (!cached) {
    const config = loadConfig();
    const repos = createRepositories(
      createDynamoContext({
        tableName: config.tableName,
        region: config.region,
        endpoint: config.dynamoEndpoint || undefined,
      }),
    );
    cached = { repos, logger: createLogger() };
  }
  return cached;
}
