// use case: the October report (R22) — compiled per residence committee by streaming paged Queries, summed
// for each parent (a district, or the city board in the two-tier structure), stored as versioned JSON.

import { isResidenceStaffOf } from '../domain/access.js';
import { sortByVietnameseName } from '../domain/collation.js';
import { type Committee, type CommitteeKind, ruleSetOf } from '../domain/committee.js';
import { localDate } from '../domain/dates.js';
import { deadlineOf } from '../domain/deadlines.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { DomainEvent } from '../domain/events.js';
import { INTRODUCTION_STATUSES, type Introduction } from '../domain/introduction.js';
import { letterSigner } from '../domain/introduction-letter.js';
import type { Invitation } from '../domain/invitation.js';
import { canonicalJson } from '../domain/minutes.js';
import {
  emptyReportBody,
  type ListedMember,
  type MeetingTally,
  type OctoberReport,
  type OctoberReportBody,
  type ReportDocumentData,
  sameReportBody,
  sumReportBodies,
} from '../domain/report.js';
import {
  type CountRules,
  countAbsentee,
  countActiveMember,
  countAttendance,
  countEvaluation,
  countRecordedMember,
  finishReportBody,
  needsCommentRequest,
  newMeetingTally,
} from '../domain/report-counting.js';
import { compiledNarrative } from '../domain/report-narrative.js';
import { isStaff, type Principal } from '../domain/roles.js';
import { RULE_SETS } from '../domain/rule-set.js';
import { isIntroductionInYear, type MeetingOutcome, referenceDate } from '../domain/year-end.js';
import type { Clock } from '../ports/common.js';
import type { Metrics } from '../ports/metrics.js';
import type {
  CommitteeRepository,
  CounterRepository,
  EvaluationRepository,
  IntroducedMember,
  IntroductionRepository,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
  MemberWithFacts,
  ReportRepository,
  StaffRepository,
  YearEndRepository,
} from '../ports/repositories.js';
import { nextDocumentNumber } from './document-numbers.js';

export interface ReportPorts {
  committees: CommitteeRepository;
  /** ReportsCompiled: one per new version stored. */
  metrics?: Metrics;
  members: MemberRepository;
  introductions: IntroductionRepository;
  meetings: MeetingRepository;
  invitations: InvitationRepository;
  evaluations: EvaluationRepository;
  reports: ReportRepository;
  /** R19: the self-reports, read once their date has passed (the missing count); without it, not counted. */
  yearEnd?: Pick<YearEndRepository, 'getSelfReport'>;
  clock: Clock;
  /** The committee's staff, for the report's signer (its bí thư, else a phó bí thư). */
  staff?: Pick<StaffRepository, 'ofCommittee'>;
  /** The per-committee document counters: the report's number ("3-BC/ĐU") is given once, from here. */
  counters?: CounterRepository;
}

export interface CompileOutcome {
  report: OctoberReport;
  /** False when the numbers were identical to the stored version (nothing written, no event). */
  changed: boolean;
}

export interface CompileOptions {
  /**
   * The scheduled job passes this: a child that fails is reported here and its last stored report (if
   * any) is summed instead, so one broken ward does not stop its district. Without it, errors propagate.
   */
  onChildError?: (orgId: string, error: unknown) => void;
  /**
   * Sum the children's stored reports instead of recompiling them (a child without one is compiled):
   * a board's on-demand request stays quick however large its tree; the job always recompiles.
   */
  useStoredChildren?: boolean;
  /**
   * The job's roll-up: sum the residence committees' stored reports (each was compiled by its own task)
   * and recompile every board in between from them; a residence committee without one is compiled.
   */
  storedResidences?: boolean;
  /** Told of every committee compiled, children first. */
  onCompiled?: (orgId: string, outcome: CompileOutcome) => void;
}

/**
 * Active members read at once: their records and facts items, two keys a member, so 200 members are four
 * BatchGetItem calls of 100 keys that the store sends together. Memory holds this many members' facts.
 */
