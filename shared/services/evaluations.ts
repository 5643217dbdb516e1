// use case: the residence committee's year-end evaluations (R11, R17, R18) — list, draft, consult, submit; under
// qd213-2020 also the Front work committee's opinion, the cell's signature, the ward's confirmation, and the
// request for an exempt member's comment.
// Callers (HTTP handlers, bot features) pass a Principal and plain inputs and get plain view data back.
import { isResidenceStaffOf } from '../domain/access.js';
import { type Committee, type RuleSetId, ruleSetOf } from '../domain/committee.js';
import { localDate } from '../domain/dates.js';
import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError } from '../domain/errors.js';
import {
  assertCommentAllowed,
  assertMayCellSign,
  assertMaySubmit,
  assertNextStep,
  type CellSignature,
  type CommentRequest,
  type CommentRequestReason,
  commentSteps,
  type Evaluation,
  type EvaluationForm,
  type EvaluationStatus,
  type FrontConsultation,
  hasCommentStep,
  isEvaluationOwed,
  presetProposal,
  type StudentConsultation,
} from '../domain/evaluation.js';
import { type EvaluationQuestionnaire, evaluationQuestions } from '../domain/evaluation-questions.js';
import type { DomainEvent } from '../domain/events.js';
import { type Introduction, wasInForceDuring } from '../domain/introduction.js';
import type { MemberCategory } from '../domain/member.js';
import { canonicalJson } from '../domain/minutes.js';
import type { Principal } from '../domain/roles.js';
import { type Proposal, RULE_SETS } from '../domain/rule-set.js';
import {
  assertFormKind,
  assertR11Proposal,
  expectedFormKind,
  isFlaggedR11,
  isIntroducedButExempt,
  referenceDate,
} from '../domain/year-end.js';
import type { Clock, Page } from '../ports/common.js';
import type {
  CommitteeRepository,
  EvaluationRepository,
  IntroducedMember,
  IntroductionRepository,
  InvitationRepository,
  MemberRepository,
} from '../ports/repositories.js';
import { forEachConcurrent } from './concurrency.js';

/** The questions of a form (bot buttons) and the answers back into a form, for callers of these use cases. */
export { evaluationQuestions, formFromAnswers } from '../domain/evaluation-questions.js';

export interface EvaluationPorts {
  committees: CommitteeRepository;
  members: MemberRepository;
  introductions: IntroductionRepository;
  invitations: InvitationRepository;
  evaluations: EvaluationRepository;
  clock: Clock;
}

/** `signed`: qd213-2020, signed for the hamlet cell and waiting for the ward's confirmation (not arrived yet). */
export type EvaluationState = 'missing' | 'draft' | 'signed' | 'submitted';

/** One member in the paged list of evaluations due or done. */
export interface EvaluationRow {
  memberId: string;
  memberName: string;
  hamletId?: string;
  category: MemberCategory;
  formKind: EvaluationForm['kind'];
  /** R17: a routine evaluation is owed (qd213-2020: not for introduced-but-exempt members). */
  owed: boolean;
  state: EvaluationState;
  /** R11: missed both meetings of the year without a confirmed reason. */
  flaggedR11: boolean;
  /** R18: a student member whose consultation is not recorded yet. */
  needsConsultation: boolean;
  proposal?: Proposal;
  version: number;
}

/** Everything a form needs: who, which form and its questions, the R11 pre-set, and the saved evaluation. */
export interface EvaluationView extends EvaluationRow {
  orgId: string;
  year: number;
  ruleSet: RuleSetId;
  workplaceOrgId: string;
  introducedButExempt: boolean;
  /** The steps of the committee's rule set, from draft to delivered (qd213-2020: draft, cell_signed, submitted). */
  steps: readonly EvaluationStatus[];
  /** qd213-2020: the request an exempt member's comment answers, once recorded. */
  commentRequest?: CommentRequest;
  /** The proposal a new form starts with (R11: criticism for a flagged member). */
  presetProposal: Proposal;
  questionnaire: EvaluationQuestionnaire;
  evaluation?: Evaluation;
}

