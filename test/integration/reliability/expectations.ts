// Reliability support: what each registry route answers to each role and committee (authorisation matrix),
// and one valid request per route (the bad-input suite mutates it).
import type { Role } from '../../../shared/domain/roles.js';
import { WARD, WORKPLACE } from '../../support/meeting-world.js';
import {
  CONSULTATION,
  HD02_FORM,
  JUNE,
  OCTOBER_2025,
  PEOPLE,
  type Side,
  UPCOMING,
  type World,
  YEAR,
} from './world.js';

export interface Request {
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** A body sent as it is, not as JSON (a CSV file), with its headers. */
  raw?: { body: string; headers: Record<string, string> };
}

export interface Expectation {
  request: (world: World, role: Role) => Request;
  /** True when this role, acting for its own or another committee, is allowed (2xx); false: 403 or 404. */
  allowed: (role: Role, side: Side) => boolean;
  /**
   * What an allowed caller gets when the world's state makes the step a rule violation rather than a success
   * (the qd213-2020 steps on the world's hd02-2011 ward: 422); the check is still that authorisation let it in.
   */
  allowedStatus?: number;
}

const RESIDENCE: readonly Role[] = ['residence_staff', 'chair', 'secretary'];
const residence = (role: Role, side: Side) => side === 'own' && RESIDENCE.includes(role);
const residenceOrViewer = (role: Role, side: Side) =>
  side === 'own' && (RESIDENCE.includes(role) || role === 'viewer');
const workplace = (role: Role, side: Side) => side === 'own' && role === 'workplace_staff';
/** The introduction's two committees and the member (docs/api.md, authorisation matrix). */
const eitherSideOrMember = (role: Role, side: Side) =>
  side === 'own' && (role === 'member' || role === 'workplace_staff' || RESIDENCE.includes(role));

/** A member new to the world, introduced by its workplace to its ward (issue 3). */
const NEW_MEMBER = {
  partyCardNumber: '420000001',
  fullName: 'Võ Thị Kim Liên',
  dateOfBirth: '1990-04-30',
  sex: 'female',
  residence: { kind: 'permanent', address: 'Số 9, khu vực 3, phường An Hòa', registeredFrom: '2015-01-01' },
};
const IMPORT_CSV =
  'so_the_dang,ho_ten,ngay_sinh,gioi_tinh,cu_tru,dia_chi,dang_ky_tu,ma_noi_cu_tru\n' +
  `420000002,Đinh Công Tráng,1988-08-08,nam,thuong_tru,"Số 2, khu vực 3",2010-01-01,${WARD}`;

/**
 * What each route answers, from docs/meeting.md's route table. A route added to the registry without a row
 * here fails the completeness test below: add its row (or reuse its feature's own matrix) when it lands.
 */
/** The administration's routes: nobody here administers the ward or the workplace (see world.ts). */
const nobody = () => false;

