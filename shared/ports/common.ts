// ports: small shared contracts (paging, time, ids) that use cases receive instead of reaching for globals.

export interface Page<T> {
  items: T[];
  /** Opaque; pass it back to get the next page. Absent on the last page. */
  cursor?: string;
}

export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new unique, URL-safe id, roughly time-ordered. */
  next(prefix?: string): string;
}

export const systemClock: Clock = { now: () => new Date() };
