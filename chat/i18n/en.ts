// i18n: the English catalogue (the second language), the same shape as the Vietnamese one.
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
import {
  type Catalogue,
  chatPaths,
  type MeetingText,
  type PersonalDataSummary,
  phonePaths,
  type UnitText,
  vi,
} from './vi.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const SHORT_WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const END_REASON: Record<EndReason, string> = {
  transfer: 'party membership transferred',
  moved: 'moved house',
  deceased: 'deceased',
  left_party: 'left the party',
  other: 'other',
};

const roundLabel = (round: Round, year: number) => `${round === 'june' ? 'June' : 'October'} ${year}`;
const when = (m: Pick<MeetingText, 'date' | 'weekday' | 'time'>) =>
  `${m.time}, ${WEEKDAYS[m.weekday] ?? ''} ${m.date}`;

// The words for each code come from the one catalogue (shared/domain/wording.ts), the same the minutes and the PDFs read.
const ROLE: Record<StaffRole, string> = wordsIn(W.ROLE, 'en');
const CATEGORY: Record<AbsenceCategory, string> = wordsIn(W.ABSENCE_CATEGORY, 'en');
const CONFIRMATION: Record<Confirmation, string> = wordsIn(W.CONFIRMATION, 'en');
const ABSENTEE: Record<AbsenteeStatus, string> = wordsIn(W.ABSENTEE_STATUS, 'en');
const report = (year: number) => W.REPORT_TITLE(year).en;

const WARNING: Record<MeetingPlanWarning, string> = {
  not_weekend: 'The date is not a Saturday or Sunday (a weekend is preferred).',
  not_in_round_month: "The date is not in the round's month (June or October).",
  not_in_year: "The date is not in the round's year.",
  chair_not_standing: 'The chair is not a standing committee member.',
};

/** What each rule of the procedure is about, as users name it (the code itself is never shown). */
const RULE_TOPICS_EN: Record<string, string> = {
  R1: 'introducing members to their place of residence',
  R2: "a member's place of residence",
  R3: 'members often away',
  R4: 'exemptions from activities at the place of residence',
  R5: 'receiving members',
  R6: 'student members',
  R7: 'following members and ending introductions',
  R8: 'contact meetings',
  R9: 'reporting a reason for absence',
  R10: 'absence without a reason',
  R11: 'missing both meetings of the year',
  R12: 'taking part in local activities',
  R13: 'opening a meeting',
  R14: "a meeting's agenda",
  R15: "a meeting's content",
  R16: 'signing and keeping the minutes',
  R17: 'the year-end comment on members',
  R18: 'consulting before the comment',
  R19: "the member's year-end report",
  R20: 'collecting the contact book',
  R21: "the workplace's year-end evaluation",
  R22: "the year's report",
};

