// local: the command line the Telegram and Zalo emulators share — the flags both take (--port, --host,
// --no-rate-limits) and stopping cleanly on Ctrl-C or a TERM, so the port is free again at once.

/** The flags both emulators' command lines take; each adds its own beside them. */
export const COMMON_CLI_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'no-rate-limits': { type: 'boolean' },
} as const;

/** The emulator options the common flags ask for (nothing for a flag not given). */
export function commonEmulatorOptions(values: {
  port?: string | undefined;
  host?: string | undefined;
  'no-rate-limits'?: boolean | undefined;
}): { port?: number; host?: string; rateLimits?: false } {
  return {
    ...(values.port ? { port: Number(values.port) } : {}),
    host: values.host || undefined,
    ...(values['no-rate-limits'] ? { rateLimits: false as const } : {}),
  };
}

/** On SIGINT or SIGTERM: stops the emulator and exits, 0 once stopped, 1 when stopping failed. */
export function stopOnSignals(emulator: { stop(): Promise<void> }): void {
  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