interface Subject {
  committee: Committee;
  ruleSet: RuleSetId;
  introduction: Introduction;
  memberName: string;
  category: MemberCategory;
  introducedButExempt: boolean;
  formKind: EvaluationForm['kind'];
  owed: boolean;
  flaggedR11: boolean;
  commentRequest?: CommentRequest;
}

function assertResidenceStaff(principal: Principal, orgId: string): void {
  if (!isResidenceStaffOf(principal, orgId)) {
    throw new ForbiddenError({
      vi: 'Chỉ cấp ủy nơi cư trú của đảng viên được nhận xét',
      en: 'Only the residence committee evaluates its members',
    });
  }
}

async function residenceCommittee(ports: EvaluationPorts, orgId: string): Promise<Committee> {
  const committee = await ports.committees.get(orgId);
  if (committee?.kind !== 'residence') throw new NotFoundError('residence_committee');
  return committee;
}

/** The residence committee `orgId`, for a principal of its staff: anyone else is refused before any read. */
async function staffedResidenceCommittee(
  ports: EvaluationPorts,
  principal: Principal,
  orgId: string,
): Promise<Committee> {
  assertResidenceStaff(principal, orgId);
  return residenceCommittee(ports, orgId);
}

/**
 * R7, R17: the latest contact with this committee that was received and ended during the year — the
 * ward commented on the member while the contact stood, and may still read what it wrote.
 */
function endedDuring(
  introductions: readonly Introduction[],
  residenceOrgId: string,
  year: number,
): Introduction | undefined {
  return introductions
    .filter(
      (i) =>
        i.residenceOrgId === residenceOrgId &&
        i.status === 'ended' &&
        i.receipt !== undefined &&
        wasInForceDuring(i, year),
    )
    .at(-1);
}

/** Reads what decides the form, the debt and the R11 flag of one member of one committee for one year. */
async function loadSubject(
  ports: EvaluationPorts,
  committee: Committee,
  year: number,
  listed: IntroducedMember | string,
  /** Reading also finds a contact that ended during the year (R7): the former ward keeps its record. */
  access: 'read' | 'write' = 'write',
): Promise<Subject> {
  let introduction: Introduction | undefined;
  let memberName: string | undefined;
  if (typeof listed === 'string') {
    const ofMember = await ports.introductions.ofMember(listed);
    introduction =
      ofMember.find((i) => i.residenceOrgId === committee.id && i.status === 'received') ??
      (access === 'read' ? endedDuring(ofMember, committee.id, year) : undefined);
  } else {
    introduction = listed.introduction;
    memberName = listed.memberName;
  }
  if (!introduction) throw new NotFoundError('residence_member');
  const memberId = introduction.memberId;
  const ruleSet = ruleSetOf(committee);
  const today = localDate(ports.clock.now());
  const on = referenceDate(year, today);
  const [member, exemptions, travelNotices, invitations, commentRequest] = await Promise.all([
    ports.members.get(memberId),
    ports.members.exemptions(memberId),
    ports.members.travelNotices(memberId),
    ports.invitations.ofMember(memberId, year),
    ruleSet === 'qd213-2020'
      ? ports.evaluations.getCommentRequest(committee.id, year, memberId)
      : Promise.resolve(undefined),
  ]);
  if (!member) throw new NotFoundError('member');
  const introducedButExempt = isIntroducedButExempt(ruleSet, member.category, exemptions, on);
  return {
    committee,
    ruleSet,
    introduction,
    memberName: memberName ?? member.fullName,
    category: member.category,
    introducedButExempt,
    formKind: expectedFormKind(ruleSet, introducedButExempt),
    // qd213-2020: an exempt member's comment is owed once it is requested (33-HD/BTCTW), not routinely.
    owed: isEvaluationOwed(ruleSet, introducedButExempt, commentRequest !== undefined),
    commentRequest,
    // R11 excuses meetings under an exemption (R4) or inside a travel notice's period (R3).
    flaggedR11: isFlaggedR11(invitations, committee.id, today, exemptions, travelNotices),
  };
}

