// adapter: the Log port on Powertools Logger, with our allow-list as its formatter — JSON lines that carry the
// invocation (request id, cold start, correlation id) and ids and counts only: names, phones and reasons never reach a log.
import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import type { Context } from 'aws-lambda';
import { DomainError } from '../domain/errors.js';
import type { Log, LogValue } from '../ports/log.js';

/** The service every line names when POWERTOOLS_SERVICE_NAME is not set (the local stack, tests). */
export const LOCAL_SERVICE_NAME = 'lienhe-local';

/** Only these fields pass; anything else a caller passes is dropped, so personal data cannot slip in. */
export const ALLOWED_FIELDS: ReadonlySet<string> = new Set([
  'route',
  'method',
  'status',
  'code',
  'rule',
  'durationMs',
  'orgId',
  'memberId',
  'staffId',
  'meetingId',
  'introductionId',
  'eventId',
  'eventType',
  'jobId',
  'messageId',
  'count',
  'sent',
  'failed',
  'retryAfter',
  'updateId',
  'updateType',
  'attempt',
  'errorName',
  'year',
  'version',
  // Delivery paths (shared/domain/delivery.ts pathFields) and allowances: counts and channel names only.
  'channel',
  'noticeKind',
  'needed',
  'remaining',
  'viaTelegram',
  'viaZalo',
  'viaZns',
  'viaSms',
]);

/** The key Powertools' `setCorrelationId` writes and our formatter keeps. */
const CORRELATION_KEY = 'correlation_id';

// A foreign error's message may quote its input (JSON.parse does: `Unexpected token 'N', "Nguyễn Văn"…`),
// so it is masked: quoted text that is not an identifier, long digit runs (phones, party cards) and words
// with non-ASCII letters (Vietnamese names and reasons). Fixed-text messages (the AWS SDK's "The conditional
// request failed", TypeError's "Cannot read properties of undefined (reading 'x')") come through whole.
const QUOTED = /(["'`])([^"'`\n]*)\1/g;
const IDENTIFIER = /^[A-Za-z_$][\w$.:-]{0,63}$/;
const DIGITS = /\+?\d(?:[\s.-]?\d){5,}/g;
const NON_ASCII_WORD = /\S*[^ -~\s…]\S*/g;
const MASK = '…';

export function maskForeignText(text: string): string {
  return text
    .replace(QUOTED, (whole, quote: string, inner: string) =>
      inner === '' || IDENTIFIER.test(inner) ? whole : `${quote}${MASK}${quote}`,
    )
    .replace(DIGITS, MASK)
    .replace(NON_ASCII_WORD, MASK);
}

const SAFE_CODE = /^[\w.:-]{1,64}$/;

export interface SafeError {
  name: string;
  message: string;
  stack?: string;
  code?: string;
  cause?: SafeError;
}

/**
 * Name, message and stack of an error, and nothing else it carries (an AWS SDK error may hold the item
 * that failed its condition). Our domain errors' messages are fixed text with ids and counts (reviewed
 * in shared/domain/errors.ts and their call sites), so they are kept; any other error's message is masked.
 */
export function safeError(error: unknown, depth = 0): SafeError {
  if (!(error instanceof Error)) return { name: typeof error, message: MASK };
  const ours = error instanceof DomainError;
  const name = IDENTIFIER.test(error.name) ? error.name : 'Error';
  const message = ours ? error.message : maskForeignText(error.message);
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  const code = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  return {
    name,
    message,
    ...(depth === 0 && frames.length > 0 ? { stack: [`${name}: ${message}`, ...frames].join('\n') } : {}),
    ...(typeof code === 'string' && SAFE_CODE.test(code) ? { code } : {}),
    ...(cause !== undefined && depth < 3 ? { cause: safeError(cause, depth + 1) } : {}),
  };
}

const isPlain = (v: unknown): v is string | number | boolean =>
  typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Powertools' formatter, allow-listed: the invocation's standard keys, the correlation id, our allowed
 * fields (plain values only) and a safe form of `error`. Everything else is dropped.
 */
export class AllowListLogFormatter extends LogFormatter {
  override formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = attributes.lambdaContext;
    const base: LogAttributes = {
      level: attributes.logLevel,
      message: attributes.message,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      cold_start: context?.coldStart,
      function_name: context?.functionName,
      function_request_id: context?.awsRequestId,
      xray_trace_id: attributes.xRayTraceId,
    };
    const correlation = additional[CORRELATION_KEY];
    if (isPlain(correlation)) base[CORRELATION_KEY] = correlation;
    for (const [key, value] of Object.entries(additional)) {
      if (ALLOWED_FIELDS.has(key) && isPlain(value)) base[key] = value;
    }
    if (additional.error !== undefined) base.error = safeError(additional.error);
    return new LogItem({ attributes: base });
  }

  override formatError(error: Error): LogAttributes {
    return { ...safeError(error) };
  }
}

export type LogSink = (line: string) => void;

/** Powertools' Logger, printing each line to a sink when one is given (tests capture lines, the local stack prints them). */
class SinkLogger extends Logger {
  readonly #sink: LogSink | undefined;
  constructor(options: ConstructorParameters<typeof Logger>[0], sink: LogSink | undefined) {
    super(options);
    this.#sink = sink;
  }
  protected override printLog(logLevel: number, log: LogItem): void {
    if (!this.#sink) {
      super.printLog(logLevel, log);
      return;
    }
    log.prepareForPrint();
    this.#sink(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }
}

/** The Log port plus what a Lambda entry does around each invocation (functions/ and local/ only). */
export interface FunctionLog extends Log {
  /** The request id, function name and cold start (and a correlation id, if known) go on every line until `endInvocation`. */
  startInvocation(context: Context | undefined, correlationId?: string | number): void;
  /** The id that ties this invocation's lines to what caused it (an update id, a message or event id, a job run). */
  correlate(correlationId: string | number | undefined): void;
  endInvocation(): void;
  /** For Powertools' own middy middleware (`injectLambdaContext`) in the HTTP chain. */
  readonly powertools: Logger;
}

export interface LoggerOptions {
  /** Default: POWERTOOLS_SERVICE_NAME, else `lienhe-local`. */
  serviceName?: string;
}

/** One per runtime (the composition root builds it): Powertools Logger with the allow-list formatter. */
export function createLogger(sink?: LogSink, options: LoggerOptions = {}): FunctionLog {
  const serviceName = options.serviceName ?? (process.env.POWERTOOLS_SERVICE_NAME || LOCAL_SERVICE_NAME);
  const logger = new SinkLogger({ serviceName, logFormatter: new AllowListLogFormatter() }, sink);
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields: Record<string, LogValue> = {}, error?: unknown) => {
      logger[level](message, error === undefined ? fields : { ...fields, error });
    };
  return {
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    powertools: logger,
    startInvocation(context, correlationId) {
      logger.resetKeys();
      if (context) logger.addContext(context);
      if (correlationId !== undefined) logger.setCorrelationId(String(correlationId));
    },
    correlate(correlationId) {
      if (correlationId === undefined) logger.removeKeys([CORRELATION_KEY]);
      else logger.setCorrelationId(String(correlationId));
    },
    endInvocation() {
      logger.resetKeys();
    },
  };
}
