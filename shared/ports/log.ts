// ports: the structured log use cases write to (the adapter keeps allow-listed fields only: ids and counts).
export type LogValue = string | number | boolean | null | undefined;

export interface Log {
  info(message: string, fields?: Record<string, LogValue>): void;
  warn(message: string, fields?: Record<string, LogValue>): void;
  error(message: string, fields?: Record<string, LogValue>): void;
}

export const silentLog: Log = { info: () => undefined, warn: () => undefined, error: () => undefined };