function stateOf(status: EvaluationStatus): EvaluationState {
  if (status === 'submitted') return 'submitted';
  return status === 'cell_signed' ? 'signed' : 'draft';
}

function rowOf(subject: Subject, evaluation: Evaluation | undefined): EvaluationRow {
  const consulted = evaluation?.studentConsultation !== undefined;
  return {
    memberId: subject.introduction.memberId,
    memberName: subject.memberName,
    hamletId: subject.introduction.receipt?.hamletId,
    category: subject.category,
    formKind: evaluation?.form.kind ?? subject.formKind,
    owed: subject.owed,
    state: evaluation ? stateOf(evaluation.status) : 'missing',
    flaggedR11: evaluation?.status === 'submitted' ? evaluation.flaggedR11 : subject.flaggedR11,
    needsConsultation: subject.category === 'student' && !consulted,
    proposal: evaluation?.form.proposal,
    version: evaluation?.version ?? 0,
  };
}

function viewOf(subject: Subject, year: number, evaluation: Evaluation | undefined): EvaluationView {
  return {
    ...rowOf(subject, evaluation),
    orgId: subject.committee.id,
    year,
    ruleSet: subject.ruleSet,
    workplaceOrgId: subject.introduction.workplaceOrgId,
    introducedButExempt: subject.introducedButExempt,
    steps: commentSteps(subject.ruleSet),
    commentRequest: subject.commentRequest,
    presetProposal: presetProposal(subject.flaggedR11),
    questionnaire: evaluationQuestions(subject.ruleSet, evaluation?.form.kind ?? subject.formKind),
    evaluation,
  };
}

export interface EvaluationListInput {
  orgId: string;
  year: number;
  status: 'due' | 'done';
  limit?: number;
  cursor?: string;
}

/** How many introduction pages one call reads at most before answering with a short page and a cursor. */
const MAX_PAGES_PER_CALL = 10;

/**
 * R17: the committee's active members whose evaluation is still due (owed, not submitted) or done
 * (submitted), Vietnamese-collated by hamlet then name. A page may hold fewer rows than `limit` while a
 * cursor remains (most members of a stretch were filtered out): follow the cursor.
 */
export async function listEvaluations(
  ports: EvaluationPorts,
  principal: Principal,
  input: EvaluationListInput,
): Promise<Page<EvaluationRow>> {
  const committee = await staffedResidenceCommittee(ports, principal, input.orgId);
  const limit = input.limit ?? 20;
  const rows: EvaluationRow[] = [];
  let cursor = input.cursor;
  let pages = 0;
  do {
    // Asking for exactly the rows still missing keeps the cursor exact: no member is skipped or repeated.
    const page = await ports.introductions.ofResidence(committee.id, {
      status: 'received',
      limit: limit - rows.length,
      cursor: cursor || undefined,
    });
    const pageRows = await Promise.all(
      page.items.map(async (listed) => {
        const subject = await loadSubject(ports, committee, input.year, listed);
        const evaluation = await ports.evaluations.get(
          committee.id,
          input.year,
          listed.introduction.memberId,
        );
        return rowOf(subject, evaluation);
      }),
    );
    for (const row of pageRows) {
      const keep =
        input.status === 'done' ? row.state === 'submitted' : row.owed && row.state !== 'submitted';
      if (keep) rows.push(row);
    }
    cursor = page.cursor;
    pages += 1;
  } while (cursor && rows.length < limit && pages < MAX_PAGES_PER_CALL);
  return { items: rows, cursor: cursor || undefined };
}

/** The bot's `/nhanxet` list: members still due, one page at a time. */
export function listDueEvaluations(
  ports: EvaluationPorts,
  principal: Principal,
  input: Omit<EvaluationListInput, 'status'>,
): Promise<Page<EvaluationRow>> {
  return listEvaluations(ports, principal, { ...input, status: 'due' });
}

