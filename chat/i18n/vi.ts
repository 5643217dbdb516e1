// i18n: the Vietnamese catalogue (the first language); every user-visible text of the bot is here.
import type { AbsenceNoticeGround } from '../../shared/domain/attendance.js';
import type { PathCounts } from '../../shared/domain/delivery.js';
import type { Words } from '../../shared/domain/errors.js';
import type { EndReason } from '../../shared/domain/introduction.js';
import type { AbsenceCategory, Confirmation } from '../../shared/domain/invitation.js';
import type { Round } from '../../shared/domain/meeting.js';
import type { MeetingPlanWarning } from '../../shared/domain/meeting-plan.js';
import type { AbsenteeStatus } from '../../shared/domain/minutes.js';
import type { NarrativeSection } from '../../shared/domain/report-narrative.js';
import type { PartyTitle, StaffRole } from '../../shared/domain/roles.js';
import * as W from '../../shared/domain/wording.js';
import { capitalised, wordsIn } from '../../shared/domain/wording.js';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const SHORT_WEEKDAYS = ['CN', 'T2', 'T3', 'T4', 'T5', 'T6', 'T7'];

const END_REASON: Record<EndReason, string> = {
  transfer: 'chuyển sinh hoạt đảng',
  moved: 'chuyển nơi cư trú',
  deceased: 'từ trần',
  left_party: 'ra khỏi Đảng',
  other: 'lý do khác',
};

