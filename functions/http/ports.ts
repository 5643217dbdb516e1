// composition: the use cases' ports, picked from the process-wide dependencies.

import { randomCode } from '../../shared/adapters/ids.js';
import type { CommentSheetRenderer } from '../../shared/ports/comment-sheet-pdf.js';
import type { CommentSheetPorts } from '../../shared/services/comment-sheets.js';
import type { CommitteePorts } from '../../shared/services/committees.js';
import type { ContactBookPorts } from '../../shared/services/contact-book.js';
import type { IntroductionPorts } from '../../shared/services/introductions.js';
import type { ReportPorts } from '../../shared/services/october-report.js';
import type { StaffAdminPorts } from '../../shared/services/staff-assignments.js';
import type { AppDeps } from '../deps.js';

export function introductionPorts(deps: AppDeps): IntroductionPorts {
  const { committees, members, introductions, staff, counters } = deps.repos;
  return { committees, members, introductions, staff, counters, clock: deps.clock, ids: deps.ids };
}

export function contactBookPorts(deps: AppDeps): ContactBookPorts {
  const { committees, members, introductions, invitations, comments, evaluations, yearEnd } = deps.repos;
  return {
    committees,
    members,
    introductions,
    invitations,
    comments,
    evaluations,
    yearEnd,
    clock: deps.clock,
  };
}

export function committeePorts(deps: AppDeps): CommitteePorts {
  return { committees: deps.repos.committees, clock: deps.clock };
}

/** `newCode`: the link code's generator (8 characters of the code alphabet unless a test gives one). */
export function staffAdminPorts(deps: AppDeps, newCode = () => randomCode(8)): StaffAdminPorts {
  const { committees, staff, chatLinks } = deps.repos;
  return { committees, staff, chatLinks, identity: deps.identity, clock: deps.clock, ids: deps.ids, newCode };
}

/** The printed comment sheets: the evaluations' reads, the signers on record, and the PDF renderer. */
export function commentSheetPorts(deps: AppDeps, sheets: CommentSheetRenderer): CommentSheetPorts {
  const { committees, members, introductions, evaluations, staff } = deps.repos;
  return { committees, members, introductions, evaluations, staff, clock: deps.clock, sheets };
}

/** The October report's reads and writes (R22): the scheduled job's compile and a chat's report task alike. */
export function reportPorts(deps: AppDeps): ReportPorts {
  const r = deps.repos;
  return {
    committees: r.committees,
    members: r.members,
    introductions: r.introductions,
    meetings: r.meetings,
    invitations: r.invitations,
    evaluations: r.evaluations,
    reports: r.reports,
    staff: r.staff,
    counters: r.counters,
    yearEnd: r.yearEnd,
    clock: deps.clock,
    metrics: deps.metrics,
  };
}
