// channel (Zalo): public entry of the Zalo transport pieces (webhook checks, event parsing, dedup, API client, tokens).
export {
  EXPIRY_MARGIN_MS,
  REFRESH_LEASE_MS,
  ZaloAccessTokens,
  type ZaloAccessTokensDeps,
  ZaloTokenRefreshTimeoutError,
  ZaloTokensMissingError,
} from './access-tokens.js';
export {
  type RefreshedZaloTokens,
  ZALO_OAUTH_URL,
  ZALO_OPENAPI_URL,
  ZaloApiClient,
  type ZaloApiClientOptions,
  type ZaloAppCredentials,
  type ZaloFile,
  type ZaloQueryButton,
  type ZaloSentMessage,
} from './api-client.js';
export {
  ZALO_EVENT_SCOPE,
  ZALO_EVENT_TTL_SECONDS,
  zaloEventClaim,
  zaloEventKey,
} from './dedup.js';
export {
  ZaloApiError,
  ZaloRateLimitedError,
  ZaloTokenExpiredError,
  ZaloTokenRefreshError,
  ZaloTransportError,
  ZaloUserNotFollowingError,
} from './errors.js';
export { parseZaloEvent, type ZaloEvent } from './events.js';
export { readZaloWebhook, type ZaloInbound } from './inbound.js';
export {
  DEFAULT_ZALO_RATE_LIMIT_BACK_OFF,
  ZALO_WEBHOOK_RATE_LIMIT_BACK_OFF,
  ZaloOaApi,
  type ZaloOaApiOptions,
  type ZaloRateLimitBackOff,
} from './oa.js';
export {
  eventAge,
  isZaloSignatureValid,
  MAX_CLOCK_SKEW_MS,
  MAX_EVENT_AGE_MS,
  type ZaloWebhookSecrets,
  zaloMac,
} from './signature.js';
