// infra: the operator's Zalo CLI — `npx tsx infra/zalo.ts install-tokens --stage prod` stores the OA's first token
// pair (and a new one after a dead refresh token: the ZaloTokenRefreshFailed alarm) in the stage's table.
// It takes the refresh token the OA's authorisation gave (docs/deploy.md, "Zalo"), spends it once at Zalo with the
// app secret (from the stage's SecureString) and stores the pair Zalo answers: the functions refresh it from then on.
// The refresh token comes from ZALO_REFRESH_TOKEN (kept out of the shell history) or --refresh-token; nothing
// secret is printed.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { ZaloApiClient } from '../chat/channels/zalo/api-client.js';
import { createDynamoContext } from '../shared/adapters/dynamodb/client.js';
import { DynamoStore } from '../shared/adapters/dynamodb/store.js';
import { DynamoZaloTokenStore } from '../shared/adapters/dynamodb/zalo-token-store.js';
import type { Clock } from '../shared/ports/common.js';
import type { StoredZaloTokens, ZaloTokenStore } from '../shared/ports/zalo.js';
import { STAGES, type StageName, stageConfig, zaloParameterNames } from './config.js';
import { loadStageSettings } from './settings.js';
import { stackOutput } from './stack-outputs.js';

const USAGE = `npx tsx infra/zalo.ts install-tokens --stage <dev|prod> [--refresh-token <token>]
    [--table <table>] [--endpoint http://127.0.0.1:8000] [--oauth-root <url>]
  The refresh token may be given as ZALO_REFRESH_TOKEN instead (better: not kept in the shell history);
  ZALO_APP_SECRET stands in for the stage's SecureString (e.g. against the local emulator).`;

export interface InstallTokensInput {
  app: { appId: string; appSecret: string };
  refreshToken: string;
  client: Pick<ZaloApiClient, 'refreshTokens'>;
  store: ZaloTokenStore;
  clock: Clock;
}

/**
 * Spends the operator's refresh token once and installs the pair it gives as the next version: whatever a
 * container was doing with the old (dead) pair, its conditional writes then fail and it re-reads this one.
 */
export async function installZaloTokens(input: InstallTokensInput): Promise<StoredZaloTokens> {
  const fresh = await input.client.refreshTokens(input.app, input.refreshToken);
  const now = input.clock.now();
  return input.store.install(
    {
      accessToken: fresh.accessToken,
      refreshToken: fresh.refreshToken,
      accessExpiresAt: new Date(now.getTime() + fresh.expiresInSeconds * 1000).toISOString(),
    },
    now,
  );
}

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  if (command !== 'install-tokens') {
    console.error(USAGE);
    return 2;
  }
  const { values } = parseArgs({
    args: rest,
    options: {
      stage: { type: 'string' },
      'refresh-token': { type: 'string' },
      table: { type: 'string' },
      endpoint: { type: 'string' },
      'oauth-root': { type: 'string' },
    },
  });
  const stage = values.stage as StageName;
  if (!STAGES.includes(stage)) {
    console.error(`--stage dev or --stage prod\n${USAGE}`);
    return 2;
  }
  const config = stageConfig(stage, loadStageSettings(stage));
  if (!config.zalo) {
    console.error(
      `infra/stages/${stage}.ts has no zalo block (oaId, appId): deploy it first (docs/deploy.md)`,
    );
    return 2;
  }
  const refreshToken = env.ZALO_REFRESH_TOKEN || values['refresh-token'];
  if (!refreshToken) {
    console.error(`Give the refresh token (ZALO_REFRESH_TOKEN or --refresh-token)\n${USAGE}`);
    return 2;
  }
  if (values.endpoint && !/^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?\/?$/.test(values.endpoint)) {
    console.error(`--endpoint takes a DynamoDB on this machine only (loopback), not ${values.endpoint}`);
    return 2;
  }
  const tableName = values.table ?? stackOutput(`${config.stackPrefix}-Data`, 'TableName');
  let appSecret = env.ZALO_APP_SECRET;
  if (!appSecret) {
    const name = zaloParameterNames(stage).appSecret;
    const out = await new SSMClient({ region: config.region }).send(
      new GetParameterCommand({ Name: name, WithDecryption: true }),
    );
    appSecret = out.Parameter?.Value;
    if (!appSecret) throw new Error(`The SSM parameter ${name} is empty`);
  }
  const ctx = createDynamoContext({
    tableName,
    ...(values.endpoint ? { endpoint: values.endpoint } : { region: config.region }),
  });
  try {
    const stored = await installZaloTokens({
      app: { appId: config.zalo.appId, appSecret },
      refreshToken,
      client: new ZaloApiClient(values['oauth-root'] ? { oauthBaseUrl: values['oauth-root'] } : {}),
      store: new DynamoZaloTokenStore(new DynamoStore(ctx), config.zalo.oaId),
      clock: { now: () => new Date() },
    });
    console.log(`Bảng: ${tableName}`);
    console.log(`OA ${config.zalo.oaId}: cặp token phiên bản ${stored.version} đã lưu`);
    console.log(`Access token hết hạn lúc ${stored.accessExpiresAt}; các hàm tự làm mới trước đó.`);
    return 0;
  } finally {
    ctx.client.destroy();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), process.env).then(
    (code) => process.exit(code),
    (error: unknown) => {
      // The error's name and message only: a Zalo answer never carries the secret, but a stack trace may hold arguments.
      console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
      process.exit(1);
    },
  );
}
