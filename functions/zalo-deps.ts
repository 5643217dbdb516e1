// composition root of the Zalo channel (issue 15): the OA's secrets, token store, API client, renderers, messenger,
// ZNS and files; the Zalo bot over them is the webhook's own (bot/lambda/bots.ts).
import { SSMClient } from '@aws-sdk/client-ssm';
import { ZaloFileSource } from '../chat/channels/zalo/files.js';
import {
  ZALO_WEBHOOK_RATE_LIMIT_BACK_OFF,
  ZaloAccessTokens,
  ZaloApiClient,
  ZaloOaApi,
  type ZaloWebhookSecrets,
} from '../chat/channels/zalo/index.js';
import { ZaloMessenger } from '../chat/channels/zalo/messenger.js';
import { ZaloOutbound } from '../chat/channels/zalo/outbound.js';
import { ZaloRenderer } from '../chat/channels/zalo/renderer.js';
import { ZaloZnsSender } from '../chat/channels/zalo/zns.js';
import type { DynamoStore } from '../shared/adapters/dynamodb/store.js';
import { DynamoZaloOutboundStore } from '../shared/adapters/dynamodb/zalo-outbound-store.js';
import { DynamoZaloTokenStore } from '../shared/adapters/dynamodb/zalo-token-store.js';
import { DEFAULT_OUTBOUND_SETTINGS, type ZaloConfig } from '../shared/config/zalo.js';
import type { Clock } from '../shared/ports/common.js';
import type { CallbackDataStore } from '../shared/ports/conversation.js';
import type { Log } from '../shared/ports/log.js';
import type { ZnsSender } from '../shared/ports/messaging.js';
import type { Metrics } from '../shared/ports/metrics.js';
import { readSecret } from './secrets.js';

export interface ZaloSecrets {
  /** The app's secret key: spends the refresh token. */
  appSecret: string;
  /** The OA secret key: checks the webhook's signature. */
  oaSecretKey: string;
}

export interface ZaloRuntime {
  /** Notices to Zalo chats (the channel router hands them here): replies inside the window, else proactive. */
  messenger: ZaloMessenger;
  oa: ZaloOaApi;
  /** Draws the webhook's own answers: they wait briefly past Zalo's call limit (its 10 s), notices wait long. */
  replies: ZaloRenderer;
  /** The reply window and the month's proactive count (chat/channels/zalo/outbound.ts). */
  outbound: ZaloOutbound;
  /** Approved ZNS templates to a phone; undefined when the stage has no template id configured. */
  zns: ZnsSender | undefined;
  webhook: ZaloWebhookSecrets;
  /** Files users send to the OA: their URL fetched only on Zalo's file hosts (or the emulator's root locally). */
  files: ZaloFileSource;
}

/** The two secrets: from the environment locally, from SSM SecureString parameters in AWS (like loadBotSecrets). */
export async function loadZaloSecrets(
  config: ZaloConfig,
  ssm: Pick<SSMClient, 'send'> = new SSMClient({}),
): Promise<ZaloSecrets> {
  const [appSecret, oaSecretKey] = await Promise.all([
    readSecret(ssm, config.appSecret, config.appSecretParameter, 'Zalo app secret'),
    readSecret(ssm, config.oaSecretKey, config.oaSecretKeyParameter, 'Zalo OA secret key'),
  ]);
  return { appSecret, oaSecretKey };
}

export interface ZaloRuntimeInput {
  config: ZaloConfig;
  secrets: ZaloSecrets;
  store: DynamoStore;
  clock: Clock;
  /** Long button data, stored under a token (the renderers pack the buttons). */
  callbackData: CallbackDataStore;
  log: Log;
  metrics?: Metrics;
  fetch?: typeof fetch;
}

export function createZaloRuntime(input: ZaloRuntimeInput): ZaloRuntime {
  const { config, secrets } = input;
  const client = new ZaloApiClient({
    apiBaseUrl: config.apiBaseUrl || undefined,
    oauthBaseUrl: config.oauthBaseUrl || undefined,
    znsBaseUrl: config.znsBaseUrl || undefined,
    fetch: input.fetch,
  });
  const tokens = new ZaloAccessTokens({
    store: new DynamoZaloTokenStore(input.store, config.oaId),
    refresher: client,
    app: { appId: config.appId, appSecret: secrets.appSecret },
    clock: input.clock,
    metrics: input.metrics,
  });
  // Past Zalo's call limit (-32) notices wait long (jobs), the webhook's answers briefly (its 10 s): oa.ts.
  const oa = new ZaloOaApi(client, tokens);
  const replyApi = new ZaloOaApi(client, tokens, { backOff: ZALO_WEBHOOK_RATE_LIMIT_BACK_OFF });
  const outbound = new ZaloOutbound({
    store: new DynamoZaloOutboundStore(input.store, config.oaId, () => input.clock.now()),
    clock: input.clock,
    settings: { ...DEFAULT_OUTBOUND_SETTINGS, ...config.outbound },
    metrics: input.metrics,
    log: input.log,
  });
  const renderer = new ZaloRenderer(oa, input.callbackData);
  const messenger = new ZaloMessenger(renderer, outbound);
  // Locally the emulator serves the files users send under its API root; in AWS no root is set.
  const files = new ZaloFileSource({
    ...(config.apiBaseUrl ? { trustedRoots: [config.apiBaseUrl] } : {}),
    fetch: input.fetch,
  });
  const templates = config.znsTemplates ?? {};
  const zns =
    templates.invitation || templates.reminder ? new ZaloZnsSender(oa, templates, input.log) : undefined;
  return {
    messenger,
    oa,
    // The webhook's own answers wait briefly past Zalo's call limit; notices (jobs) wait long.
    replies: new ZaloRenderer(replyApi, input.callbackData),
    outbound,
    zns,
    webhook: { appId: config.appId, oaSecretKey: secrets.oaSecretKey },
    files,
  };
}