/** " (Telegram 300, Zalo 120)": the chat channels that carried a round, by their own names (both languages). */
export function chatPaths(byPath: PathCounts): string {
  const parts = (['telegram', 'zalo'] as const)
    .filter((channel) => (byPath[channel] ?? 0) > 0)
    .map((channel) => `${channel === 'telegram' ? 'Telegram' : 'Zalo'} ${byPath[channel]}`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/** "\n• <lead>: 2 tin Zalo (ZNS), 1 tin SMS." — only the phone paths that carried something; '' when none. */
export function phonePaths(
  byPath: PathCounts,
  zns: (n: number) => string,
  sms: (n: number) => string,
  lead: string,
): string {
  const parts = [byPath.zns ? zns(byPath.zns) : '', byPath.sms ? sms(byPath.sms) : ''].filter(Boolean);
  return parts.length > 0 ? `\n• ${lead}: ${parts.join(', ')}.` : '';
}

/** What /dulieu's summary counts (the details are in the PDF). */
export interface PersonalDataSummary {
  name: string;
  hasPhone: boolean;
  introductions: number;
  invitations: number;
  comments: number;
  evaluations: number;
  chatLinks: number;
}

export interface MeetingText {
  /** dd/MM/yyyy */
  date: string;
  weekday: number;
  time: string;
  place: string;
  chairName: string;
  agenda: string;
  round: Round;
  year: number;
}

const roundLabel = (round: Round, year: number) => `tháng ${round === 'june' ? 6 : 10}/${year}`;

const when = (m: Pick<MeetingText, 'date' | 'weekday' | 'time'>) =>
  `${m.time}, ${WEEKDAYS[m.weekday] ?? ''}, ngày ${m.date}`;

// The words for each code come from the one catalogue (shared/domain/wording.ts), the same the minutes and the PDFs read.
const ROLE: Record<StaffRole, string> = wordsIn(W.ROLE, 'vi');
const CATEGORY: Record<AbsenceCategory, string> = wordsIn(W.ABSENCE_CATEGORY, 'vi');
const CONFIRMATION: Record<Confirmation, string> = wordsIn(W.CONFIRMATION, 'vi');
const ABSENTEE: Record<AbsenteeStatus, string> = wordsIn(W.ABSENTEE_STATUS, 'vi');
const report = (year: number) => W.REPORT_TITLE(year).vi;

const WARNING: Record<MeetingPlanWarning, string> = {
  not_weekend: 'Ngày họp không phải thứ Bảy hoặc Chủ nhật (nên họp vào ngày nghỉ cuối tuần).',
  not_in_round_month: 'Ngày họp không nằm trong tháng của đợt họp (tháng 6 hoặc tháng 10).',
  not_in_year: 'Ngày họp không thuộc năm của đợt họp.',
  chair_not_standing: 'Người chủ trì không phải là thường trực cấp ủy.',
};

/** A committee as its detail shows it. */
export interface UnitText {
  name: string;
  kind: string;
  parent?: string;
  hamlets: readonly string[];
  closedOn?: string;
}

/** What each rule of the procedure is about, as users name it (the code itself is never shown). */
const RULE_TOPICS_VI: Record<string, string> = {
  R1: 'giới thiệu đảng viên về nơi cư trú',
  R2: 'nơi cư trú của đảng viên',
  R3: 'đảng viên thường xuyên đi vắng',
  R4: 'miễn sinh hoạt nơi cư trú',
  R5: 'tiếp nhận đảng viên',
  R6: 'đảng viên là học sinh, sinh viên',
  R7: 'theo dõi và chấm dứt giới thiệu',
  R8: 'cuộc họp giữ mối liên hệ',
  R9: 'báo lý do vắng mặt',
  R10: 'đảng viên vắng mặt không báo lý do',
  R11: 'đảng viên vắng cả hai cuộc họp trong năm',
  R12: 'tham gia sinh hoạt ở nơi cư trú',
  R13: 'khai mạc cuộc họp',
  R14: 'chương trình cuộc họp',
  R15: 'nội dung cuộc họp',
  R16: 'ký và lưu biên bản',
  R17: 'nhận xét đảng viên cuối năm',
  R18: 'lấy ý kiến trước khi nhận xét',
  R19: 'đảng viên báo cáo cuối năm',
  R20: 'thu sổ liên hệ',
  R21: 'đánh giá đảng viên cuối năm',
  R22: 'báo cáo kết quả năm',
};

export const vi = {
  language: 'vi' as const,
  weekday: (day: number) => WEEKDAYS[day] ?? '',
  shortWeekday: (day: number) => SHORT_WEEKDAYS[day] ?? '',
  roundLabel,
  role: (role: StaffRole) => ROLE[role],
  category: (category: AbsenceCategory) => CATEGORY[category],
  confirmation: (c: Confirmation) => CONFIRMATION[c],

  errors: {
    generic: 'Xin lỗi, hệ thống đang bận. Đồng chí vui lòng thử lại sau ít phút.',
    forbidden: 'Đồng chí không có quyền thực hiện thao tác này.',
    notFound: 'Không tìm thấy thông tin được yêu cầu.',
    notLinked:
      'Tài khoản Telegram này chưa được liên kết. Đồng chí hãy xin mã liên kết từ cấp ủy rồi mở đường dẫn được gửi kèm.',
    meetingStarted: 'Cuộc họp đã bắt đầu, không thể thay đổi câu trả lời nữa. Xin cảm ơn đồng chí.',
    meetingStartedInvite: 'Cuộc họp đã bắt đầu, không thể gửi thư mời nữa.',
    meetingExists: 'Cấp ủy đã có lịch họp cho đợt này. Mỗi đợt chỉ có một cuộc họp.',
    staleButton: 'Nút này đã cũ hoặc không còn hiệu lực. Đồng chí vui lòng dùng tin nhắn mới nhất.',
    invalid: 'Thông tin chưa hợp lệ, đồng chí vui lòng kiểm tra lại.',
    busy: 'Có nhiều thay đổi cùng lúc. Đồng chí vui lòng bấm lại.',
    // What the rule is about, never its code: users know the procedure, not our numbering of it.
    // The detail is the error's own words (e.g. which parts of the minutes are missing), so the user can fix it.
    rule: (rule: string, detail?: string) =>
      `Thao tác này trái với quy định về ${RULE_TOPICS_VI[rule] ?? 'giữ mối liên hệ với nơi cư trú'}${detail ? `: ${detail}` : ''}.`,
    /** An error's own words in this catalogue's language (they are written in both). */
    said: (words: Words) => words.vi,
  },

  start: {
    notLinked:
      'Xin chào đồng chí! Đây là hệ thống giữ mối liên hệ với cấp ủy nơi cư trú.\n' +
      'Tài khoản này chưa được liên kết. Đồng chí hãy xin mã liên kết từ cấp ủy nơi công tác hoặc nơi cư trú, ' +
      'rồi mở đường dẫn được gửi kèm (hoặc gõ /start <mã>).',
    welcomeMember: (name: string) => `Xin chào đồng chí ${name}!`,
    welcomeStaff: (name: string, role: StaffRole) => `Xin chào đồng chí ${name} (${ROLE[role]})!`,
  },

  link: {
    okMember: (name: string) =>
      `Đã liên kết tài khoản với đảng viên ${name}. Từ nay đồng chí sẽ nhận thư mời họp và nhắc lịch qua đây.`,
    okStaff: (name: string, role: StaffRole) =>
      `Đã liên kết tài khoản với đồng chí ${name} (${ROLE[role]}). Các lệnh dành cho đồng chí đã được thêm vào menu.`,
    already: (name: string) => `Tài khoản này đã được liên kết với ${name} từ trước.`,
    unknown: 'Mã liên kết không đúng. Đồng chí vui lòng kiểm tra lại đường dẫn hoặc xin mã mới từ cấp ủy.',
    used: 'Mã liên kết này đã được sử dụng. Mỗi mã chỉ dùng được một lần; đồng chí hãy xin mã mới từ cấp ủy.',
    expired: 'Mã liên kết đã hết hạn (mã có hiệu lực 72 giờ). Đồng chí hãy xin mã mới từ cấp ủy.',
    chatAlreadyLinked:
      'Tài khoản trò chuyện này đã được liên kết với một người khác. Mỗi tài khoản chỉ liên kết với một người.',
    tooManyAttempts:
      'Đồng chí đã nhập sai mã liên kết quá nhiều lần. Vui lòng thử lại sau một giờ, hoặc xin mã mới từ cấp ủy.',
    newLinkNotice: (app: string, replaced: boolean) =>
      `THÔNG BÁO LIÊN KẾT TÀI KHOẢN\nMột tài khoản ${app} vừa được liên kết với đồng chí.` +
      (replaced
        ? ' Mỗi người chỉ liên kết một tài khoản trên mỗi ứng dụng, nên tài khoản này đã được hủy liên kết và sẽ không nhận thông báo nữa.'
        : '') +
      ' Nếu không phải đồng chí thực hiện, xin báo ngay cho cấp ủy.',
    unlinkAsk:
      'Hủy liên kết tài khoản này? Sau khi hủy, đồng chí sẽ không nhận thư mời và thông báo qua đây nữa (vẫn nhận qua tài khoản khác đã liên kết, hoặc thư mời giấy).',
    unlinkConfirm: 'Hủy liên kết',
    unlinkKeep: 'Giữ lại',
    unlinked: 'Đã hủy liên kết tài khoản này. Muốn liên kết lại, đồng chí xin mã liên kết mới từ cấp ủy.',
    unlinkKept: 'Tài khoản vẫn được liên kết như cũ.',
  },

  help: {
    member:
      'Đồng chí sẽ nhận thư mời họp giữ mối liên hệ (tháng 6 và tháng 10) tại đây.\n' +
      '• Bấm «Tham dự» hoặc «Vắng mặt» dưới thư mời để trả lời; có thể đổi câu trả lời trước giờ họp.\n' +
      '• Khi vắng mặt, chọn lý do; lý do được gửi đến cấp ủy nơi công tác để xác nhận.\n' +
      '• Cuối năm: /baocaocuoinam — báo cáo số cuộc họp đã dự và hoạt động ở nơi cư trú.\n' +
      '/gopy chủ đề: nội dung (/comment) — gửi ý kiến cho cuộc họp tới\n' +
      '/dulieu (/mydata) — xem toàn bộ dữ liệu cá nhân hệ thống đang lưu (kèm tệp PDF)\n' +
      '/huylienket (/unlink) — hủy liên kết tài khoản này\n' +
      '/help — hướng dẫn này',
    residence:
      'Lệnh dành cho cấp ủy nơi cư trú:\n' +
      '/tiepnhan (/receive) — tiếp nhận đảng viên được giới thiệu về (nhiều người một lần)\n' +
      '/hop (/meeting) — lên lịch cuộc họp giữ mối liên hệ\n' +
      '/moi (/invite) — gửi thư mời họp đến đảng viên\n' +
      '/cuochop (/meetings) — đổi lịch, hủy cuộc họp, ghi trả lời thay đảng viên\n' +
      '/nhanxet (/evaluate) — nhận xét đảng viên cuối năm\n' +
      '/denghinhanxet (/requestcomment) — ghi đề nghị nhận xét đảng viên được miễn sinh hoạt nơi cư trú\n' +
      '/baocao (/report) — tổng hợp báo cáo kết quả năm (tệp XLSX và PDF)\n' +
      '/diemdanh (/attendance) — điểm danh cuộc họp\n' +
      '/bienban (/minutes) — soạn biên bản; /ky (/sign) — chủ trì, thư ký ký biên bản\n' +
      '/traloi (/answer) — trả lời ý kiến của đảng viên (mục 2.3)\n' +
      '/malienket <mã đảng viên> (/linkcode) — tạo mã liên kết tài khoản\n' +
      '/maketnoi (/linkcodes) — in mã liên kết của đảng viên chưa liên kết (PDF, có mã QR)\n' +
      '/huylienket (/unlink) — hủy liên kết tài khoản này\n' +
      '/help — hướng dẫn này',
    workplace:
      'Lệnh dành cho cấp ủy nơi công tác:\n' +
      '/xacnhan (/confirm) — xác nhận lý do vắng mặt của đảng viên\n' +
      '/cuoinam [năm] (/yearend) — nhận xét cuối năm của cấp ủy nơi cư trú: đã nhận, chưa nhận\n' +
      '/malienket <mã đảng viên> (/linkcode) — tạo mã liên kết tài khoản\n' +
      'Gửi tệp CSV danh sách đảng viên vào đây để nhập (giới thiệu về nơi cư trú)\n' +
      '/maketnoi (/linkcodes) — in mã liên kết của đảng viên chưa liên kết (PDF, có mã QR)\n' +
      '/huylienket (/unlink) — hủy liên kết tài khoản này\n' +
      '/help — hướng dẫn này',
    viewer:
      'Tài khoản của đồng chí chỉ có quyền xem.\n' +
      '/baocao (/report) — xem báo cáo kết quả năm đã tổng hợp (tệp XLSX và PDF)\n' +
      '/huylienket (/unlink) — hủy liên kết tài khoản này\n' +
      '/help — hướng dẫn này',
    board:
      'Lệnh dành cho cán bộ cấp ủy cấp trên:\n' +
      '/baocao (/report) — tổng hợp báo cáo kết quả năm của cấp ủy (tệp XLSX và PDF)\n' +
      '/huylienket (/unlink) — hủy liên kết tài khoản này\n' +
      '/help — hướng dẫn này',
  },

  commands: {
    start: 'Bắt đầu, liên kết tài khoản',
    help: 'Hướng dẫn sử dụng',
    hop: 'Lên lịch cuộc họp',
    tiepnhan: 'Tiếp nhận đảng viên (nhiều người một lần)',
    maketnoi: 'In mã liên kết của đảng viên (PDF)',
    moi: 'Gửi thư mời họp',
    xacnhan: 'Xác nhận lý do vắng mặt',
    cuoinam: 'Nhận xét cuối năm đã nhận, chưa nhận',
    malienket: 'Tạo mã liên kết tài khoản',
    nhanxet: 'Nhận xét đảng viên cuối năm',
    denghinhanxet: 'Đề nghị nhận xét đảng viên được miễn sinh hoạt',
    baocao: 'Báo cáo kết quả năm (XLSX, PDF)',
    baocaocuoinam: 'Báo cáo cuối năm của đảng viên',
    diemdanh: 'Điểm danh cuộc họp',
    bienban: 'Soạn biên bản cuộc họp',
    ky: 'Ký biên bản',
    gopy: 'Gửi ý kiến cho cuộc họp tới',
    dulieu: 'Xem dữ liệu cá nhân hệ thống đang lưu',
    traloi: 'Trả lời ý kiến của đảng viên',
    donvi: 'Chọn đơn vị làm việc',
    canbo: 'Giao vai trò cho cán bộ',
    donvimoi: 'Tạo đơn vị mới',
  },

  admin: {
    notAdmin: 'Lệnh này dành cho quản trị viên của ban tổ chức.',
    actingFor: (committee: string, role: string) => `Đồng chí đang làm việc cho: ${committee} (${role}).`,
    chooseUnit: 'Chọn đơn vị muốn làm việc:',
    chooseCommittee: 'Giao vai trò cho cán bộ — chọn đơn vị:',
    chooseRole: (committee: string) => `${committee} — chọn vai trò:`,
    partyTitle: (title: PartyTitle): string =>
      `${capitalised(W.PARTY_TITLE[title].vi)} cấp ủy (ký giấy giới thiệu)`,
    askName: (role: string, committee: string) => `Gửi họ và tên của ${role} tại ${committee}:`,
    badName: 'Họ tên không hợp lệ, hãy gửi lại (tối đa 120 ký tự).',
    assigned: (name: string, role: string, committee: string, code: string, link: string, email?: string) =>
      `Đã giao ${role} tại ${committee} cho đồng chí ${name}.\n` +
      `Mã liên kết: ${code}\nĐường dẫn: ${link}\n` +
      'Chuyển mã QR hoặc đường dẫn này cho đồng chí ấy (dùng một lần, hết hạn sau 72 giờ).' +
      (email
        ? `\nTài khoản đăng nhập trang quản trị: ${email} (thư mời đăng nhập được gửi tới địa chỉ này).`
        : ''),
    askEmail: (name: string) =>
      `Gửi địa chỉ e-mail của đồng chí ${name} để tạo tài khoản đăng nhập trang quản trị, hoặc bấm «Bỏ qua» nếu không cần:`,
    skipEmail: 'Bỏ qua',
    badEmail:
      'Địa chỉ e-mail chưa đúng (ví dụ: ten@donvi.gov.vn). Đồng chí gửi lại, hoặc bấm «Bỏ qua» để giao vai trò không kèm tài khoản.',
    chooseParent: 'Tạo đơn vị mới — chọn đơn vị cấp trên:',
    chooseKind: 'Chọn loại đơn vị:',
    askCommittee: 'Gửi theo mẫu: mã; tên\nVí dụ: so-tai-chinh; Đảng ủy Sở Tài chính',
    askWard:
      'Gửi theo mẫu: mã; tên; các ấp, khu vực (mã=tên, cách nhau bởi dấu phẩy)\n' +
      'Ví dụ: phuong-hung-loi; Đảng ủy phường Hưng Lợi; hl-kv1=Khu vực 1, hl-kv2=Khu vực 2',
    created: (name: string, hamlets: readonly string[]) =>
      `Đã tạo ${name}.` +
      (hamlets.length > 0 ? `\nẤp, khu vực: ${hamlets.join(', ')}.` : '') +
      '\nDùng /canbo để giao cán bộ cho đơn vị này.',
    units: 'Đơn vị thuộc quyền quản lý — chọn một đơn vị để xem và thay đổi:',
    closedLabel: (name: string) => `${name} (đã giải thể)`,
    previous: '◀ Trang trước',
    next: 'Trang sau ▶',
    detail: (d: UnitText) =>
      `${d.name}\n• Loại: ${d.kind}` +
      (d.parent ? `\n• Trực thuộc: ${d.parent}` : '') +
      (d.hamlets.length > 0 ? `\n• Ấp, khu vực: ${d.hamlets.join(', ')}` : '') +
      (d.closedOn ? `\n• Đã giải thể ngày ${d.closedOn}: chỉ còn xem lịch sử.` : ''),
    rename: 'Đổi tên',
    move: 'Chuyển đơn vị cấp trên',
    close: 'Giải thể',
    hamlets: 'Ấp, khu vực',
    staff: 'Cán bộ',
    backToUnits: '« Danh sách đơn vị',
    backToUnit: '« Quay lại',
    cancel: 'Hủy',
    askRename: (name: string) => `Gửi tên mới của ${name}:`,
    badUnitName: 'Tên chưa hợp lệ (tối đa 200 ký tự). Đồng chí gửi lại:',
    renamed: (before: string, after: string) => `Đã đổi tên ${before} thành ${after}.`,
    chooseNewParent: (name: string) => `Chuyển ${name} — chọn đơn vị cấp trên mới:`,
    noNewParent: 'Không có đơn vị cấp trên nào khác để chuyển tới.',
    moved: (name: string, parent: string) => `Đã chuyển ${name} về trực thuộc ${parent}.`,
    confirmClose: (name: string) =>
      `Giải thể ${name}?\nLịch sử sinh hoạt, giấy giới thiệu và biên bản vẫn được giữ; đơn vị sẽ không nhận thêm cuộc họp, giấy giới thiệu hay cán bộ mới.`,
    confirmCloseButton: 'Xác nhận giải thể',
    closed: (name: string) => `Đã giải thể ${name}. Lịch sử của đơn vị vẫn được giữ lại.`,
    hamletList: (ward: string, hamlets: readonly string[]) =>
      `Ấp, khu vực của ${ward}:` +
      (hamlets.length > 0 ? `\n${hamlets.map((h) => `• ${h}`).join('\n')}` : '\n(chưa có)'),
    addHamlet: 'Thêm ấp, khu vực',
    askHamlet: (ward: string) => `Gửi tên ấp, khu vực mới của ${ward} (ví dụ: Khu vực 3):`,
    badHamlet: 'Tên ấp, khu vực chưa hợp lệ (tối đa 200 ký tự). Đồng chí gửi lại:',
    hamletAdded: (hamlet: string, ward: string) => `Đã thêm ${hamlet} vào ${ward}.`,
    hamletExists: (hamlet: string, ward: string) => `${ward} đã có ${hamlet}.`,
    staffList: (committee: string, lines: readonly string[]) =>
      `Cán bộ của ${committee}:` +
      (lines.length > 0 ? `\n${lines.map((l) => `• ${l}`).join('\n')}` : '\n(chưa có cán bộ nào)'),
    staffLine: (name: string, role: string) => `${name} — ${role}`,
    revokeButton: (name: string, role: string) => `Thu hồi: ${name} — ${role}`,
    confirmRevoke: (name: string, role: string, committee: string) =>
      `Thu hồi vai trò ${role} tại ${committee} của đồng chí ${name}?\nĐồng chí ấy sẽ không dùng được vai trò này ngay từ tin nhắn tiếp theo.`,
    confirmRevokeButton: 'Xác nhận thu hồi',
    revoked: (name: string, role: string, committee: string) =>
      `Đã thu hồi vai trò ${role} tại ${committee} của đồng chí ${name}.`,
    alreadyRevoked: 'Vai trò này đã được thu hồi trước đó.',
    unknownUnit: 'Không tìm thấy đơn vị này.',
    kind: {
      board: 'Quận ủy, huyện ủy, ban tổ chức',
      residence: 'Đảng ủy xã, phường, thị trấn',
      workplace: 'Cơ quan, đơn vị',
      school: 'Trường học',
      armed_forces_unit: 'Đơn vị lực lượng vũ trang',
    },
  },

  linkCode: {
    usage: 'Cách dùng: /malienket <mã đảng viên hoặc mã cán bộ>',
    issued: (who: string, code: string, link: string, expires: string) =>
      `Mã liên kết cho ${who}: ${code}\n` +
      `Đường dẫn: ${link}\n` +
      `Mã dùng một lần, hết hạn lúc ${expires}. Hãy chuyển đường dẫn này cho đúng người cần liên kết.`,
    unknownId: 'Không tìm thấy đảng viên hoặc cán bộ với mã này.',
  },

  meeting: {
    notResidenceStaff: 'Chỉ cán bộ cấp ủy nơi cư trú mới lên lịch họp.',
    askRound: 'Lên lịch cuộc họp giữ mối liên hệ. Chọn đợt họp:',
    roundButton: (round: Round, year: number) => `Đợt ${roundLabel(round, year)}`,
    noRoundLeft: (year: number) => `Cả hai đợt họp năm ${year} đều đã có lịch.`,
    askDate: (round: Round, year: number) =>
      `Chọn ngày họp đợt ${roundLabel(round, year)} (nên họp thứ Bảy hoặc Chủ nhật), hoặc gõ ngày theo dạng dd/mm/yyyy:`,
    dateButton: (weekday: number, date: string) => `${SHORT_WEEKDAYS[weekday] ?? ''} ${date}`,
    badDate: 'Ngày chưa đúng. Đồng chí gõ theo dạng dd/mm/yyyy, ví dụ 20/06/2026, và không chọn ngày đã qua.',
    askTime: 'Chọn giờ họp, hoặc gõ giờ theo dạng HH:mm (ví dụ 07:30):',
    badTime: 'Giờ chưa đúng. Đồng chí gõ theo dạng HH:mm, ví dụ 07:30.',
    askPlace: 'Gõ địa điểm họp (ví dụ: Hội trường Đảng ủy phường), hoặc chọn địa chỉ của cấp ủy:',
    askPlaceTyped: 'Gõ địa điểm họp (ví dụ: Hội trường Đảng ủy phường):',
    badPlace: 'Địa điểm chưa hợp lệ (tối đa 300 ký tự).',
    placeLooksLikeTime:
      'Nội dung vừa gõ giống giờ hoặc ngày họp, không phải địa điểm. Nếu muốn sửa giờ hoặc ngày, đồng chí bấm nút “« Quay lại”; nếu không, hãy gõ địa điểm họp (ví dụ: Hội trường Đảng ủy phường).',
    back: '« Quay lại',
    askChair: 'Chọn đồng chí chủ trì cuộc họp (thường trực cấp ủy):',
    noChair: 'Cấp ủy chưa có cán bộ nào trong hệ thống để chủ trì. Đồng chí hãy bổ sung cán bộ trước.',
    askAgenda: 'Gõ nội dung cuộc họp, hoặc dùng nội dung theo hướng dẫn:',
    defaultAgenda: 'Dùng nội dung theo hướng dẫn',
    badAgenda: 'Nội dung chưa hợp lệ (tối đa 2000 ký tự).',
    summary: (m: MeetingText) =>
      `Xác nhận lịch họp đợt ${roundLabel(m.round, m.year)}:\n` +
      `• Thời gian: ${when(m)}\n` +
      `• Địa điểm: ${m.place}\n` +
      `• Chủ trì: đồng chí ${m.chairName}\n` +
      `• Nội dung: ${m.agenda}`,
    // R8
    warningsHeader: 'Lưu ý:',
    warning: (w: MeetingPlanWarning) => WARNING[w],
    confirm: 'Xác nhận',
    cancel: 'Hủy',
    cancelled: 'Đã hủy việc lên lịch họp.',
    planned: (m: MeetingText) =>
      `Đã lên lịch cuộc họp đợt ${roundLabel(m.round, m.year)}: ${when(m)}, tại ${m.place}.\n` +
      'Dùng /moi để gửi thư mời đến đảng viên.',
    expired: 'Phiên lên lịch họp đã hết hạn. Đồng chí gõ /hop để bắt đầu lại.',
  },

  bulkReceive: {
    notResidenceStaff: 'Chỉ cán bộ cấp ủy nơi cư trú mới tiếp nhận đảng viên.',
    empty: 'Không có giấy giới thiệu nào đang chờ tiếp nhận.',
    header: (page: number, ticked: number) =>
      `GIẤY GIỚI THIỆU CHỜ TIẾP NHẬN — trang ${page}\nĐã chọn: ${ticked}. Bấm tên để chọn hoặc bỏ chọn, rồi bấm «Tiếp nhận».`,
    memberButton: (on: boolean, name: string, workplace: string) =>
      `${on ? '☑' : '☐'} ${name}${workplace ? ` — ${workplace}` : ''}`,
    previous: '◀ Trang trước',
    next: 'Trang sau ▶',
    tickAll: 'Chọn tất cả đang chờ',
    ticked: (n: number) => `Đã chọn ${n} đảng viên.`,
    tooMany: (max: number) => `Mỗi lần tiếp nhận tối đa ${max} đảng viên.`,
    chooseHamlet: (n: number) => `Tiếp nhận ${n} đảng viên → chọn ấp, khu vực`,
    hamletQuestion: (n: number) => `Phân công ${n} đảng viên đã chọn về ấp, khu vực nào?`,
    noHamlets: 'Cấp ủy chưa có danh sách ấp, khu vực. Đồng chí đề nghị quản trị viên bổ sung trước.',
    back: '« Quay lại',
    cancel: 'Hủy',
    cancelled: 'Đã hủy tiếp nhận.',
    receiving: (n: number, hamlet: string) => `Đang tiếp nhận ${n} đảng viên về ${hamlet}…`,
    done: (n: number, hamlet: string) => `Đã tiếp nhận ${n} đảng viên về ${hamlet}.`,
    failedHeader: (n: number) => `Không tiếp nhận được ${n} đảng viên:`,
    failedLine: (name: string, reason: string) => `• ${name || 'Đảng viên'}: ${reason}`,
    reasons: {
      notReceivable: 'giấy giới thiệu đã kết thúc hoặc ngày tiếp nhận không hợp lệ',
      rule: 'trái với quy định tiếp nhận',
      otherCommittee: 'giấy giới thiệu gửi cấp ủy khác',
      notFound: 'không còn tìm thấy giấy giới thiệu',
      busy: 'đang được người khác cập nhật, đồng chí thử lại',
      invalid: 'thông tin chưa hợp lệ',
      generic: 'lỗi hệ thống, đồng chí thử lại sau',
    },
  },

  committeeImport: {
    notCsv:
      'Đồng chí gửi danh sách đơn vị dưới dạng tệp CSV (đuôi .csv, mã UTF-8), cùng mẫu cột với chức năng nhập đơn vị trên trang quản trị.',
    tooLarge: 'Tệp quá lớn (tối đa 256 KB). Đồng chí chia nhỏ tệp rồi gửi lại.',
    unreadable: (reason: string) => `Không đọc được tệp danh sách đơn vị: ${reason}`,
    created: (fileName: string, total: number, created: number) =>
      `Đã nhập xong tệp ${fileName}: ${total} dòng, tạo mới ${created} đơn vị.`,
    failed: (fileName: string, total: number, failed: number) =>
      `Tệp ${fileName}: ${failed}/${total} dòng có lỗi, nên chưa tạo đơn vị nào (danh sách đơn vị chỉ được nhập khi cả tệp hợp lệ).\n` +
      'Đồng chí xem tệp dòng lỗi gửi kèm, sửa rồi gửi lại cả tệp.',
  },

  imports: {
    notWorkplaceStaff: 'Chỉ cán bộ cấp ủy nơi công tác mới gửi danh sách đảng viên (tệp CSV) để nhập.',
    notCsv:
      'Đồng chí gửi danh sách đảng viên dưới dạng tệp CSV (đuôi .csv, mã UTF-8), cùng mẫu cột với chức năng nhập trên trang quản trị.',
    tooLarge: 'Tệp quá lớn (tối đa 5 MB, khoảng 5.000 dòng). Đồng chí chia nhỏ tệp rồi gửi lại.',
    queued: (fileName: string) => `Đã nhận tệp ${fileName}. Đang chuẩn bị nhập…`,
    again: (fileName: string) =>
      `Tệp ${fileName} này đã được nhận trước đây; kết quả đã hoặc sẽ được gửi ở đây.`,
    progress: (fileName: string, done: number, total: number) =>
      `Đang nhập tệp ${fileName}: đã xử lý ${done}/${total} dòng…`,
    summary: (
      fileName: string,
      total: number,
      created: number,
      existing: number,
      failed: number,
      notProcessed: number,
    ) =>
      `Đã nhập xong tệp ${fileName}: ${total} dòng.\n` +
      `• Giới thiệu mới: ${created}\n` +
      `• Đã có từ trước (không tạo lại): ${existing}\n` +
      `• Dòng lỗi: ${failed}${failed > 0 ? ' (xem tệp danh sách dòng lỗi gửi kèm)' : ''}` +
      (notProcessed > 0 ? `\n• Chưa xử lý: ${notProcessed} dòng — đồng chí gửi lại tệp để nhập tiếp.` : ''),
    refused: (fileName: string, why: 'file_unreadable' | 'not_workplace_staff') =>
      why === 'file_unreadable'
        ? `Không đọc được tệp ${fileName}: tệp phải là CSV mã UTF-8 có dòng tiêu đề và tối đa 5.000 dòng. Chưa nhập dòng nào.`
        : `Không nhập tệp ${fileName}: tài khoản không còn là cán bộ cấp ủy nơi công tác. Chưa nhập dòng nào.`,
  },

  linkSheet: {
    notStaff: 'Chức năng này dành cho cán bộ cấp ủy nơi cư trú hoặc nơi công tác.',
    none: 'Tất cả đảng viên của cấp ủy đã liên kết tài khoản; không cần in mã liên kết.',
    caption: (members: number, sections: number) =>
      `Mã liên kết của ${members} đảng viên chưa liên kết tài khoản (${sections} trang/mục). In và phát cho từng đồng chí.`,
  },

  invite: {
    notResidenceStaff: 'Chỉ cán bộ cấp ủy nơi cư trú mới gửi thư mời họp.',
    noMeetings: 'Chưa có cuộc họp nào sắp diễn ra. Dùng /hop để lên lịch họp trước.',
    choose: 'Chọn cuộc họp cần gửi thư mời:',
    meetingButton: (m: MeetingText) => `Họp ${roundLabel(m.round, m.year)} — ${m.date}`,
    preparing: 'Đang chuẩn bị gửi thư mời…',
    preparingList: (prepared: number, total: number) =>
      `Đang chuẩn bị danh sách thư mời: ${prepared}/${total} đồng chí…`,
    progress: (sent: number, total: number, unreachable: number) =>
      `Đang gửi thư mời: đã gửi ${sent}/${total}` +
      (unreachable > 0 ? `; ${unreachable} đồng chí chưa liên lạc được qua tin nhắn.` : '.'),
    done: (
      m: MeetingText,
      sent: number,
      total: number,
      noChat: number,
      undeliverable: number,
      byPath: PathCounts,
    ) =>
      `Đã gửi xong thư mời họp ${roundLabel(m.round, m.year)} (${m.date}): ${sent}/${total} đồng chí nhận qua tin nhắn` +
      chatPaths(byPath) +
      '.' +
      (noChat > 0 ? `\n• ${noChat} đồng chí chưa liên kết tài khoản.` : '') +
      (undeliverable > 0 ? `\n• ${undeliverable} đồng chí đã chặn bot hoặc không nhận được tin.` : '') +
      phonePaths(
        byPath,
        (zns) => `${zns} tin Zalo (ZNS)`,
        (sms) => `${sms} tin SMS`,
        'Đã báo qua số điện thoại',
      ),
    allowanceWarning: (m: MeetingText, needed: number, used: number, free: number) =>
      `Lưu ý: đợt thư mời họp ${m.date} có thể cần đến ${needed} tin Zalo gửi chủ động, ` +
      `trong khi tháng này Official Account đã dùng ${used}/${free} tin miễn phí. ` +
      'Thư mời vẫn được gửi; phần vượt hạn mức sẽ bị Zalo tính phí.',
    unreachableHeader: (m: MeetingText, count: number) =>
      `Danh sách ${count} đồng chí cần gửi thư mời giấy (họp ${m.date}):`,
    unreachableLine: (
      n: number,
      name: string,
      hamlet: string,
      byPhone: 'zns' | 'sms' | undefined,
      blocked: boolean,
    ) =>
      `${n}. ${name}${hamlet ? ` — ${hamlet}` : ''}${blocked ? ' (đã chặn bot)' : ''}` +
      (byPhone === 'sms' ? ' — đã nhắn SMS' : byPhone === 'zns' ? ' — đã gửi tin Zalo (ZNS)' : ''),
  },

  invitation: {
    letter: (committee: string, member: string, m: MeetingText) =>
      `THƯ MỜI HỌP\n${committee} trân trọng kính mời đồng chí ${member} dự cuộc họp giữ mối liên hệ ` +
      `với đảng viên đang công tác, đợt ${roundLabel(m.round, m.year)}.\n` +
      `• Thời gian: ${when(m)}\n` +
      `• Địa điểm: ${m.place}\n` +
      `• Chủ trì: đồng chí ${m.chairName}\n` +
      `• Nội dung: ${m.agenda}\n` +
      'Đồng chí vui lòng cho biết có tham dự hay không.',
    optional:
      'Đồng chí đang được miễn sinh hoạt nơi cư trú nên việc dự cuộc họp này là không bắt buộc; nếu dự được, xin đồng chí cho biết.',
    attend: 'Tham dự',
    absent: 'Vắng mặt',
    answeredAttending: 'Đồng chí đã trả lời: THAM DỰ.',
    answeredAbsent: (category: AbsenceCategory, text: string | undefined, c: Confirmation) =>
      `Đồng chí đã báo VẮNG MẶT — lý do: ${CATEGORY[category]}${text ? ` («${text}»)` : ''}; ${CONFIRMATION[c]}.`,
    canChange: 'Đồng chí có thể đổi câu trả lời trước giờ họp.',
    askCategory: 'Xin đồng chí chọn lý do vắng mặt:',
    back: '« Quay lại',
    askText:
      'Đồng chí có thể gửi thêm lời giải thích (không quá 500 ký tự) bằng một tin nhắn ngay bây giờ, ' +
      'hoặc bấm «Bỏ qua».',
    skip: 'Bỏ qua',
    started: 'Cuộc họp đã bắt đầu; câu trả lời không thay đổi được nữa.',
    notInvited: 'Đồng chí không có trong danh sách mời của cuộc họp này.',
  },

  rsvp: {
    recordedAttending: 'Đã ghi nhận: Tham dự. Cảm ơn đồng chí!',
    recordedAbsent: (category: AbsenceCategory) => `Đã ghi nhận: Vắng mặt — ${CATEGORY[category]}.`,
    unchanged: 'Câu trả lời này đã được ghi nhận từ trước.',
    textTooLong: (max: number, length: number) =>
      `Xin lỗi đồng chí, lời giải thích dài ${length} ký tự, vượt quá ${max} ký tự cho phép. ` +
      'Đồng chí vui lòng rút gọn và gửi lại, hoặc bấm «Bỏ qua».',
    textEmpty: 'Lời giải thích đang trống. Đồng chí gửi lại nội dung, hoặc bấm «Bỏ qua».',
    submitted: 'Đã gửi lý do vắng mặt đến cấp ủy nơi công tác để xác nhận. Cảm ơn đồng chí!',
    alreadySubmitted: 'Lý do vắng mặt đã được gửi từ trước.',
  },

  confirmations: {
    notWorkplaceStaff: 'Chỉ cán bộ cấp ủy nơi công tác mới xác nhận lý do vắng mặt.',
    none: 'Không có lý do vắng mặt nào đang chờ xác nhận.',
    header: (count: number, more: boolean) => `Lý do vắng mặt chờ xác nhận (${count}${more ? '+' : ''}):`,
    item: (
      n: number,
      member: string,
      date: string,
      residence: string,
      category: AbsenceCategory,
      text?: string,
    ) =>
      `${n}. ${member} — họp ngày ${date} (${residence})\n   Lý do: ${CATEGORY[category]}${text ? ` — «${text}»` : ''}`,
    confirmButton: (n: number) => `✅ Xác nhận ${n}`,
    rejectButton: (n: number) => `❌ Không xác nhận ${n}`,
    more: 'Còn nữa: xử lý các lý do trên rồi gõ /xacnhan để xem tiếp.',
    card: (member: string, residence: string, m: MeetingText, category: AbsenceCategory, text?: string) =>
      // R9
      `ĐỀ NGHỊ XÁC NHẬN LÝ DO VẮNG MẶT\n` +
      `Đảng viên ${member} báo vắng mặt cuộc họp giữ mối liên hệ của ${residence} ` +
      `(${when(m)}, tại ${m.place}).\n` +
      `Lý do: ${CATEGORY[category]}${text ? ` — «${text}»` : ''}`,
    confirm: 'Xác nhận',
    reject: 'Không xác nhận',
    decided: (c: Confirmation): string =>
      c === 'confirmed'
        ? 'Đã xác nhận lý do vắng mặt.'
        : c === 'rejected'
          ? 'Đã không xác nhận lý do vắng mặt.'
          : '',
    alreadyDecided: 'Lý do này đã được xử lý.',
    noLongerAbsent: 'Đảng viên đã đổi câu trả lời; không còn lý do cần xác nhận.',
  },

  notices: {
    // R5
    introductionsIssued: (workplace: string, residence: string) =>
      'GIẤY GIỚI THIỆU SINH HOẠT NƠI CƯ TRÚ\n' +
      `${workplace} vừa gửi giấy giới thiệu đảng viên về giữ mối liên hệ với ${residence}. ` +
      'Đồng chí dùng lệnh /tiepnhan để xem danh sách đang chờ và tiếp nhận.',
    // R7
    introductionEnded: (
      member: string,
      workplace: string,
      reason: EndReason,
      endedOn: string,
      note?: string,
    ) =>
      'THÔI GIỮ MỐI LIÊN HỆ NƠI CƯ TRÚ\n' +
      `${workplace} thông báo: đảng viên ${member} thôi giữ mối liên hệ với nơi cư trú từ ngày ${endedOn}. ` +
      `Lý do: ${END_REASON[reason]}${note ? ` (${note})` : ''}.`,
    // R3
    travelNotice: (member: string, workplace: string, reason: string, from: string, until: string) =>
      'THÔNG BÁO ĐẢNG VIÊN ĐI VẮNG\n' +
      `${workplace} thông báo: đảng viên ${member} đi vắng từ ngày ${from} đến ngày ${until}. Lý do: ${reason}.`,
    // R16
    addendumToCountersign: (proposer: string, seq: number, m: MeetingText) =>
      'PHỤ LỤC BIÊN BẢN CHỜ ĐỒNG CHÍ KÝ\n' +
      `Đồng chí ${proposer} đã lập và ký phụ lục ${seq} đính chính biên bản cuộc họp giữ mối liên hệ ` +
      `(${when(m)}, tại ${m.place}). Phụ lục chỉ được đưa vào biên bản khi có chữ ký xác nhận của đồng chí.`,
    // R10
    absentWithoutNotice: (member: string, residence: string, m: MeetingText, ground?: AbsenceNoticeGround) =>
      ground === 'undecided'
        ? 'THÔNG BÁO LÝ DO VẮNG MẶT CHƯA ĐƯỢC XÁC NHẬN\n' +
          `${residence} thông báo: đảng viên ${member} vắng mặt cuộc họp giữ mối liên hệ ` +
          `(${when(m)}, tại ${m.place}); lý do vắng mặt đồng chí đã báo đến nay vẫn chưa được cấp ủy nơi công tác xác nhận.`
        : 'THÔNG BÁO ĐẢNG VIÊN VẮNG MẶT KHÔNG BÁO CÁO\n' +
          `${residence} thông báo: đảng viên ${member} vắng mặt cuộc họp giữ mối liên hệ ` +
          `(${when(m)}, tại ${m.place}) ` +
          (ground === 'rejected'
            ? 'với lý do không được cấp ủy nơi công tác xác nhận.'
            : ground === 'no_reason'
              ? 'dù đã báo sẽ dự họp, và không báo lý do.'
              : ground === 'no_reply'
                ? 'mà không trả lời thư mời, không báo lý do.'
                : 'mà không báo lý do hoặc lý do không được xác nhận.'),
    acknowledgeButton: 'Đã nhận',
    acknowledged: (date: string) => `✅ Cấp ủy nơi công tác đã nhận thông báo ngày ${date}.`,
    acknowledgedToast: 'Đã ghi nhận: cấp ủy đã nhận thông báo.',
    notWorkplaceStaff: 'Chỉ cán bộ cấp ủy nơi công tác của đảng viên xác nhận đã nhận thông báo.',
    commentAnswered: (topic: string, done: boolean, text: string, reason?: string, remedy?: string) =>
      `TRẢ LỜI Ý KIẾN «${topic}»\n` +
      `Kết quả: ${done ? 'đã thực hiện' : 'chưa thực hiện'}.\n${text}` +
      (reason ? `\nLý do: ${reason}` : '') +
      (remedy ? `\nHướng khắc phục: ${remedy}` : ''),
    decided: (
      decision: Exclude<Confirmation, 'pending'>,
      workplace: string,
      m: MeetingText,
      passed: boolean,
    ) =>
      decision === 'confirmed'
        ? `${workplace} đã xác nhận lý do vắng mặt của đồng chí tại cuộc họp ngày ${m.date}.`
        : `${workplace} không xác nhận lý do vắng mặt của đồng chí tại cuộc họp ngày ${m.date}. ` +
          (passed
            ? 'Cuộc họp đã diễn ra; đồng chí vui lòng liên hệ cấp ủy nơi công tác để được nhắc nhở, hướng dẫn.'
            : 'Đồng chí vui lòng liên hệ cấp ủy nơi công tác, hoặc thu xếp tham dự cuộc họp.'),
  },

  reminders: {
    threeDays: (committee: string, member: string, m: MeetingText, days: number) =>
      `NHẮC LỊCH HỌP\nKính gửi đồng chí ${member}: còn ${days} ngày nữa là đến cuộc họp giữ mối liên hệ của ${committee} ` +
      `(${when(m)}, tại ${m.place}). Đồng chí chưa trả lời thư mời; xin vui lòng cho biết có tham dự hay không.`,
    oneDay: (committee: string, member: string, m: MeetingText) =>
      `NHẮC LỊCH HỌP\nKính gửi đồng chí ${member}: ngày mai là cuộc họp giữ mối liên hệ của ${committee} ` +
      `(${when(m)}, tại ${m.place}). Hẹn gặp đồng chí!`,
    summary: (
      m: MeetingText,
      days: number,
      s: {
        invited: number;
        attending: number;
        absent: number;
        noAnswer: number;
        pendingConfirmation: number;
      },
    ) =>
      `TÌNH HÌNH TRẢ LỜI THƯ MỜI — họp ${m.date} (còn ${days} ngày)\n` +
      `• Được mời: ${s.invited}\n` +
      `• Đã trả lời: ${s.attending + s.absent} (tham dự ${s.attending}, vắng mặt ${s.absent})\n` +
      `• Chưa trả lời: ${s.noAnswer}\n` +
      `• Lý do vắng mặt chờ cấp ủy nơi công tác xác nhận: ${s.pendingConfirmation}`,
    unansweredHeader: (count: number) => `Danh sách ${count} đồng chí chưa trả lời (để gọi điện):`,
    unansweredLine: (n: number, name: string, hamlet: string, phone: string | undefined) =>
      `${n}. ${name}${hamlet ? ` — ${hamlet}` : ''} — ${phone ?? 'chưa có số điện thoại'}`,
  },

  attendance: {
    notResidenceStaff: 'Chỉ cán bộ cấp ủy nơi cư trú mới điểm danh cuộc họp.',
    noMeeting: 'Cấp ủy chưa có cuộc họp nào đã đến ngày họp để điểm danh.',
    header: (date: string, place: string, page: number, pages: number) =>
      `ĐIỂM DANH — họp ngày ${date} tại ${place} (trang ${page}/${pages})`,
    totals: (total: number, present: number, absent: number) =>
      `Tổng số: ${total} — Có mặt: ${present} — Vắng mặt: ${absent}`,
    frozen: 'Biên bản đang được ký: danh sách điểm danh không thay đổi nữa.',
    empty: 'Chưa có đảng viên nào trong danh sách mời.',
    row: (n: number, name: string, present: boolean) => `${n}. ${present ? '✅' : '❌'} ${name}`,
    reason: (status: AbsenteeStatus, category?: AbsenceCategory, text?: string) =>
      !category && (status === 'exempt' || status === 'travel')
        ? `   Lý do: ${ABSENTEE[status]}`
        : `   Lý do: ${category ? CATEGORY[category] : 'không có'}${text ? ` — «${text}»` : ''} (${ABSENTEE[status]})`,
    setButton: (n: number, name: string, present: boolean) =>
      `${n}. ${name} → ${present ? W.ATTENDANCE.present.vi : 'vắng'}`,
    previous: '◀ Trang trước',
    next: 'Trang sau ▶',
    recorded: (name: string, present: boolean) =>
      `${name}: ${W.ATTENDANCE[present ? 'present' : 'absent'].vi}.`,
    unchanged: 'Không thay đổi (đã ghi nhận trước đó).',
  },

  minutes: {
    notResidenceStaff: 'Chỉ cán bộ cấp ủy nơi cư trú mới soạn biên bản cuộc họp.',
    noMeeting: 'Cấp ủy chưa có cuộc họp nào đã đến ngày họp để lập biên bản.',
    header: (date: string, state: 'draft' | 'signing' | 'sealed') =>
      `BIÊN BẢN CUỘC HỌP ngày ${date} — ${state === 'draft' ? 'đang soạn' : state === 'signing' ? 'đang ký' : 'đã ký và niêm phong'}`,
    part: (number: string, title: string, written: boolean) => `${written ? '✅' : '⬜'} ${number} ${title}`,
    filledIn: (text: string) => `   (tự động điền) ${text}`,
    signatures: (chair?: string, secretary?: string) =>
      `Chủ trì: ${chair ?? 'chưa ký'} — Thư ký: ${secretary ?? 'chưa ký'}`,
    pick: 'Chọn phần cần viết; tin nhắn tiếp theo của đồng chí sẽ là nội dung phần đó. Ký bằng lệnh /ky.',
    partButton: (number: string, title: string) => `${number} ${title}`,
    prompt: (number: string, title: string, current?: string) =>
      `Gửi nội dung phần ${number} ${title} trong tin nhắn tiếp theo.` +
      (current ? `\nNội dung hiện tại (sẽ được thay thế):\n${current}` : ''),
    written: (number: string, title: string, withdrawn: boolean) =>
      `Đã ghi phần ${number} ${title}.` +
      (withdrawn ? ' Biên bản đã thay đổi nên các chữ ký trước đó không còn hiệu lực; cần ký lại.' : ''),
    notSigner: 'Chỉ đồng chí chủ trì hoặc thư ký mới ký biên bản.',
    signed: (as: 'chair' | 'secretary') =>
      `Đồng chí đã ký biên bản với tư cách ${as === 'chair' ? 'chủ trì' : 'thư ký'}.`,
    waiting: (as: 'chair' | 'secretary') =>
      `Biên bản chờ ${as === 'chair' ? 'thư ký' : 'đồng chí chủ trì'} ký.`,
    // No count: /ky and the notifier (on MinutesSigned) share the sending, whichever comes first (R16).
    signing: 'Đang ký biên bản…',
    sealed: 'Biên bản đã đủ hai chữ ký và được niêm phong. Bản PDF được gửi cho đồng chí chủ trì và thư ký.',
    sealedHint:
      'Biên bản đã niêm phong, không sửa được. Cần đính chính thì lập phụ lục: phụ lục cần chữ ký của cả đồng chí chủ trì và thư ký.',
    addendumLine: (seq: number, text: string, awaiting?: 'chair' | 'secretary') =>
      `Phụ lục ${seq}: ${text} — ${awaiting ? `chờ ${awaiting === 'chair' ? 'đồng chí chủ trì' : 'thư ký'} ký xác nhận` : 'đã đủ chữ ký'}`,
    addendumNew: 'Lập phụ lục đính chính',
    addendumSign: (seq: number) => `Ký xác nhận phụ lục ${seq}`,
    addendumPrompt:
      'Gửi nội dung phụ lục đính chính biên bản trong tin nhắn tiếp theo. Phụ lục mang chữ ký của đồng chí và chỉ được đưa vào biên bản khi đồng chí còn lại ký xác nhận.',
    addendumProposed: (seq: number, awaiting?: 'chair' | 'secretary') =>
      `Đồng chí đã lập và ký phụ lục ${seq}.` +
      (awaiting ? ` Phụ lục chờ ${awaiting === 'chair' ? 'đồng chí chủ trì' : 'thư ký'} ký xác nhận.` : ''),
    addendumCountersigned: (seq: number) =>
      `Đồng chí đã ký xác nhận phụ lục ${seq}; phụ lục đã được đưa vào biên bản.`,
  },

  comment: {
    notMember: 'Chỉ đảng viên mới gửi ý kiến bằng lệnh này.',
    usage:
      'Gửi ý kiến cho cuộc họp tới: gõ /gopy rồi chủ đề, dấu hai chấm và nội dung, ví dụ:\n' +
      '/gopy Vệ sinh môi trường: Đề nghị tổ chức dọn vệ sinh khu phố mỗi tháng.\n' +
      'Hoặc gõ /gopy rồi gửi tin nhắn tiếp theo theo mẫu «chủ đề: nội dung».',
    prompt: 'Đồng chí gửi ý kiến theo mẫu «chủ đề: nội dung» trong tin nhắn tiếp theo.',
    badFormat: 'Chưa đúng mẫu «chủ đề: nội dung» (chủ đề tối đa 200 ký tự, nội dung tối đa 2000 ký tự).',
    raised: (topic: string, date: string | undefined) =>
      `Đã ghi nhận ý kiến «${topic}». Ý kiến sẽ được đưa vào cuộc họp ${date ? `ngày ${date}` : 'tới'} ` +
      'và được trả lời ở cuộc họp sau đó.',
  },

  answer: {
    notResidenceStaff: 'Chỉ cán bộ cấp ủy nơi cư trú mới trả lời ý kiến của đảng viên.',
    empty: 'Không có ý kiến nào đang chờ trả lời.',
    header: (date: string | undefined, count: number, page: number, pages: number) =>
      `Ý KIẾN CHỜ TRẢ LỜI (${count}) — ý kiến kỳ họp ${date ? `ngày ${date}` : 'trước'}, ` +
      `trả lời ở mục 2.3 kỳ họp sau` +
      (pages > 1 ? ` — trang ${page}/${pages}` : ''),
    row: (n: number, topic: string, author: string) => `${n}. ${topic} — ${author}`,
    pick: 'Chọn ý kiến cần trả lời.',
    topicButton: (n: number, topic: string) => `${n}. ${topic}`,
    previous: '◀ Trang trước',
    next: 'Trang sau ▶',
    shown: (author: string, topic: string, text: string) =>
      `Ý kiến của đồng chí ${author}\nChủ đề: ${topic}\nNội dung: ${text}`,
    promptDone:
      'Gửi câu trả lời (đã giải quyết) trong tin nhắn tiếp theo. ' +
      'Nếu chưa giải quyết được, bấm «Chưa giải quyết được».',
    notDoneButton: 'Chưa giải quyết được',
    promptNotDone: 'Gửi câu trả lời (chưa giải quyết được) trong tin nhắn tiếp theo.',
    promptReason: 'Gửi nguyên nhân chưa giải quyết được trong tin nhắn tiếp theo.',
    promptRemedy: 'Gửi hướng khắc phục trong tin nhắn tiếp theo.',
    tooLong: (max: number) => `Nội dung quá dài (tối đa ${max} ký tự). Đồng chí vui lòng gửi lại.`,
    answered: (topic: string, author: string) =>
      `Đã trả lời ý kiến «${topic}». Bot sẽ nhắn câu trả lời cho đồng chí ${author}. ` +
      'Gõ /traloi để xem các ý kiến còn lại.',
    alreadyAnswered: (topic: string, answer: string) => `Ý kiến «${topic}» đã được trả lời: ${answer}`,
  },

  misc: {
    editedIgnored: 'Tin nhắn đã sửa không được ghi nhận. Nếu cần, đồng chí vui lòng gửi tin nhắn mới.',
    unknownCommand: 'Bot chưa hiểu yêu cầu này. Gõ /help để xem hướng dẫn.',
  },

  workplaceYearEnd: {
    notWorkplaceStaff: 'Chỉ cán bộ cấp ủy nơi công tác mới xem được tình hình nhận xét cuối năm.',
    badYear: 'Năm chưa đúng. Đồng chí gõ /cuoinam hoặc /cuoinam 2026.',
    empty: (year: number) => `Năm ${year}, cấp ủy chưa giới thiệu đảng viên nào về nơi cư trú.`,
    header: (year: number, received: number, total: number) =>
      `NHẬN XÉT CUỐI NĂM ${year} CỦA CẤP ỦY NƠI CƯ TRÚ\nĐã nhận ${received}/${total} đảng viên.`,
    missingHeader: (n: number) => `Chưa nhận (${n}):`,
    receivedHeader: (n: number) => `Đã nhận (${n}):`,
    receivedOn: (date: string) => `nhận ngày ${date}`,
    missedBoth: 'vắng cả hai cuộc họp trong năm không có lý do',
    meetings: (attended: number, invited: number) => `dự họp ${attended}/${invited}`,
    selfReport: (done: boolean): string => (done ? 'đã tự báo cáo' : 'chưa tự báo cáo'),
    collected: (done: boolean): string => (done ? 'đã thu sổ trực tiếp' : 'chưa thu sổ trực tiếp'),
  },

  yearEnd: {
    notResidenceStaff: 'Chức năng này dành cho cán bộ cấp ủy nơi cư trú.',
    notMember: 'Chức năng này dành cho đảng viên đã liên kết tài khoản.',
    notReportStaff: 'Chức năng này dành cho cấp ủy nơi cư trú hoặc cấp ủy cấp trên.',
    cancel: 'Hủy',
    cancelled: 'Đã hủy.',
    more: 'Xem tiếp »',
    skip: 'Bỏ qua',
    tooLong: (max: number) => `Nội dung dài quá ${max} ký tự. Đồng chí vui lòng rút gọn rồi gửi lại.`,
    dueHeader: (year: number, more: boolean) =>
      `NHẬN XÉT CUỐI NĂM ${year} — đảng viên còn cần nhận xét${more ? ' (còn tiếp)' : ''}.\nĐồng chí chọn một đảng viên:`,
    noneDue: (year: number) => `Không còn đảng viên nào cần nhận xét năm ${year}.`,
    memberButton: (name: string, hamlet: string | undefined, draft: boolean, flagged: boolean) =>
      `${name}${hamlet ? ` (${hamlet})` : ''}${draft ? ' • nháp' : ''}${flagged ? ' • vắng 2 kỳ' : ''}`,
    formTitle: (title: string, name: string, year: number) => `${title} — đồng chí ${name}, năm ${year}`,
    flagged:
      // R11
      'Lưu ý: đảng viên vắng cả hai kỳ họp trong năm không có lý do được xác nhận; đề xuất được đặt sẵn là phê bình.',
    question: (n: number, total: number, text: string) => `Câu ${n}/${total}: ${text}`,
    askText: 'Đồng chí gõ nội dung nhận xét (một tin nhắn).',
    askTextOptional: 'Đồng chí gõ nội dung, hoặc bấm "Bỏ qua".',
    preset: '(đặt sẵn)',
    askReason:
      // R11
      'Đảng viên này vắng cả hai kỳ họp. Đồng chí gõ lý do thay đổi đề xuất khác phê bình (một tin nhắn).',
    summaryHeader: 'TÓM TẮT NHẬN XÉT — đồng chí kiểm tra lại:',
    reasonLine: (reason: string) => `• Lý do thay đổi đề xuất: ${reason}`,
    emptyAnswer: '(để trống)',
    save: 'Lưu nhận xét',
    restart: 'Làm lại',
    saved: (name: string, year: number) =>
      `Đã lưu bản nhận xét năm ${year} của đồng chí ${name} (bản nháp). Đồng chí chủ trì sẽ gửi cho cấp ủy nơi công tác.`,
    submit: 'Gửi',
    submitted: (name: string, year: number) =>
      `Đã gửi nhận xét năm ${year} của đồng chí ${name} đến cấp ủy nơi công tác.`,
    needsConsultation:
      // R18
      'Chưa gửi được: đảng viên là học sinh, sinh viên nên cần ghi ý kiến của trưởng khu vực (ấp) và trưởng công an khu vực trước. Đồng chí bấm «Ghi ý kiến trưởng ấp, trưởng công an ấp» để ghi, rồi gửi lại.',
    consultButton: 'Ghi ý kiến trưởng ấp, trưởng công an ấp',
    consultIntro: (name: string) =>
      // R18
      `GHI Ý KIẾN TRƯỚC KHI NHẬN XÉT\nĐảng viên: ${name}\nBot hỏi 5 thông tin, mỗi thông tin trong một tin nhắn.`,
    consultAsk: {
      hamletHeadName: '1/5. Họ và tên trưởng ấp (khu vực):',
      hamletHeadOpinion: '2/5. Ý kiến của trưởng ấp (khu vực) về đảng viên:',
      policeHeadName: '3/5. Họ và tên trưởng công an ấp (khu vực):',
      policeHeadOpinion: '4/5. Ý kiến của trưởng công an ấp (khu vực) về đảng viên:',
      consultedOn: '5/5. Ngày lấy ý kiến (dd/mm/yyyy), hoặc bấm «Hôm nay»:',
    },
    consultToday: (date: string) => `Hôm nay (${date})`,
    consultBadDate: 'Ngày chưa đúng: đồng chí gõ theo dạng dd/mm/yyyy (không sau hôm nay).',
    consultNotNeeded: (name: string) =>
      `Nhận xét của đồng chí ${name} không cần ghi ý kiến trưởng ấp (không phải học sinh, sinh viên).`,
    consultRecorded: (name: string, date: string, chair: boolean) =>
      `Đã ghi ý kiến trưởng ấp và trưởng công an ấp (ngày ${date}) cho nhận xét của đồng chí ${name}. ` +
      (chair ? 'Bấm «Gửi» để gửi nhận xét.' : 'Đồng chí chủ trì sẽ gửi nhận xét.'),
    // R11
    needsReason: 'Chưa gửi được: cần nêu lý do thay đổi đề xuất của đảng viên vắng cả hai kỳ họp.',
    alreadySubmitted: 'Nhận xét này đã được gửi, không sửa được nữa.',
    stale: 'Bản nhận xét đã được người khác sửa. Đồng chí vui lòng bấm /nhanxet để làm lại.',
    onlyChairSubmits: 'Chỉ đồng chí chủ trì gửi nhận xét thay mặt cấp ủy.',
    printSheet: 'In phiếu',
    printHamletSheets: (hamlet: string) => `In phiếu cả ${hamlet}`,
    sheetCaption: (name: string, year: number) => `Phiếu nhận xét năm ${year} — đồng chí ${name}`,
    hamletSheetsCaption: (hamlet: string, year: number, count: number) =>
      `Phiếu nhận xét năm ${year} — ${hamlet} (${count} đảng viên, mỗi người một trang mới)`,
    sheetNotFound: 'Không tìm thấy đảng viên hoặc ấp (khu vực) này trong danh sách của cấp ủy để in phiếu.',
    selfReportIntro: (year: number, invited: number, attended: number) =>
      // R19
      `BÁO CÁO CUỐI NĂM ${year}\n• Số cuộc họp được mời: ${invited}\n• Số cuộc họp có mặt (theo sổ điểm danh): ${attended}\n\nĐồng chí gõ một tin nhắn về các hoạt động ở nơi cư trú trong năm.`,
    selfReportPrevious: (activities: string) => `Báo cáo đã gửi trước đây: ${activities}`,
    selfReportSaved: (year: number, attended: number) =>
      `Đã ghi nhận báo cáo cuối năm ${year} của đồng chí (có mặt ${attended} cuộc họp). Đồng chí có thể gửi lại để sửa trước khi cấp ủy nơi công tác xem xét.`,
    reportPreparing: (year: number) => `Đang chuẩn bị tệp ${report(year).toLowerCase()}…`,
    reportCompiling: (year: number) => `Đang tổng hợp ${report(year).toLowerCase()}…`,
    reportNotYet: (year: number) =>
      `Chưa có ${report(year).toLowerCase()}: cấp ủy chưa tổng hợp. Đồng chí thử lại sau.`,
    reportRead: (year: number, version: number) => `${report(year)}, phiên bản ${version} (bản đã lưu).`,
    reportCaption: (kind: 'xlsx' | 'pdf', year: number) =>
      kind === 'xlsx' ? W.STATISTICS_TITLE(year).vi : report(year),
    reportDone: (year: number, version: number, changed: boolean) =>
      `${report(year)}, phiên bản ${version}${changed ? '' : ' (số liệu không đổi)'}.`,
    noticeEvaluationRecorded: (residence: string, member: string, year: number) =>
      `${residence} đã gửi nhận xét cuối năm ${year} của đồng chí ${member}.`,
    noticeBothMeetingsMissed: (member: string, year: number) =>
      // R11
      `Đồng chí ${member} vắng cả hai kỳ họp năm ${year} tại nơi cư trú mà không có lý do được xác nhận.`,
    noticeReportCompiled: (committee: string, year: number, version: number) =>
      `${committee} đã có ${report(year).toLowerCase()} (phiên bản ${version}).`,
  },

  // R22: the report's narrative (assessment, difficulties, proposals), written in /baocao before compiling.
  reportNarrative: {
    section: {
      assessment: 'Đánh giá chung',
      difficulties: 'Khó khăn, vướng mắc',
      proposals: 'Kiến nghị, đề xuất',
    } as Record<NarrativeSection, string>,
    menu: (year: number, lines: readonly string[]) =>
      `BÁO CÁO KẾT QUẢ NĂM ${year}: PHẦN NHẬN ĐỊNH\n` +
      'Báo cáo in ba phần nhận định của cấp ủy sau phần số liệu. Đồng chí viết hoặc sửa từng phần, rồi bấm «Tổng hợp báo cáo».\n' +
      lines.join('\n'),
    line: (label: string, text: string | undefined) => `• ${label}: ${text ?? '(chưa viết)'}`,
    allEmpty:
      'Ba phần nhận định còn trống. Đồng chí nên viết trước khi tổng hợp; nếu tổng hợp ngay, báo cáo chỉ có phần số liệu.',
    needsRecompile: (version: number) =>
      `Phần nhận định đã sửa sau khi tổng hợp phiên bản ${version}: cần tổng hợp lại để báo cáo có nội dung mới.`,
    writeButton: (label: string, written: boolean) => `${written ? 'Sửa' : 'Viết'}: ${label}`,
    compileButton: 'Tổng hợp báo cáo',
    ask: (label: string, max: number, current: string | undefined) =>
      `Đồng chí gõ phần «${label}» trong một tin nhắn (tối đa ${max} ký tự).` +
      (current ? `\nNội dung hiện có (tin nhắn mới sẽ thay nội dung này):\n${current}` : ''),
    saved: (label: string) => `Đã lưu phần «${label}».`,
    unchanged: (label: string) => `Phần «${label}» không thay đổi.`,
    empty: 'Tin nhắn không có nội dung. Đồng chí gõ lại phần này trong một tin nhắn.',
    tooLong: (max: number) => `Phần này dài quá ${max} ký tự. Đồng chí rút gọn rồi gửi lại.`,
    notAllowed: 'Chỉ cấp ủy lập báo cáo viết phần nhận định.',
  },

  sms: {
    invitation: (committee: string, m: MeetingText) =>
      `${committee} kính mời đồng chí dự họp giữ mối liên hệ lúc ${m.time} ngày ${m.date} tại ${m.place}. ` +
      'Xin đồng chí báo tham dự hoặc vắng mặt cho cấp ủy.',
    reminderNoAnswer: (committee: string, m: MeetingText, days: number) =>
      `Nhắc lịch họp: còn ${days} ngày nữa là cuộc họp giữ mối liên hệ của ${committee} lúc ${m.time} ngày ${m.date} ` +
      `tại ${m.place}. Đồng chí chưa trả lời thư mời; xin báo tham dự hoặc vắng mặt cho cấp ủy.`,
    reminderTomorrow: (committee: string, m: MeetingText) =>
      `Nhắc lịch họp: ngày mai (${m.date}) lúc ${m.time} là cuộc họp giữ mối liên hệ của ${committee} tại ${m.place}. Hẹn gặp đồng chí!`,
  },
  /** /dulieu: a member's own data (Law 91/2025, the right to see it); the PDF itself is in Vietnamese. */
  personalData: {
    notMember: 'Lệnh này dành cho đảng viên đã liên kết tài khoản: đồng chí xem dữ liệu của chính mình.',
    summary: (s: PersonalDataSummary) =>
      `Dữ liệu cá nhân hệ thống đang lưu về đồng chí ${s.name}:\n` +
      `• Thông tin đảng viên: ngày sinh, giới tính, số thẻ đảng viên, ${s.hasPhone ? 'số điện thoại, ' : ''}nơi cư trú\n` +
      `• ${s.introductions} lần giới thiệu sinh hoạt nơi cư trú\n` +
      `• ${s.invitations} thư mời họp (trả lời, lý do vắng, điểm danh)\n` +
      `• ${s.comments} ý kiến đã gửi, ${s.evaluations} nhận xét cuối năm\n` +
      `• ${s.chatLinks} tài khoản trò chuyện đã liên kết\n` +
      'Chi tiết đầy đủ trong tệp PDF dưới đây. Phần ghi chi tiết của lý do vắng được xoá sau ngày 29 tháng 1 năm sau. ' +
      'Nếu có thông tin sai, đồng chí báo cấp ủy nơi công tác để chỉnh sửa.',
    caption: 'Dữ liệu cá nhân của đồng chí (PDF)',
  },
  /** Issue 18: the consent at linking, a second account on the same app, the committee told, the admin's unlink. */
  linkWatch: {
    consentNotice:
      'THÔNG BÁO VỀ XỬ LÝ DỮ LIỆU CÁ NHÂN\n' +
      'Cấp ủy nơi cư trú và cấp ủy nơi công tác sử dụng họ tên, ngày sinh, số điện thoại, nơi cư trú và số thẻ ' +
      'đảng viên của đồng chí để thực hiện việc đảng viên đang công tác giữ mối liên hệ với nơi cư trú: giới thiệu, ' +
      'mời họp, ghi nhận dự họp và nhận xét cuối năm. Tài khoản Telegram/Zalo chỉ dùng để gửi thông báo cho đồng chí ' +
      'và chỉ được liên kết khi đồng chí đồng ý. Lý do vắng mặt chỉ cấp ủy nơi công tác (để xác nhận) và cấp ủy nơi ' +
      'cư trú xem; phần ghi chi tiết được xoá sau ngày 29 tháng 1 năm sau, chỉ giữ loại lý do và ý kiến xác nhận. ' +
      'Hai năm sau khi kết thúc sinh hoạt nơi cư trú, họ tên và số điện thoại của đồng chí được xoá khỏi hệ thống, ' +
      'chỉ giữ số liệu thống kê. Đồng chí có quyền xem toàn bộ dữ liệu (lệnh /dulieu), yêu cầu chỉnh sửa, yêu cầu ' +
      'xoá khi hết thời hạn lưu trữ, và khiếu nại theo Luật Bảo vệ dữ liệu cá nhân.\n\n' +
      'Đồng chí có đồng ý liên kết tài khoản này không?',
    agree: 'Đồng ý',
    disagree: 'Không đồng ý',
    consentGiven: (at: string) => `Đồng chí đã đồng ý lúc ${at}.`,
    consentRefused:
      'Tài khoản này chưa được liên kết và hệ thống không lưu gì về nó. Đồng chí vẫn nhận thư mời giấy hoặc tin nhắn SMS như trước. ' +
      'Nếu đổi ý, đồng chí mở lại đường dẫn liên kết (trong 72 giờ) hoặc xin mã mới từ cấp ủy.',
    waiting: (app: string) =>
      `Đồng chí đã có một tài khoản ${app} khác được liên kết. Tài khoản này chỉ được liên kết khi tài khoản cũ bấm «Xác nhận», ` +
      'hoặc khi cấp ủy duyệt (trong 72 giờ). Đồng chí sẽ được báo kết quả tại đây.',
    request: (app: string) =>
      `YÊU CẦU THAY TÀI KHOẢN\nMột tài khoản ${app} khác vừa dùng mã liên kết của đồng chí để thay tài khoản này. ` +
      'Nếu đúng là đồng chí, bấm «Xác nhận»: tài khoản này sẽ được hủy liên kết. Nếu không phải, bấm «Không phải tôi»: cấp ủy sẽ được báo.',
    confirm: 'Xác nhận',
    notMe: 'Không phải tôi',
    forStaff: (name: string, app: string, ownerReached: boolean) =>
      `YÊU CẦU THAY TÀI KHOẢN ${app.toUpperCase()}\nCó người dùng mã liên kết của đồng chí ${name} để thay tài khoản ${app} đang liên kết bằng một tài khoản mới. ` +
      (ownerReached
        ? 'Tài khoản cũ đã được hỏi xác nhận. '
        : 'Không gửi được tin đến tài khoản cũ, nên cần cấp ủy quyết định. ') +
      'Chỉ bấm «Duyệt» khi đã hỏi trực tiếp đồng chí ấy.',
    approve: 'Duyệt',
    refuse: 'Từ chối',
    confirmedOwner: 'Đã xác nhận: tài khoản mới được liên kết, tài khoản này ngừng nhận thông báo.',
    refusedOwner: 'Đã ghi nhận: tài khoản mới không được liên kết và cấp ủy đã được báo.',
    approvedStaff: 'Đã duyệt: tài khoản mới đã được liên kết.',
    refusedStaff: 'Đã từ chối: tài khoản mới không được liên kết.',
    alreadyDecided: 'Yêu cầu này đã được xử lý trước đó.',
    expired: 'Yêu cầu này đã hết hạn (72 giờ); cần xin mã liên kết mới.',
    chatTaken: 'Tài khoản mới đã được liên kết với người khác nên không liên kết được.',
    linkedNow:
      'Yêu cầu đã được chấp thuận: tài khoản này đã được liên kết. Từ nay đồng chí nhận thông báo tại đây.',
    refusedNow:
      'Yêu cầu liên kết tài khoản này đã bị từ chối. Nếu đây là tài khoản của đồng chí, xin liên hệ cấp ủy.',
    refusedAlert: (name: string, app: string) =>
      `CẢNH BÁO LIÊN KẾT\nTài khoản ${app} của đồng chí ${name} báo rằng yêu cầu thay tài khoản vừa rồi không phải do đồng chí ấy thực hiện. ` +
      'Mã liên kết có thể đã bị lộ: đề nghị liên hệ đồng chí ấy.',
    committeeNotice: (name: string, app: string, staff: boolean) =>
      `THÔNG BÁO LIÊN KẾT\n${staff ? 'Cán bộ' : 'Đảng viên'} ${name} vừa liên kết một tài khoản ${app}. ` +
      'Nếu không phải đồng chí ấy thực hiện, đề nghị báo quản trị viên để hủy liên kết.',
    unlinkedByAdmin: (app: string) =>
      `Quản trị viên đã hủy liên kết tài khoản ${app} này. Từ nay tài khoản này không nhận thông báo nữa; muốn liên kết lại, đồng chí xin mã mới từ cấp ủy.`,
    adminUsage: 'Cách dùng: /huylienketnguoi <mã đảng viên hoặc mã cán bộ>',
    adminUnknown: 'Không tìm thấy đảng viên hoặc cán bộ có mã này.',
    adminAsk: (name: string, count: number) =>
      `Hủy ${count} tài khoản đã liên kết của ${name}? Người đó sẽ được báo.`,
    adminConfirm: 'Hủy liên kết',
    adminKeep: 'Giữ lại',
    adminDone: (name: string, count: number) => `Đã hủy ${count} tài khoản đã liên kết của ${name}.`,
    consentRecord: (version: string, at: string) =>
      `Đồng chí đã đồng ý với thông báo xử lý dữ liệu cá nhân (phiên bản ${version}) lúc ${at}.`,
    deletionCompleted:
      'Yêu cầu xoá dữ liệu của đồng chí đã được thực hiện: họ tên, số điện thoại, địa chỉ và tài khoản liên kết đã được xoá, chỉ còn số liệu thống kê. Tài khoản này sẽ không nhận thông báo nữa.',
    deletionButton: 'Yêu cầu xoá dữ liệu',
    deletionInContact:
      'Đã ghi nhận yêu cầu xoá dữ liệu của đồng chí. Hiện đồng chí đang giữ mối liên hệ với nơi cư trú nên hồ sơ còn cần cho việc sinh hoạt; ' +
      'dữ liệu được xoá 2 năm sau khi kết thúc sinh hoạt nơi cư trú (để phục vụ báo cáo và giải quyết khiếu nại). Cấp ủy nơi cư trú sẽ báo khi thực hiện.',
    deletionLater: (date: string) =>
      `Đã ghi nhận yêu cầu xoá dữ liệu của đồng chí. Dữ liệu được lưu 2 năm sau khi kết thúc sinh hoạt nơi cư trú (để phục vụ báo cáo và giải quyết khiếu nại), nên có thể xoá từ ngày ${date}. Cấp ủy nơi cư trú sẽ báo khi thực hiện.`,
    deletionNow:
      'Đã ghi nhận yêu cầu xoá dữ liệu của đồng chí. Cấp ủy nơi cư trú sẽ thực hiện và báo lại cho đồng chí.',
    adminKept: 'Không thay đổi gì.',
  },
  /** Texts only the Zalo channel shows (no deep links, no edits, no file types beyond PDF and Word). */
  zalo: {
    notLinked:
      'Xin chào đồng chí! Đây là hệ thống giữ mối liên hệ với cấp ủy nơi cư trú.\n' +
      'Tài khoản Zalo này chưa được liên kết. Đồng chí hãy xin mã liên kết (8 ký tự) từ cấp ủy nơi công tác ' +
      'hoặc nơi cư trú, rồi gửi mã đó vào cuộc trò chuyện này.',
    followed:
      'Cảm ơn đồng chí đã quan tâm Official Account của cấp ủy. Để nhận thư mời họp và nhắc lịch qua Zalo, ' +
      'đồng chí hãy gửi mã liên kết (8 ký tự) do cấp ủy cấp vào cuộc trò chuyện này.',
    followedLinked: (name: string) =>
      `Chào mừng đồng chí ${name} trở lại. Thư mời họp và nhắc lịch sẽ tiếp tục được gửi qua Zalo.`,
    moreButtons: 'Chọn tiếp:',
    fileRefused: (fileName: string) =>
      `Zalo không nhận được tệp ${fileName}. Đồng chí hãy xem tệp này trên trang quản lý hoặc nhờ cán bộ gửi qua Telegram.`,
    fileNotFromZalo:
      'Không đọc được tệp này vì tệp không được gửi qua Zalo. Đồng chí hãy gửi lại tệp trực tiếp vào cuộc trò chuyện này.',
    /** The "how to answer" value of the ZNS invitation and reminder templates (30 characters at most). */
    znsHowToAnswer: 'Nhắn cho OA hoặc gọi chi bộ',
  },
  /** Moving or calling off a meeting, and answers entered for a member (/cuochop). */
  meetingChange: {
    commandDescription: 'Đổi lịch, hủy cuộc họp, ghi trả lời thay đảng viên',
    notResidenceStaff: 'Chỉ cán bộ cấp ủy nơi cư trú mới đổi lịch hoặc hủy cuộc họp.',
    noMeetings: 'Không có cuộc họp nào sắp tới để thay đổi.',
    menu: (m: MeetingText) =>
      `Cuộc họp đợt ${roundLabel(m.round, m.year)}: ${when(m)}, tại ${m.place}.\nĐồng chí muốn làm gì?`,
    moveButton: 'Đổi lịch',
    cancelButton: 'Huỷ cuộc họp',
    onBehalfButton: 'Ghi trả lời thay đảng viên',
    menuStarted: (m: MeetingText) =>
      `Cuộc họp đợt ${roundLabel(m.round, m.year)} (${when(m)}) đã bắt đầu, biên bản chưa ký: ` +
      'còn ghi được lý do vắng mặt của đảng viên báo sau.',
    lateReasonButton: 'Ghi lý do vắng (báo sau)',
    keep: 'Giữ nguyên',
    abort: 'Thôi',
    aborted: 'Đã thôi, cuộc họp giữ nguyên.',
    expired: 'Phiên thay đổi cuộc họp đã hết hạn. Đồng chí gõ /cuochop để bắt đầu lại.',
    askDate: (current: string) =>
      `Ngày họp mới? Đồng chí gõ ngày dạng ngày/tháng/năm (ví dụ 27/06/2026), hoặc bấm «Giữ nguyên» (đang là ${current}).`,
    badDate: 'Ngày chưa đúng hoặc đã qua. Đồng chí gõ lại dạng ngày/tháng/năm, ví dụ 27/06/2026.',
    askTime: (current: string) => `Giờ họp mới? Chọn hoặc gõ giờ dạng giờ:phút (đang là ${current}).`,
    badTime: 'Giờ chưa đúng. Đồng chí gõ lại dạng giờ:phút, ví dụ 07:30.',
    askPlace: (current: string) =>
      `Địa điểm mới? Đồng chí gõ địa điểm, hoặc bấm «Giữ nguyên» (đang là: ${current}).`,
    badPlace: 'Địa điểm chưa đúng (trống hoặc quá dài). Đồng chí gõ lại.',
    summary: (before: MeetingText, after: MeetingText) =>
      'Đồng chí xác nhận đổi lịch họp:\n' +
      `• Thời gian: ${when(before)} → ${when(after)}\n` +
      `• Địa điểm: ${before.place} → ${after.place}\n` +
      'Mọi đảng viên đã nhận thư mời sẽ được báo ngay.',
    confirm: 'Xác nhận',
    nothingChanged: 'Lịch họp không có gì thay đổi.',
    askReason:
      'Lý do hủy cuộc họp? Đồng chí gõ lý do (không quá 500 ký tự); lý do được gửi đến các đảng viên đã nhận thư mời.',
    badReason: 'Lý do đang trống hoặc dài quá 500 ký tự. Đồng chí gõ lại.',
    confirmCancel: (m: MeetingText, reason: string) =>
      `Đồng chí xác nhận HỦY cuộc họp đợt ${roundLabel(m.round, m.year)} (${when(m)})?\nLý do: ${reason}`,
    warningsHeader: 'Lưu ý:',
    moved: (m: MeetingText, told: number, paper: number, dateChanged: boolean) =>
      `Đã đổi lịch họp: ${when(m)}, tại ${m.place}.\n` +
      `Đã báo ${told} đảng viên` +
      (paper > 0 ? `; ${paper} đồng chí cần báo bằng giấy (danh sách dưới đây).` : '.') +
      (dateChanged ? '\nĐảng viên đã trả lời được đề nghị xác nhận lại; nhắc lịch theo ngày mới.' : ''),
    cancelled: (m: MeetingText, told: number, paper: number) =>
      `Đã hủy cuộc họp đợt ${roundLabel(m.round, m.year)} (${when(m)}).\n` +
      `Đã báo ${told} đảng viên` +
      (paper > 0 ? `; ${paper} đồng chí cần báo bằng giấy (danh sách dưới đây).` : '.') +
      '\nKhông còn nhắc lịch, thư mời hay điểm danh cho cuộc họp này.',
    /** How the invitees heard (the staff's report once the task is done), '' when nobody was told. */
    toldBy: (byPath: PathCounts) =>
      (
        (chatPaths(byPath) ? `• Qua tin nhắn${chatPaths(byPath)}.` : '') +
        phonePaths(
          byPath,
          (zns) => `${zns} tin Zalo (ZNS)`,
          (sms) => `${sms} tin SMS`,
          'Qua số điện thoại',
        )
      ).trim(),
    moveQueued: (m: MeetingText) =>
      `Đã dời cuộc họp: ${when(m)}, tại ${m.place}; đang báo cho các đồng chí được mời… Khi xong, kết quả và danh sách cần báo bằng giấy sẽ được gửi đến đồng chí.`,
    cancelQueued: (m: MeetingText) =>
      `Đã hủy cuộc họp đợt ${roundLabel(m.round, m.year)} (${when(m)}); đang báo cho các đồng chí được mời… Khi xong, kết quả và danh sách cần báo bằng giấy sẽ được gửi đến đồng chí.`,
    paperHeader: (count: number) => `Cần báo bằng giấy (${count}):`,
    paperLine: (n: number, name: string, hamlet: string) => `${n}. ${name}${hamlet ? ` — ${hamlet}` : ''}`,
    refusedHeld: 'Cuộc họp đã được tổ chức, không thay đổi được nữa.',
    refusedCancelled: 'Cuộc họp đã bị hủy.',
    refusedStarted: 'Cuộc họp đã bắt đầu, không thay đổi được nữa.',
    refusedSigned: 'Biên bản cuộc họp đã ký nên không ghi thêm lý do vắng mặt.',
    refusedPresent:
      'Đồng chí này đã được điểm danh có mặt; nếu sai, xin sửa bảng điểm danh (/diemdanh) trước.',
    /** To the member. */
    memberMoved: (committee: string, member: string, m: MeetingText) =>
      `THÔNG BÁO ĐỔI LỊCH HỌP\n${committee} kính báo đồng chí ${member}: cuộc họp giữ mối liên hệ ` +
      `với đảng viên đang công tác, đợt ${roundLabel(m.round, m.year)}, được đổi lịch như sau.\n` +
      `• Thời gian: ${when(m)}\n` +
      `• Địa điểm: ${m.place}`,
    memberCancelled: (committee: string, member: string, m: MeetingText, reason: string) =>
      `THÔNG BÁO HỦY CUỘC HỌP\n${committee} kính báo đồng chí ${member}: cuộc họp giữ mối liên hệ ` +
      `với đảng viên đang công tác, đợt ${roundLabel(m.round, m.year)} (${when(m)}), đã bị hủy.\n` +
      `Lý do: ${reason}`,
    reconfirm: 'Lịch họp đã đổi sang ngày khác: xin đồng chí xác nhận lại có tham dự hay không.',
    pleaseAnswer: 'Đồng chí vui lòng cho biết có tham dự hay không.',
    letterChanged: 'Lịch họp đã được thay đổi; thông tin trên là lịch mới.',
    letterCancelled: (reason: string) => `CUỘC HỌP ĐÃ BỊ HỦY. Lý do: ${reason}`,
    /** Answers entered for a member. */
    pickMember: (page: number, pages: number) =>
      `Chọn đảng viên để ghi trả lời thay (trang ${page}/${pages}):`,
    noInvitees: 'Cuộc họp chưa có đảng viên nào được mời.',
    previous: '« Trước',
    next: 'Sau »',
    pickAnswer: (name: string) => `Đồng chí ${name} trả lời thế nào?`,
    pickVia: (name: string) => `Đồng chí ${name} báo qua đâu?`,
    via: (via: 'phone' | 'in_person' | 'through_other'): string =>
      via === 'phone' ? 'Qua điện thoại' : via === 'in_person' ? 'Trực tiếp' : 'Qua người khác',
    recorded: (name: string, answer: string, memberTold: boolean) =>
      `Đã ghi trả lời của đồng chí ${name}: ${answer}.` +
      (memberTold
        ? ' Đảng viên đã được báo qua tin nhắn.'
        : ' Đảng viên chưa liên kết tài khoản nên không được báo qua tin nhắn.'),
    unchanged: 'Câu trả lời này đã được ghi từ trước.',
    memberNotice: (
      committee: string,
      m: MeetingText,
      answer: string,
      via: string,
      staffName: string,
      started = false,
    ) =>
      `${committee} đã ghi câu trả lời của đồng chí cho cuộc họp đợt ${roundLabel(m.round, m.year)} (${when(m)}): ` +
      `${answer}.\nNgười ghi: ${staffName || 'cán bộ cấp ủy'} (${via.toLowerCase()}). ` +
      (started
        ? 'Lý do vắng mặt được chuyển cấp ủy nơi công tác xác nhận. Nếu không đúng, xin đồng chí báo lại cho cấp ủy nơi cư trú.'
        : 'Nếu không đúng, đồng chí có thể trả lời lại bằng các nút dưới đây.'),
  },

  // R17, R19: the year-end deadlines chased by the daily job.
  deadlines: {
    evaluations: (committee: string, year: number, left: number, due: string, daysLeft: number) =>
      daysLeft >= 0
        ? `NHẮC HẠN NHẬN XÉT CUỐI NĂM ${year}
${committee} còn ${left} đảng viên chưa được nhận xét. ` +
          `Hạn gửi nhận xét là ngày ${due} (${daysLeft === 0 ? 'hôm nay' : `còn ${daysLeft} ngày`}). ` +
          'Xin đồng chí hoàn thành và gửi nhận xét cho cấp ủy nơi công tác.'
        : `QUÁ HẠN NHẬN XÉT CUỐI NĂM ${year}
${committee} còn ${left} đảng viên chưa được nhận xét, ` +
          `đã quá hạn ngày ${due}. Xin đồng chí hoàn thành và gửi nhận xét sớm.`,
    selfReport: (member: string, year: number, due: string, daysLeft: number) =>
      daysLeft >= 0
        ? `NHẮC HẠN BÁO CÁO CUỐI NĂM ${year}
Kính gửi đồng chí ${member}: đồng chí chưa gửi báo cáo về việc ` +
          `tham gia sinh hoạt, hoạt động ở nơi cư trú. Hạn gửi là ngày ${due} ` +
          `(${daysLeft === 0 ? 'hôm nay' : `còn ${daysLeft} ngày`}).`
        : `QUÁ HẠN BÁO CÁO CUỐI NĂM ${year}
Kính gửi đồng chí ${member}: đồng chí chưa gửi báo cáo về việc ` +
          `tham gia sinh hoạt, hoạt động ở nơi cư trú, đã quá hạn ngày ${due}. Xin đồng chí gửi sớm.`,
    evaluationMissing: 'chưa có nhận xét (quá hạn)',
    selfReportMissing: 'chưa tự báo cáo (quá hạn)',
  },
  // R9: the paper letters of the members no message reached (issue 16, item 8).
  paperInvitations: {
    button: 'In giấy mời',
    caption: (m: MeetingText, letters: number) =>
      `Giấy mời họp ngày ${m.date}: ${letters} giấy, mỗi đồng chí một trang, xếp theo khu vực, ấp. In và chuyển tận tay.`,
    nobody: 'Không có đồng chí nào cần giấy mời giấy: mọi người được mời đã nhận thư qua tin nhắn.',
    cancelled: 'Cuộc họp đã hủy nên không in giấy mời.',
  },
  commentRequest: {
    header: (year: number) =>
      `ĐỀ NGHỊ NHẬN XÉT ĐẢNG VIÊN ĐƯỢC MIỄN SINH HOẠT NƠI CƯ TRÚ (năm ${year})\n` +
      'Những đảng viên này không nhận xét định kỳ hằng năm, chỉ nhận xét khi có đề nghị. ' +
      'Chọn đảng viên có đề nghị nhận xét:',
    none: (year: number) =>
      `Năm ${year} đơn vị không có đảng viên nào thuộc diện được miễn sinh hoạt nơi cư trú cần đề nghị nhận xét.`,
    memberButton: (name: string, hamlet: string | undefined, requested: boolean) =>
      `${name}${hamlet ? ` (${hamlet})` : ''}${requested ? ' — đã có đề nghị' : ''}`,
    askReason: 'Đề nghị nhận xét để làm gì?',
    reasons: { appointment: 'Bổ nhiệm', reward: 'Khen thưởng', discipline: 'Kỷ luật' },
    recorded: (name: string, reason: string, by: string, on: string) =>
      `Đã ghi đề nghị nhận xét đồng chí ${name} (${reason}), do ${by} đề nghị ngày ${on}. ` +
      'Bấm /nhanxet để nhận xét theo mẫu rút gọn.',
    already: (name: string, reason: string) =>
      `Đồng chí ${name} đã có đề nghị nhận xét (${reason}) từ trước; không ghi thêm. Bấm /nhanxet để nhận xét.`,
    notExempt:
      'Đảng viên này không thuộc diện được miễn sinh hoạt nơi cư trú nên được nhận xét định kỳ hằng năm; không cần đề nghị.',
    notSignedYet:
      'Chưa xác nhận được: theo Quy định 213, nhận xét phải được chi ủy chi bộ ấp ký (sau khi lấy ý kiến ban công tác mặt trận ấp) trước khi đảng ủy phường xác nhận và gửi cho cấp ủy nơi công tác. Đồng chí bấm «Ghi ý kiến Ban công tác Mặt trận», rồi «Ghi chữ ký chi bộ», rồi bấm «Gửi» lại.',
    workplaceUnknown: 'cấp ủy nơi công tác',
  },
  // qd213-2020: the steps between the draft and the ward's confirmation (bot/features/qd213-steps.ts).
  qd213Steps: {
    frontButton: 'Ghi ý kiến Ban công tác Mặt trận',
    cellButton: 'Ghi chữ ký chi bộ',
    frontIntro: (name: string) =>
      `Ý KIẾN BAN CÔNG TÁC MẶT TRẬN ẤP (KHU VỰC)\nĐảng viên: ${name}\nBot hỏi 4 thông tin, mỗi thông tin trong một tin nhắn.`,
    frontAsk: {
      name: '1/4. Họ và tên người cho ý kiến:',
      position: '2/4. Chức vụ của người đó (ví dụ: Trưởng ban công tác Mặt trận ấp):',
      opinion: '3/4. Ý kiến của Ban công tác Mặt trận về đảng viên:',
      consultedOn: '4/4. Ngày lấy ý kiến (dd/mm/yyyy), hoặc bấm «Hôm nay»:',
    },
    frontRecorded: (name: string, date: string) =>
      `Đã ghi ý kiến Ban công tác Mặt trận (ngày ${date}) cho nhận xét của đồng chí ${name}. ` +
      'Khi chi ủy chi bộ ấp đã ký, đồng chí bấm «Ghi chữ ký chi bộ».',
    cellIntro: (name: string) =>
      `CHI ỦY CHI BỘ ẤP (KHU VỰC) KÝ NHẬN XÉT\nĐảng viên: ${name}\nBot hỏi 3 thông tin, mỗi thông tin trong một tin nhắn.`,
    cellAsk: {
      signerName: '1/3. Họ và tên đồng chí ký thay mặt chi ủy:',
      signerTitle: '2/3. Đồng chí ấy là:',
      signedOn: '3/3. Ngày ký (dd/mm/yyyy), hoặc bấm «Hôm nay»:',
    },
    titles: { bi_thu: 'Bí thư chi bộ', pho_bi_thu: 'Phó bí thư chi bộ' },
    cellSigned: (name: string, signer: string, title: string, date: string, chair: boolean) =>
      `Đã ghi: nhận xét của đồng chí ${name} do đồng chí ${signer} (${title}) ký thay mặt chi ủy ngày ${date}. ` +
      (chair
        ? 'Bấm «Gửi» để đảng ủy xác nhận và gửi cho cấp ủy nơi công tác.'
        : 'Đồng chí chủ trì sẽ xác nhận và gửi cho cấp ủy nơi công tác.'),
    frontFirst: (name: string) =>
      `Chưa ghi được chữ ký: chi ủy cần lấy ý kiến Ban công tác Mặt trận ấp về đồng chí ${name} trước. Đồng chí bấm «Ghi ý kiến Ban công tác Mặt trận».`,
    notThisRuleSet: 'Quy định đảng ủy đang áp dụng không có bước này: nhận xét do đảng ủy gửi thẳng.',
    saveFirst:
      'Chưa có bản nhận xét để ghi: đồng chí bấm /nhanxet, chọn đảng viên, trả lời rồi bấm «Lưu nhận xét» trước.',
    unreadable: 'Nội dung có ký tự không đọc được; đồng chí gõ lại giúp.',
    alreadySigned: (name: string) =>
      `Nhận xét của đồng chí ${name} đã được chi ủy ký; bấm «Gửi» để xác nhận.`,
  },
};

export type Catalogue = Omit<typeof vi, 'language'> & { language: 'vi' | 'en' };
