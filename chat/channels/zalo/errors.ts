// channel (Zalo): typed failures of the Zalo OA API, so callers branch on a class, not on a number (codes in docs/zalo.md).

/** Zalo answered with a non-zero `error`. The message names the code and the endpoint only: no token, no text. */
export class ZaloApiError extends Error {
  constructor(
    readonly code: number,
    readonly endpoint: string,
    zaloMessage?: string,
  ) {
    super(`Zalo ${endpoint} answered error ${code}${zaloMessage ? ` (${zaloMessage})` : ''}`);
    this.name = 'ZaloApiError';
  }
}

/** -216 (access token invalid) or -220 (expired or removed): refresh the pair, then send again once. */
export class ZaloTokenExpiredError extends ZaloApiError {
  constructor(code: number, endpoint: string, zaloMessage?: string) {
    super(code, endpoint, zaloMessage);
    this.name = 'ZaloTokenExpiredError';
  }
}

/** -213: the user does not follow the OA; only a ZNS template (by phone) or the SMS path reaches them. */
export class ZaloUserNotFollowingError extends ZaloApiError {
  constructor(code: number, endpoint: string, zaloMessage?: string) {
    super(code, endpoint, zaloMessage);
    this.name = 'ZaloUserNotFollowingError';
  }
}

/** -32: the app or the OA reached its call limit; back off and retry. */
export class ZaloRateLimitedError extends ZaloApiError {
  constructor(code: number, endpoint: string, zaloMessage?: string) {
    super(code, endpoint, zaloMessage);
    this.name = 'ZaloRateLimitedError';
  }
}

/** Zalo (or a gateway before it) answered something that is not its JSON: an HTTP error, a page, nothing. */
export class ZaloTransportError extends Error {
  constructor(
    readonly endpoint: string,
    readonly httpStatus: number,
  ) {
    super(`Zalo ${endpoint} answered HTTP ${httpStatus} without a Zalo body`);
    this.name = 'ZaloTransportError';
  }
}

/**
 * The OAuth server refused the refresh (-14014: the refresh token is unknown, expired or already spent). Nothing
 * the bot can do fixes it: an administrator must authorise the OA again in the Zalo console. Alarm on it.
 */
export class ZaloTokenRefreshError extends Error {
  constructor(readonly code: number | undefined) {
    super(`Zalo refused to refresh the OA access token${code !== undefined ? ` (error ${code})` : ''}`);
    this.name = 'ZaloTokenRefreshError';
  }
}

export const TOKEN_EXPIRED_CODES: ReadonlySet<number> = new Set([-216, -220]);
/** ZNS (business.openapi.zalo.me) has its own code for a bad access token: -124 "Access token invalid". */
export const ZNS_TOKEN_INVALID_CODE = -124;
export const NOT_FOLLOWING_CODE = -213;
export const RATE_LIMITED_CODE = -32;

export function zaloErrorFor(code: number, endpoint: string, message?: string): ZaloApiError {
  if (TOKEN_EXPIRED_CODES.has(code) || (endpoint === 'zns' && code === ZNS_TOKEN_INVALID_CODE)) {
    return new ZaloTokenExpiredError(code, endpoint, message);
  }
  if (code === NOT_FOLLOWING_CODE) return new ZaloUserNotFollowingError(code, endpoint, message);
  if (code === RATE_LIMITED_CODE) return new ZaloRateLimitedError(code, endpoint, message);
  return new ZaloApiError(code, endpoint, message);
}
