// Public entry of the Zalo OA API emulator used by tests and, later, the local stack.
export {
  INVALID_APP_CREDENTIALS,
  INVALID_REFRESH_TOKEN,
  ZALO_ERRORS,
  type ZaloApiAnswer,
  type ZaloOAuthError,
  ZNS_ERRORS,
} from './errors.js';
export {
  DEFAULT_ZALO_RATE_LIMITS,
  type InjectedZaloFault,
  type ZaloEndpoint,
  type ZaloFaultSpec,
  type ZaloRateLimits,
} from './limits.js';
export { DEFAULT_ZALO_APP, ZaloEmulator, type ZaloEmulatorOptions } from './server.js';
// Every record: conversation, ZNS message, user, call, delivery, upload, user's file, token pair.
export type * from './types.js';
export { zaloEventMac } from './webhook-delivery.js';
