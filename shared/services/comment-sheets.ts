// use case: print the comment sheet (phiếu nhận xét) of one member, or of every member of a hamlet in one PDF
// (each from a new page, in Vietnamese order), for the year — filled from the saved evaluation, marked
// "DỰ THẢO" while it is a draft, or blank to fill by hand at the cell's meeting. Who may print mirrors who
// may read: the residence committee's staff (as for the evaluation itself, R17) any of their members; the
// member's workplace staff their member's sheet once it was submitted (as the contact book shows it).
import { isResidenceStaffOf, isWorkplaceStaffOf } from '../domain/access.js';
import { compareVietnameseNames } from '../domain/collation.js';
import { type CommentSheetContent, commentSheet, type SheetSignerOnRecord } from '../domain/comment-sheet.js';
import { type Committee, hamletName, ruleSetOf } from '../domain/committee.js';
import { localDate } from '../domain/dates.js';
import { ForbiddenError, NotFoundError } from '../domain/errors.js';
import type { Evaluation } from '../domain/evaluation.js';
import { type Introduction, wasInForceDuring } from '../domain/introduction.js';
import { letterSigner } from '../domain/introduction-letter.js';
import { documentPlace } from '../domain/party-document.js';
import type { Principal } from '../domain/roles.js';
import { expectedFormKind, isIntroducedButExempt, referenceDate } from '../domain/year-end.js';
import type { CommentSheetRenderer } from '../ports/comment-sheet-pdf.js';
import type { Clock } from '../ports/common.js';
import type {
  CommitteeRepository,
  EvaluationRepository,
  IntroductionRepository,
  MemberRepository,
  StaffRepository,
} from '../ports/repositories.js';
import { forEachConcurrent } from './concurrency.js';
import { type CommitteeWithHamlets, committeeWithHamlets } from './hamlets.js';

export interface CommentSheetPorts {
  committees: CommitteeRepository;
  members: MemberRepository;
  introductions: IntroductionRepository;
  evaluations: EvaluationRepository;
  staff: Pick<StaffRepository, 'ofCommittee'>;
  clock: Clock;
  sheets: CommentSheetRenderer;
}

export interface CommentSheetFile {
  fileName: string;
  bytes: Uint8Array;
  /** How many members' sheets the file holds. */
  count: number;
  /** What the file is of, for a caption: the member's full name, or the hamlet's name. */
  subject: string;
}

/** Members whose sheet is read at once when a hamlet is printed (each: four reads). */
const CONCURRENCY = 8;

const NOT_YOURS = {
  vi: 'Chỉ cấp ủy nơi cư trú của đảng viên, hoặc cấp ủy nơi công tác khi nhận xét đã gửi, được in phiếu nhận xét',
  en: 'Only the residence committee, or the workplace once the comment was submitted, prints the sheet',
};

/** "nguyen-thi-hong-nhung" for a file name people recognise (ASCII, no diacritics). */
function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** What every sheet of one ward shares: the ward, its parent, its hamlets and its signers. */
interface WardContext {
  ward: CommitteeWithHamlets;
  parent?: Committee;
  wardSigner?: SheetSignerOnRecord;
  cellSigners: Map<string, Promise<SheetSignerOnRecord | undefined>>;
  workplaces: Map<string, Promise<Committee | undefined>>;
}

async function wardContext(ports: CommentSheetPorts, orgId: string): Promise<WardContext> {
  const ward = await committeeWithHamlets(ports.committees, orgId);
  if (ward?.kind !== 'residence') throw new NotFoundError('residence_committee');
  const [parent, staff] = await Promise.all([
    ward.parentId ? ports.committees.get(ward.parentId) : undefined,
    ports.staff.ofCommittee(orgId),
  ]);
  const wardSigner = letterSigner(staff);
  return {
    ward,
    parent,
    wardSigner,
    cellSigners: new Map(),
    workplaces: new Map(),
  };
}

function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let found = map.get(key);
  if (!found) {
    found = load();
    map.set(key, found);
  }
  return found;
}

/** One member's sheet, from their record, their evaluation (if any) and the ward's context. */
async function sheetOf(
  ports: CommentSheetPorts,
  context: WardContext,
  introduction: Introduction,
  year: number,
  evaluation: Evaluation | undefined,
): Promise<{ content: CommentSheetContent; name: string }> {
  const { ward } = context;
  const ruleSet = ruleSetOf(ward);
  const today = localDate(ports.clock.now());
  const hamletId = introduction.receipt?.hamletId;
  const [member, exemptions, workplace, cellSigner] = await Promise.all([
    ports.members.get(introduction.memberId),
    ports.members.exemptions(introduction.memberId),
    cached(context.workplaces, introduction.workplaceOrgId, () =>
      ports.committees.get(introduction.workplaceOrgId),
    ),
    hamletId
      ? cached(context.cellSigners, hamletId, async () =>
          letterSigner(await ports.staff.ofCommittee(hamletId)),
        )
      : Promise.resolve(undefined),
  ]);
  if (!member) throw new NotFoundError('member');
  // The form the committee's rule set asks for this member (the short one for an exempt member under
  // qd213-2020), unless an evaluation was saved in its own form.
  const exempt = isIntroducedButExempt(ruleSet, member.category, exemptions, referenceDate(year, today));
  const formKind = evaluation?.form.kind ?? expectedFormKind(ruleSet, exempt);
  const place = documentPlace(ward);
  const content = commentSheet({
    ruleSet,
    formKind,
    year,
    evaluation,
    member: {
      fullName: member.fullName,
      dateOfBirth: member.dateOfBirth || undefined,
      workplace: workplace?.name ?? '',
      partyCell: member.partyCell || undefined,
      ...(member.residence?.address ? { address: member.residence.address } : {}),
    },
    ward: {
      name: ward.name,
      parentName: context.parent?.name,
      place: place || undefined,
    },
    ...(hamletId ? { hamlet: hamletName(ward, hamletId) } : {}),
    cellSigner,
    wardSigner: context.wardSigner,
    today,
  });
  return { content, name: member.fullName };
}