export const en: Catalogue = {
  language: 'en',
  weekday: (day: number) => WEEKDAYS[day] ?? '',
  shortWeekday: (day: number) => SHORT_WEEKDAYS[day] ?? '',
  roundLabel,
  role: (role: StaffRole) => ROLE[role],
  category: (category: AbsenceCategory) => CATEGORY[category],
  confirmation: (c: Confirmation) => CONFIRMATION[c],

  errors: {
    generic: 'Sorry, the system is busy. Please try again in a few minutes.',
    forbidden: 'You are not allowed to do this.',
    notFound: 'The requested information was not found.',
    notLinked:
      'This Telegram account is not linked yet. Ask the committee for a link code and open the link.',
    meetingStarted: 'The meeting has started; answers can no longer change. Thank you.',
    meetingStartedInvite: 'The meeting has started; invitations can no longer be sent.',
    meetingExists: 'The committee already has a meeting for this round. Each round has one meeting.',
    staleButton: 'This button is outdated. Please use the latest message.',
    invalid: 'The information is not valid; please check it.',
    busy: 'Many changes at once. Please press again.',
    // What the rule is about, never its code: users know the procedure, not our numbering of it.
    rule: (rule: string, detail?: string) =>
      `This is not allowed by the rules on ${RULE_TOPICS_EN[rule] ?? 'keeping in touch with the place of residence'}${detail ? `: ${detail}` : ''}.`,
    said: (words: Words) => words.en,
  },

  start: {
    notLinked:
      'Hello! This is the contact system of the residence party committee.\n' +
      'This account is not linked. Ask your workplace or residence committee for a link code, ' +
      'then open the link (or type /start <code>).',
    welcomeMember: (name: string) => `Hello, comrade ${name}!`,
    welcomeStaff: (name: string, role: StaffRole) => `Hello, comrade ${name} (${ROLE[role]})!`,
  },

  link: {
    okMember: (name: string) =>
      `Your account is linked to party member ${name}. Invitations and reminders will arrive here.`,
    okStaff: (name: string, role: StaffRole) =>
      `Your account is linked to ${name} (${ROLE[role]}). Your commands were added to the menu.`,
    already: (name: string) => `This account was already linked to ${name}.`,
    unknown: 'This link code is not valid. Check the link or ask the committee for a new code.',
    used: 'This link code was used already. Each code works once; ask the committee for a new one.',
    expired: 'This link code has expired (codes last 72 hours). Ask the committee for a new one.',
    chatAlreadyLinked: 'This chat account is linked to someone else. Each account links to one person.',
    tooManyAttempts:
      'Too many wrong link codes from this account. Please try again in an hour, or ask the committee for a new code.',
    newLinkNotice: (app: string, replaced: boolean) =>
      `NEW LINKED ACCOUNT\nA ${app} account was just linked to you.` +
      (replaced
        ? ' Each person links one account per app, so this account has been unlinked and gets no more notices.'
        : '') +
      ' If it was not you, tell your committee at once.',
    unlinkAsk:
      'Unlink this account? You will no longer get invitations and notices here (you still get them on another linked account, or on paper).',
    unlinkConfirm: 'Unlink',
    unlinkKeep: 'Keep',
    unlinked: 'This account is unlinked. To link again, ask your committee for a new link code.',
    unlinkKept: 'The account stays linked.',
  },

  help: {
    member:
      'Invitations to the contact meetings (June and October) arrive here.\n' +
      '• Press "Attend" or "Absent" under an invitation; you can change it until the meeting starts.\n' +
      '• When absent, choose a reason; it goes to your workplace committee for confirmation.\n' +
      '• At the year end: /selfreport (/baocaocuoinam) — report the meetings you attended and your activities.\n' +
      '/comment topic: text (/gopy) — raise a comment for the next meeting\n' +
      '/mydata (/dulieu) — everything the system holds about you (with a PDF)\n' +
      '/unlink (/huylienket) — unlink this account\n' +
      '/help — this help',
    residence:
      'Commands for the residence committee:\n' +
      '/receive (/tiepnhan) — receive introduced members (several at once)\n' +
      '/meeting (/hop) — plan a contact meeting\n' +
      '/invite (/moi) — send the invitations\n' +
      '/meetings (/cuochop) — move or cancel a meeting, record answers for members\n' +
      '/evaluate (/nhanxet) — year-end evaluation of members\n' +
      '/requestcomment (/denghinhanxet) — record a comment request for a member exempt from residence activities\n' +
      '/report (/baocao) — compile the annual report (XLSX and PDF files)\n' +
      '/attendance (/diemdanh) — take the attendance\n' +
      '/minutes (/bienban) — write the minutes; /sign (/ky) — chair and secretary sign\n' +
      "/answer (/traloi) — answer members' comments (2.3)\n" +
      '/linkcode <member id> (/malienket) — create a link code\n' +
      '/unlink (/huylienket) — unlink this account\n' +
      '/help — this help',
    workplace:
      'Commands for the workplace committee:\n' +
      '/confirm (/xacnhan) — confirm members’ absence reasons\n' +
      '/yearend [year] (/cuoinam) — the residence committees’ year-end comments: received, missing\n' +
      '/linkcode <member id> (/malienket) — create a link code\n' +
      'Send the members list as a CSV file here to import it (introductions to the residence committees)\n' +
      '/unlink (/huylienket) — unlink this account\n' +
      '/help — this help',
    viewer:
      'Your account can only view.\n' +
      '/report (/baocao) — the annual report as compiled (XLSX and PDF files)\n' +
      '/unlink (/huylienket) — unlink this account\n' +
      '/help — this help',
    board:
      'Commands for board staff:\n' +
      '/report (/baocao) — compile the annual report of the board (XLSX and PDF files)\n' +
      '/unlink (/huylienket) — unlink this account\n' +
      '/help — this help',
  },

  commands: {
    start: 'Start, link your account',
    help: 'Help',
    hop: 'Plan a meeting',
    tiepnhan: 'Receive members (several at once)',
    maketnoi: 'Print the members’ link codes (PDF)',
    moi: 'Send invitations',
    xacnhan: 'Confirm absence reasons',
    cuoinam: 'Year-end comments received',
    malienket: 'Create a link code',
    nhanxet: 'Year-end evaluation of members',
    denghinhanxet: 'Comment request for an exempt member',
    baocao: 'Annual report (XLSX, PDF)',
    baocaocuoinam: 'Your year-end self-report',
    diemdanh: 'Take the attendance',
    bienban: 'Write the minutes',
    ky: 'Sign the minutes',
    gopy: 'Raise a comment for the next meeting',
    dulieu: 'See the personal data held about you',
    traloi: "Answer members' comments",
    donvi: 'Choose the committee to act for',
    canbo: 'Grant a staff role',
    donvimoi: 'Create a committee',
  },

  admin: {
    notAdmin: "This command is for the board's administrators.",
    actingFor: (committee: string, role: string) => `You are acting for: ${committee} (${role}).`,
    chooseUnit: 'Choose the committee to act for:',
    chooseCommittee: 'Grant a role — choose the committee:',
    chooseRole: (committee: string) => `${committee} — choose the role:`,
    partyTitle: (title: PartyTitle) =>
      `${capitalised(W.PARTY_TITLE[title].en)} of the committee (signs introduction letters)`,
    askName: (role: string, committee: string) => `Send the full name of the ${role} of ${committee}:`,
    badName: 'The name is not valid, send it again (at most 120 characters).',
    assigned: (name: string, role: string, committee: string, code: string, link: string, email?: string) =>
      `${name} is now ${role} of ${committee}.\n` +
      `Link code: ${code}\nLink: ${link}\n` +
      'Pass the QR code or the link on to them (single use, expires in 72 hours).' +
      (email
        ? `\nSign-in account for the admin pages: ${email} (an invitation is sent to this address).`
        : ''),
    askEmail: (name: string) =>
      `Send ${name}'s e-mail address to create a sign-in account for the admin pages, or press “Skip”:`,
    skipEmail: 'Skip',
    badEmail: 'That e-mail address is not valid (e.g. name@office.gov.vn). Send it again, or press “Skip”.',
    chooseParent: 'New committee — choose the parent:',
    chooseKind: 'Choose the kind of committee:',
    askCommittee: 'Send: id; name\nExample: so-tai-chinh; Đảng ủy Sở Tài chính',
    askWard:
      'Send: id; name; hamlets (id=name, separated by commas)\n' +
      'Example: phuong-hung-loi; Đảng ủy phường Hưng Lợi; hl-kv1=Khu vực 1, hl-kv2=Khu vực 2',
    created: (name: string, hamlets: readonly string[]) =>
      `${name} was created.` +
      (hamlets.length > 0 ? `\nHamlets: ${hamlets.join(', ')}.` : '') +
      '\nUse /canbo to assign its staff.',
    units: 'Committees you manage — choose one to see and change it:',
    closedLabel: (name: string) => `${name} (closed)`,
    previous: '◀ Previous',
    next: 'Next ▶',
    detail: (d: UnitText) =>
      `${d.name}\n• Kind: ${d.kind}` +
      (d.parent ? `\n• Under: ${d.parent}` : '') +
      (d.hamlets.length > 0 ? `\n• Hamlets: ${d.hamlets.join(', ')}` : '') +
      (d.closedOn ? `\n• Closed on ${d.closedOn}: history only.` : ''),
    rename: 'Rename',
    move: 'Move under another board',
    close: 'Close',
    hamlets: 'Hamlets',
    staff: 'Staff',
    backToUnits: '« Committees',
    backToUnit: '« Back',
    cancel: 'Cancel',
    askRename: (name: string) => `Send the new name of ${name}:`,
    badUnitName: 'The name is not valid (at most 200 characters). Send it again:',
    renamed: (before: string, after: string) => `${before} is now called ${after}.`,
    chooseNewParent: (name: string) => `Move ${name} — choose the new parent:`,
    noNewParent: 'There is no other board to move it under.',
    moved: (name: string, parent: string) => `${name} now sits under ${parent}.`,
    confirmClose: (name: string) =>
      `Close ${name}?\nIts meetings, introductions and minutes are kept; it takes no new meetings, introductions or staff.`,
    confirmCloseButton: 'Close it',
    closed: (name: string) => `${name} is closed. Its history is kept.`,
    hamletList: (ward: string, hamlets: readonly string[]) =>
      `Hamlets of ${ward}:` +
      (hamlets.length > 0 ? `\n${hamlets.map((h) => `• ${h}`).join('\n')}` : '\n(none yet)'),
    addHamlet: 'Add a hamlet',
    askHamlet: (ward: string) => `Send the name of the new hamlet of ${ward} (e.g. Khu vực 3):`,
    badHamlet: 'The hamlet name is not valid (at most 200 characters). Send it again:',
    hamletAdded: (hamlet: string, ward: string) => `${hamlet} was added to ${ward}.`,
    hamletExists: (hamlet: string, ward: string) => `${ward} already has ${hamlet}.`,
    staffList: (committee: string, lines: readonly string[]) =>
      `Staff of ${committee}:` +
      (lines.length > 0 ? `\n${lines.map((l) => `• ${l}`).join('\n')}` : '\n(no staff yet)'),
    staffLine: (name: string, role: string) => `${name} — ${role}`,
    revokeButton: (name: string, role: string) => `Revoke: ${name} — ${role}`,
    confirmRevoke: (name: string, role: string, committee: string) =>
      `Revoke ${name}'s role ${role} at ${committee}?\nIt stops working from their next message.`,
    confirmRevokeButton: 'Revoke it',
    revoked: (name: string, role: string, committee: string) =>
      `${name}'s role ${role} at ${committee} was revoked.`,
    alreadyRevoked: 'This role was revoked already.',
    unknownUnit: 'This committee was not found.',
    kind: {
      board: 'District or city board',
      residence: 'Ward or commune committee',
      workplace: 'Workplace',
      school: 'School',
      armed_forces_unit: 'Armed-forces unit',
    },
  },

  linkCode: {
    usage: 'Usage: /linkcode <member id or staff id>',
    issued: (who: string, code: string, link: string, expires: string) =>
      `Link code for ${who}: ${code}\nLink: ${link}\nSingle use, expires ${expires}. Send the link to that person only.`,
    unknownId: 'No member or staff with this id.',
  },

  meeting: {
    notResidenceStaff: 'Only residence committee staff plan meetings.',
    askRound: 'Plan a contact meeting. Choose the round:',
    roundButton: (round: Round, year: number) => `Round ${roundLabel(round, year)}`,
    noRoundLeft: (year: number) => `Both rounds of ${year} are planned already.`,
    askDate: (round: Round, year: number) =>
      `Choose the date for ${roundLabel(round, year)} (a Saturday or Sunday is preferred), or type it as dd/mm/yyyy:`,
    dateButton: (weekday: number, date: string) => `${SHORT_WEEKDAYS[weekday] ?? ''} ${date}`,
    badDate: 'That date is not valid. Type it as dd/mm/yyyy, e.g. 20/06/2026, and not in the past.',
    askTime: 'Choose the time, or type it as HH:mm (e.g. 07:30):',
    badTime: 'That time is not valid. Type it as HH:mm, e.g. 07:30.',
    askPlace: "Type the place (e.g. the ward committee's hall), or choose the committee's address:",
    askPlaceTyped: "Type the place (e.g. the ward committee's hall):",
    badPlace: 'The place is not valid (300 characters at most).',
    placeLooksLikeTime:
      "What you typed looks like a time or a date, not a place. To change the time or date, press “« Back”; otherwise type the place (e.g. the ward committee's hall).",
    back: '« Back',
    askChair: 'Choose the chair (a standing committee member):',
    noChair: 'The committee has no staff in the system to chair. Add staff first.',
    askAgenda: 'Type the agenda, or use the standard one:',
    defaultAgenda: 'Use the standard agenda',
    badAgenda: 'The agenda is not valid (2000 characters at most).',
    summary: (m: MeetingText) =>
      `Confirm the meeting of ${roundLabel(m.round, m.year)}:\n` +
      `• When: ${when(m)}\n` +
      `• Where: ${m.place}\n` +
      `• Chair: ${m.chairName}\n` +
      `• Agenda: ${m.agenda}`,
    // R8
    warningsHeader: 'Please note:',
    warning: (w: MeetingPlanWarning) => WARNING[w],
    confirm: 'Confirm',
    cancel: 'Cancel',
    cancelled: 'Meeting planning cancelled.',
    planned: (m: MeetingText) =>
      `The meeting of ${roundLabel(m.round, m.year)} is planned: ${when(m)}, at ${m.place}.\n` +
      'Use /invite to send the invitations.',
    expired: 'The planning session expired. Type /meeting to start again.',
  },

  bulkReceive: {
    notResidenceStaff: 'Only residence committee staff receive members.',
    empty: 'No introduction is waiting to be received.',
    header: (page: number, ticked: number) =>
      `INTRODUCTIONS WAITING — page ${page}\nTicked: ${ticked}. Press a name to tick or untick it, then «Receive».`,
    memberButton: (on: boolean, name: string, workplace: string) =>
      `${on ? '☑' : '☐'} ${name}${workplace ? ` — ${workplace}` : ''}`,
    previous: '◀ Previous page',
    next: 'Next page ▶',
    tickAll: 'Tick every waiting one',
    ticked: (n: number) => `${n} members ticked.`,
    tooMany: (max: number) => `At most ${max} members at a time.`,
    chooseHamlet: (n: number) => `Receive ${n} members → choose the hamlet`,
    hamletQuestion: (n: number) => `Which hamlet do the ${n} ticked members join?`,
    noHamlets: 'The committee has no hamlets yet. Please ask the administrator to add them first.',
    back: '« Back',
    cancel: 'Cancel',
    cancelled: 'Receiving cancelled.',
    receiving: (n: number, hamlet: string) => `Receiving ${n} members into ${hamlet}…`,
    done: (n: number, hamlet: string) => `${n} members received into ${hamlet}.`,
    failedHeader: (n: number) => `${n} members could not be received:`,
    failedLine: (name: string, reason: string) => `• ${name || 'Member'}: ${reason}`,
    reasons: {
      notReceivable: 'the introduction has ended or the date of receipt is not valid',
      rule: 'against the rules of receipt',
      otherCommittee: 'the introduction is addressed to another committee',
      notFound: 'the introduction no longer exists',
      busy: 'someone else is changing it, please try again',
      invalid: 'the details are not valid',
      generic: 'system error, please try again later',
    },
  },

  committeeImport: {
    notCsv:
      'Send the list of committees as a CSV file (.csv, UTF-8) with the same columns as the admin pages’ committee import.',
    tooLarge: 'The file is too large (at most 256 KB). Split it and send the parts.',
    unreadable: (reason: string) => `The list of committees could not be read: ${reason}`,
    created: (fileName: string, total: number, created: number) =>
      `${fileName} imported: ${total} lines, ${created} committees created.`,
    failed: (fileName: string, total: number, failed: number) =>
      `${fileName}: ${failed} of ${total} lines have errors, so no committee was created (a list of committees is imported only when the whole file is valid).\n` +
      'See the attached file of failed lines, correct them and send the whole file again.',
  },

  imports: {
    notWorkplaceStaff: 'Only workplace committee staff send a members list (a CSV file) to import.',
    notCsv:
      'Please send the members list as a CSV file (.csv, UTF-8) with the same columns as the import page.',
    tooLarge: 'The file is too large (at most 5 MB, about 5,000 lines). Please split it and send the parts.',
    queued: (fileName: string) => `File ${fileName} received. Preparing the import…`,
    again: (fileName: string) =>
      `This file ${fileName} was received before; its result is or will be sent here.`,
    progress: (fileName: string, done: number, total: number) =>
      `Importing ${fileName}: ${done}/${total} lines done…`,
    summary: (
      fileName: string,
      total: number,
      created: number,
      existing: number,
      failed: number,
      notProcessed: number,
    ) =>
      `Import of ${fileName} finished: ${total} lines.\n` +
      `• New introductions: ${created}\n` +
      `• Already there (not created again): ${existing}\n` +
      `• Failed lines: ${failed}${failed > 0 ? ' (see the attached list of failed lines)' : ''}` +
      (notProcessed > 0 ? `\n• Not processed: ${notProcessed} lines — send the file again to go on.` : ''),
    refused: (fileName: string, why: 'file_unreadable' | 'not_workplace_staff') =>
      why === 'file_unreadable'
        ? `Could not read ${fileName}: it must be a UTF-8 CSV with a header line and at most 5,000 lines. Nothing was imported.`
        : `${fileName} was not imported: the account is no longer workplace committee staff. Nothing was imported.`,
  },

  linkSheet: {
    notStaff: 'This is for residence or workplace committee staff.',
    none: 'Every member of the committee has linked an account; no link codes to print.',
    caption: (members: number, sections: number) =>
      `Link codes of ${members} members without a linked account (${sections} sections). Print them and hand them out.`,
  },

  invite: {
    notResidenceStaff: 'Only residence committee staff send invitations.',
    noMeetings: 'No upcoming meeting. Use /meeting to plan one first.',
    choose: 'Choose the meeting to send invitations for:',
    meetingButton: (m: MeetingText) => `Meeting ${roundLabel(m.round, m.year)} — ${m.date}`,
    preparing: 'Preparing the invitations…',
    preparingList: (prepared: number, total: number) =>
      `Preparing the list of invitations: ${prepared}/${total} members…`,
    progress: (sent: number, total: number, unreachable: number) =>
      `Sending invitations: ${sent}/${total} sent` +
      (unreachable > 0 ? `; ${unreachable} could not be reached by chat.` : '.'),
    done: (
      m: MeetingText,
      sent: number,
      total: number,
      noChat: number,
      undeliverable: number,
      byPath: PathCounts,
    ) =>
      `Invitations for ${roundLabel(m.round, m.year)} (${m.date}) sent: ${sent}/${total} received by chat` +
      chatPaths(byPath) +
      '.' +
      (noChat > 0 ? `\n• ${noChat} have no linked account.` : '') +
      (undeliverable > 0 ? `\n• ${undeliverable} blocked the bot or could not be reached.` : '') +
      phonePaths(
        byPath,
        (zns) => `${zns} Zalo (ZNS)`,
        (sms) => `${sms} SMS`,
        'Told by phone',
      ),
    allowanceWarning: (m: MeetingText, needed: number, used: number, free: number) =>
      `Note: the invitations for the meeting of ${m.date} may need up to ${needed} proactive Zalo messages, ` +
      `and the Official Account has used ${used}/${free} free messages this month. ` +
      'The invitations still go out; Zalo charges for those past the quota.',
    unreachableHeader: (m: MeetingText, count: number) =>
      `${count} members need a paper invitation (meeting ${m.date}):`,
    unreachableLine: (
      n: number,
      name: string,
      hamlet: string,
      byPhone: 'zns' | 'sms' | undefined,
      blocked: boolean,
    ) =>
      `${n}. ${name}${hamlet ? ` — ${hamlet}` : ''}${blocked ? ' (blocked the bot)' : ''}` +
      (byPhone === 'sms' ? ' — SMS sent' : byPhone === 'zns' ? ' — Zalo ZNS sent' : ''),
  },

  invitation: {
    letter: (committee: string, member: string, m: MeetingText) =>
      `INVITATION\n${committee} invites comrade ${member} to the contact meeting with working party members, ` +
      `round ${roundLabel(m.round, m.year)}.\n` +
      `• When: ${when(m)}\n` +
      `• Where: ${m.place}\n` +
      `• Chair: ${m.chairName}\n` +
      `• Agenda: ${m.agenda}\n` +
      'Please let us know whether you will attend.',
    optional:
      'You are exempt from activities at your place of residence, so attending this meeting is not required; if you can come, please let us know.',
    attend: 'Attend',
    absent: 'Absent',
    answeredAttending: 'Your answer: ATTENDING.',
    answeredAbsent: (category: AbsenceCategory, text: string | undefined, c: Confirmation) =>
      `Your answer: ABSENT — reason: ${CATEGORY[category]}${text ? ` ("${text}")` : ''}; ${CONFIRMATION[c]}.`,
    canChange: 'You can change your answer until the meeting starts.',
    askCategory: 'Please choose the reason for your absence:',
    back: '« Back',
    askText: 'You may send an explanation (500 characters at most) as one message now, or press "Skip".',
    skip: 'Skip',
    started: 'The meeting has started; the answer can no longer change.',
    notInvited: 'You are not on the invitation list of this meeting.',
  },

  rsvp: {
    recordedAttending: 'Recorded: attending. Thank you!',
    recordedAbsent: (category: AbsenceCategory) => `Recorded: absent — ${CATEGORY[category]}.`,
    unchanged: 'This answer was recorded already.',
    textTooLong: (max: number, length: number) =>
      `Sorry, the explanation has ${length} characters, more than the ${max} allowed. ` +
      'Please shorten it and send it again, or press "Skip".',
    textEmpty: 'The explanation is empty. Send it again, or press "Skip".',
    submitted: 'Your reason was sent to your workplace committee for confirmation. Thank you!',
    alreadySubmitted: 'Your reason was sent already.',
  },

  confirmations: {
    notWorkplaceStaff: 'Only workplace committee staff confirm absence reasons.',
    none: 'No absence reason is waiting for confirmation.',
    header: (count: number, more: boolean) =>
      `Absence reasons waiting for confirmation (${count}${more ? '+' : ''}):`,
    item: (
      n: number,
      member: string,
      date: string,
      residence: string,
      category: AbsenceCategory,
      text?: string,
    ) =>
      `${n}. ${member} — meeting ${date} (${residence})\n   Reason: ${CATEGORY[category]}${text ? ` — "${text}"` : ''}`,
    confirmButton: (n: number) => `✅ Confirm ${n}`,
    rejectButton: (n: number) => `❌ Do not confirm ${n}`,
    more: 'More are waiting: decide these, then type /confirm again.',
    card: (member: string, residence: string, m: MeetingText, category: AbsenceCategory, text?: string) =>
      // R9
      `ABSENCE REASON TO CONFIRM\n` +
      `Party member ${member} will be absent from the contact meeting of ${residence} (${when(m)}, at ${m.place}).\n` +
      `Reason: ${CATEGORY[category]}${text ? ` — "${text}"` : ''}`,
    confirm: 'Confirm',
    reject: 'Do not confirm',
    decided: (c: Confirmation) =>
      c === 'confirmed'
        ? 'Absence reason confirmed.'
        : c === 'rejected'
          ? 'Absence reason not confirmed.'
          : '',
    alreadyDecided: 'This reason was decided already.',
    noLongerAbsent: 'The member changed the answer; there is no reason to confirm.',
  },

  notices: {
    // R5
    introductionsIssued: (workplace: string, residence: string) =>
      'INTRODUCTIONS TO THE PLACE OF RESIDENCE\n' +
      `${workplace} has sent introductions of party members to keep in touch with ${residence}. ` +
      'Use /tiepnhan to see the list waiting and receive them.',
    // R7
    introductionEnded: (
      member: string,
      workplace: string,
      reason: EndReason,
      endedOn: string,
      note?: string,
    ) =>
      'CONTACT WITH THE PLACE OF RESIDENCE ENDED\n' +
      `${workplace}: party member ${member} no longer keeps in touch with the place of residence from ${endedOn}. ` +
      `Reason: ${END_REASON[reason]}${note ? ` (${note})` : ''}.`,
    // R3
    travelNotice: (member: string, workplace: string, reason: string, from: string, until: string) =>
      'PARTY MEMBER AWAY\n' +
      `${workplace}: party member ${member} is away from ${from} until ${until}. Reason: ${reason}.`,
    // R16
    addendumToCountersign: (proposer: string, seq: number, m: MeetingText) =>
      'MINUTES ADDENDUM AWAITING YOUR SIGNATURE\n' +
      `${proposer} has written and signed addendum ${seq} correcting the minutes of the contact meeting ` +
      `(${when(m)}, at ${m.place}). It becomes part of the minutes only once you countersign it.`,
    // R10
    absentWithoutNotice: (member: string, residence: string, m: MeetingText, ground?: AbsenceNoticeGround) =>
      ground === 'undecided'
        ? 'ABSENCE REASON STILL NOT CONFIRMED\n' +
          `${residence} reports: member ${member} was absent from the contact meeting ` +
          `(${when(m)}, at ${m.place}); the reason they gave has still not been confirmed by the workplace committee.`
        : 'MEMBER ABSENT WITHOUT NOTICE\n' +
          `${residence} reports: member ${member} was absent from the contact meeting ` +
          `(${when(m)}, at ${m.place}) ` +
          (ground === 'rejected'
            ? 'with a reason the workplace committee did not confirm.'
            : ground === 'no_reason'
              ? 'after saying they would attend, with no reason.'
              : ground === 'no_reply'
                ? 'without answering the invitation or giving a reason.'
                : 'without a reason, or with a reason not confirmed.'),
    acknowledgeButton: 'Received',
    acknowledged: (date: string) => `✅ The workplace committee acknowledged this notice on ${date}.`,
    acknowledgedToast: 'Recorded: the committee received the notice.',
    notWorkplaceStaff: "Only the member's workplace committee staff acknowledge this notice.",
    commentAnswered: (topic: string, done: boolean, text: string, reason?: string, remedy?: string) =>
      `ANSWER TO YOUR COMMENT «${topic}»\n` +
      `Outcome: ${done ? 'done' : 'not done'}.\n${text}` +
      (reason ? `\nReason: ${reason}` : '') +
      (remedy ? `\nRemedy: ${remedy}` : ''),
    decided: (
      decision: Exclude<Confirmation, 'pending'>,
      workplace: string,
      m: MeetingText,
      passed: boolean,
    ) =>
      decision === 'confirmed'
        ? `${workplace} confirmed your absence reason for the meeting of ${m.date}.`
        : `${workplace} did not confirm your absence reason for the meeting of ${m.date}. ` +
          (passed
            ? 'The meeting has taken place; please contact your workplace committee.'
            : 'Please contact your workplace committee, or arrange to attend.'),
  },

  reminders: {
    threeDays: (committee: string, member: string, m: MeetingText, days: number) =>
      `REMINDER\nComrade ${member}: the contact meeting of ${committee} is in ${days} days (${when(m)}, at ${m.place}). ` +
      'You have not answered the invitation yet; please tell us whether you will attend.',
    oneDay: (committee: string, member: string, m: MeetingText) =>
      `REMINDER\nComrade ${member}: the contact meeting of ${committee} is tomorrow (${when(m)}, at ${m.place}). See you there!`,
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
      `ANSWERS TO THE INVITATION — meeting ${m.date} (in ${days} days)\n` +
      `• Invited: ${s.invited}\n` +
      `• Answered: ${s.attending + s.absent} (attending ${s.attending}, absent ${s.absent})\n` +
      `• Not answered: ${s.noAnswer}\n` +
      `• Absence reasons waiting for the workplace: ${s.pendingConfirmation}`,
    unansweredHeader: (count: number) => `${count} members have not answered (to phone):`,
    unansweredLine: (n: number, name: string, hamlet: string, phone: string | undefined) =>
      `${n}. ${name}${hamlet ? ` — ${hamlet}` : ''} — ${phone ?? 'no phone number'}`,
  },

  attendance: {
    notResidenceStaff: 'Only residence committee staff take the attendance.',
    noMeeting: 'The committee has no meeting that has reached its date yet.',
    header: (date: string, place: string, page: number, pages: number) =>
      `ATTENDANCE — meeting on ${date} at ${place} (page ${page}/${pages})`,
    totals: (total: number, present: number, absent: number) =>
      `Total: ${total} — Present: ${present} — Absent: ${absent}`,
    frozen: 'The minutes are being signed: the attendance no longer changes.',
    empty: 'Nobody is on the invitation list yet.',
    row: (n: number, name: string, present: boolean) => `${n}. ${present ? '✅' : '❌'} ${name}`,
    reason: (status: AbsenteeStatus, category?: AbsenceCategory, text?: string) =>
      !category && (status === 'exempt' || status === 'travel')
        ? `   Reason: ${ABSENTEE[status]}`
        : `   Reason: ${category ? CATEGORY[category] : 'none'}${text ? ` — «${text}»` : ''} (${ABSENTEE[status]})`,
    setButton: (n: number, name: string, present: boolean) =>
      `${n}. ${name} → ${present ? 'present' : 'absent'}`,
    previous: '◀ Previous',
    next: 'Next ▶',
    recorded: (name: string, present: boolean) => `${name}: ${present ? 'present' : 'absent'}.`,
    unchanged: 'No change (already recorded).',
  },

  minutes: {
    notResidenceStaff: 'Only residence committee staff write the minutes.',
    noMeeting: 'The committee has no meeting that has reached its date yet.',
    header: (date: string, state: 'draft' | 'signing' | 'sealed') =>
      `MINUTES OF THE MEETING on ${date} — ${state === 'draft' ? 'draft' : state === 'signing' ? 'being signed' : 'signed and sealed'}`,
    part: (number: string, title: string, written: boolean) => `${written ? '✅' : '⬜'} ${number} ${title}`,
    filledIn: (text: string) => `   (filled in) ${text}`,
    signatures: (chair?: string, secretary?: string) =>
      `Chair: ${chair ?? 'not signed'} — Secretary: ${secretary ?? 'not signed'}`,
    pick: 'Pick a part to write; your next message becomes its text. Sign with /sign.',
    partButton: (number: string, title: string) => `${number} ${title}`,
    prompt: (number: string, title: string, current?: string) =>
      `Send the text of part ${number} ${title} in your next message.` +
      (current ? `\nCurrent text (will be replaced):\n${current}` : ''),
    written: (number: string, title: string, withdrawn: boolean) =>
      `Part ${number} ${title} recorded.` +
      (withdrawn ? ' The minutes changed, so the earlier signatures lapsed; please sign again.' : ''),
    notSigner: 'Only the chair or the secretary signs the minutes.',
    signed: (as: 'chair' | 'secretary') =>
      `You signed the minutes as ${as === 'chair' ? 'chair' : 'secretary'}.`,
    waiting: (as: 'chair' | 'secretary') =>
      `The minutes wait for the ${as === 'chair' ? 'secretary' : 'chair'} to sign.`,
    sealedHint:
      'The minutes are sealed and cannot be edited. To correct them, write an addendum: it needs the signatures of both the chair and the secretary.',
    addendumLine: (seq: number, text: string, awaiting?: 'chair' | 'secretary') =>
      `Addendum ${seq}: ${text} — ${awaiting ? `awaiting the ${awaiting}'s countersignature` : 'signed by both'}`,
    addendumNew: 'Write an addendum',
    addendumSign: (seq: number) => `Countersign addendum ${seq}`,
    addendumPrompt:
      'Send the text of the addendum correcting the minutes in your next message. It carries your signature and joins the minutes only once the other signer countersigns it.',
    addendumProposed: (seq: number, awaiting?: 'chair' | 'secretary') =>
      `You have written and signed addendum ${seq}.` +
      (awaiting ? ` It awaits the ${awaiting}'s countersignature.` : ''),
    addendumCountersigned: (seq: number) =>
      `You have countersigned addendum ${seq}; it is now part of the minutes.`,
    signing: 'Signing the minutes…',
    sealed: 'The minutes have both signatures and are sealed. The PDF goes to the chair and the secretary.',
  },

  comment: {
    notMember: 'Only members raise comments with this command.',
    usage:
      'Raise a comment for the next meeting: type /comment, the topic, a colon and the text, e.g.\n' +
      '/comment Clean streets: Please organise a monthly clean-up.\n' +
      'Or type /comment and send the next message as «topic: text».',
    prompt: 'Send your comment as «topic: text» in your next message.',
    badFormat: 'Not in the form «topic: text» (topic at most 200 characters, text at most 2000).',
    raised: (topic: string, date: string | undefined) =>
      `Comment «${topic}» recorded. It goes to the ${date ? `meeting on ${date}` : 'next meeting'} ` +
      'and is answered at the meeting after it.',
  },

  answer: {
    notResidenceStaff: "Only the residence committee's staff answer members' comments.",
    empty: 'No comment is waiting for an answer.',
    header: (date: string | undefined, count: number, page: number, pages: number) =>
      `COMMENTS AWAITING AN ANSWER (${count}) — raised for the meeting ${date ? `of ${date}` : 'before'}, ` +
      'answered under 2.3 of the next one' +
      (pages > 1 ? ` — page ${page}/${pages}` : ''),
    row: (n: number, topic: string, author: string) => `${n}. ${topic} — ${author}`,
    pick: 'Pick the comment to answer.',
    topicButton: (n: number, topic: string) => `${n}. ${topic}`,
    previous: '◀ Previous page',
    next: 'Next page ▶',
    shown: (author: string, topic: string, text: string) =>
      `Comment by ${author}\nTopic: ${topic}\nText: ${text}`,
    promptDone: 'Send the answer (done) in your next message. If it could not be done, press «Not done».',
    notDoneButton: 'Not done',
    promptNotDone: 'Send the answer (not done) in your next message.',
    promptReason: 'Send the reason it was not done in your next message.',
    promptRemedy: 'Send the remedy in your next message.',
    tooLong: (max: number) => `Too long (at most ${max} characters). Please send it again.`,
    answered: (topic: string, author: string) =>
      `Comment «${topic}» answered. The bot will send the answer to ${author}. ` +
      'Type /answer to see the comments left.',
    alreadyAnswered: (topic: string, answer: string) =>
      `Comment «${topic}» has already been answered: ${answer}`,
  },

  misc: {
    editedIgnored: 'Edited messages are not recorded. Please send a new message if needed.',
    unknownCommand: 'The bot did not understand. Type /help for help.',
  },

  workplaceYearEnd: {
    notWorkplaceStaff: 'Only workplace committee staff see the year-end comments received.',
    badYear: 'That year is not valid. Type /yearend or /yearend 2026.',
    empty: (year: number) => `In ${year} the committee has introduced no member to a residence committee.`,
    header: (year: number, received: number, total: number) =>
      `RESIDENCE COMMITTEES' YEAR-END COMMENTS ${year}\nReceived for ${received}/${total} members.`,
    missingHeader: (n: number) => `Not received (${n}):`,
    receivedHeader: (n: number) => `Received (${n}):`,
    receivedOn: (date: string) => `received ${date}`,
    missedBoth: 'missed both meetings of the year without a reason',
    meetings: (attended: number, invited: number) => `attended ${attended}/${invited}`,
    selfReport: (done: boolean) => (done ? 'self-report done' : 'no self-report yet'),
    collected: (done: boolean) => (done ? 'contact book collected' : 'contact book not collected yet'),
  },

  yearEnd: {
    notResidenceStaff: 'This is for the staff of the residence committee.',
    notMember: 'This is for linked party members.',
    notReportStaff: 'This is for the residence committee or the boards above it.',
    cancel: 'Cancel',
    cancelled: 'Cancelled.',
    more: 'More »',
    skip: 'Skip',
    tooLong: (max: number) =>
      `The text is longer than ${max} characters. Please shorten it and send it again.`,
    dueHeader: (year: number, more: boolean) =>
      `YEAR-END EVALUATION ${year} — members still due${more ? ' (more follow)' : ''}.\nPick a member:`,
    noneDue: (year: number) => `No member is due for an evaluation in ${year}.`,
    memberButton: (name: string, hamlet: string | undefined, draft: boolean, flagged: boolean) =>
      `${name}${hamlet ? ` (${hamlet})` : ''}${draft ? ' • draft' : ''}${flagged ? ' • missed both' : ''}`,
    formTitle: (title: string, name: string, year: number) => `${title} — ${name}, ${year}`,
    flagged:
      // R11
      'Note: the member missed both meetings of the year without a confirmed reason; the proposal starts as criticism.',
    question: (n: number, total: number, text: string) => `Question ${n}/${total}: ${text}`,
    askText: 'Please type the comment (one message).',
    askTextOptional: 'Please type the text, or press "Skip".',
    preset: '(preset)',
    askReason:
      // R11
      'This member missed both meetings. Please type the reason for a proposal other than criticism (one message).',
    summaryHeader: 'EVALUATION SUMMARY — please check:',
    reasonLine: (reason: string) => `• Reason for changing the proposal: ${reason}`,
    emptyAnswer: '(empty)',
    save: 'Save evaluation',
    restart: 'Start over',
    saved: (name: string, year: number) =>
      `The ${year} evaluation of ${name} is saved (draft). The chair will send it to the workplace committee.`,
    submit: 'Send',
    submitted: (name: string, year: number) =>
      `The ${year} evaluation of ${name} was sent to the workplace committee.`,
    needsConsultation:
      // R18
      "Not sent yet: the member is a student, so the hamlet head's and the hamlet police head's opinions must be recorded first. Press «Record the hamlet heads' opinions», then send again.",
    consultButton: "Record the hamlet heads' opinions",
    consultIntro: (name: string) =>
      // R18
      `OPINIONS BEFORE THE EVALUATION\nMember: ${name}\nThe bot asks 5 things, one message each.`,
    consultAsk: {
      hamletHeadName: "1/5. The hamlet (area) head's full name:",
      hamletHeadOpinion: "2/5. The hamlet head's opinion of the member:",
      policeHeadName: "3/5. The hamlet police head's full name:",
      policeHeadOpinion: "4/5. The hamlet police head's opinion of the member:",
      consultedOn: '5/5. The date of the consultation (dd/mm/yyyy), or press «Today»:',
    },
    consultToday: (date: string) => `Today (${date})`,
    consultBadDate: 'Not a valid date: type it as dd/mm/yyyy (not after today).',
    consultNotNeeded: (name: string) => `${name}'s evaluation needs no hamlet opinions (not a student).`,
    consultRecorded: (name: string, date: string, chair: boolean) =>
      `The hamlet head's and the hamlet police head's opinions (${date}) are recorded for ${name}'s evaluation. ` +
      (chair ? 'Press «Send» to send the evaluation.' : 'The chair will send the evaluation.'),
    needsReason:
      // R11
      'Not sent yet: a reason is needed for changing the proposal of a member who missed both meetings.',
    alreadySubmitted: 'This evaluation was already sent and cannot be changed.',
    stale: 'Someone else changed this evaluation. Please start again with /evaluate.',
    onlyChairSubmits: 'Only the chair sends evaluations for the committee.',
    printSheet: 'Print the sheet',
    printHamletSheets: (hamlet: string) => `Print the sheets of ${hamlet}`,
    sheetCaption: (name: string, year: number) => `Comment sheet ${year} — ${name}`,
    hamletSheetsCaption: (hamlet: string, year: number, count: number) =>
      `Comment sheets ${year} — ${hamlet} (${count} members, each from a new page)`,
    sheetNotFound: "This member or hamlet is not on the committee's list: nothing to print.",
    selfReportIntro: (year: number, invited: number, attended: number) =>
      // R19
      `YEAR-END SELF-REPORT ${year}\n• Meetings invited to: ${invited}\n• Meetings attended (attendance sheets): ${attended}\n\nPlease type one message about your activities at your residence this year.`,
    selfReportPrevious: (activities: string) => `Your earlier report: ${activities}`,
    selfReportSaved: (year: number, attended: number) =>
      `Your ${year} year-end report is recorded (${attended} meeting(s) attended). You may send it again to correct it before the workplace reviews it.`,
    reportPreparing: (year: number) => `Preparing the files of the ${report(year).toLowerCase()}…`,
    reportCompiling: (year: number) => `Compiling the ${report(year).toLowerCase()}…`,
    reportNotYet: (year: number) =>
      `There is no ${report(year).toLowerCase()} yet: the committee has not compiled it. Please try again later.`,
    reportRead: (year: number, version: number) => `${report(year)}, version ${version} (as stored).`,
    reportCaption: (kind: 'xlsx' | 'pdf', year: number) =>
      kind === 'xlsx' ? W.STATISTICS_TITLE(year).en : report(year),
    reportDone: (year: number, version: number, changed: boolean) =>
      `${report(year)}, version ${version}${changed ? '' : ' (numbers unchanged)'}.`,
    noticeEvaluationRecorded: (residence: string, member: string, year: number) =>
      `${residence} sent the ${year} year-end evaluation of ${member}.`,
    noticeBothMeetingsMissed: (member: string, year: number) =>
      // R11
      `${member} missed both ${year} meetings at the residence without a confirmed reason.`,
    noticeReportCompiled: (committee: string, year: number, version: number) =>
      `${committee} has its ${report(year).toLowerCase()} (version ${version}).`,
  },

  personalData: {
    notMember: 'This command is for linked party members: you see your own data.',
    summary: (s: PersonalDataSummary) =>
      `The personal data held about you, ${s.name}:\n` +
      `• Your member record: date of birth, sex, party card number, ${s.hasPhone ? 'phone, ' : ''}residence\n` +
      `• ${s.introductions} introduction(s) to a residence committee\n` +
      `• ${s.invitations} meeting invitation(s) (answers, absence reasons, attendance)\n` +
      `• ${s.comments} comment(s) raised, ${s.evaluations} year-end evaluation(s)\n` +
      `• ${s.chatLinks} linked chat account(s)\n` +
      'Every detail is in the PDF below (in Vietnamese). The free text of an absence reason is deleted after 29 January of the next year. ' +
      'If anything is wrong, ask your workplace committee to correct it.',
    caption: 'Your personal data (PDF)',
  },

  linkWatch: {
    consentNotice:
      'NOTICE ON PERSONAL DATA\n' +
      'The residence and workplace committees use your full name, date of birth, phone number, residence and party ' +
      'card number to keep working members in contact with their place of residence: introductions, meeting ' +
      'invitations, attendance and the year-end review. The Telegram/Zalo account is used only to send you notices ' +
      'and is linked only with your consent. Absence reasons are seen only by the workplace committee (to confirm ' +
      'them) and the residence committee; their details are deleted after 29 January of the next year, keeping only ' +
      'the category and the decision. Two years after your contact with the residence ends, your name and phone ' +
      'number are removed, keeping only statistics. You may see all your data (/dulieu), ask for corrections, ask ' +
      'for deletion once the keeping times allow, and complain under the Personal Data Protection Law.\n\n' +
      'Do you agree to link this account?',
    agree: 'I agree',
    disagree: 'I do not agree',
    consentGiven: (at: string) => `You agreed at ${at}.`,
    consentRefused:
      'This account is not linked and nothing about it is kept. You still get paper invitations or SMS as before. ' +
      'If you change your mind, open the link again (within 72 hours) or ask the committee for a new code.',
    waiting: (app: string) =>
      `You already have another ${app} account linked. This one is linked only when the old account presses "Confirm", ` +
      'or when the committee approves (within 72 hours). You will be told here.',
    request: (app: string) =>
      `ACCOUNT REPLACEMENT REQUEST\nAnother ${app} account has just used your link code to replace this account. ` +
      'If it was you, press "Confirm": this account will be unlinked. If not, press "Not me": the committee will be told.',
    confirm: 'Confirm',
    notMe: 'Not me',
    forStaff: (name: string, app: string, ownerReached: boolean) =>
      `${app.toUpperCase()} ACCOUNT REPLACEMENT REQUEST\nSomeone used the link code of ${name} to replace their linked ${app} account with a new one. ` +
      (ownerReached
        ? 'The old account has been asked to confirm. '
        : 'The old account could not be reached, so the committee must decide. ') +
      'Approve only after asking the person directly.',
    approve: 'Approve',
    refuse: 'Refuse',
    confirmedOwner: 'Confirmed: the new account is linked and this one no longer gets notices.',
    refusedOwner: 'Noted: the new account is not linked and the committee has been told.',
    approvedStaff: 'Approved: the new account is linked.',
    refusedStaff: 'Refused: the new account is not linked.',
    alreadyDecided: 'This request has already been handled.',
    expired: 'This request has expired (72 hours); a new link code is needed.',
    chatTaken: 'The new account has been linked to someone else, so it cannot be linked.',
    linkedNow: 'The request was approved: this account is now linked. You will get notices here.',
    refusedNow:
      'The request to link this account was refused. If it is your account, please contact the committee.',
    refusedAlert: (name: string, app: string) =>
      `LINK WARNING\nThe ${app} account of ${name} reports that the recent replacement request was not theirs. ` +
      'The link code may have leaked: please contact them.',
    committeeNotice: (name: string, app: string, staff: boolean) =>
      `LINK NOTICE\n${staff ? 'Staff member' : 'Member'} ${name} has just linked a ${app} account. ` +
      'If it was not them, ask the administrator to unlink it.',
    unlinkedByAdmin: (app: string) =>
      `The administrator has unlinked this ${app} account. It no longer gets notices; to link again, ask the committee for a new code.`,
    adminUsage: 'Usage: /huylienketnguoi <member or staff id>',
    adminUnknown: 'No member or staff person has this id.',
    adminAsk: (name: string, count: number) =>
      `Unlink the ${count} linked account(s) of ${name}? They will be told.`,
    adminConfirm: 'Unlink',
    adminKeep: 'Keep',
    adminDone: (name: string, count: number) => `Unlinked ${count} account(s) of ${name}.`,
    consentRecord: (version: string, at: string) =>
      `You agreed to the personal data notice (version ${version}) at ${at}.`,
    deletionCompleted:
      'Your request to delete your data has been carried out: your name, phone number, address and linked accounts were removed; only statistics remain. This account will get no more notices.',
    deletionButton: 'Ask to delete my data',
    deletionInContact:
      'Your request to delete your data is recorded. You are still in contact with your place of residence, so your records are needed; ' +
      'data is deleted 2 years after the contact ends (for reports and complaints). The residence committee will tell you when it is done.',
    deletionLater: (date: string) =>
      `Your request to delete your data is recorded. Data is kept 2 years after the contact with the residence ends (for reports and complaints), so it can be deleted from ${date}. The residence committee will tell you when it is done.`,
    deletionNow:
      'Your request to delete your data is recorded. The residence committee will carry it out and tell you.',
    adminKept: 'Nothing changed.',
  },

  zalo: {
    notLinked:
      'Hello! This is the system that keeps party members in touch with their residence committee.\n' +
      'This Zalo account is not linked yet. Ask your workplace or residence committee for a link code ' +
      '(8 characters), then send that code in this chat.',
    followed:
      "Thank you for following the committee's Official Account. To receive meeting invitations and reminders " +
      'on Zalo, send the link code (8 characters) your committee gave you in this chat.',
    followedLinked: (name: string) =>
      `Welcome back, ${name}. Meeting invitations and reminders will keep coming on Zalo.`,
    moreButtons: 'More choices:',
    fileRefused: (fileName: string) =>
      `Zalo did not accept the file ${fileName}. Please open it on the web page or ask the staff to send it on Telegram.`,
    fileNotFromZalo:
      'This file could not be read because it was not sent through Zalo. Please send the file again directly in this chat.',
    znsHowToAnswer: 'Message the OA or call cell',
  },

  reportNarrative: {
    section: {
      assessment: 'General assessment',
      difficulties: 'Difficulties and obstacles',
      proposals: 'Proposals and recommendations',
    } as Record<NarrativeSection, string>,
    menu: (year: number, lines: readonly string[]) =>
      `${year} RESULTS REPORT: THE NARRATIVE\n` +
      'The report prints the committee’s three narrative sections after the figures. Write or edit each section, then press «Compile the report».\n' +
      lines.join('\n'),
    line: (label: string, text: string | undefined) => `• ${label}: ${text ?? '(not written)'}`,
    allEmpty:
      'The three narrative sections are empty. Please write them before compiling; compiled now, the report holds only the figures.',
    needsRecompile: (version: number) =>
      `The narrative changed after version ${version} was compiled: compile again for the report to carry it.`,
    writeButton: (label: string, written: boolean) => `${written ? 'Edit' : 'Write'}: ${label}`,
    compileButton: 'Compile the report',
    ask: (label: string, max: number, current: string | undefined) =>
      `Please type the section «${label}» in one message (at most ${max} characters).` +
      (current ? `\nWhat it says now (your message will replace it):\n${current}` : ''),
    saved: (label: string) => `Saved the section «${label}».`,
    unchanged: (label: string) => `The section «${label}» is unchanged.`,
    empty: 'The message has no text. Please type this section again in one message.',
    tooLong: (max: number) =>
      `This section is longer than ${max} characters. Please shorten it and send it again.`,
    notAllowed: 'Only the reporting committee’s staff write the narrative.',
  },

  // SMS always go out in Vietnamese (the SmsSender contract).
  sms: vi.sms,

  meetingChange: {
    commandDescription: 'Move or cancel a meeting, record answers for members',
    notResidenceStaff: 'Only residence committee staff move or cancel meetings.',
    noMeetings: 'There is no upcoming meeting to change.',
    menu: (m: MeetingText) =>
      `The ${roundLabel(m.round, m.year)} meeting: ${when(m)}, at ${m.place}.\nWhat would you like to do?`,
    moveButton: 'Move',
    cancelButton: 'Cancel meeting',
    onBehalfButton: 'Record an answer for a member',
    menuStarted: (m: MeetingText) =>
      `The ${roundLabel(m.round, m.year)} meeting (${when(m)}) has started and its minutes are not signed: ` +
      'a reason a member reports late can still be recorded.',
    lateReasonButton: 'Record a late absence reason',
    keep: 'Keep',
    abort: 'Stop',
    aborted: 'Stopped; the meeting stays as it is.',
    expired: 'This meeting change has expired. Type /cuochop to start again.',
    askDate: (current: string) =>
      `New date? Type it as day/month/year (e.g. 27/06/2026), or press "Keep" (now ${current}).`,
    badDate: 'That date is not valid or has passed. Type it as day/month/year, e.g. 27/06/2026.',
    askTime: (current: string) => `New time? Choose or type it as hh:mm (now ${current}).`,
    badTime: 'That time is not valid. Type it as hh:mm, e.g. 07:30.',
    askPlace: (current: string) => `New place? Type it, or press "Keep" (now: ${current}).`,
    badPlace: 'That place is empty or too long. Type it again.',
    summary: (before: MeetingText, after: MeetingText) =>
      'Please confirm the move:\n' +
      `• Time: ${when(before)} → ${when(after)}\n` +
      `• Place: ${before.place} → ${after.place}\n` +
      'Every member who received the invitation will be told at once.',
    confirm: 'Confirm',
    nothingChanged: 'Nothing in the meeting changes.',
    askReason:
      'Why is the meeting cancelled? Type the reason (at most 500 characters); it goes to every invited member.',
    badReason: 'The reason is empty or longer than 500 characters. Type it again.',
    confirmCancel: (m: MeetingText, reason: string) =>
      `Cancel the ${roundLabel(m.round, m.year)} meeting (${when(m)})?\nReason: ${reason}`,
    warningsHeader: 'Note:',
    moved: (m: MeetingText, told: number, paper: number, dateChanged: boolean) =>
      `Meeting moved: ${when(m)}, at ${m.place}.\n` +
      `${told} members told` +
      (paper > 0 ? `; ${paper} to be told on paper (list below).` : '.') +
      (dateChanged
        ? '\nMembers who had answered are asked to confirm again; reminders follow the new date.'
        : ''),
    cancelled: (m: MeetingText, told: number, paper: number) =>
      `The ${roundLabel(m.round, m.year)} meeting (${when(m)}) is cancelled.\n` +
      `${told} members told` +
      (paper > 0 ? `; ${paper} to be told on paper (list below).` : '.') +
      '\nNo more reminders, invitations or attendance for this meeting.',
    toldBy: (byPath: PathCounts) =>
      (
        (chatPaths(byPath) ? `• By chat${chatPaths(byPath)}.` : '') +
        phonePaths(
          byPath,
          (zns) => `${zns} Zalo (ZNS)`,
          (sms) => `${sms} SMS`,
          'By phone',
        )
      ).trim(),
    moveQueued: (m: MeetingText) =>
      `Meeting moved: ${when(m)}, at ${m.place}; telling the invited members… When done, the numbers and the list to tell on paper are sent to you.`,
    cancelQueued: (m: MeetingText) =>
      `The ${roundLabel(m.round, m.year)} meeting (${when(m)}) is cancelled; telling the invited members… When done, the numbers and the list to tell on paper are sent to you.`,
    paperHeader: (count: number) => `To be told on paper (${count}):`,
    paperLine: (n: number, name: string, hamlet: string) => `${n}. ${name}${hamlet ? ` — ${hamlet}` : ''}`,
    refusedHeld: 'The meeting was held; it can no longer change.',
    refusedCancelled: 'The meeting is cancelled.',
    refusedStarted: 'The meeting has started; it can no longer change.',
    refusedSigned: 'The minutes are signed, so no more absence reasons are recorded.',
    refusedPresent:
      'This member is recorded present; if that is wrong, correct the sheet (/attendance) first.',
    memberMoved: (committee: string, member: string, m: MeetingText) =>
      `MEETING MOVED\n${committee} informs comrade ${member}: the contact meeting for members at work, ` +
      `${roundLabel(m.round, m.year)} round, has moved.\n` +
      `• Time: ${when(m)}\n` +
      `• Place: ${m.place}`,
    memberCancelled: (committee: string, member: string, m: MeetingText, reason: string) =>
      `MEETING CANCELLED\n${committee} informs comrade ${member}: the contact meeting for members at work, ` +
      `${roundLabel(m.round, m.year)} round (${when(m)}), is cancelled.\n` +
      `Reason: ${reason}`,
    reconfirm: 'The meeting moved to another day: please confirm again whether you will attend.',
    pleaseAnswer: 'Please let us know whether you will attend.',
    letterChanged: 'The meeting was rescheduled; the details above are the new ones.',
    letterCancelled: (reason: string) => `THE MEETING IS CANCELLED. Reason: ${reason}`,
    pickMember: (page: number, pages: number) =>
      `Choose the member to record an answer for (page ${page}/${pages}):`,
    noInvitees: 'Nobody has been invited to this meeting yet.',
    previous: '« Previous',
    next: 'Next »',
    pickAnswer: (name: string) => `What is comrade ${name}'s answer?`,
    pickVia: (name: string) => `How did comrade ${name} tell you?`,
    via: (via: 'phone' | 'in_person' | 'through_other') =>
      via === 'phone' ? 'By phone' : via === 'in_person' ? 'In person' : 'Through someone else',
    recorded: (name: string, answer: string, memberTold: boolean) =>
      `Recorded comrade ${name}'s answer: ${answer}.` +
      (memberTold
        ? ' The member was told by message.'
        : ' The member has no linked chat, so was not told by message.'),
    unchanged: 'This answer was recorded already.',
    memberNotice: (
      committee: string,
      m: MeetingText,
      answer: string,
      via: string,
      staffName: string,
      started = false,
    ) =>
      `${committee} recorded your answer for the ${roundLabel(m.round, m.year)} meeting (${when(m)}): ` +
      `${answer}.\nRecorded by: ${staffName || 'committee staff'} (${via.toLowerCase()}). ` +
      (started
        ? 'The reason goes to your workplace committee for confirmation. If this is not right, please tell the residence committee.'
        : 'If this is not right, you can answer again with the buttons below.'),
  },

  deadlines: {
    evaluations: (committee: string, year: number, left: number, due: string, daysLeft: number) =>
      daysLeft >= 0
        ? `YEAR-END COMMENTS ${year} DUE
${committee} has ${left} members without a comment yet. ` +
          `The comments are due on ${due} (${daysLeft === 0 ? 'today' : `${daysLeft} days left`}). ` +
          'Please finish and send them to the workplace committees.'
        : `YEAR-END COMMENTS ${year} OVERDUE
${committee} still has ${left} members without a comment; ` +
          `they were due on ${due}. Please finish and send them soon.`,
    selfReport: (member: string, year: number, due: string, daysLeft: number) =>
      daysLeft >= 0
        ? `YEAR-END REPORT ${year} DUE
Comrade ${member}: you have not sent your report on the meetings and ` +
          `activities at your residence yet. It is due on ${due} (${daysLeft === 0 ? 'today' : `${daysLeft} days left`}).`
        : `YEAR-END REPORT ${year} OVERDUE
Comrade ${member}: you have not sent your report on the meetings and ` +
          `activities at your residence; it was due on ${due}. Please send it soon.`,
    evaluationMissing: 'comment missing (overdue)',
    selfReportMissing: 'self-report missing (overdue)',
  },
  // R9: the paper letters of the members no message reached (issue 16, item 8).
  paperInvitations: {
    button: 'Print invitations',
    caption: (m: MeetingText, letters: number) =>
      `Invitations to the meeting on ${m.date}: ${letters} letters, one per page, by hamlet. Print them and hand them over.`,
    nobody: 'Nobody needs a paper invitation: every invitee got the letter by message.',
    cancelled: 'The meeting is cancelled, so no invitations are printed.',
  },
  commentRequest: {
    header: (year: number) =>
      `COMMENT REQUESTS FOR MEMBERS EXEMPT FROM RESIDENCE ACTIVITIES (${year})\n` +
      'These members get no routine yearly comment, only one on request. Choose the member a comment was requested for:',
    none: (year: number) =>
      `In ${year} the committee has no member exempt from residence activities whose comment could be requested.`,
    memberButton: (name: string, hamlet: string | undefined, requested: boolean) =>
      `${name}${hamlet ? ` (${hamlet})` : ''}${requested ? ' — requested' : ''}`,
    askReason: 'What is the comment requested for?',
    reasons: { appointment: 'Appointment', reward: 'Reward', discipline: 'Discipline' },
    recorded: (name: string, reason: string, by: string, on: string) =>
      `Recorded the request for a comment on ${name} (${reason}), asked by ${by} on ${on}. ` +
      'Use /nhanxet to write the short form.',
    already: (name: string, reason: string) =>
      `A comment on ${name} was requested before (${reason}); nothing more is recorded. Use /nhanxet to write it.`,
    notExempt:
      'This member is not exempt from residence activities and is commented on every year; no request is needed.',
    notSignedYet:
      'Not confirmed yet: under Regulation 213 the hamlet cell committee signs the comment (after consulting the hamlet Front work committee) before the ward confirms it and sends it to the workplace. Press «Record the Front work committee’s opinion», then «Record the cell’s signature», then «Send» again.',
    workplaceUnknown: 'the workplace committee',
  },
  qd213Steps: {
    frontButton: 'Record the Front work committee’s opinion',
    cellButton: 'Record the cell’s signature',
    frontIntro: (name: string) =>
      `THE HAMLET FRONT WORK COMMITTEE'S OPINION\nMember: ${name}\nThe bot asks 4 things, one message each.`,
    frontAsk: {
      name: '1/4. Full name of who gave the opinion:',
      position: '2/4. Their position (e.g. head of the hamlet Front work committee):',
      opinion: '3/4. The Front work committee’s opinion of the member:',
      consultedOn: '4/4. Date of the consultation (dd/mm/yyyy), or press «Today»:',
    },
    frontRecorded: (name: string, date: string) =>
      `Recorded the Front work committee’s opinion (${date}) for ${name}’s comment. ` +
      'Once the hamlet cell committee has signed, press «Record the cell’s signature».',
    cellIntro: (name: string) =>
      `THE HAMLET CELL COMMITTEE SIGNS THE COMMENT\nMember: ${name}\nThe bot asks 3 things, one message each.`,
    cellAsk: {
      signerName: '1/3. Full name of who signed for the cell committee:',
      signerTitle: '2/3. They are the cell’s:',
      signedOn: '3/3. Date signed (dd/mm/yyyy), or press «Today»:',
    },
    titles: { bi_thu: 'Cell secretary', pho_bi_thu: 'Cell deputy secretary' },
    cellSigned: (name: string, signer: string, title: string, date: string, chair: boolean) =>
      `Recorded: ${name}’s comment signed for the cell committee by ${signer} (${title}) on ${date}. ` +
      (chair
        ? 'Press «Send» for the ward to confirm it and send it to the workplace.'
        : 'The chair will confirm it and send it to the workplace.'),
    frontFirst: (name: string) =>
      `The signature cannot be recorded yet: the cell consults the hamlet Front work committee on ${name} first. Press «Record the Front work committee’s opinion».`,
    notThisRuleSet: 'The committee’s rule set has no such step: the committee sends the comment itself.',
    saveFirst:
      'There is no saved comment yet: use /nhanxet, pick the member, answer and press «Save evaluation» first.',
    unreadable: 'The text has characters that cannot be read; please type it again.',
    alreadySigned: (name: string) =>
      `${name}’s comment is signed by the cell already; press «Send» to confirm it.`,
  },
};