export interface MemberEvaluationInput {
  orgId: string;
  year: number;
  memberId: string;
}

/** One member's evaluation (or what a new one starts from: the form, its questions, the R11 pre-set). */
export async function getEvaluation(
  ports: EvaluationPorts,
  principal: Principal,
  input: MemberEvaluationInput,
): Promise<EvaluationView> {
  const committee = await staffedResidenceCommittee(ports, principal, input.orgId);
  const subject = await loadSubject(ports, committee, input.year, input.memberId, 'read');
  const evaluation = await ports.evaluations.get(committee.id, input.year, input.memberId);
  return viewOf(subject, input.year, evaluation);
}

function assertVersion(expected: number | undefined, current: number): void {
  if (expected !== undefined && expected !== current) {
    throw new ConflictError(
      { vi: 'Bản nhận xét đã được người khác sửa; hãy tải lại', en: 'stale version' },
      'stale_version',
      {
        current,
      },
    );
  }
}

function assertNotSubmitted(evaluation: Evaluation | undefined): void {
  if (evaluation?.status === 'submitted') {
    throw new ConflictError(
      { vi: 'Nhận xét đã gửi, không sửa được', en: 'already submitted' },
      'evaluation_submitted',
    );
  }
  // qd213-2020: a comment signed for the cell is the cell committee's text; it is not edited afterwards.
  if (evaluation?.status === 'cell_signed') {
    throw new ConflictError(
      { vi: 'Nhận xét đã được chi ủy ký, không sửa được', en: 'Already signed for the cell' },
      'evaluation_signed',
    );
  }
}

function bothMeetingsMissedEvent(
  subject: Subject,
  year: number,
  occurredAt: string,
): DomainEvent<'BothMeetingsMissed'> {
  const { memberId, workplaceOrgId, residenceOrgId } = subject.introduction;
  return {
    type: 'BothMeetingsMissed',
    // Once per member and year (the marker written with it makes sure of it).
    id: `BothMeetingsMissed:${year}:${memberId}`,
    occurredAt,
    orgIds: [workplaceOrgId, residenceOrgId],
    data: { memberId, year, residenceOrgId, workplaceOrgId },
  };
}

/** Members whose R11 flag is worked out at once when the evaluations open (reads per member: five). */
const OPENING_CONCURRENCY = 16;

/**
 * R11 when the evaluations open (the October meeting's minutes sealed): the workplace of every member of
 * the committee who missed both meetings without a confirmed reason is told at once, not only when a draft
 * of that member is first saved. Once per member and year, whichever comes first: the same marker.
 */
export async function noticeBothMeetingsMissedAtOpening(
  ports: EvaluationPorts,
  residenceOrgId: string,
  year: number,
): Promise<{ checked: number; raised: number }> {
  const committee = await residenceCommittee(ports, residenceOrgId);
  const run = { checked: 0, raised: 0 };
  await forEachConcurrent(
    ports.introductions.streamOfResidence(committee.id, 'received'),
    OPENING_CONCURRENCY,
    async (listed) => {
      run.checked += 1;
      const memberId = listed.introduction.memberId;
      if (await ports.evaluations.bothMeetingsMissedNoticed(memberId, year)) return;
      const subject = await loadSubject(ports, committee, year, listed);
      if (!subject.flaggedR11) return;
      const event = bothMeetingsMissedEvent(subject, year, ports.clock.now().toISOString());
      if (await ports.evaluations.noticeBothMeetingsMissed({ memberId, year, residenceOrgId }, event)) {
        run.raised += 1;
      }
    },
  );
  return run;
}

/**
 * R11: the BothMeetingsMissed notice goes with the first save that finds the member flagged, together
 * with its once-only marker, in the same transaction as the evaluation.
 */
