// Bot API errors of the emulator: the exact `{ ok: false, error_code, description, parameters }` Telegram answers with.

export interface ApiErrorBody {
  ok: false;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

export class BotApiError extends Error {
  constructor(
    readonly errorCode: number,
    readonly description: string,
    readonly retryAfter?: number,
  ) {
    super(description);
    this.name = 'BotApiError';
  }

  toBody(): ApiErrorBody {
    const body: ApiErrorBody = { ok: false, error_code: this.errorCode, description: this.description };
    if (this.retryAfter !== undefined) body.parameters = { retry_after: this.retryAfter };
    return body;
  }
}

export function badRequest(detail: string): BotApiError {
  return new BotApiError(400, `Bad Request: ${detail}`);
}

export function forbidden(detail: string): BotApiError {
  return new BotApiError(403, `Forbidden: ${detail}`);
}

export function tooManyRequests(retryAfter: number): BotApiError {
  return new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, retryAfter);
}

export function conflict(detail: string): BotApiError {
  return new BotApiError(409, `Conflict: ${detail}`);
}

export const UNAUTHORIZED = new BotApiError(401, 'Unauthorized');
export const METHOD_NOT_FOUND = new BotApiError(404, 'Not Found: method not found');
export const NOT_FOUND = new BotApiError(404, 'Not Found');
export const INTERNAL_SERVER_ERROR = new BotApiError(500, 'Internal Server Error');

/** The descriptions Telegram uses, kept in one place so tests and handlers agree on the wording. */
export const DESCRIPTIONS = {
  messageToEditNotFound: 'message to edit not found',
  messageToDeleteNotFound: 'message to delete not found',
  messageCantBeEdited: "message can't be edited",
  notModified:
    'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message',
  queryTooOld: 'query is too old and response timeout expired or query ID is invalid',
  messageTooLong: 'message is too long',
  captionTooLong: 'message caption is too long',
  textEmpty: 'message text is empty',
  buttonDataInvalid: 'BUTTON_DATA_INVALID',
  blocked: 'bot was blocked by the user',
  chatNotFound: 'chat not found',
} as const;