/**
 * The member's contact with this ward that the sheet is about: the one in force (received), else one that
 * ended during the year (the ward commented on the member while it stood, R7).
 */
async function contactOf(
  ports: CommentSheetPorts,
  orgId: string,
  memberId: string,
  year: number,
): Promise<Introduction> {
  const all = await ports.introductions.ofMember(memberId);
  const ofWard = all.filter((i) => i.residenceOrgId === orgId);
  const found =
    ofWard.find((i) => i.status === 'received') ??
    ofWard.filter((i) => i.status === 'ended' && i.receipt !== undefined && wasInForceDuring(i, year)).at(-1);
  if (!found) throw new NotFoundError('residence_member');
  return found;
}

export interface MemberSheetInput {
  orgId: string;
  year: number;
  memberId: string;
}

/**
 * One member's sheet as a PDF. The residence committee's staff print it in any state (blank, draft,
 * submitted); the staff of the member's workplace only once it was submitted.
 */
export async function printMemberSheet(
  ports: CommentSheetPorts,
  principal: Principal,
  input: MemberSheetInput,
): Promise<CommentSheetFile> {
  const residence = isResidenceStaffOf(principal, input.orgId);
  if (!residence && !(principal.role === 'workplace_staff')) throw new ForbiddenError(NOT_YOURS);
  const context = await wardContext(ports, input.orgId);
  const introduction = await contactOf(ports, input.orgId, input.memberId, input.year);
  const evaluation = await ports.evaluations.get(input.orgId, input.year, input.memberId);
  if (!residence) {
    if (!isWorkplaceStaffOf(principal, introduction.workplaceOrgId)) throw new ForbiddenError(NOT_YOURS);
    if (evaluation?.status !== 'submitted') throw new NotFoundError('submitted_evaluation');
  }
  const sheet = await sheetOf(ports, context, introduction, input.year, evaluation);
  const bytes = await ports.sheets.render([sheet.content]);
  return {
    fileName: `phieu-nhan-xet-${input.year}-${slug(sheet.name) || 'dang-vien'}.pdf`,
    bytes,
    count: 1,
    subject: sheet.name,
  };
}

export interface HamletSheetsInput {
  orgId: string;
  year: number;
  hamletId: string;
}

/**
 * Every member received into the hamlet (in force now), one sheet each from a new page, in Vietnamese
 * order by name: for the cell's meeting (blank sheets) or to file the year's sheets. Residence staff only.
 */
export async function printHamletSheets(
  ports: CommentSheetPorts,
  principal: Principal,
  input: HamletSheetsInput,
): Promise<CommentSheetFile> {
  if (!isResidenceStaffOf(principal, input.orgId)) throw new ForbiddenError(NOT_YOURS);
  const context = await wardContext(ports, input.orgId);
  const hamlet = context.ward.hamlets.find((h) => h.id === input.hamletId);
  if (!hamlet) throw new NotFoundError('hamlet');
  const introductions: Introduction[] = [];
  let cursor: string | undefined;
  do {
    const page = await ports.introductions.ofResidence(input.orgId, {
      status: 'received',
      hamletId: input.hamletId,
      limit: 100,
      cursor: cursor || undefined,
    });
    for (const listed of page.items) {
      if (listed.introduction.receipt?.hamletId === input.hamletId) introductions.push(listed.introduction);
    }
    cursor = page.cursor;
  } while (cursor);
  if (introductions.length === 0) throw new NotFoundError('hamlet_members');
  const sheets: { content: CommentSheetContent; name: string }[] = [];
  await forEachConcurrent(introductions, CONCURRENCY, async (introduction) => {
    const evaluation = await ports.evaluations.get(input.orgId, input.year, introduction.memberId);
    sheets.push(await sheetOf(ports, context, introduction, input.year, evaluation));
  });
  sheets.sort((a, b) => compareVietnameseNames(a.name, b.name));
  const bytes = await ports.sheets.render(sheets.map((s) => s.content));
  return {
    fileName: `phieu-nhan-xet-${input.year}-${slug(hamlet.name) || 'ap'}.pdf`,
    bytes,
    count: sheets.length,
    subject: hamlet.name,
  };
}
