// bot: the typed Context every feature sees — injected ports, the user's catalogue, the channel's UI, who is writing.
import type { Composer, Context } from 'grammy';
import type { Catalogue } from '../chat/i18n/index.js';
import type { ChatUi } from '../chat/view.js';
import type { AuditRepository } from '../shared/ports/audit.js';
import type { ChatMessenger } from '../shared/ports/chat.js';
import type { Clock, IdGenerator } from '../shared/ports/common.js';
import type { CallbackDataStore, ConversationDraft, DraftStore } from '../shared/ports/conversation.js';
import type { ReportRenderer } from '../shared/ports/documents.js';
import type { IdentityDirectory } from '../shared/ports/identity.js';
import type { ChatFileSource, ImportJobRepository } from '../shared/ports/imports.js';
import type { InvitationJobRepository, InvitationQueue } from '../shared/ports/invitations.js';
import type { Log } from '../shared/ports/log.js';
import type { SmsSender, ZnsSender } from '../shared/ports/messaging.js';
import type { Metrics } from '../shared/ports/metrics.js';
import type { MinutesPdfRenderer } from '../shared/ports/minutes-pdf.js';
import type { DeletionRequestRepository } from '../shared/ports/privacy.js';
import type {
  AbsenceNoticeRepository,
  AttemptCounter,
  Channel,
  ChatLinkRepository,
  CommentRepository,
  CommitteeRepository,
  CounterRepository,
  EvaluationRepository,
  IdempotencyStore,
  IntroductionRepository,
  InvitationRepository,
  MeetingRepository,
  MemberRepository,
  MinutesRepository,
  ReportRepository,
  StaffRepository,
  YearEndRepository,
} from '../shared/ports/repositories.js';
import type { RsvpPressStore } from '../shared/ports/rsvp-press.js';
import type { ChatActor } from '../shared/services/chat-actors.js';
import type { EvaluationPorts } from '../shared/services/evaluations.js';
import type { InvitationSettings } from '../shared/services/invitations.js';

/** The repositories the bot's features use (the DynamoDB adapters implement them all). */
export interface BotPorts {
  committees: CommitteeRepository;
  staff: StaffRepository;
  members: MemberRepository;
  introductions: IntroductionRepository;
  meetings: MeetingRepository;
  invitations: InvitationRepository;
  chatLinks: ChatLinkRepository;
  idempotency: IdempotencyStore;
  drafts: DraftStore;
  callbackData: CallbackDataStore;
  invitationJobs: InvitationJobRepository;
  evaluations: EvaluationRepository;
  yearEnd: YearEndRepository;
  reports: ReportRepository;
  /** Issue 5: the meeting's minutes, members' comments, R10 notices. */
  minutes: MinutesRepository;
  comments: CommentRepository;
  absenceNotices: AbsenceNoticeRepository;
  /** Letter numbers (the introduction use cases need them; the bot's bulk receipt never numbers). */
  counters: CounterRepository;
  /** Members' CSVs sent to the bot: the webhook records the job, the worker runs it. */
  importJobs: ImportJobRepository;
  /** Wrong link codes per chat and per code (guessing is refused past a limit). */
  attempts: AttemptCounter;
  /** Issue 18: who read a member's contact book or an absence reason's text. */
  audit: AuditRepository;
  /** Members' deletion requests (/dulieu). */
  deletionRequests: DeletionRequestRepository;
  /** Issue 19: the RSVP press's one read and one transaction; without it every press takes the full path. */
  rsvpPresses?: RsvpPressStore;
}

export interface BotDeps {
  ports: BotPorts;
  clock: Clock;
  /** New ids (comments); the time-ordered generator when not given. */
  ids?: IdGenerator;
  /** Renders the minutes' PDF (sent to the signers once sealed). */
  minutesPdf?: MinutesPdfRenderer;
  /** The invitation job's queue: SQS in AWS, in-process on one machine. */
  queue: InvitationQueue;
  sms: SmsSender;
  /**
   * Zalo's approved templates to a phone (issue 15: after the chats, before SMS); absent on a deployment without
   * Zalo. The invitation and reminder use cases take it from here.
   */
  zns?: ZnsSender;
  log: Log;
  /** The business counters (RSVPs, decisions, invitations, reports); none counted when absent. */
  metrics?: Metrics;
  /** A fresh link code. */
  newCode: () => string;
  /** Files users send, read in the webhook itself (an administrator's committee CSV); none when absent. */
  files?: ChatFileSource;
  /** Staff sign-in accounts (the administrator's /canbo); a recording no-op when not given. */
  identity?: IdentityDirectory;
  /** For deep links: https://t.me/<botUsername>?start=<code>. */
  botUsername: string;
  /** Use cases send through it; by default the bot's own Telegram API (same throttler). */
  messenger?: ChatMessenger;
  invitationSettings?: Partial<InvitationSettings>;
  /** Renders the October report's files for /baocao (only the webhook carries the XLSX and PDF writers). */
  reportRenderer?: ReportRenderer;
  /** Features installed before the catch-all by the webhook only (bot/year-end.ts). */
  extraFeatures?: readonly Composer<BotContext>[];
}

/**
 * Who is writing, on which channel, as the ports key chats: strings (a Zalo user id does not fit in a
 * JavaScript number). Features read it instead of Telegram's `from` and `chat`, so one implementation
 * serves every channel.
 */
export interface ChatUser {
  channel: Channel;
  userId: string;
  chatId: string;
  /** The chat app's language, when it says. */
  languageCode?: string;
}

export interface BotFlavor {
  deps: BotDeps & { messenger: ChatMessenger };
  /** The person writing; undefined only for updates without a user (none reach the features). */
  chatUser: ChatUser | undefined;
  /** The catalogue of the user's language (Vietnamese unless their app speaks English). */
  t: Catalogue;
  ui: ChatUi;
  /**
   * The linked member or staff person writing: looked up once per update, as the update arrived (it is
   * read beside the update's claim). A handler that links the chat reads the new actor itself.
   */
  actor(): Promise<ChatActor | undefined>;
  /** The user's dialogue in progress, if any (looked up once per update). */
  draft(): Promise<ConversationDraft | undefined>;
}

export type BotContext = Context & BotFlavor;

/** The ports of the evaluation use cases (R11, R17, R18), as the bot wires them. */
export function evaluationPorts(deps: BotDeps): EvaluationPorts {
  const p = deps.ports;
  return {
    committees: p.committees,
    members: p.members,
    introductions: p.introductions,
    invitations: p.invitations,
    evaluations: p.evaluations,
    clock: deps.clock,
  };
}

/** The person writing a Telegram update, as the ports key chats. */
export function telegramChatUser(ctx: Context): ChatUser | undefined {
  const from = ctx.from;
  if (!from) return undefined;
  return {
    channel: 'telegram',
    userId: String(from.id),
    chatId: String(ctx.chat?.id ?? ctx.callbackQuery?.message?.chat.id ?? from.id),
    languageCode: from.language_code || undefined,
  };
}
