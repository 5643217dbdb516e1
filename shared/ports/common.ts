// ports: small shared contracts (paging, time, ids) that use cases receive instead of reaching for globals.

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. Absent on the last page. */
  cursor?: string;
}

/**
 * Reads a value back from storage: a zod schema fits (its `safeParse`), without tying the ports to zod. A value it
 * refuses is reported by the adapter with the key that holds it, never cast.
 */
export interface Parser<T> {
  safeParse(
    value: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: readonly { path: readonly PropertyKey[] }[] } };
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique, URL-safe id, roughly time-ordered. */
  next(prefix?: string): string;
}

export const systemClock: Clock = { now: () => new Date() };