async function r11Notice(
  ports: EvaluationPorts,
  subject: Subject,
  year: number,
  flagged: boolean,
  occurredAt: string,
): Promise<{ events: DomainEvent[]; markBothMeetingsMissedNoticed?: boolean }> {
  if (!flagged) return { events: [] };
  if (await ports.evaluations.bothMeetingsMissedNoticed(subject.introduction.memberId, year))
    return { events: [] };
  return {
    events: [bothMeetingsMissedEvent(subject, year, occurredAt)],
    markBothMeetingsMissedNoticed: true,
  };
}

/** What a draft says (compared to skip a save that would change nothing). */
function draftContent(e: Evaluation): string {
  return canonicalJson({
    form: e.form,
    flaggedR11: e.flaggedR11,
    reason: e.proposalChangeReason ?? null,
    consultation: e.studentConsultation ?? null,
    front: e.frontConsultation ?? null,
  });
}

export interface EvaluationDraftInput extends MemberEvaluationInput {
  form: EvaluationForm;
  proposalChangeReason?: string;
  version?: number;
}

/**
 * R17: residence staff (residence_staff, chair, secretary of the committee) save the evaluation as a
 * draft, in the form of the committee's rule set. R11: a flagged member's proposal stays criticism unless
 * a reason is given. Saving the same content again changes nothing (no new version).
 */
export async function saveEvaluationDraft(
  ports: EvaluationPorts,
  principal: Principal,
  input: EvaluationDraftInput,
): Promise<EvaluationView> {
  const committee = await staffedResidenceCommittee(ports, principal, input.orgId);
  const subject = await loadSubject(ports, committee, input.year, input.memberId);
  const existing = await ports.evaluations.get(committee.id, input.year, input.memberId);
  assertNotSubmitted(existing);
  const currentVersion = existing?.version ?? 0;
  assertVersion(input.version, currentVersion);
  assertCommentAllowed(subject.ruleSet, subject.introducedButExempt, subject.commentRequest);
  assertFormKind(input.form, subject.formKind);
  const reason =
    subject.flaggedR11 && input.form.proposal !== 'criticise' ? input.proposalChangeReason : undefined;
  assertR11Proposal(subject.flaggedR11, input.form.proposal, reason);
  const now = ports.clock.now().toISOString();
  const next: Evaluation = {
    residenceOrgId: committee.id,
    memberId: input.memberId,
    year: input.year,
    ruleSet: subject.ruleSet,
    form: input.form,
    flaggedR11: subject.flaggedR11,
    proposalChangeReason: reason || undefined,
    ...(existing?.studentConsultation ? { studentConsultation: existing.studentConsultation } : {}),
    ...(existing?.frontConsultation ? { frontConsultation: existing.frontConsultation } : {}),
    commentRequest: subject.commentRequest,
    status: 'draft',
    updatedBy: principal.sub,
    updatedAt: now,
    version: currentVersion + 1,
  };
  if (existing && draftContent(existing) === draftContent(next)) return viewOf(subject, input.year, existing);
  const notice = await r11Notice(ports, subject, input.year, subject.flaggedR11, now);
  await ports.evaluations.save(next, currentVersion, notice);
  return viewOf(subject, input.year, next);
}

export interface ConsultationInput extends MemberEvaluationInput {
  consultation: Omit<StudentConsultation, 'recordedBy'>;
  version?: number;
}

/**
 * R18: records who was consulted, when, and what the hamlet head and the hamlet police head said, on the
 * member's evaluation draft (save the draft first). Recording the same again changes nothing.
 */
export async function recordConsultation(
  ports: EvaluationPorts,
  principal: Principal,
  input: ConsultationInput,
): Promise<EvaluationView> {
  const committee = await staffedResidenceCommittee(ports, principal, input.orgId);
  const subject = await loadSubject(ports, committee, input.year, input.memberId);
  const existing = await ports.evaluations.get(committee.id, input.year, input.memberId);
  if (!existing)
    throw new NotFoundError('evaluation_draft', {
      vi: 'hãy lưu bản nháp trước',
      en: 'save the draft first',
    });
  assertNotSubmitted(existing);
  assertVersion(input.version, existing.version);
  const next: Evaluation = {
    ...existing,
    studentConsultation: { ...input.consultation, recordedBy: principal.sub },
    updatedBy: principal.sub,
    updatedAt: ports.clock.now().toISOString(),
    version: existing.version + 1,
  };
  const same =
    existing.studentConsultation !== undefined &&
    canonicalJson({ ...existing.studentConsultation, recordedBy: null }) ===
      canonicalJson({ ...next.studentConsultation, recordedBy: null });
  if (same) return viewOf(subject, input.year, existing);
  await ports.evaluations.save(next, existing.version);
  return viewOf(subject, input.year, next);
}

