// composition root for the Lambda functions: adapters built once per cold start from the parsed environment.
import { createDynamoContext } from '../shared/adapters/dynamodb/client.js';
import { createRepositories, type Repositories } from '../shared/adapters/dynamodb/index.js';
import { timeOrderedIds } from '../shared/adapters/ids.js';
import { createLogger, type FunctionLog } from '../shared/adapters/logger.js';
import { createEmfMetrics, type FlushableMetrics } from '../shared/adapters/metrics.js';
import { createTokenVerifier, type TokenVerifier } from '../shared/adapters/tokens.js';
import { type AppConfig, loadConfig } from '../shared/config/env.js';
import { type Clock, type IdGenerator, systemClock } from '../shared/ports/common.js';

export interface AppDeps {
  config: AppConfig;
  repos: Repositories;
  tokens: TokenVerifier;
  clock: Clock;
  ids: IdGenerator;
  /** One per runtime: Powertools Logger with the allow-list formatter. */
  logger: FunctionLog;
  /** One per runtime: Powertools Metrics (EMF), flushed once per invocation. */
  metrics: FlushableMetrics;
}

export function createAppDeps(config: AppConfig, overrides: Partial<Omit<AppDeps, 'config'>> = {}): AppDeps {
  const repos =
    overrides.repos ??
    createRepositories(
      createDynamoContext({
        tableName: config.tableName,
        region: config.region,
        ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint } : {}),
      }),
    );
  return {
    config,
    repos,
    tokens: overrides.tokens ?? createTokenVerifier(config.jwt),
    clock: overrides.clock ?? systemClock,
    ids: overrides.ids ?? timeOrderedIds,
    logger: overrides.logger ?? createLogger(undefined, serviceOf(config)),
    metrics: overrides.metrics ?? createEmfMetrics(serviceOf(config)),
  };
}

const serviceOf = (config: AppConfig) => (config.serviceName ? { serviceName: config.serviceName } : {});

let cached: AppDeps | undefined;

/** The process-wide dependencies (module scope, as Lambda reuses them across invocations). */
export function defaultDeps(): AppDeps {
  cached ??= createAppDeps(loadConfig());
  return cached;
}
