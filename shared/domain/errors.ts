// domain: the small set of domain errors, mapped once to HTTP (functions/middleware) and once to bot replies (bot/).
// Each error carries its words twice, apart: Vietnamese in `message` (what people read: the API's `message`, the
// logs' masked text) and English in `en` (the API's `en`, for integrators); never one glued to the other.

export type RuleId = `R${number}`;

/** What an error says, in Vietnamese for people and in English for programs and integrators. */
export interface Words {
  vi: string;
  en: string;
}

export class DomainError extends Error {
  readonly code: string;
  /** The same message in English; `message` is the Vietnamese. */
  readonly en: string;
  constructor(code: string, words: Words, options?: { cause?: unknown }) {
    super(words.vi, options);
    this.code = code;
    this.en = words.en;
    this.name = new.target.name;
  }
}

/** Input did not match its schema; carries the zod issues. */
export class ValidationError extends DomainError {
  readonly issues: readonly unknown[];
  constructor(words: Words, issues: readonly unknown[] = []) {
    super('validation_failed', words);
    this.issues = issues;
  }
}

export class UnauthorizedError extends DomainError {
  constructor(words: Words = { vi: 'Cần đăng nhập', en: 'Authentication required' }) {
    super('unauthorized', words);
  }
}

export class ForbiddenError extends DomainError {
  constructor(words: Words = { vi: 'Đồng chí không có quyền làm việc này', en: 'Not allowed' }) {
    super('forbidden', words);
  }
}

/** The things a request may name that can be missing, as each language names them. */
export const THINGS = {
  committee: { vi: 'đơn vị', en: 'Committee' },
  residence_committee: { vi: 'cấp ủy nơi cư trú', en: 'Residence committee' },
  workplace_committee: { vi: 'cấp ủy nơi công tác', en: 'Workplace committee' },
  reporting_committee: { vi: 'đơn vị báo cáo', en: 'Reporting committee' },
  meeting: { vi: 'cuộc họp', en: 'Meeting' },
  member: { vi: 'đảng viên', en: 'Member' },
  residence_member: { vi: 'đảng viên của cấp ủy nơi cư trú này', en: 'Member of this residence committee' },
  invitation: { vi: 'giấy mời', en: 'Invitation' },
  staff: { vi: 'cán bộ', en: 'Staff' },
  staff_assignment: { vi: 'phân công cán bộ', en: 'Staff assignment' },
  report: { vi: 'báo cáo kết quả năm', en: 'Annual report' },
  comment: { vi: 'ý kiến', en: 'Comment' },
  minutes: { vi: 'biên bản', en: 'Minutes' },
  addendum: { vi: 'phụ lục', en: 'Addendum' },
  absence_notice: { vi: 'thông báo đi vắng', en: 'Absence notice' },
  link_request: { vi: 'yêu cầu liên kết', en: 'Link request' },
  introduction: { vi: 'giấy giới thiệu', en: 'Introduction' },
  evaluation_draft: { vi: 'bản nhận xét đang soạn', en: 'Evaluation draft' },
  deletion_request: { vi: 'yêu cầu xoá dữ liệu', en: 'Deletion request' },
  submitted_evaluation: { vi: 'bản nhận xét đã gửi', en: 'Submitted evaluation' },
  hamlet: { vi: 'ấp (khu vực)', en: 'Hamlet' },
  hamlet_members: { vi: 'đảng viên của ấp (khu vực) này', en: 'Members of this hamlet' },
} as const satisfies Record<string, Words>;
export type Thing = keyof typeof THINGS;

export class NotFoundError extends DomainError {
  readonly what: Thing;
  /** `hint`: what to do about it, appended to both texts. */
  constructor(what: Thing, hint?: Words) {
    const t = THINGS[what];
    super('not_found', {
      vi: `Không tìm thấy ${t.vi}${hint ? `; ${hint.vi}` : ''}`,
      en: `${t.en} not found${hint ? `; ${hint.en}` : ''}`,
    });
    this.what = what;
  }
}

/**
 * Why a change cannot be made in the record's present state. One list, so the HTTP mapping and the bot's replies
 * (bot/errors.ts, a record over every code) cannot miss one.
 */
export const CONFLICT_CODES = [
  'conflict',
  'stale_version',
  'in_progress',
  'request_in_progress',
  'idempotency_key_reused',
  'duplicate_id',
  'invalid_cursor',
  'closed',
  'cycle',
  'has_children',
  'tree_too_deep',
  'member_exists',
  'active_introduction',
  'introduction_exists',
  'no_letter_signer',
  'meeting_exists',
  'meeting_started',
  'meeting_not_yet',
  'meeting_held',
  'meeting_cancelled',
  'invitation_in_flight',
  'recorded_present',
  'no_absence',
  'absence_decided',
  'minutes_signing',
  'minutes_signed',
  'minutes_sealed',
  'minutes_not_sealed',
  'addendum_pending',
  'addendum_signed',
  'evaluation_submitted',
  'evaluation_signed',
  'not_reporting',
  'report_conflict',
  'nothing_to_print',
  'deletion_not_yet',
] as const;
export type ConflictCode = (typeof CONFLICT_CODES)[number];

/** A write lost a race (stale version), would duplicate a unique record, or the record's state forbids it. */
export class ConflictError extends DomainError {
  declare readonly code: ConflictCode;
  readonly details?: Record<string, unknown>;
  constructor(words: Words, code: ConflictCode = 'conflict', details?: Record<string, unknown>) {
    super(code, words);
    if (details) this.details = details;
  }
}

/** A rule of the procedure (R1–R22) forbids the change; `rule` names it for programs, the message for people. */
export class RuleViolationError extends DomainError {
  readonly rule: RuleId;
  constructor(rule: RuleId, words: Words) {
    // The message says what the rule asks, in words; the code rides in `rule` for programs, never in text.
    super(`rule_${rule}`, words);
    this.rule = rule;
  }
}

/**
 * A refusal as data: what a queued task (issue 19: the webhook queues the bulk part) tells the chat that asked,
 * later and from another process. `errorOfRefusal` gives back the error, so the chat words it as it words
 * the same refusal raised in the webhook (bot/errors.ts).
 */
export type Refusal =
  | { kind: 'conflict'; code: ConflictCode; words: Words }
  | { kind: 'rule'; rule: RuleId; words: Words }
  | { kind: 'forbidden'; words: Words }
  | { kind: 'not_found'; what: Thing }
  | { kind: 'validation'; words: Words };

/** The refusal a domain error says, or undefined for a failure (which the queue retries). */
export function refusalOf(error: unknown): Refusal | undefined {
  if (!(error instanceof DomainError)) return undefined;
  const words = { vi: error.message, en: error.en };
  if (error instanceof ConflictError) return { kind: 'conflict', code: error.code, words };
  if (error instanceof RuleViolationError) return { kind: 'rule', rule: error.rule, words };
  if (error instanceof ForbiddenError) return { kind: 'forbidden', words };
  if (error instanceof NotFoundError) return { kind: 'not_found', what: error.what };
  if (error instanceof ValidationError) return { kind: 'validation', words };
  return undefined;
}

export function errorOfRefusal(refusal: Refusal): DomainError {
  switch (refusal.kind) {
    case 'conflict':
      return new ConflictError(refusal.words, refusal.code);
    case 'rule':
      return new RuleViolationError(refusal.rule, refusal.words);
    case 'forbidden':
      return new ForbiddenError(refusal.words);
    case 'not_found':
      return new NotFoundError(refusal.what);
    case 'validation':
      return new ValidationError(refusal.words);
  }
}