export interface SubmitEvaluationInput extends MemberEvaluationInput {
  version?: number;
}

function evaluationRecordedEvent(
  subject: Subject,
  year: number,
  occurredAt: string,
): DomainEvent<'EvaluationRecorded'> {
  const { memberId, workplaceOrgId, residenceOrgId } = subject.introduction;
  return {
    type: 'EvaluationRecorded',
    id: `EvaluationRecorded:${residenceOrgId}:${year}:${memberId}`,
    occurredAt,
    orgIds: [workplaceOrgId, residenceOrgId],
    data: { memberId, year, residenceOrgId, workplaceOrgId },
  };
}

/**
 * R17: the chair submits the evaluation for the committee: it goes to the workplace staff
 * (EvaluationRecorded) and into the contact book (EvaluationRepository.ofMember). The R11 flag is
 * judged again now; R18 blocks a student's evaluation until the consultation is recorded. Submitting
 * an evaluation already submitted returns it unchanged (a retried request).
 */
export async function submitEvaluation(
  ports: EvaluationPorts,
  principal: Principal,
  input: SubmitEvaluationInput,
): Promise<EvaluationView> {
  // qd213-2020: this step is the ward committee's confirmation, given by its chair as well.
  if (principal.role !== 'chair' || principal.orgId !== input.orgId) {
    throw new ForbiddenError({
      vi: 'Chỉ đồng chí chủ trì gửi nhận xét thay mặt cấp ủy',
      en: 'Only the chair submits, for the committee',
    });
  }
  const committee = await residenceCommittee(ports, input.orgId);
  const subject = await loadSubject(ports, committee, input.year, input.memberId);
  const existing = await ports.evaluations.get(committee.id, input.year, input.memberId);
  if (!existing) throw new NotFoundError('evaluation_draft');
  if (existing.status === 'submitted') return viewOf(subject, input.year, existing);
  assertVersion(input.version, existing.version);
  // R17: hd02-2011 goes draft → submitted; qd213-2020 only delivers what the cell signed (the ward confirms).
  assertNextStep(subject.ruleSet, existing.status, 'submitted');
  assertFormKind(existing.form, subject.formKind);
  const now = ports.clock.now().toISOString();
  const flagged = subject.flaggedR11;
  const { proposalChangeReason, ...rest } = existing;
  const keepReason = flagged && existing.form.proposal !== 'criticise' ? proposalChangeReason : undefined;
  const next: Evaluation = {
    ...rest,
    flaggedR11: flagged,
    proposalChangeReason: keepReason || undefined,
    status: 'submitted',
    submittedBy: principal.sub,
    submittedAt: now,
    version: existing.version + 1,
  };
  assertMaySubmit(next, subject.category);
  const notice = await r11Notice(ports, subject, input.year, flagged, now);
  await ports.evaluations.save(next, existing.version, {
    ...notice,
    events: [evaluationRecordedEvent(subject, input.year, now), ...notice.events],
  });
  return viewOf(subject, input.year, next);
}

export interface FrontConsultationInput extends MemberEvaluationInput {
  consultation: Omit<FrontConsultation, 'recordedBy'>;
  version?: number;
}

function assertQd213Step(ruleSet: RuleSetId, step: EvaluationStatus | 'front'): void {
  const has =
    step === 'front' ? RULE_SETS[ruleSet].commentProcedure.frontConsultation : hasCommentStep(ruleSet, step);
  if (!has) {
    throw new RuleViolationError('R17', {
      vi: 'quy định của cấp ủy này không có bước này trong việc nhận xét',
      en: 'The committee’s rule set has no such step',
    });
  }
}

