// domain: the audit trail of reads of members' personal data (Law 91/2025; docs/privacy.md "Audit trail") — who
// read or exported a member's contact book or the text of an absence reason, when; how long that is kept.

/** What was read: a member's contact book (R7), or the free text of an absence reason (R9). */
export type AuditAction = 'contact_book.read' | 'absence_reason.read';

/** Where the read happened: an HTTP route or a bot screen. */
export type AuditSource = 'http' | 'bot';

/**
 * One read, by whom and of which member; never a name, a phone or the text itself (the trail must not become a
 * second copy of what it guards).
 */
export interface AuditEntry {
  id: string;
  at: string;
  /** The staff person who read, and the committee and role they acted for. */
  actorId: string;
  orgId: string;
  role: string;
  action: AuditAction;
  memberId: string;
  /** For an absence reason: the meeting it was given for. */
  meetingId?: string;
  source: AuditSource;
}

/**
 * Days an audit entry is kept: two years, as long as a member's records are kept after their contact ends
 * (privacy.ts, CONTACT_ENDED_KEPT_YEARS), so a complaint about a read can be answered as long as the data read
 * could be; then DynamoDB's TTL removes it.
 */
export const AUDIT_KEPT_DAYS = 730;

export function auditExpiresAt(at: Date): Date {
  return new Date(at.getTime() + AUDIT_KEPT_DAYS * 24 * 3600 * 1000);
}

/** The longest range one listing covers (a page of a year is plenty for an administrator's question). */
export const AUDIT_MAX_RANGE_DAYS = 366;
