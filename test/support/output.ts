// Test support: what the process writes to stdout and stderr (where Lambda's logs and EMF metrics go), captured
// while it still reaches the terminal.

export interface CapturedOutput {
  /** Everything written so far, in order, as text. */
  text(): string;
  /** The JSON lines written so far, parsed. */
  json(): Record<string, unknown>[];
  restore(): void;
}

export function captureOutput(
  streams: readonly ('stdout' | 'stderr')[] = ['stdout', 'stderr'],
): CapturedOutput {
  const chunks: string[] = [];
  const restores = streams.map((name) => {
    const stream = process[name];
    const real = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return (real as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    return () => {
      stream.write = real;
    };
  });
  const text = () => chunks.join('');
  return {
    text,
    json: () =>
      text()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    restore: () => {
      for (const restore of restores) restore();
    },
  };
}