/** A qd213 step on a saved draft: the ward's residence staff, a rule set that has the step, the draft itself. */
async function draftForStep(
  ports: EvaluationPorts,
  principal: Principal,
  input: MemberEvaluationInput,
  step: Parameters<typeof assertQd213Step>[1],
) {
  const committee = await staffedResidenceCommittee(ports, principal, input.orgId);
  assertQd213Step(ruleSetOf(committee), step);
  const subject = await loadSubject(ports, committee, input.year, input.memberId);
  const existing = await ports.evaluations.get(committee.id, input.year, input.memberId);
  if (!existing)
    throw new NotFoundError('evaluation_draft', { vi: 'hãy lưu bản nháp trước', en: 'save the draft first' });
  return { subject, existing };
}

/**
 * qd213-2020: records the hamlet Front work committee's opinion on the member (who, in what position, when,
 * what), on the draft (save it first). The ward's residence staff enter it for the cell. Recording the same
 * again changes nothing.
 */
export async function recordFrontConsultation(
  ports: EvaluationPorts,
  principal: Principal,
  input: FrontConsultationInput,
): Promise<EvaluationView> {
  const { subject, existing } = await draftForStep(ports, principal, input, 'front');
  const same =
    existing.frontConsultation !== undefined &&
    canonicalJson({ ...existing.frontConsultation, recordedBy: null }) ===
      canonicalJson({ ...input.consultation, recordedBy: null });
  if (same) return viewOf(subject, input.year, existing);
  assertNotSubmitted(existing);
  assertVersion(input.version, existing.version);
  const next: Evaluation = {
    ...existing,
    frontConsultation: { ...input.consultation, recordedBy: principal.sub },
    updatedBy: principal.sub,
    updatedAt: ports.clock.now().toISOString(),
    version: existing.version + 1,
  };
  await ports.evaluations.save(next, existing.version);
  return viewOf(subject, input.year, next);
}

export interface CellSignatureInput extends MemberEvaluationInput {
  signature: Pick<CellSignature, 'signerName' | 'signerTitle' | 'signedOn'>;
  version?: number;
}

/**
 * qd213-2020: the comment signed on behalf of the member's hamlet cell committee (T/M chi ủy) by its bí thư or
 * phó bí thư. Hamlet cells hold no staff accounts, so the ward's assigned residence staff record it, naming the
 * signer; the hamlet is the one the member was received into (R5). Needs the Front work committee's opinion
 * first. Signing again with the same signer (a retry) changes nothing.
 */
export async function signForCell(
  ports: EvaluationPorts,
  principal: Principal,
  input: CellSignatureInput,
): Promise<EvaluationView> {
  const { subject, existing } = await draftForStep(ports, principal, input, 'cell_signed');
  const signed = existing.cellSignature;
  if (
    existing.status !== 'draft' &&
    signed?.signerName === input.signature.signerName &&
    signed.signerTitle === input.signature.signerTitle &&
    signed.signedOn === input.signature.signedOn
  ) {
    return viewOf(subject, input.year, existing);
  }
  if (existing.status === 'submitted') {
    throw new ConflictError(
      { vi: 'Nhận xét đã gửi, không sửa được', en: 'Already submitted' },
      'evaluation_submitted',
    );
  }
  assertVersion(input.version, existing.version);
  assertMayCellSign(existing);
  assertMaySubmit(existing, subject.category);
  const hamletId = subject.introduction.receipt?.hamletId;
  if (!hamletId) throw new NotFoundError('hamlet');
  const now = ports.clock.now().toISOString();
  const next: Evaluation = {
    ...existing,
    cellSignature: { ...input.signature, hamletId, recordedBy: principal.sub, recordedAt: now },
    status: 'cell_signed',
    updatedBy: principal.sub,
    updatedAt: now,
    version: existing.version + 1,
  };
  await ports.evaluations.save(next, existing.version);
  return viewOf(subject, input.year, next);
}

