// adapter: structured JSON logs that carry ids and counts only: names, phones and reasons never reach a log.

type Safe = string | number | boolean | null | undefined;
/** Only these keys are written; anything else a caller passes is dropped, so personal data cannot slip in. */
const ALLOWED = new Set([
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
]);

export interface Logger {
  info(message: string, fields?: Record<string, Safe>): void;
  warn(message: string, fields?: Record<string, Safe>): void;
  error(message: string, fields?: Record<string, Safe>): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink = (line) => process.stdout.write(`${line}\n`)): Logger {
  const write = (level: string, message: string, fields: Record<string, Safe> = {}) => {
    const safe: Record<string, Safe> = {};
    for (const [k, v] of Object.entries(fields)) if (ALLOWED.has(k)) safe[k] = v;
    sink(JSON.stringify({ level, message, time: new Date().toISOString(), ...safe }));
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

export const logger = createLogger();
