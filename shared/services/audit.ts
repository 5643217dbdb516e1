// use case: the audit trail of reads of members' personal data — written beside each read of a contact book or
// an absence reason's text, and listed for the administrator by committee and time range (Law 91/2025).
import { randomBytes } from 'node:crypto';
import { isInAdminSubtree } from '../domain/administration.js';
import {
  AUDIT_MAX_RANGE_DAYS,
  type AuditAction,
  type AuditEntry,
  type AuditSource,
} from '../domain/audit.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.js';
import type { Principal } from '../domain/roles.js';
import type { AuditRepository } from '../ports/audit.js';
import type { Clock } from '../ports/common.js';
import type { CommitteeRepository } from '../ports/repositories.js';
import { lineageOf } from './committees.js';

export interface AuditPorts {
  audit: AuditRepository;
  clock: Clock;
}

export interface AuditedRead {
  action: AuditAction;
  memberId: string;
  meetingId?: string;
}

/**
 * Records that `principal` read these members' data (one entry per member and meeting). Called after the
 * read succeeded: a refused read showed nothing. Members reading their own data are not audited.
 */
export async function recordReads(
  principal: Principal,
  reads: readonly AuditedRead[],
  source: AuditSource,
  ports: AuditPorts,
): Promise<void> {
  if (principal.role === 'member' || reads.length === 0) return;
  const at = ports.clock.now().toISOString();
  await ports.audit.record(
    reads.map((r) => ({
      id: randomBytes(6).toString('base64url'),
      at,
      actorId: principal.sub,
      orgId: principal.orgId,
      role: principal.role,
      action: r.action,
      memberId: r.memberId,
      meetingId: r.meetingId || undefined,
      source,
    })),
  );
}

/** The reads made for a committee in a time range, for an administrator whose subtree holds it. */
export async function auditTrail(
  principal: Principal,
  orgId: string,
  range: { from: string; to: string },
  ports: { audit: AuditRepository; committees: Pick<CommitteeRepository, 'get'> },
  limit = 500,
): Promise<AuditEntry[]> {
  const committee = await ports.committees.get(orgId);
  if (!committee) throw new NotFoundError('committee');
  if (!isInAdminSubtree(principal, await lineageOf(ports, committee))) {
    throw new ForbiddenError({
      vi: 'Chỉ quản trị viên của cấp ủy cấp trên xem được nhật ký truy cập',
      en: 'Administrators only',
    });
  }
  const from = new Date(range.from);
  const to = new Date(range.to);
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime()) || from > to) {
    throw new ValidationError({ vi: 'Khoảng thời gian không hợp lệ', en: 'from must be before to' });
  }
  if (to.getTime() - from.getTime() > AUDIT_MAX_RANGE_DAYS * 24 * 3600 * 1000) {
    throw new ValidationError({
      vi: `Khoảng thời gian tối đa ${AUDIT_MAX_RANGE_DAYS} ngày`,
      en: `The range is at most ${AUDIT_MAX_RANGE_DAYS} days`,
    });
  }
  return ports.audit.list(orgId, from.toISOString(), to.toISOString(), limit);
}
