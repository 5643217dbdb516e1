// chat: the one place domain errors become chat replies (the HTTP side maps them in functions/middleware/errors.ts).

import {
  type ConflictCode,
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  RuleViolationError,
  UnauthorizedError,
  ValidationError,
} from '../shared/domain/errors.js';
import { sentence } from '../shared/domain/wording.js';
import type { Catalogue } from './i18n/index.js';

type Reply = (t: Catalogue, error: ConflictError) => string;

/** The error's own words in the chat's language: every refusal already says what is wrong in both. */
const said: Reply = (t, error) => sentence(t.errors.said(wordsOf(error)));
/** A race lost to another change (or the same change still running): pressing again settles it. */
const busy: Reply = (t) => t.errors.busy;

/** Every conflict code has its reply: a new code does not compile until it is given one here. */
const CONFLICT_REPLIES: Record<ConflictCode, Reply> = {
  conflict: busy,
  stale_version: busy,
  in_progress: busy,
  request_in_progress: busy,
  idempotency_key_reused: busy,
  duplicate_id: said,
  invalid_cursor: (t) => t.errors.staleButton,
  closed: said,
  cycle: said,
  has_children: said,
  tree_too_deep: said,
  member_exists: said,
  active_introduction: said,
  introduction_exists: said,
  no_letter_signer: said,
  meeting_exists: (t) => t.errors.meetingExists,
  meeting_started: (t) => t.errors.meetingStarted,
  meeting_not_yet: said,
  meeting_held: said,
  meeting_cancelled: said,
  invitation_in_flight: busy,
  recorded_present: said,
  no_absence: (t) => t.confirmations.noLongerAbsent,
  absence_decided: (t) => t.confirmations.alreadyDecided,
  minutes_signing: said,
  minutes_signed: said,
  minutes_sealed: said,
  minutes_not_sealed: said,
  addendum_pending: said,
  addendum_signed: said,
  evaluation_submitted: said,
  evaluation_signed: said,
  not_reporting: said,
  report_conflict: busy,
  nothing_to_print: said,
  deletion_not_yet: said,
};

function wordsOf(error: DomainError): { vi: string; en: string } {
  return { vi: error.message, en: error.en };
}

export function errorText(t: Catalogue, error: unknown): string {
  if (error instanceof ConflictError) return (CONFLICT_REPLIES[error.code] ?? busy)(t, error);
  if (error instanceof RuleViolationError) return t.errors.rule(error.rule, t.errors.said(wordsOf(error)));
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
