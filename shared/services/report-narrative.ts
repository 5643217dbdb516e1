// use case: the report's narrative (R22) — the reporting committee's staff write its three sections
// (assessment, difficulties, proposals) before compiling; anyone who may read the report reads it.
import { isResidenceStaffOf } from '../domain/access.js';
import type { Committee } from '../domain/committee.js';
import { ConflictError, ForbiddenError } from '../domain/errors.js';
import { type NarrativeTexts, narrativeAfterEdit, type ReportNarrative } from '../domain/report-narrative.js';
import type { Principal } from '../domain/roles.js';
import type { Clock } from '../ports/common.js';
import type { CommitteeRepository, ReportRepository } from '../ports/repositories.js';
import { assertReportAccess, reportingCommittee } from './october-report.js';

export interface NarrativePorts {
  committees: CommitteeRepository;
  reports: Pick<ReportRepository, 'getNarrative' | 'saveNarrative'>;
  clock: Clock;
}

/** A narrative as read: the stored one, or an empty one (version 0) when nothing is written yet. */
export type NarrativeView = Omit<ReportNarrative, 'updatedBy' | 'updatedAt'> &
  Partial<Pick<ReportNarrative, 'updatedBy' | 'updatedAt'>>;

export interface SaveNarrativeOutcome {
  narrative: ReportNarrative;
  /** False when the save changed nothing (the same texts sent again). */
  changed: boolean;
}

/** Stale-version retries of a save racing another one (the bot's and the web's, say). */
const SAVE_ATTEMPTS = 3;

/**
 * Who writes the narrative: the committee's own staff who compile its report — a residence committee's
 * residence staff, chair and secretary; a board's board staff. Viewers and the boards above only read it
 * (in the report they receive).
 */
export function mayWriteNarrative(principal: Principal, committee: Pick<Committee, 'id' | 'kind'>): boolean {
  if (committee.kind === 'residence') return isResidenceStaffOf(principal, committee.id);
  return committee.kind === 'board' && principal.role === 'board_staff' && principal.orgId === committee.id;
}

/**
 * R22: saves one or more sections of the committee's narrative for the year (the others are kept). The
 * same texts sent again store nothing (idempotent under retries); a stale version is read again and the
 * edit reapplied.
 */
export async function saveReportNarrative(
  ports: NarrativePorts,
  principal: Principal,
  input: { orgId: string; year: number; sections: NarrativeTexts },
): Promise<SaveNarrativeOutcome> {
  const committee = await reportingCommittee(ports, input.orgId);
  if (!mayWriteNarrative(principal, committee)) {
    throw new ForbiddenError({
      vi: 'Chỉ cấp ủy lập báo cáo viết phần đánh giá, kiến nghị',
      en: 'Only the reporting committee’s staff write the narrative',
    });
  }
  for (let attempt = 1; ; attempt += 1) {
    const existing = await ports.reports.getNarrative(committee.id, input.year);
    const next = narrativeAfterEdit(existing, input.sections, {
      orgId: committee.id,
      year: input.year,
      by: principal.sub,
      now: ports.clock.now(),
    });
    if (!next && existing) return { narrative: existing, changed: false };
    if (!next) throw new Error('unreachable: an edit of no stored narrative always changes it');
    try {
      await ports.reports.saveNarrative(next, existing?.version ?? 0);
      return { narrative: next, changed: true };
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= SAVE_ATTEMPTS) throw error;
    }
  }
}

/** The committee's narrative for the year, for whoever may read its report; empty (version 0) when none. */
export async function getReportNarrative(
  ports: Pick<NarrativePorts, 'committees' | 'reports'>,
  principal: Principal,
  input: { orgId: string; year: number },
): Promise<NarrativeView> {
  const committee = await reportingCommittee(ports, input.orgId);
  await assertReportAccess(ports, principal, committee, 'read');
  return (
    (await ports.reports.getNarrative(committee.id, input.year)) ?? {
      orgId: committee.id,
      year: input.year,
      version: 0,
    }
  );
}
