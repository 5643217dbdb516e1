// domain: the October report of a residence committee to the level above (R22), and its sum over children.

import type { Committee, CommitteeKind, RuleSetId } from './committee.js';
import type { IsoDate } from './dates.js';
import type { Round } from './meeting.js';
import type { MemberCategory } from './member.js';
import { canonicalJson } from './minutes.js';
import type { CompiledNarrative } from './report-narrative.js';
import type { PartyTitle } from './roles.js';
import type { Proposal } from './rule-set.js';

export interface MeetingTally {
  round: Round;
  meetingId: string;
  invited: number;
  present: number;
  absentConfirmed: number;
  absentUnconfirmed: number;
  noReply: number;
  /** R4: absent under a confirmed exemption: not expected (absent from reports compiled before). */
  absentExempt?: number;
  /** R3: absent inside a travel notice's period: excused by the notice (absent from older reports). */
  absentTravelling?: number;
  /** The meeting's date (a residence committee's own report). */
  date?: IsoDate;
  /**
   * Attendance per hamlet (a residence committee's report) or per child committee (an aggregate), for the
   * chart of attendance rates; names are of places and committees, never of people.
   */
  units?: AttendanceUnit[];
}

export interface AttendanceUnit {
  id: string;
  name: string;
  invited: number;
  present: number;
}

export interface OctoberReportBody {
  members: {
    introduced: number;
    byWorkplaceKind: Partial<Record<CommitteeKind, number>>;
    byCategory: Partial<Record<MemberCategory, number>>;
    /** introduced = received + pending; received = active + ended. */
    received: number;
    pending: number;
    active: number;
    /** Introductions that ended (R7) during the year. */
    ended: number;
    exempt: number;
    travelling: number;
    students: number;
    armedForces: number;
  };
  meetings: MeetingTally[];
  evaluations: {
    /** Submitted evaluations of the year. */
    done: number;
    /** Active members owed an evaluation (R17) that is not submitted yet. */
    due: number;
    /** Evaluations saved as drafts, not yet submitted. */
    drafts: number;
    /** R17: owed and not submitted once the end of October has passed (absent from older reports). */
    missing?: number;
    /** R19: active members without a self-report once the rule set's date has passed (absent from older reports). */
    selfReportsMissing?: number;
    byProposal: Partial<Record<Proposal, number>>;
    /** Per criterion/duty key, counts per level or mark, e.g. { c1: { '1': 3, '2': 1 } }. */
    byLevel: Record<string, Record<string, number>>;
  };
  commendations: string[];
  criticisms: string[];
  /** R11: members who missed both meetings without a valid reason (member ids). */
  bothMeetingsMissed: string[];
}

export interface OctoberReport {
  orgId: string;
  year: number;
  /** Increases on every recompilation that changed the numbers; an identical recompilation keeps it. */
  version: number;
  compiledAt: string;
  /** A residence committee's own report, or the sum over the children of a district / board. */
  scope: 'residence' | 'aggregate';
  childOrgIds: string[];
  body: OctoberReportBody;
  /** Its number and symbol ("3-BC/ĐU"), given at the first compilation and kept by later versions. */
  number?: string;
  /**
   * The committee's narrative (assessment, difficulties, proposals) as it stood when compiled; absent when
   * none was written. An edit after compiling reaches the documents only with the next compilation.
   */
  narrative?: CompiledNarrative;
}

export function emptyReportBody(): OctoberReportBody {
  return {
    members: {
      introduced: 0,
      byWorkplaceKind: {},
      byCategory: {},
      received: 0,
      pending: 0,
      active: 0,
      ended: 0,
      exempt: 0,
      travelling: 0,
      students: 0,
      armedForces: 0,
    },
    meetings: [],
    evaluations: { done: 0, due: 0, drafts: 0, byProposal: {}, byLevel: {} },
    commendations: [],
    criticisms: [],
    bothMeetingsMissed: [],
  };
}

/** A meeting's tally before its first row: every line at zero. */
export function emptyMeetingTally(round: Round, meetingId: string): MeetingTally {
  return {
    round,
    meetingId,
    invited: 0,
    present: 0,
    absentConfirmed: 0,
    absentUnconfirmed: 0,
    noReply: 0,
    absentExempt: 0,
    absentTravelling: 0,
  };
}

