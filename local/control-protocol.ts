// Local runtime: the shapes of the local control API (`/_local/...` on the gateway), shared by the stack and the chat page.
import type { Role } from '../shared/domain/roles.js';

/** The chat apps a demo user can be on: the Telegram Bot API emulator's, or the Zalo OA emulator's. */
export type DemoChannel = 'telegram' | 'zalo';

/** One chat account the chat page can play: a person on both channels is listed once per channel. */
export interface DemoUser {
  channel: DemoChannel;
  /** Unique in the list: `telegram:<telegramId>` or `zalo:<zaloUserId>`. */
  key: string;
  /** A Telegram account: the Telegram user id the chat page plays (the private chat has the same id). */
  telegramId?: number;
  /** A Zalo account: the user's id on the emulator's OA (a simulated Zalo user). */
  zaloUserId?: string;
  name: string;
  /** 'new': a person added on the chat page ("Người mới"), whoever they are linked to since. */
  kind: 'member' | 'staff' | 'new';
  /** member id or staff id; for a new person not linked yet `new-<telegramId>` or `new-zalo-<zaloUserId>` */
  id: string;
  /** Absent for a new person not linked yet. */
  role?: Role;
  /** Vietnamese, e.g. "Bí thư chủ trì" or "Đảng viên — sinh viên". */
  roleLabel: string;
  orgId: string;
  orgName: string;
  linked: boolean;
  /** For a demo account not linked yet: send `/start <code>` (on Zalo the code alone works too). */
  linkCode?: string;
}

export interface LocalConfig {
  mode: 'emulator' | 'telegram';
  /** The emulator's base URL (its control API is under /_emulator/, documents under /files/). */
  emulatorUrl?: string;
  /**
   * The Zalo OA API emulator's base URL: its control API (`/_emulator/users`, `…/users/<id>/messages?since=&wait=`,
   * `…/send`, `…/press`, `…/follow`) is what a chat page needs to play a Zalo user (docs/local-stack.md).
   */
  zaloEmulatorUrl?: string;
  /** The demo people who are on Zalo: their Zalo user id on the emulator's OA, by member or staff id. */
  zaloUsers?: { id: string; zaloUserId: string }[];
  bot: { username: string; firstName: string };
}

export interface ClockView {
  now: string;
  /** False when the clock was moved (`POST /_local/clock`). */
  real: boolean;
}

export interface JobView {
  name: string;
  description: string;
  expression: string;
  /** Next firing by the local clock. */
  next?: string;
}

export interface JobRun {
  name: string;
  time: string;
  durationMs: number;
  /** What the handler returned (counts, ids), if anything. */
  result?: unknown;
  /** Outbox events published after the run. */
  eventsPublished: number;
}

export interface BotCommandView {
  command: string;
  description: string;
}
