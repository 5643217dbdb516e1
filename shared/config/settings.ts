// config: parsing settings from the environment. Each settings schema has the shape the code uses (its type is
// inferred from it); a table names the variable behind each field, so an error says what the operator sets.
import type * as z from 'zod';

/** The environment variable behind each field of a settings object, by the field's dotted path. */
export type Sources = Readonly<Record<string, string>>;

/** `env[variable]`, with an empty value read as unset (a cleared variable falls back to the default). */
export function fromEnv<S extends Sources>(env: NodeJS.ProcessEnv, sources: S) {
  return (field: keyof S & string): string | undefined => env[sources[field] ?? ''] || undefined;
}

/** Parses `input` with `schema`, or throws an error naming each bad variable and what it needs. */
export function parseSettings<S extends z.ZodType>(schema: S, sources: Sources, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const named = parsed.error.issues.map((i) => {
    const field = i.path.join('.');
    return `${sources[field] ?? field}: ${i.message}`;
  });
  throw new Error(`The environment is not valid: ${named.join('; ')}`);
}
