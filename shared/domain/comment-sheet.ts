// domain: the wording of the printed comment sheet (phiếu nhận xét) of one member for one year — under
// qd213-2020 the full and the short form of mẫu 3-213 (Quy định 213-QĐ/TW, Hướng dẫn 33-HD/BTCTW), under
// hd02-2011 the seed's four-duty sheet — from the member's record, the saved evaluation (or none: a blank
// sheet to fill by hand) and the committees that sign. Pure: adapters/documents/comment-sheet-pdf.ts only lays
// these parts out in the party's document format. No rule codes and no internal ids are printed.
import type { RuleSetId } from './committee.js';
import { formatVietnameseDate, formatVietnameseLongDate, type IsoDate, localDate } from './dates.js';
import type { DutyMark, Evaluation, EvaluationForm, Level } from './evaluation.js';
import { DUTY_MARKS } from './evaluation-questions.js';
import { onBehalfOf } from './introduction-letter.js';
import { partyOrganisationName } from './party-document.js';
import type { PartyTitle } from './roles.js';
import { RULE_SETS } from './rule-set.js';
import { PARTY_TITLE } from './wording.js';

export type SheetState = 'blank' | 'draft' | 'submitted';

/** One box to tick: its label and whether the evaluation chose it (never, on a blank sheet). */
export interface SheetOption {
  label: string;
  chosen: boolean;
}

export type SheetItem =
  /** A criterion or duty with its levels (or marks) as boxes, and for a duty the short comment. */
  | { kind: 'choice'; heading: string; options: SheetOption[]; comment?: { label: string; text?: string } }
  /** Free text (other comments); none on a blank sheet: dotted lines to write on. */
  | { kind: 'text'; heading: string; text?: string };

export interface SheetSigner {
  /** "T/M CHI ỦY", "T/M ĐẢNG ỦY". */
  onBehalfOf: string;
  position: string;
  hint: string;
  /** Undefined: a dotted line to write the name by hand. */
  name?: string;
  /** Lines above the block: "XÁC NHẬN CỦA", "ĐẢNG ỦY PHƯỜNG HƯNG LỢI". */
  heading?: string[];
}

export interface CommentSheetContent {
  /** "Mẫu 3-213" in the top corner; none for the seed's sheet. */
  formLabel?: string;
  header: { parent?: string; issuer: string; placeAndDate: string };
  /** "DỰ THẢO" on a draft that is not submitted yet. */
  banner?: string;
  title: { type: string; summary: string[] };
  /** "Họ và tên: …", "Ngày sinh: …", the workplace cell, the residence. */
  identity: string[];
  items: SheetItem[];
  /** Left first when two (the ward's confirmation on the left, the signer on the right). */
  signatures: SheetSigner[];
}

export interface SheetSignerOnRecord {
  name: string;
  title: PartyTitle;
}

export interface CommentSheetInput {
  ruleSet: RuleSetId;
  formKind: EvaluationForm['kind'];
  year: number;
  evaluation?: Pick<Evaluation, 'form' | 'status' | 'submittedAt' | 'updatedAt'>;
  member: {
    fullName: string;
    dateOfBirth?: IsoDate;
    /** The member's workplace committee (and their cell there, when recorded). */
    workplace: string;
    partyCell?: string;
    address?: string;
  };
  /** The ward (residence committee) and the party organisation it reports to. */
  ward: { name: string; parentName?: string; place?: string };
  /** The hamlet the member was received into, as people name it. */
  hamlet?: string;
  /** Who signs for the hamlet's cell (qd213-2020) and for the ward, when the records name them. */
  cellSigner?: SheetSignerOnRecord;
  wardSigner?: SheetSignerOnRecord;
  /** The day the sheet is dated when nothing is saved yet (the blank sheet leaves the day to fill). */
  today: IsoDate;
}

const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');
/** The signer's party title in capitals, as a signature block prints it. */
const TITLE_VI = (title: PartyTitle) => PARTY_TITLE[title].vi.toLocaleUpperCase('vi');
const FORM_LABEL = 'Mẫu 3-213';
const SUMMARY =
  'đảng viên đang công tác thường xuyên giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú';

/** "Chi bộ khu vực 2" for a hamlet named "Khu vực 2"; a name already saying "chi bộ" is kept. */
export function hamletCellName(hamlet: string): string {
  const clean = hamlet.normalize('NFC').trim();
  return /^chi (bộ|ủy|uỷ)\b/iu.test(clean) ? clean : `Chi bộ ${clean}`;
}

function stateOf(input: CommentSheetInput): SheetState {
  if (!input.evaluation) return 'blank';
  return input.evaluation.status === 'submitted' ? 'submitted' : 'draft';
}

/** The date line: the day the evaluation was submitted (or last saved); dots to fill on a blank sheet. */
function dated(input: CommentSheetInput, place: string | undefined): string {
  const prefix = place ? `${place}, ` : '';
  const e = input.evaluation;
  if (!e) return `${prefix}ngày …… tháng …… năm ${input.year}`;
  const instant = e.status === 'submitted' ? e.submittedAt : e.updatedAt;
  const day = instant ? localDate(new Date(instant)) : input.today;
  return `${prefix}${formatVietnameseLongDate(day)}`;
}

