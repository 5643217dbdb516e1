// Zalo OA API emulator: the error codes and answer shapes Zalo uses (sources in docs/zalo.md), kept in one place.

/** The OpenAPI answer: HTTP 200 with `error` 0 on success, a negative code otherwise (never an HTTP error status). */
export interface ZaloApiAnswer {
  error: number;
  message: string;
  data?: Record<string, unknown>;
}

/** OpenAPI (openapi.zalo.me) error codes the emulator answers with. */
export const ZALO_ERRORS = {
  rateLimited: { error: -32, message: 'Your OA reached limit call api' },
  attachmentExpired: { error: -100, message: 'attachment_id was expired' },
  sendFailed: { error: -200, message: 'Send message failed' },
  parameterExceedsLimit: { error: -210, message: 'Parameter exceeds allowable limit' },
  userNotFollowing: { error: -213, message: 'User has not followed OA' },
  accessTokenInvalid: { error: -216, message: 'Access token is invalid' },
  noRecentInteraction: { error: -230, message: 'User has not interacted with the OA in the past 7 days' },
} as const;

/**
 * ZNS (business.openapi.zalo.me/message/template) codes: Zalo Cloud's error page (zalo.cloud/zns/guidelines/
 * handle-error-code) for -100 to -109; -118 and -124 from integrations (docs/zalo.md).
 */
export const ZNS_ERRORS = {
  unknown: { error: -100, message: 'Unknown error' },
  phoneInvalid: { error: -108, message: 'Phone number invalid' },
  templateInvalid: { error: -109, message: 'Template ID invalid' },
  templateDataEmpty: { error: -111, message: 'Template data empty' },
  templateDataInvalid: { error: -112, message: 'Template data invalid' },
  accountNotExisted: { error: -118, message: 'Zalo account not existed' },
  accessTokenInvalid: { error: -124, message: 'Access token invalid' },
} as const;

/** `-201 <field> is invalid!`: Zalo puts the offending field in the message. */
export function invalidParameter(field: string): ZaloApiAnswer {
  return { error: -201, message: `${field} is invalid!` };
}

/** Answer of the OAuth server (oauth.zaloapp.com) when it refuses a token request. */
export interface ZaloOAuthError {
  error: number;
  error_name: string;
  error_description: string;
}

/**
 * -14014 is what Zalo answers a refresh token it does not accept (unknown, expired, or already spent: the pair
 * rotates and each refresh token works once). The code is seen in several public integrations, not in a page of
 * Zalo's own that we could read (docs/zalo.md); the wording below is ours.
 */
export const INVALID_REFRESH_TOKEN: ZaloOAuthError = {
  error: -14014,
  error_name: 'Invalid refresh token',
  error_description: 'Refresh token is invalid, expired or already used',
};

/** The emulator's own choice for a wrong app id or secret key (Zalo's code for it is not verified). */
export const INVALID_APP_CREDENTIALS: ZaloOAuthError = {
  error: -14002,
  error_name: 'Invalid app',
  error_description: 'app_id or secret_key is invalid',
};

export function success(data: Record<string, unknown>): ZaloApiAnswer {
  return { data, error: 0, message: 'Success' };
}