export const EXPECTATIONS: Record<string, Expectation> = {
  // Administration (issue 14): each request is valid, so every refusal is the use case's 403, not a 400.
  'admin-committees-create': {
    request: () => ({ body: { id: 'chi-bo-moi', name: 'Chi bộ mới', kind: 'workplace', parentId: WARD } }),
    allowed: nobody,
  },
  'admin-committees-import': {
    request: () => ({
      raw: {
        body: `ma_don_vi,ten,loai,ma_cap_tren\nchi-bo-csv,Chi bộ CSV,co_quan,${WARD}`,
        headers: { 'content-type': 'text/csv; charset=utf-8' },
      },
    }),
    // An administrator's file is read and answered line by line (200, every line refused: not their ward);
    // anyone else is refused before the file is read.
    allowed: (role) => role === 'admin',
  },
  'admin-committees-update': {
    request: () => ({ pathParameters: { id: WORKPLACE }, body: { name: 'Tên mới' } }),
    allowed: nobody,
  },
  'admin-committees-move': {
    request: () => ({ pathParameters: { id: WORKPLACE }, body: { parentId: WARD } }),
    allowed: nobody,
  },
  'admin-committees-close': { request: () => ({ pathParameters: { id: WORKPLACE } }), allowed: nobody },
  'admin-staff-list': { request: () => ({ pathParameters: { id: WARD } }), allowed: nobody },
  'admin-audit-list': {
    request: () => ({
      pathParameters: { id: WARD },
      query: { from: '2026-01-01T00:00:00+07:00', to: '2026-12-31T23:59:59+07:00' },
    }),
    allowed: nobody,
  },
  'admin-staff-assign': {
    request: () => ({
      pathParameters: { id: WARD },
      body: { role: 'residence_staff', fullName: 'Cán Bộ Mới' },
    }),
    allowed: nobody,
  },
  'admin-staff-revoke': {
    request: () => ({ pathParameters: { id: WARD, personId: 'res-1', role: 'residence_staff' } }),
    allowed: nobody,
  },
  // Issue 18: nobody in this world heads the committee of a waiting link (there is none: 404) or administers one.
  'link-request-decide': {
    request: () => ({ pathParameters: { id: 'no-such-request' }, body: { approve: true } }),
    allowed: nobody,
  },
  // Deletion requests: the ward's chair and secretary; none is pending here (the list is empty, completing 404).
  'deletion-requests-list': {
    request: () => ({ pathParameters: { id: WARD } }),
    allowed: (role, side) => side === 'own' && (role === 'chair' || role === 'secretary'),
  },
  'deletion-request-complete': {
    request: () => ({ pathParameters: { id: WARD, memberId: PEOPLE.own.id } }),
    allowed: nobody,
  },
  'admin-chat-links-unlink': {
    request: () => ({ pathParameters: { kind: 'member', id: PEOPLE.own.id } }),
    allowed: nobody,
  },
  // The bot's routes (issue 4, docs/bot.md): link codes by the member's workplace or residence staff;
  // meetings planned and invitations sent by the ward's residence staff.
  'create-member-link-code': {
    request: () => ({ pathParameters: { id: PEOPLE.own.id } }),
    allowed: (role, side) => side === 'own' && (RESIDENCE.includes(role) || role === 'workplace_staff'),
  },
  // A staff person's code: only their committee's head (the ward's chair), never a peer (impersonation).
  'create-staff-link-code': {
    request: () => ({ pathParameters: { id: 'res-1' } }),
    allowed: (role, side) => side === 'own' && role === 'chair',
  },
  'plan-meeting': {
    request: () => ({
      pathParameters: { id: WARD },
      body: {
        year: 2027,
        round: 'october',
        date: '2027-10-16',
        time: '08:00',
        place: 'Hội trường Đảng ủy phường',
        chairStaffId: 'chair-1',
      },
    }),
    allowed: residence,
  },
  'send-invitations': { request: () => ({ pathParameters: { id: UPCOMING } }), allowed: residence },
  // Issue 16: the ward's residence staff move or call off their meeting and record answers for its members.
  'meeting-reschedule': {
    request: () => ({ pathParameters: { id: UPCOMING }, body: { place: 'Nhà văn hóa khu vực 3' } }),
    allowed: residence,
  },
  'meeting-cancel': {
    request: () => ({ pathParameters: { id: UPCOMING }, body: { reason: 'Trùng lịch của phường' } }),
    allowed: residence,
  },
  'meeting-answer-on-behalf': {
    request: () => ({
      pathParameters: { id: UPCOMING, memberId: PEOPLE.own.id },
      body: { rsvp: 'absent', category: 'work', via: 'phone' },
    }),
    allowed: residence,
  },
  // Introductions and the contact book (issue 3, docs/api.md): the workplace introduces, travels, exempts
  // and ends; the ward receives and lists; the book and the letter are seen by both sides and the member.
  // Any workplace introduces as itself (its orgId); naming another committee in `workplaceOrgId` is a 403,
  // covered by test/integration/authorisation-matrix.test.ts.
  'introductions-create': {
    request: () => ({ body: { residenceOrgId: WARD, member: NEW_MEMBER } }),
    allowed: (role) => role === 'workplace_staff',
  },
  'introductions-import': {
    request: () => ({ query: { workplaceOrgId: WORKPLACE }, body: { csv: IMPORT_CSV } }),
    allowed: workplace,
  },
  'introductions-receive': {
    request: () => ({ pathParameters: { id: `intro-${PEOPLE.own.id}` }, body: { hamletId: 'kv-3' } }),
    allowed: residence,
  },
  'introductions-end': {
    request: () => ({ pathParameters: { id: `intro-${PEOPLE.own.id}` }, body: { reason: 'moved' } }),
    allowed: workplace,
  },
  'introductions-letter': {
    request: () => ({ pathParameters: { id: `intro-${PEOPLE.own.id}` } }),
    allowed: eitherSideOrMember,
  },
  'members-travel-notices': {
    request: () => ({
      pathParameters: { id: PEOPLE.own.id },
      body: { reason: 'Công tác ở Côn Đảo', from: '2026-11-01', until: '2026-12-15' },
    }),
    allowed: workplace,
  },
  'members-exemptions': {
    request: () => ({
      pathParameters: { id: PEOPLE.own.id },
      body: { reason: 'Điều trị dài ngày', from: '2026-11-01' },
    }),
    allowed: workplace,
  },
  'members-contact-book': {
    request: () => ({ pathParameters: { id: PEOPLE.own.id } }),
    allowed: eitherSideOrMember,
  },
  'committees-members': {
    request: () => ({ pathParameters: { id: WARD }, query: { status: 'active', limit: '10' } }),
    allowed: residence,
  },
  // The ward's own residence staff print its members' link codes.
  'committee-link-codes-pdf': { request: () => ({ pathParameters: { id: WARD } }), allowed: residence },
  'meeting-attendance-get': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residenceOrViewer },
  'meeting-attendance-open': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residence },
  'meeting-attendance-set': {
    request: () => ({ pathParameters: { id: JUNE, memberId: PEOPLE.own.id }, body: { present: false } }),
    allowed: residence,
  },
  'meeting-minutes-get': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residenceOrViewer },
  'meeting-minutes-part-put': {
    request: () => ({ pathParameters: { id: JUNE, part: 'plan' }, body: { text: 'Kế hoạch tháng 7.' } }),
    allowed: residence,
  },
  // Only the assigned chair signs as chair and only a secretary as secretary (R15 2.6).
  'meeting-minutes-sign': {
    request: (_w, role) => ({
      pathParameters: { id: JUNE },
      body: { as: role === 'secretary' ? 'secretary' : 'chair' },
    }),
    allowed: (role, side) => side === 'own' && (role === 'chair' || role === 'secretary'),
  },
  // Addenda only after the seal, proposed by one of the two who signed the minutes (R16): the October 2025
  // minutes are sealed, signed by this ward's chair and secretary; other residence staff are refused.
  'meeting-minutes-addendum': {
    request: () => ({
      pathParameters: { id: OCTOBER_2025 },
      body: { text: 'Đính chính: số người dự là 2.' },
    }),
    allowed: (role, side) => side === 'own' && (role === 'chair' || role === 'secretary'),
  },
  'meeting-minutes-pdf': { request: () => ({ pathParameters: { id: JUNE } }), allowed: residenceOrViewer },
  // Printing the paper invitations takes the round's number (a write): the ward's staff who run the meeting.
  'meeting-paper-invitations-pdf': {
    request: () => ({ pathParameters: { id: JUNE }, query: { scope: 'all' } }),
    allowed: residence,
  },
  // A member raises their own comment, to a meeting of the ward that received them.
  'meeting-comment-raise': {
    request: () => ({ pathParameters: { id: JUNE }, body: { topic: 'Môi trường', text: 'Rác ở bờ kè.' } }),
    allowed: (role, side) => role === 'member' && side === 'own',
  },
  'meeting-comment-answer': {
    request: (w) => ({
      pathParameters: { id: JUNE, commentId: w.commentId },
      body: { status: 'done', text: 'Đã lắp đèn.' },
    }),
    allowed: residence,
  },
  // Only the workplace of the member acknowledges an R10 notice about them.
  'absence-notice-ack': {
    request: () => ({ pathParameters: { id: OCTOBER_2025, memberId: PEOPLE.peer.id } }),
    allowed: (role, side) => role === 'workplace_staff' && side === 'own',
  },
  // Any workplace lists its own pending notices (another workplace gets its own, empty, list).
  'absence-notices-pending': { request: () => ({}), allowed: (role) => role === 'workplace_staff' },
  // Year end (issue 6, docs/year-end.md): residence staff write, the chair alone submits (R17), the workplace
  // follows its members (R19–R21), the member reports for themselves (R19), boards above read reports (R22).
  'list-evaluations': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR) }, query: { status: 'due' } }),
    allowed: residence,
  },
  'get-evaluation': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id } }),
    allowed: residence,
  },
  'save-evaluation-draft': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id },
      body: { form: { ...HD02_FORM, proposal: 'commend' } },
    }),
    allowed: residence,
  },
  'record-consultation': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.student.id },
      body: { ...CONSULTATION, policeHeadOpinion: 'Gương mẫu.' },
    }),
    allowed: residence,
  },
  // qd213-2020 steps (issue 16 item 5): the ward's residence staff record them; the world's ward follows hd02-2011,
  // so an allowed caller is let in and then told the step is not its rule set's (422).
  'record-front-consultation': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id },
      body: {
        name: 'Nguyễn Thị Mặt Trận',
        position: 'Trưởng ban công tác mặt trận',
        opinion: 'Gương mẫu.',
        consultedOn: '2026-10-26',
      },
    }),
    allowed: residence,
    allowedStatus: 422,
  },
  'sign-evaluation-for-cell': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id },
      body: { signerName: 'Lê Văn Bí Thư', signerTitle: 'bi_thu', signedOn: '2026-10-28' },
    }),
    allowed: residence,
    allowedStatus: 422,
  },
  'record-comment-request': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id },
      body: { reason: 'appointment', requestedBy: 'Đảng ủy Sở Y tế', requestedOn: '2026-10-29' },
    }),
    allowed: residence,
    allowedStatus: 422,
  },
  'submit-evaluation': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.own.id }, body: {} }),
    allowed: (role, side) => role === 'chair' && side === 'own',
  },
  'workplace-year-end': {
    request: () => ({ pathParameters: { id: WORKPLACE, year: String(YEAR) } }),
    allowed: (role, side) => role === 'workplace_staff' && side === 'own',
  },
  'submit-self-report': {
    request: () => ({
      pathParameters: { id: PEOPLE.own.id, year: String(YEAR) },
      body: { activities: 'Tham gia vệ sinh môi trường, hội khuyến học.' },
    }),
    allowed: (role, side) => role === 'member' && side === 'own',
  },
  'record-direct-collection': {
    request: () => ({
      pathParameters: { id: PEOPLE.army.id, year: String(YEAR) },
      body: { collectedOn: '2026-10-29' },
    }),
    allowed: (role, side) => role === 'workplace_staff' && side === 'own',
  },
  'compile-report': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR) } }),
    allowed: residence,
  },
  'put-report-narrative': {
    request: () => ({
      pathParameters: { id: WARD, year: String(YEAR) },
      body: { assessment: 'Đảng viên giữ mối liên hệ tốt với nơi cư trú.' },
    }),
    allowed: residence,
  },
  'get-report-narrative': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR) } }),
    allowed: residenceOrViewer,
  },
  'get-report': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR) } }),
    allowed: residenceOrViewer,
  },
  // Issue 17: the comment sheet printed. The ward's staff print any of its members; the member's workplace
  // prints the sheet once submitted (m-army's is); a hamlet's sheets are the ward's alone.
  'evaluation-sheet-pdf': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR), memberId: PEOPLE.army.id } }),
    allowed: (role, side) => residence(role, side) || workplace(role, side),
  },
  'evaluation-hamlet-sheets-pdf': {
    request: () => ({ pathParameters: { id: WARD, year: String(YEAR), hamletId: 'kv-3' } }),
    allowed: residence,
  },
};