function identityLines(input: CommentSheetInput): string[] {
  const m = input.member;
  const dots = '……………………………………';
  const lines = [`Họ và tên đảng viên: ${m.fullName}`];
  lines.push(`Ngày sinh: ${m.dateOfBirth ? formatVietnameseDate(m.dateOfBirth) : dots}`);
  lines.push(`Đang sinh hoạt tại: ${m.partyCell ? `${m.partyCell}, ` : ''}${m.workplace}`);
  lines.push(`Nơi cư trú: ${m.address ?? dots}${input.hamlet ? ` (${input.hamlet})` : ''}`);
  return lines;
}

function levelOptions(
  options: readonly { value: Level; vi: string }[],
  chosen: Level | undefined,
): SheetOption[] {
  return options.map((o) => ({ label: o.vi, chosen: o.value === chosen }));
}

function proposalItem(input: CommentSheetInput, heading: string): SheetItem {
  const chosen = input.evaluation?.form.proposal;
  return {
    kind: 'choice',
    heading,
    options: RULE_SETS[input.ruleSet].proposals.map((p) => ({ label: p.vi, chosen: p.value === chosen })),
  };
}

function qd213Items(input: CommentSheetInput): SheetItem[] {
  const policy = RULE_SETS['qd213-2020'];
  const form = input.evaluation?.form;
  const criteria = form && form.kind !== 'hd02-4duties' ? (form.criteria as Record<string, Level>) : {};
  const keys =
    input.formKind === 'qd213-short' ? policy.shortFormCriteria : policy.criteria.map((c) => c.key);
  const items: SheetItem[] = [];
  for (const key of keys) {
    const criterion = policy.criteria.find((c) => c.key === key);
    if (!criterion) continue;
    items.push({
      kind: 'choice',
      heading: `${key.slice(1)}. ${criterion.vi}`,
      options: levelOptions(criterion.options, criteria[key]),
    });
  }
  items.push(proposalItem(input, '6. Đề xuất'));
  const other = form && form.kind !== 'hd02-4duties' ? form.otherComments : undefined;
  items.push({
    kind: 'text',
    heading: '7. Nhận xét khác',
    ...(input.evaluation ? { text: other?.trim() ? other : 'Không.' } : {}),
  });
  return items;
}

function hd02Items(input: CommentSheetInput): SheetItem[] {
  const form = input.evaluation?.form;
  const duties = form?.kind === 'hd02-4duties' ? form.duties : undefined;
  const items: SheetItem[] = RULE_SETS['hd02-2011'].duties.map((duty, i) => {
    const assessed = duties?.[duty.key as keyof typeof duties];
    return {
      kind: 'choice',
      heading: `${i + 1}. ${duty.vi}`,
      options: DUTY_MARKS.map((m) => ({ label: m.vi, chosen: m.value === (assessed?.mark as DutyMark) })),
      comment: { label: 'Nhận xét', text: assessed?.comment },
    };
  });
  items.push(proposalItem(input, 'Đề nghị'));
  return items;
}

function signer(
  onRecord: SheetSignerOnRecord | undefined,
  committeeName: string,
  hint: string,
  heading?: string[],
): SheetSigner {
  return {
    heading,
    onBehalfOf: onBehalfOf(committeeName),
    position: TITLE_VI(onRecord?.title ?? 'bi_thu'),
    hint,
    name: onRecord?.name,
  };
}

/**
 * The sheet's parts. qd213-2020: issued by the hamlet's cell (under the ward's party organisation), signed
 * T/M CHI ỦY and confirmed by the ward's committee (the left block). hd02-2011: issued and signed T/M the
 * ward's committee, as the seed's sheet is.
 */
export function commentSheet(input: CommentSheetInput): CommentSheetContent {
  const state = stateOf(input);
  const qd213 = input.ruleSet === 'qd213-2020';
  const cell = hamletCellName(input.hamlet ?? '……………');
  const header = qd213
    ? {
        parent: partyOrganisationName(input.ward.name),
        issuer: upper(cell),
        placeAndDate: dated(input, input.ward.place),
      }
    : {
        ...(input.ward.parentName ? { parent: partyOrganisationName(input.ward.parentName) } : {}),
        issuer: upper(input.ward.name),
        placeAndDate: dated(input, input.ward.place),
      };
  const summary =
    input.formKind === 'qd213-short'
      ? [`${SUMMARY} năm ${input.year}`, '(đảng viên được giới thiệu nhưng được miễn sinh hoạt nơi cư trú)']
      : [`${SUMMARY} năm ${input.year}`];
  const signatures = qd213
    ? [
        signer(input.wardSigner, input.ward.name, '(Ký tên, đóng dấu)', [
          'XÁC NHẬN CỦA',
          upper(input.ward.name),
        ]),
        signer(input.cellSigner, cell, '(Ký, ghi rõ họ tên)'),
      ]
    : [signer(input.wardSigner, input.ward.name, '(Ký tên, đóng dấu)')];
  return {
    ...(qd213 ? { formLabel: FORM_LABEL } : {}),
    header,
    ...(state === 'draft' ? { banner: 'DỰ THẢO' } : {}),
    title: { type: 'PHIẾU NHẬN XÉT', summary },
    identity: identityLines(input),
    items: qd213 ? qd213Items(input) : hd02Items(input),
    signatures,
  };
}
