// middleware: maps domain errors to HTTP once: { error: { code, message, en, issues?, rule? } } — `message` in
// Vietnamese (what a client shows people), `en` the same in English.
import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createLogger } from '../../shared/adapters/logger.js';
import {
  ConflictError,
  DomainError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  UnauthorizedError,
  ValidationError,
} from '../../shared/domain/errors.js';
import type { Log } from '../../shared/ports/log.js';

export interface ErrorBody {
  error: { code: string; message: string; en: string; issues?: readonly unknown[]; rule?: string };
}

export function jsonResponse(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function errorResponse(error: unknown): APIGatewayProxyStructuredResultV2 {
  const body = (status: number, e: ErrorBody['error']) =>
    jsonResponse(status, { error: e } satisfies ErrorBody);
  const words = (e: DomainError) => ({ code: e.code, message: e.message, en: e.en });
  if (error instanceof ValidationError) return body(400, { ...words(error), issues: error.issues });
  if (error instanceof UnauthorizedError) return body(401, words(error));
  if (error instanceof ForbiddenError) return body(403, words(error));
  if (error instanceof NotFoundError) return body(404, words(error));
  if (error instanceof ConflictError) return body(409, words(error));
  if (error instanceof RuleViolationError) {
    return body(422, { ...words(error), code: 'rule_violation', rule: error.rule });
  }
  if (error instanceof DomainError) return body(400, words(error));
  return body(500, { code: 'internal', message: 'Lỗi hệ thống; hãy thử lại sau', en: 'Internal error' });
}

export interface HttpErrorsOptions {
  /** The runtime's log, read when an error happens (the composition root is built at the first request). */
  logger: () => Log;
}

let fallback: Log | undefined;
/** The runtime's log, or (when the composition root itself cannot be built) one of our own, so the 500 is still logged. */
function logOf(options: HttpErrorsOptions): Log {
  try {
    return options.logger();
  } catch {
    fallback ??= createLogger();
    return fallback;
  }
}

/** Middy middleware: the one place an error becomes an HTTP answer. */
export function httpErrors(
  options: HttpErrorsOptions,
): MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2> {
  const onError: MiddlewareObj<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>['onError'] = (
    request,
  ) => {
    const response = errorResponse(request.error);
    if (response.statusCode === 500) {
      // Name, message and stack: the log adapter masks what a foreign error's message may quote of the input.
      logOf(options).error(
        'unhandled error',
        { route: request.event.routeKey, errorName: (request.error as Error)?.name },
        request.error,
      );
    }
    request.response = response;
  };
  return { onError };
}