function addCounts<K extends string>(
  into: Partial<Record<K, number>>,
  from: Partial<Record<K, number>>,
): void {
  for (const [k, v] of Object.entries(from) as [K, number][]) into[k] = (into[k] ?? 0) + v;
}

/** R22: the parent committee's report is the sum of its children's. Meetings are summed per round. */
export function sumReportBodies(bodies: readonly OctoberReportBody[]): OctoberReportBody {
  const total = emptyReportBody();
  const rounds = new Map<Round, MeetingTally>();
  for (const b of bodies) {
    const m = total.members;
    m.introduced += b.members.introduced;
    m.received += b.members.received;
    m.pending += b.members.pending;
    m.active += b.members.active;
    m.ended += b.members.ended ?? 0;
    m.exempt += b.members.exempt;
    m.travelling += b.members.travelling;
    m.students += b.members.students;
    m.armedForces += b.members.armedForces;
    addCounts(m.byWorkplaceKind, b.members.byWorkplaceKind);
    addCounts(m.byCategory, b.members.byCategory);
    for (const t of b.meetings) {
      const r = rounds.get(t.round) ?? emptyMeetingTally(t.round, `*.${t.round}`);
      r.invited += t.invited;
      r.present += t.present;
      r.absentConfirmed += t.absentConfirmed;
      r.absentUnconfirmed += t.absentUnconfirmed;
      r.noReply += t.noReply;
      r.absentExempt = (r.absentExempt ?? 0) + (t.absentExempt ?? 0);
      r.absentTravelling = (r.absentTravelling ?? 0) + (t.absentTravelling ?? 0);
      rounds.set(t.round, r);
    }
    total.evaluations.done += b.evaluations.done;
    total.evaluations.due += b.evaluations.due;
    total.evaluations.drafts += b.evaluations.drafts ?? 0;
    total.evaluations.missing = (total.evaluations.missing ?? 0) + (b.evaluations.missing ?? 0);
    total.evaluations.selfReportsMissing =
      (total.evaluations.selfReportsMissing ?? 0) + (b.evaluations.selfReportsMissing ?? 0);
    addCounts(total.evaluations.byProposal, b.evaluations.byProposal);
    for (const [key, counts] of Object.entries(b.evaluations.byLevel)) {
      total.evaluations.byLevel[key] ??= {};
      addCounts(total.evaluations.byLevel[key], counts);
    }
    total.commendations.push(...b.commendations);
    total.criticisms.push(...b.criticisms);
    total.bothMeetingsMissed.push(...b.bothMeetingsMissed);
  }
  total.meetings = [...rounds.values()].sort((a, b) => (a.round < b.round ? -1 : 1));
  total.commendations.sort();
  total.criticisms.sort();
  total.bothMeetingsMissed.sort();
  return total;
}

/** R22: recompiling with identical numbers stores no new version. */
export function sameReportBody(a: OctoberReportBody, b: OctoberReportBody): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** Attendance rate in whole percent (0 when nobody was invited). */
export function attendanceRate(present: number, invited: number): number {
  return invited === 0 ? 0 : Math.round((present / invited) * 100);
}

/** A member named in one of the report's lists, as the written report and the statistical form show them. */
export interface ListedMember {
  memberId: string;
  fullName: string;
  workplaceName: string;
}

/** Everything the XLSX statistical form and the PDF written report are drawn from. */
export interface ReportDocumentData {
  report: OctoberReport;
  committee: Pick<Committee, 'id' | 'name' | 'kind' | 'address'>;
  /** The committee reported to (R22), when it has one. */
  parent?: Pick<Committee, 'id' | 'name'>;
  /** The committee's rule set (labels of proposals; a board reports in the default one). */
  ruleSet: RuleSetId;
  /** Who the rule set says the report goes to ("Quận ủy, huyện ủy" …), when no parent is recorded. */
  reportsToVi: string;
  commendations: ListedMember[];
  criticisms: ListedMember[];
  bothMeetingsMissed: ListedMember[];
  /** The calendar date shown on the report (Asia/Ho_Chi_Minh). */
  issuedOn: IsoDate;
  /** Who signs on behalf of the committee (its bí thư, else a phó bí thư), when one is on record. */
  signer?: { name: string; title: PartyTitle };
  /** The report's number and symbol ("3-BC/ĐU"), once one was given to it. */
  number?: string;
}
