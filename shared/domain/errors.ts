// domain: the small set of domain errors, mapped once to HTTP (functions/middleware) and once to bot replies (bot/).

export type RuleId = `R${number}`;

export class DomainError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Input did not match its schema; carries the zod issues. */
export class ValidationError extends DomainError {
  readonly issues: readonly unknown[];
  constructor(message: string, issues: readonly unknown[] = []) {
    super('validation_failed', message);
    this.issues = issues;
  }
}

export class UnauthorizedError extends DomainError {
  constructor(message = 'Authentication required') {
    super('unauthorized', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message = 'Not allowed') {
    super('forbidden', message);
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super('not_found', `${what} not found`);
  }
}

/** A write lost a race (stale version) or would duplicate a unique record. */
export class ConflictError extends DomainError {
  readonly details?: Record<string, unknown>;
  constructor(message: string, code = 'conflict', details?: Record<string, unknown>) {
    super(code, message);
    if (details) this.details = details;
  }
}

/** A rule of the procedure (R1–R22) forbids the change; `rule` names it for programs, the message for people. */
export class RuleViolationError extends DomainError {
  readonly rule: RuleId;
  constructor(rule: RuleId, message: string) {
    // The message says what the rule asks, in words; the code rides in `rule` for programs, never in text.
    super(`rule_${rule}`, message);
    this.rule = rule;
  }
}