const ACTIVE_BATCH = 200;
/** Self-reports read side by side, once their date has passed (R19). */
const SELF_REPORT_READS = 25;
/** Members of whom only the record is needed (pending, ended) are read this many keys per BatchGetItem. */
const RECORD_BATCH = 100;
/** Committee trees are shallow (board → district → ward); deeper means a cycle in the data. */
const MAX_DEPTH = 6;

async function forEachBatched<T>(
  source: AsyncIterable<T>,
  size: number,
  fn: (batch: T[]) => Promise<void>,
): Promise<void> {
  let batch: T[] = [];
  for await (const item of source) {
    batch.push(item);
    if (batch.length >= size) {
      await fn(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await fn(batch);
}

async function* inYear(source: AsyncIterable<IntroducedMember>, year: number): AsyncIterable<Introduction> {
  for await (const { introduction } of source)
    if (isIntroductionInYear(introduction, year)) yield introduction;
}

/**
 * One residence committee's report, read source by source with as few requests as the keys allow: the
 * meetings' attendance sheets and the committee's evaluations are each streamed once (and give every
 * member's invitations and evaluation status), an active member costs a fiftieth of a BatchGetItem (their
 * record and their facts item), and a pending or ended one a hundredth. What is held for the committee while its
 * members are counted: the invitations of the year by member, the ids of submitted evaluations, and the
 * absentees; nothing of another committee. What each record adds is the domain's (report-counting.ts).
 */
async function compileResidenceBody(
  ports: ReportPorts,
  committee: Committee,
  year: number,
): Promise<OctoberReportBody> {
  const today = localDate(ports.clock.now());
  const ruleSet = ruleSetOf(committee);
  const policy = RULE_SETS[ruleSet];
  const rules: CountRules = {
    ruleSet,
    committeeId: committee.id,
    today,
    on: referenceDate(year, today),
    evaluationsDue: deadlineOf(policy, 'evaluations', year),
  };
  const body = emptyReportBody();
  const selfReportsDue = ports.yearEnd !== undefined && today > deadlineOf(policy, 'self_report', year);
  const activeIds: string[] = [];
  const hamletNames = new Map(
    (await ports.committees.children(committee.id))
      .filter((c) => c.kind === 'hamlet_cell')
      .map((c) => [c.id, c.name] as const),
  );
  const workplaceKinds = new Map<string, Promise<CommitteeKind | undefined>>();
  const workplaceKind = (orgId: string) => {
    let kind = workplaceKinds.get(orgId);
    if (!kind) {
      kind = ports.committees.get(orgId).then((c) => c?.kind);
      workplaceKinds.set(orgId, kind);
    }
    return kind;
  };

  // 1. The attendance sheets: the meetings' tallies (R22), and each member's invitations for R11.
  // R11 judges the member's invitations dated in the year at this committee (what
  // `invitations.ofMember(memberId, year)` filtered to the committee returns): invitations of another
  // committee live in that committee's sheets and are never read here, and an invitation carries its
  // meeting's date (a move of the meeting moves its invitations' date too, issue 16), so the invitations dated in the year are exactly
  // those on the sheets of this committee's meetings dated in the year. That is usually the year's two
  // meetings; a meeting planned for another year but held in this one (a warned-about date) counts for
  // R11 by its date, as before, and not in the tallies, which are the meetings of the year by round.
  const inThisYear = `${year}-`;
  // R3, R4: the tallies' absentees wait for their exemptions and travel notices, read with the active
  // members' facts below (no extra request); only absentees who are no longer active are read apart.
  const absentees: { memberId: string; outcome: Exclude<MeetingOutcome, 'present'>; tally: MeetingTally }[] =
    [];
  const absenteeIds = new Set<string>();
  const absenteeFacts = new Map<string, MemberWithFacts>();
  const invitationsOfYear = new Map<string, Invitation[]>();
  // A meeting called off (issue 16) was not held: nobody attended or missed it.
  const meetingsOfYear = (await ports.meetings.ofCommittee(committee.id)).filter(
    (meeting) =>
      meeting.status !== 'cancelled' && (meeting.year === year || meeting.date.startsWith(inThisYear)),
  );
  for (const meeting of meetingsOfYear) {
    const tally = meeting.year === year ? newMeetingTally(meeting) : undefined;
    for await (const invitation of ports.invitations.streamSheet(meeting.id)) {
      if (invitation.meetingDate.startsWith(inThisYear)) {
        const own = invitationsOfYear.get(invitation.memberId);
        if (own) own.push(invitation);
        else invitationsOfYear.set(invitation.memberId, [invitation]);
      }
      if (!tally) continue;
      const name = hamletNames.get(invitation.hamletId) ?? invitation.hamletId;
      const outcome = countAttendance(tally, invitation, name);
      if (outcome !== 'present') {
        absentees.push({ memberId: invitation.memberId, outcome, tally });
        absenteeIds.add(invitation.memberId);
      }
    }
    if (tally) body.meetings.push(tally);
  }

  // 2. The committee's evaluations of the year (R17): the counts, and who has a submitted one.
  const submitted = new Set<string>();
  for await (const evaluation of ports.evaluations.ofCommittee(committee.id, year)) {
    countEvaluation(body, evaluation);
    if (evaluation.status === 'submitted') submitted.add(evaluation.memberId);
  }

  // 3. The members introduced during the year, by the status of their introduction.
  // Pending and ended introductions need only the member's category: their records, 100 per BatchGetItem.
  const countRecorded = async (batch: Introduction[]) => {
    const members = await ports.members.getMany(batch.map((i) => i.memberId));
    for (const introduction of batch) {
      if (introduction.status === 'received') continue;
      const category = members.get(introduction.memberId)?.category ?? 'regular';
      countRecordedMember(
        body,
        { ...introduction, status: introduction.status },
        category,
        await workplaceKind(introduction.workplaceOrgId),
      );
    }
  };
  // Active members: their record, exemptions and travel notices, two keys of a BatchGetItem each.
  const countActive = async (introduction: Introduction, facts: MemberWithFacts | undefined) => {
    const memberId = introduction.memberId;
    const { member, exemptions = [], travelNotices = [] } = facts ?? {};
    if (facts && absenteeIds.has(memberId)) absenteeFacts.set(memberId, facts);
    const active = {
      memberId,
      category: member?.category ?? 'regular',
      workplaceKind: await workplaceKind(introduction.workplaceOrgId),
      exemptions,
      travelNotices,
      invitations: invitationsOfYear.get(memberId) ?? [],
      submitted: submitted.has(memberId),
      commentRequested: false,
    };
    // qd213-2020: an exempt member's comment is owed once requested (a GetItem, for these members only).
    if (needsCommentRequest(rules, active)) {
      active.commentRequested =
        (await ports.evaluations.getCommentRequest(committee.id, year, memberId)) !== undefined;
    }
    countActiveMember(body, rules, active);
    if (selfReportsDue) activeIds.push(memberId);
  };
  for (const status of INTRODUCTION_STATUSES) {
    const introductions = inYear(ports.introductions.streamOfResidence(committee.id, status), year);
    if (status === 'received') {
      await forEachBatched(introductions, ACTIVE_BATCH, async (batch) => {
        const facts = await ports.members.factsOfMany(batch.map((i) => i.memberId));
        for (const introduction of batch) await countActive(introduction, facts.get(introduction.memberId));
      });
    } else await forEachBatched(introductions, RECORD_BATCH, countRecorded);
  }
  // R19: once the self-reports' date has passed, the active members without one (a GetItem each, only then).
  let selfReportsMissing = 0;
  for (let i = 0; i < activeIds.length; i += SELF_REPORT_READS) {
    const reports = await Promise.all(
      activeIds.slice(i, i + SELF_REPORT_READS).map((id) => ports.yearEnd?.getSelfReport(id, year)),
    );
    selfReportsMissing += reports.filter((r) => r === undefined).length;
  }
  body.evaluations.selfReportsMissing = selfReportsMissing;
  // 4. The tallies' absentees by their excuse (R3, R4); those not active were not read above.
  const unread = [...absenteeIds].filter((id) => !absenteeFacts.has(id));
  for (let i = 0; i < unread.length; i += ACTIVE_BATCH) {
    const facts = await ports.members.factsOfMany(unread.slice(i, i + ACTIVE_BATCH));
    for (const [id, f] of facts) absenteeFacts.set(id, f);
  }
  for (const { memberId, outcome, tally } of absentees)
    countAbsentee(tally, absenteeFacts.get(memberId), outcome);
  return finishReportBody(body);
}

function compiledEvent(
  report: OctoberReport,
  parentId: string | undefined,
): DomainEvent<'OctoberReportCompiled'> {
  return {
    type: 'OctoberReportCompiled',
    id: `OctoberReportCompiled:${report.orgId}:${report.year}:v${report.version}`,
    occurredAt: report.compiledAt,
    orgIds: parentId ? [report.orgId, parentId] : [report.orgId],
    data: { orgId: report.orgId, year: report.year, version: report.version, scope: report.scope },
  };
}

/** Stores a new version only when the numbers changed; a lost race to an identical compile is no change. */
async function storeReport(
  ports: ReportPorts,
  committee: Committee,
  year: number,
  scope: OctoberReport['scope'],
  childOrgIds: string[],
  body: OctoberReportBody,
): Promise<CompileOutcome> {
  // The committee's narrative as it stands now is copied in: an edit since the last compilation is a change.
  const [latest, written] = await Promise.all([
    ports.reports.get(committee.id, year),
    ports.reports.getNarrative(committee.id, year),
  ]);
  const narrative = compiledNarrative(written);
  const same = (r: OctoberReport) =>
    r.scope === scope &&
    r.childOrgIds.join(',') === childOrgIds.join(',') &&
    sameReportBody(r.body, body) &&
    canonicalJson(r.narrative ?? null) === canonicalJson(narrative ?? null);
  if (latest && same(latest)) return { report: latest, changed: false };
  // The year's report keeps its number across recompilations: a new version is the same document.
  const number =
    latest?.number ??
    (ports.counters ? await nextDocumentNumber(ports.counters, committee, year, 'report') : undefined);
  const report: OctoberReport = {
    orgId: committee.id,
    year,
    version: (latest?.version ?? 0) + 1,
    compiledAt: ports.clock.now().toISOString(),
    scope,
    childOrgIds,
    body,
    number: number || undefined,
    narrative,
  };
  try {
    await ports.reports.save(report, committee.parentId, {
      events: [compiledEvent(report, committee.parentId)],
    });
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const winner = await ports.reports.get(committee.id, year);
    if (winner && same(winner)) return { report: winner, changed: false };
    throw error;
  }
  ports.metrics?.count('ReportsCompiled');
  return { report, changed: true };
}

async function compileNode(
  ports: ReportPorts,
  committee: Committee,
  year: number,
  options: CompileOptions,
  depth: number,
): Promise<CompileOutcome> {
  if (depth > MAX_DEPTH)
    throw new ConflictError(
      {
        vi: 'Cây đơn vị sâu bất thường; hãy báo quản trị viên kiểm tra',
        en: 'The committee tree is deeper than expected (a cycle?)',
      },
      'tree_too_deep',
    );
  let outcome: CompileOutcome;
  if (committee.kind === 'residence') {
    const body = await compileResidenceBody(ports, committee, year);
    outcome = await storeReport(ports, committee, year, 'residence', [], body);
  } else if (committee.kind === 'board') {
    const children = (await ports.committees.children(committee.id))
      .filter((c) => c.kind === 'residence' || c.kind === 'board')
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const parts: { child: Committee; report: OctoberReport }[] = [];
    for (const child of children) {
      const useStored =
        options.useStoredChildren || (options.storedResidences === true && child.kind === 'residence');
      const stored = useStored ? await ports.reports.get(child.id, year) : undefined;
      if (stored) {
        parts.push({ child, report: stored });
        continue;
      }
      try {
        parts.push({ child, report: (await compileNode(ports, child, year, options, depth + 1)).report });
      } catch (error) {
        if (!options.onChildError) throw error;
        options.onChildError(child.id, error);
        const stored = await ports.reports.get(child.id, year);
        if (stored) parts.push({ child, report: stored });
      }
    }
    const body = sumReportBodies(parts.map((p) => p.report.body));
    // The chart of an aggregate shows each child committee's attendance rate per meeting.
    for (const tally of body.meetings) {
      tally.units = parts.flatMap(({ child, report }) => {
        const t = report.body.meetings.find((x) => x.round === tally.round);
        return t ? [{ id: child.id, name: child.name, invited: t.invited, present: t.present }] : [];
      });
    }
    outcome = await storeReport(
      ports,
      committee,
      year,
      'aggregate',
      parts.map((p) => p.child.id),
      body,
    );
  } else {
    throw new ConflictError(
      {
        vi: 'Chỉ cấp ủy nơi cư trú và cấp ủy cấp trên mới có báo cáo kết quả năm',
        en: 'Only residence committees and boards have an October report',
      },
      'not_reporting',
    );
  }
  options.onCompiled?.(committee.id, outcome);
  return outcome;
}

/**
 * R22: compiles the October report of a residence committee, or of a board (district, or the city's
 * organisation board) as the sum over its children, each child compiled first. Recompiling with
 * identical numbers stores nothing and announces nothing.
 */
export async function compileOctoberReport(
  ports: ReportPorts,
  orgId: string,
  year: number,
  options: CompileOptions = {},
): Promise<CompileOutcome> {
  const committee = await ports.committees.get(orgId);
  if (!committee) throw new NotFoundError('committee');
  return compileNode(ports, committee, year, options, 0);
}

export interface JobSummary {
  year: number;
  boards: number;
  compiled: number;
  unchanged: number;
  failed: string[];
}

/**
 * Every committee under the given boards in one process, residence committees first, then their parents
 * (the benchmark's path; the scheduled job fans out one task per committee, shared/services/scheduled-jobs.ts). Committees are found through the tree
 * (CommitteeRepository.children), never by scanning the table.
 */
export async function compileOctoberReports(
  ports: ReportPorts,
  boardIds: readonly string[],
  year: number,
  onError: (orgId: string, error: unknown) => void = () => {},
): Promise<JobSummary> {
  const summary: JobSummary = { year, boards: boardIds.length, compiled: 0, unchanged: 0, failed: [] };
  const options: CompileOptions = {
    onChildError: (orgId, error) => {
      summary.failed.push(orgId);
      onError(orgId, error);
    },
    onCompiled: (_orgId, outcome) => {
      if (outcome.changed) summary.compiled += 1;
      else summary.unchanged += 1;
    },
  };
  for (const boardId of boardIds) {
    try {
      await compileOctoberReport(ports, boardId, year, options);
    } catch (error) {
      summary.failed.push(boardId);
      onError(boardId, error);
    }
  }
  return summary;
}

/** The committee and the boards above it, nearest first. */
async function lineage(ports: Pick<ReportPorts, 'committees'>, committee: Committee): Promise<Committee[]> {
  const chain = [committee];
  let current = committee;
  while (current.parentId && chain.length <= MAX_DEPTH) {
    const parent = await ports.committees.get(current.parentId);
    if (!parent) break;
    chain.push(parent);
    current = parent;
  }
  return chain;
}

/**
 * Who may compile / read a committee's report: its own residence staff (residence_staff, chair,
 * secretary), and the staff of a board it belongs to (its district or city board, any level up), who
 * also compile the board's own aggregate. Viewers of those boards may read.
 */
export async function assertReportAccess(
  ports: Pick<ReportPorts, 'committees'>,
  principal: Principal,
  committee: Committee,
  action: 'compile' | 'read',
): Promise<void> {
  if (!isStaff(principal))
    throw new ForbiddenError({ vi: 'Báo cáo dành cho cấp ủy', en: 'Reports are for committee staff' });
  if (action === 'compile' && principal.role === 'viewer') {
    throw new ForbiddenError({
      vi: 'Cán bộ theo dõi không tổng hợp được báo cáo',
      en: 'Monitoring officers cannot compile',
    });
  }
  if (committee.kind === 'residence' && isResidenceStaffOf(principal, committee.id)) return;
  if (
    action === 'read' &&
    committee.kind === 'residence' &&
    principal.role === 'viewer' &&
    principal.orgId === committee.id
  ) {
    return;
  }
  const boards = (await lineage(ports, committee)).filter((c) => c.kind === 'board');
  if (boards.some((b) => b.id === principal.orgId)) return;
  throw new ForbiddenError({
    vi: 'Chỉ cấp ủy nơi cư trú và cấp ủy cấp trên xem được báo cáo này',
    en: 'Only the committee and the boards above it',
  });
}

export async function reportingCommittee(
  ports: Pick<ReportPorts, 'committees'>,
  orgId: string,
): Promise<Committee> {
  const committee = await ports.committees.get(orgId);
  if (!committee || (committee.kind !== 'residence' && committee.kind !== 'board')) {
    throw new NotFoundError('reporting_committee');
  }
  return committee;
}

/** On demand (`POST /committees/{id}/reports/{year}`, the bot's `/baocao`): compile now, for an authorised caller. */
export async function requestOctoberReport(
  ports: ReportPorts,
  principal: Principal,
  input: { orgId: string; year: number; children?: 'fresh' | 'stored' },
): Promise<CompileOutcome> {
  const committee = await reportingCommittee(ports, input.orgId);
  await assertReportAccess(ports, principal, committee, 'compile');
  return compileNode(ports, committee, input.year, { useStoredChildren: input.children === 'stored' }, 0);
}

/** The latest stored version of a committee's report. */
export async function getOctoberReport(
  ports: ReportPorts,
  principal: Principal,
  input: { orgId: string; year: number },
): Promise<OctoberReport> {
  const committee = await reportingCommittee(ports, input.orgId);
  await assertReportAccess(ports, principal, committee, 'read');
  const report = await ports.reports.get(committee.id, input.year);
  if (!report) throw new NotFoundError('report');
  return report;
}

/**
 * What the XLSX form and the PDF report are drawn from: the stored report, the committee and its parent,
 * and the listed members' names (read now, only for the lists; never stored in the report or its events).
 */
export async function octoberReportDocument(
  ports: ReportPorts,
  principal: Principal,
  input: { orgId: string; year: number },
): Promise<ReportDocumentData> {
  const committee = await reportingCommittee(ports, input.orgId);
  await assertReportAccess(ports, principal, committee, 'read');
  const report = await ports.reports.get(committee.id, input.year);
  if (!report) throw new NotFoundError('report');
  const parent = committee.parentId ? await ports.committees.get(committee.parentId) : undefined;
  const workplaceNames = new Map<string, Promise<string>>();
  const workplaceName = (orgId: string) => {
    let name = workplaceNames.get(orgId);
    if (!name) {
      name = ports.committees.get(orgId).then((c) => c?.name ?? orgId);
      workplaceNames.set(orgId, name);
    }
    return name;
  };
  const listed = (ids: readonly string[]) =>
    Promise.all(
      ids.map(async (memberId): Promise<ListedMember> => {
        const member = await ports.members.get(memberId);
        return {
          memberId,
          fullName: member?.fullName ?? memberId,
          workplaceName: member ? await workplaceName(member.workplaceOrgId) : '',
        };
      }),
    );
  // Every list of people in Vietnamese order (given name first, then family and middle names).
  const collated = async (ids: readonly string[]) =>
    sortByVietnameseName(await listed(ids), (m) => m.fullName);
  const [commendations, criticisms, bothMeetingsMissed, staff] = await Promise.all([
    collated(report.body.commendations),
    collated(report.body.criticisms),
    collated(report.body.bothMeetingsMissed),
    ports.staff ? ports.staff.ofCommittee(committee.id) : Promise.resolve([]),
  ]);
  const signer = letterSigner(staff);
  return {
    report,
    committee: {
      id: committee.id,
      name: committee.name,
      kind: committee.kind,
      address: committee.address || undefined,
    },
    ...(parent ? { parent: { id: parent.id, name: parent.name } } : {}),
    ruleSet: ruleSetOf(committee),
    reportsToVi: RULE_SETS[ruleSetOf(committee)].reportsToVi,
    commendations,
    criticisms,
    bothMeetingsMissed,
    issuedOn: localDate(new Date(report.compiledAt)),
    signer,
    number: report.number || undefined,
  };
}
