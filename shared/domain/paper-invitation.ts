// domain: the paper invitation (giấy mời) the residence committee hands to a member no chat or phone reached
// (R9, issue 16 item 8). The bot's letter says the same things in a chat; this one is a party document
// (Hướng dẫn 36-HD/VPTW: header, number "Số 3-GM/ĐU", place and date, title, "Kính gửi", body, T/M signature).
// Pure: the renderer in adapters/documents only lays these lines out, one member to a page.
import type { Committee } from './committee.js';
import { dayOfWeek, formatVietnameseDate, type IsoDate } from './dates.js';
import { type LetterSigner, onBehalfOf } from './introduction-letter.js';
import type { Meeting } from './meeting.js';
import { documentPlace, partyOrganisationName, placeAndDate, withIssuerSymbol } from './party-document.js';
import type { PartyTitle } from './roles.js';
import { PARTY_TITLE } from './wording.js';

export interface PaperInvitationContent {
  header: { parent?: string; issuer: string; number?: string; placeAndDate: string };
  title: string;
  summary: string;
  addressee: string;
  /** The body, one paragraph per entry; the meeting's details are lines of their own. */
  paragraphs: string[];
  signature: { onBehalfOf: string; title: string; hint: string; name?: string };
}

/** One member on the paper list, as the letter names them. */
export interface PaperInvitee {
  memberName: string;
  hamletName?: string;
  /** R4 under a rule set that invites exempt members: attending is not required. */
  optional?: boolean;
}

export interface PaperInvitationInput {
  meeting: Pick<
    Meeting,
    'year' | 'round' | 'date' | 'time' | 'place' | 'chairName' | 'agenda' | 'rescheduled'
  >;
  committee: Pick<Committee, 'name' | 'address'>;
  parent?: Pick<Committee, 'name'>;
  /** The round's number ("3-GM"), taken once per meeting; none prints the symbol for the office to fill. */
  number?: string;
  /** The day the letters are printed (Asia/Ho_Chi_Minh). */
  issuedOn: IsoDate;
  /** R6 by analogy: the committee's bí thư, else a phó bí thư; dots for a hand-written name otherwise. */
  signer?: LetterSigner;
}

const WEEKDAYS = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
/** The signer's party title in capitals, as a signature block prints it. */
const TITLE_VI = (title: PartyTitle) => PARTY_TITLE[title].vi.toLocaleUpperCase('vi');
const upper = (text: string) => text.normalize('NFC').toLocaleUpperCase('vi');

/** "14 giờ 00, thứ Bảy, ngày 06/06/2027": the time first, as invitations are read. */
export function meetingTimeLine(meeting: Pick<Meeting, 'date' | 'time'>): string {
  const [h, m] = meeting.time.split(':');
  return `${h} giờ ${m}, ${WEEKDAYS[dayOfWeek(meeting.date)] ?? ''}, ngày ${formatVietnameseDate(meeting.date)}`;
}

export function paperInvitationContent(
  input: PaperInvitationInput,
  invitee: PaperInvitee,
): PaperInvitationContent {
  const { meeting, committee } = input;
  const round = `tháng ${meeting.round === 'june' ? '6' : '10'} năm ${meeting.year}`;
  const paragraphs = [
    `${committee.name} trân trọng kính mời đồng chí ${invitee.memberName}` +
      `${invitee.hamletName ? ` (${invitee.hamletName})` : ''}, đảng viên đang công tác giữ mối liên hệ với ` +
      `tổ chức đảng và nhân dân nơi cư trú, dự cuộc họp đợt ${round}.`,
    `Thời gian: ${meetingTimeLine(meeting)}.`,
    `Địa điểm: ${meeting.place}.`,
    `Chủ trì: đồng chí ${meeting.chairName}.`,
    `Nội dung: ${meeting.agenda}.`,
  ];
  if (meeting.rescheduled) {
    const before = meeting.rescheduled.previous;
    paragraphs.push(
      `Giấy mời này thay giấy mời trước: cuộc họp đã dời từ ${meetingTimeLine(before)} tại ${before.place}.`,
    );
  }
  // R4: an exempt member invited under hd02-2011 is told that attending is not required.
  if (invitee.optional) {
    paragraphs.push(
      'Đồng chí đang được miễn sinh hoạt nơi cư trú nên việc dự cuộc họp này là không bắt buộc.',
    );
  }
  // R9: an absence is reported beforehand with its reason, which the workplace committee confirms.
  paragraphs.push(
    'Trường hợp vắng mặt, đề nghị đồng chí báo lý do cho cấp ủy trước cuộc họp để cấp ủy nơi công tác xác nhận.',
  );
  return {
    header: {
      ...(input.parent ? { parent: partyOrganisationName(input.parent.name) } : {}),
      issuer: upper(committee.name),
      ...(input.number ? { number: `Số ${withIssuerSymbol(input.number, committee.name)}` } : {}),
      placeAndDate: placeAndDate(documentPlace(committee), input.issuedOn),
    },
    title: 'GIẤY MỜI',
    summary: `Dự cuộc họp đảng viên đang công tác giữ mối liên hệ nơi cư trú, đợt ${round}`,
    addressee: `Kính gửi: đồng chí ${invitee.memberName}`,
    paragraphs,
    signature: {
      onBehalfOf: onBehalfOf(committee.name),
      title: TITLE_VI(input.signer?.title ?? 'bi_thu'),
      hint: '(Ký tên, đóng dấu)',
      name: input.signer?.name,
    },
  };
}
