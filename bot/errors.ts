// bot: the one place domain errors become bot replies (the HTTP side maps them in functions/middleware/errors.ts).
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  UnauthorizedError,
  ValidationError,
} from '../shared/domain/errors.js';
import type { Catalogue } from './i18n/index.js';

export function errorText(t: Catalogue, error: unknown): string {
  if (error instanceof ConflictError) {
    switch (error.code) {
      case 'meeting_started':
        return t.errors.meetingStarted;
      case 'meeting_exists':
        return t.errors.meetingExists;
      case 'absence_decided':
        return t.confirmations.alreadyDecided;
      case 'no_absence':
        return t.confirmations.noLongerAbsent;
      default:
        return t.errors.busy;
    }
  }
  if (error instanceof RuleViolationError) return t.errors.rule(error.rule);
  if (error instanceof ForbiddenError) return t.errors.forbidden;
  if (error instanceof NotFoundError) return t.errors.notFound;
  if (error instanceof ValidationError) return t.errors.invalid;
  if (error instanceof UnauthorizedError) return t.errors.notLinked;
  return t.errors.generic;
}

/** Errors users cause (and are told about), as opposed to failures worth an error log. */
export function isExpected(error: unknown): boolean {
  return (
    error instanceof ConflictError ||
    error instanceof RuleViolationError ||
    error instanceof ForbiddenError ||
    error instanceof NotFoundError ||
    error instanceof ValidationError ||
    error instanceof UnauthorizedError
  );
}