export interface CommentRequestInput extends MemberEvaluationInput {
  reason: CommentRequestReason;
  requestedBy: string;
  requestedOn: string;
}

/**
 * qd213-2020 (33-HD/BTCTW): the ward's staff record that a comment on an introduced-but-exempt member was asked
 * for (appointment, reward, discipline; by whom, when). Only then is the short form written. Recording it again
 * returns the first record unchanged.
 */
export async function recordCommentRequest(
  ports: EvaluationPorts,
  principal: Principal,
  input: CommentRequestInput,
): Promise<{ outcome: 'created' | 'existing'; view: EvaluationView }> {
  const committee = await staffedResidenceCommittee(ports, principal, input.orgId);
  const subject = await loadSubject(ports, committee, input.year, input.memberId);
  if (subject.commentRequest) {
    return { outcome: 'existing', view: viewOf(subject, input.year, await evaluationOf(ports, input)) };
  }
  if (!subject.introducedButExempt) {
    throw new RuleViolationError('R17', {
      vi: 'chỉ ghi nhận đề nghị nhận xét cho đảng viên thuộc diện miễn sinh hoạt nơi cư trú; đảng viên này được nhận xét định kỳ hằng năm',
      en: 'Only exempt members are commented on request',
    });
  }
  const request: CommentRequest = {
    residenceOrgId: committee.id,
    memberId: input.memberId,
    year: input.year,
    reason: input.reason,
    requestedBy: input.requestedBy,
    requestedOn: input.requestedOn,
    recordedBy: principal.sub,
    recordedAt: ports.clock.now().toISOString(),
  };
  const created = await ports.evaluations.recordCommentRequest(request);
  const stored = created
    ? request
    : await ports.evaluations.getCommentRequest(committee.id, input.year, input.memberId);
  const requested: Subject = { ...subject, owed: true, ...(stored ? { commentRequest: stored } : {}) };
  return {
    outcome: created ? 'created' : 'existing',
    view: viewOf(requested, input.year, await evaluationOf(ports, input)),
  };
}

function evaluationOf(ports: EvaluationPorts, input: MemberEvaluationInput): Promise<Evaluation | undefined> {
  return ports.evaluations.get(input.orgId, input.year, input.memberId);
}

/** One introduced-but-exempt member, for the bot's list of those whose comment may be requested. */
export interface ExemptMemberRow {
  memberId: string;
  memberName: string;
  hamletId?: string;
  workplaceOrgId: string;
  commentRequested: boolean;
}

/** How many exempt members the bot's list shows at most (the rest: over HTTP, member by member). */
const EXEMPT_LIST_MAX = 20;

/**
 * qd213-2020: the committee's introduced-but-exempt members of the year (33-HD/BTCTW), in the collated order of
 * the committee's list, for ward staff to record a comment request. Empty under hd02-2011.
 */
export async function listExemptMembers(
  ports: EvaluationPorts,
  principal: Principal,
  input: { orgId: string; year: number },
): Promise<ExemptMemberRow[]> {
  const committee = await staffedResidenceCommittee(ports, principal, input.orgId);
  const rows: ExemptMemberRow[] = [];
  if (RULE_SETS[ruleSetOf(committee)].exemptCategories.length === 0) return rows;
  for await (const listed of ports.introductions.streamOfResidence(committee.id, 'received')) {
    const subject = await loadSubject(ports, committee, input.year, listed);
    if (!subject.introducedButExempt) continue;
    rows.push({
      memberId: listed.introduction.memberId,
      memberName: subject.memberName,
      hamletId: listed.introduction.receipt?.hamletId,
      workplaceOrgId: listed.introduction.workplaceOrgId,
      commentRequested: subject.commentRequest !== undefined,
    });
    if (rows.length >= EXEMPT_LIST_MAX) break;
  }
  return rows;
}
