// ports: the structured log use cases and functions write to (the adapter keeps allow-listed fields only: ids and counts).
export type LogValue = string | number | boolean | null | undefined;

/**
 * One port for every writer of logs (use cases, bot features, handlers). `error` is what went wrong, if
 * anything: the adapter logs its name, its message and its stack, with any personal data masked.
 */
export interface Log {
  info(message: string, fields?: Record<string, LogValue>): void;
  warn(message: string, fields?: Record<string, LogValue>, error?: unknown): void;
  error(message: string, fields?: Record<string, LogValue>, error?: unknown): void;
}

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
