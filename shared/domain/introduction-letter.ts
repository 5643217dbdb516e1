// domain: the text of the introduction letter (giấy giới thiệu), laid out per the residence committee's rule set.
//
// hd02-2011: the seed's simple letter (Quy định 76-QĐ/TW, Hướng dẫn 02-HD/BTCTU).
// qd213-2020: the fields of mẫu 1-213 (committee, "Số …-GGT", place and date, "Kính gửi" the ward
// committee, name, sex, date of birth, dates admitted and made official, current cell, residence
// address, signed T/M by the secretary). The renderer (adapters/documents) only lays these lines out.
import type { Committee, RuleSetId } from './committee.js';
import { formatVietnameseDate } from './dates.js';
import type { Introduction } from './introduction.js';
import type { Member } from './member.js';
import { partyOrganisationName, placeAndDate, withIssuerSymbol } from './party-document.js';
import { PARTY_TITLES, type PartyTitle, type StaffAssignment } from './roles.js';
import { PARTY_TITLE } from './wording.js';

export interface LetterContent {
  ruleSet: RuleSetId;
  /**
   * The header of the party's document format (Hướng dẫn 36-HD/VPTW): the party organisation above the
   * issuer, the issuing committee (capitals), the number with the issuer's abbreviation, the place and date.
   */
  header: { parent?: string; issuer: string; number: string; placeAndDate: string };
  title: string;
  subtitle: string;
  addressee: string;
  /** The body, one paragraph per entry. */
  paragraphs: string[];
  /** R3, R6, R20 remarks, when they apply. */
  notes: string[];
  signature: { onBehalfOf: string; title: string; hint: string; name: string };
  /** Page 2 of the contact book, once the residence committee received the member (R5). */
  receipt?: string[];
  /** Who signs the receipt on page 2: for the residence committee, the staff member who received. */
  receiptSignature?: { onBehalfOf: string; title: string; hint: string; name: string };
}

export interface LetterInput {
  ruleSet: RuleSetId;
  introduction: Introduction;
  member: Member;
  workplace: Pick<Committee, 'name' | 'address'>;
  workplaceParent?: Pick<Committee, 'name'>;
  residence: Pick<Committee, 'name'>;
  hamlet?: Pick<Committee, 'name'>;
  /** Who signs on behalf of the issuing committee: its bí thư, else a phó bí thư (letterSigner). */
  signer: LetterSigner;
}

export interface LetterSigner {
  name: string;
  title: PartyTitle;
}

const TITLE_VI = (title: PartyTitle) => PARTY_TITLE[title].vi.toLocaleUpperCase('vi');

/**
 * R6: the letter is signed on behalf of the workplace's committee by its bí thư, or by a phó bí thư when the
 * committee has no bí thư on record (party documents put the signer's own title under "T/M …", no "KT."). The
 * meeting's secretary (thư ký) never signs it. Undefined when the committee has neither: no letter is printed
 * with an empty signature.
 */
export function letterSigner(
  staff: readonly Pick<StaffAssignment, 'fullName' | 'partyTitle'>[],
): LetterSigner | undefined {
  for (const title of PARTY_TITLES) {
    const holder = staff.find((s) => s.partyTitle === title);
    if (holder) return { name: holder.fullName, title };
  }
  return undefined;
}

const SEX_VI = { male: 'Nam', female: 'Nữ' } as const;

/** "Cần Thơ" from "Số 1, đường …, Cần Thơ": the last part of the committee's address names the place. */
export function placeOf(address: string | undefined): string | undefined {
  const parts = address
    ?.split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return parts?.[parts.length - 1];
}

/** "T/M CHI ỦY" for a cell, "T/M ĐẢNG ỦY" for a party committee, per the issuing committee's name. */
export function onBehalfOf(committeeName: string): string {
  const name = committeeName.normalize('NFC').toLocaleLowerCase('vi');
  if (name.startsWith('chi bộ') || name.startsWith('chi ủy')) return 'T/M CHI ỦY';
  if (name.startsWith('đảng ủy') || name.startsWith('đảng bộ')) return 'T/M ĐẢNG ỦY';
  return 'T/M CẤP ỦY';
}

const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');
const dateOrDots = (date: string | undefined) => (date ? formatVietnameseDate(date) : '……………');

function residenceLine(member: Member): string {
  const r = member.residence;
  const kind =
    r.kind === 'permanent'
      ? 'thường trú'
      : `tạm trú${r.registeredUntil ? ` đến ngày ${formatVietnameseDate(r.registeredUntil)}` : ''}`;
  return `Nơi cư trú: ${r.address} (${kind}).`;
}

function notesFor(input: LetterInput): string[] {
  const notes: string[] = [];
  const { member, introduction } = input;
  if (member.category === 'travelling') {
    notes.push(
      'Đồng chí thường xuyên đi công tác xa, lưu động; cấp ủy nơi công tác sẽ thông báo lý do và thời gian vắng mặt để cấp ủy nơi cư trú biết, theo dõi.',
    );
  }
  if (member.category === 'student') {
    notes.push('Đồng chí là học sinh, sinh viên ở trọ; cấp ủy nhà trường là cấp ủy nơi công tác.');
  }
  if (introduction.contactPath === 'direct') {
    notes.push(
      'Cấp ủy nơi công tác liên hệ trực tiếp với cấp ủy nơi cư trú để nhận sổ liên hệ của đảng viên.',
    );
  }
  if (introduction.followerName) {
    notes.push(`Đồng chí cấp ủy viên theo dõi đảng viên: ${introduction.followerName}.`);
  }
  return notes;
}

function receiptFor(input: LetterInput): string[] | undefined {
  const receipt = input.introduction.receipt;
  if (!receipt) return undefined;
  return [
    'XÁC NHẬN CỦA CẤP ỦY NƠI CƯ TRÚ (trang 2 sổ liên hệ)',
    `${input.residence.name} đã tiếp nhận đảng viên ngày ${formatVietnameseDate(receipt.receivedOn)}.`,
    `Người tiếp nhận: ${receipt.receivedByName}.`,
    `Phân công sinh hoạt, giữ mối liên hệ tại: ${input.hamlet?.name ?? receipt.hamletId}.`,
  ];
}

/** The letter's lines for the committee's rule set; every name keeps its diacritics (NFC). */
export function introductionLetter(input: LetterInput): LetterContent {
  const { introduction, member, workplace, residence } = input;
  const header = {
    ...(input.workplaceParent ? { parent: partyOrganisationName(input.workplaceParent.name) } : {}),
    issuer: upper(workplace.name),
    number: `Số ${withIssuerSymbol(introduction.letterNumber, workplace.name)}`,
    placeAndDate: placeAndDate(placeOf(workplace.address), introduction.issuedOn),
  };
  const signature = {
    onBehalfOf: onBehalfOf(workplace.name),
    title: TITLE_VI(input.signer.title),
    hint: '(Ký tên, đóng dấu)',
    name: input.signer.name,
  };
  const receipt = receiptFor(input);
  const receivedBy = input.introduction.receipt?.receivedByName;
  const common = {
    header,
    notes: notesFor(input),
    signature,
    receipt,
    ...(receipt && receivedBy
      ? {
          receiptSignature: {
            onBehalfOf: onBehalfOf(residence.name),
            title: 'NGƯỜI TIẾP NHẬN',
            hint: '(Ký, ghi rõ họ tên)',
            name: receivedBy,
          },
        }
      : {}),
  };

  if (input.ruleSet === 'qd213-2020') {
    return {
      ruleSet: input.ruleSet,
      ...common,
      title: 'GIẤY GIỚI THIỆU',
      subtitle: 'Đảng viên đang công tác giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú',
      addressee: `Kính gửi: ${residence.name}`,
      paragraphs: [
        `${workplace.name} giới thiệu đồng chí: ${member.fullName}. Giới tính: ${SEX_VI[member.sex]}.`,
        `Sinh ngày: ${formatVietnameseDate(member.dateOfBirth)}.`,
        `Ngày vào Đảng: ${dateOrDots(member.admittedOn)}; ngày chính thức: ${dateOrDots(member.officialOn)}.`,
        `Hiện đang sinh hoạt tại chi bộ: ${member.partyCell ?? '……………'}.`,
        residenceLine(member),
        'Về giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú theo Quy định số 213-QĐ/TW ngày 02/01/2020 của Bộ Chính trị.',
        `Đề nghị ${residence.name} tiếp nhận, giới thiệu đồng chí về chi bộ ấp, khu vực, tổ dân phố nơi cư trú.`,
      ],
    };
  }
  return {
    ruleSet: input.ruleSet,
    ...common,
    title: 'GIẤY GIỚI THIỆU',
    subtitle: 'Đảng viên đang công tác giữ mối liên hệ với cấp ủy nơi cư trú',
    addressee: `Kính gửi: ${residence.name}`,
    paragraphs: [
      `${workplace.name} trân trọng giới thiệu đồng chí: ${member.fullName}.`,
      `Sinh ngày: ${formatVietnameseDate(member.dateOfBirth)}. Số thẻ đảng viên: ${member.partyCardNumber}.`,
      residenceLine(member),
      'Đến liên hệ để giữ mối liên hệ với cấp ủy và nhân dân nơi cư trú theo Quy định số 76-QĐ/TW ngày 15/6/2000 của Bộ Chính trị và Hướng dẫn số 02-HD/BTCTU ngày 04/8/2011 của Ban Tổ chức Thành ủy.',
      `Đề nghị ${residence.name} tiếp nhận, ghi xác nhận vào trang 2 sổ liên hệ và phân công đồng chí về ấp, khu vực nơi cư trú.`,
    ],
  };
}
