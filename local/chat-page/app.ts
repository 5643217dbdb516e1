// Chat page (browser): a small messenger over the emulators' control APIs — pick a demo user on Telegram or Zalo, talk to the bot.

import type {
  BotCommandView,
  ClockView,
  DemoChannel,
  DemoUser,
  JobRun,
  JobView,
  LocalConfig,
} from '../control-protocol.js';
import type { ConversationMessage } from '../telegram-emulator/state.js';
import type { ChatView } from '../telegram-emulator/types.js';
import type { ZaloConversationMessage } from '../zalo-emulator/types.js';
import { dateTimeFormat, dayOf, el, formatSize, safeHref, timeFormat } from './dom.js';
import { visibleZaloMessages, type ZaloChatView, zaloMessageNode } from './zalo.js';

type Entity = NonNullable<ConversationMessage['entities']>[number];
type InlineButton = NonNullable<ConversationMessage['replyMarkup']>['inline_keyboard'][number][number];

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
};

const els = {
  users: $('users'),
  search: $<HTMLInputElement>('search'),
  newPerson: $<HTMLFormElement>('new-person'),
  newPersonName: $<HTMLInputElement>('new-person-name'),
  newPersonChannel: $<HTMLSelectElement>('new-person-channel'),
  chat: $('chat'),
  empty: $('empty'),
  head: $('chat-head'),
  headChannel: $('head-channel'),
  headAvatar: $('head-avatar'),
  headName: $('head-name'),
  headSub: $('head-sub'),
  notice: $('link-notice'),
  messages: $('messages'),
  toast: $('toast'),
  replyKeyboard: $('reply-keyboard'),
  composer: $<HTMLFormElement>('composer'),
  text: $<HTMLInputElement>('text'),
  menuButton: $('menu-button'),
  commandMenu: $('command-menu'),
  clockNow: $('clock-now'),
  clockForm: $<HTMLFormElement>('clock-form'),
  clockInput: $<HTMLInputElement>('clock-input'),
  clockReset: $('clock-reset'),
  jobs: $('jobs'),
};

interface State {
  config?: LocalConfig;
  users: DemoUser[];
  current?: DemoUser;
  /** The current Telegram conversation, by message id. */
  messages: Map<number, ConversationMessage>;
  /** The current Zalo conversation, by the emulator's seq (Zalo never edits: a message only ever arrives). */
  zaloMessages: Map<number, ZaloConversationMessage>;
  /** Whether the current Zalo user follows the OA (the emulator says; unknown before the first answer). */
  following?: boolean;
  seq: number;
  poll?: AbortController;
  /** Last seq seen per account (`DemoUser.key`), for the unread dots. */
  seen: Map<string, number>;
  latest: Map<string, number>;
  answered: Set<string>;
}

const state: State = {
  users: [],
  messages: new Map(),
  zaloMessages: new Map(),
  seq: 0,
  seen: new Map(),
  latest: new Map(),
  answered: new Set(),
};

async function getJson<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const postJson = <T>(url: string, body: unknown, signal?: AbortSignal) =>
  getJson<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

function emulator(path: string): string {
  return `${state.config?.emulatorUrl ?? ''}${path}`;
}

function zaloEmulator(path: string): string {
  return `${state.config?.zaloEmulatorUrl ?? ''}${path}`;
}

const CHANNEL_NAMES: Record<DemoChannel, string> = { telegram: 'Telegram', zalo: 'Zalo' };

// ---- rendering helpers ----------------------------------------------------------------------------------------

function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return ((words.at(-2)?.[0] ?? '') + (words.at(-1)?.[0] ?? '')).toUpperCase();
}

function avatar(user: DemoUser, into: HTMLElement): void {
  into.textContent = initials(user.name);
  let hash = 0;
  for (const c of user.key) hash = (hash * 31 + c.charCodeAt(0)) % 360;
  const hue = user.telegramId !== undefined ? (user.telegramId * 47) % 360 : hash;
  into.style.background = `hsl(${hue} 55% 48%)`;
}

/** Telegram text with its entities (offsets in UTF-16 units, as JavaScript strings count). */
function renderText(text: string, entities: readonly Entity[] = []): DocumentFragment {
  const fragment = document.createDocumentFragment();
  const sorted = [...entities].sort((a, b) => a.offset - b.offset || b.length - a.length);
  let pos = 0;
  const plain = (upTo: number) => {
    if (upTo > pos) fragment.append(text.slice(pos, upTo));
    pos = Math.max(pos, upTo);
  };
  for (const entity of sorted) {
    if (entity.offset < pos) continue; // nested entities: the outer one wins, kept simple
    plain(entity.offset);
    const part = text.slice(entity.offset, entity.offset + entity.length);
    fragment.append(entityNode(entity, part));
    pos = entity.offset + entity.length;
  }
  plain(text.length);
  return fragment;
}

function entityNode(entity: Entity, part: string): Node {
  switch (entity.type) {
    case 'bold':
      return el('strong', undefined, part);
    case 'italic':
      return el('em', undefined, part);
    case 'underline':
      return el('u', undefined, part);
    case 'strikethrough':
      return el('s', undefined, part);
    case 'code':
      return el('code', undefined, part);
    case 'pre':
      return el('pre', undefined, part);
    case 'spoiler':
      return el('span', 'spoiler', part);
    case 'blockquote':
    case 'expandable_blockquote':
      return el('blockquote', undefined, part);
    case 'text_link':
    case 'url': {
      const a = el('a', undefined, part);
      a.href = safeHref(entity.type === 'text_link' ? entity.url : part);
      a.target = '_blank';
      a.rel = 'noopener';
      return a;
    }
    case 'bot_command': {
      const a = el('a', 'command', part);
      a.href = '#';
      a.addEventListener('click', (event) => {
        event.preventDefault();
        void send(part);
      });
      return a;
    }
    default:
      return document.createTextNode(part);
  }
}

// ---- users ------------------------------------------------------------------------------------------------------

function renderUsers(): void {
  const filter = els.search.value.trim().toLowerCase();
  els.users.replaceChildren();
  const groups: [string, DemoUser[]][] = [
    ['Cán bộ', state.users.filter((u) => u.kind === 'staff')],
    ['Đảng viên', state.users.filter((u) => u.kind === 'member')],
    ['Người mới', state.users.filter((u) => u.kind === 'new')],
  ];
  for (const [title, users] of groups) {
    const shown = users.filter((u) =>
      `${u.name} ${u.roleLabel} ${u.orgName} ${CHANNEL_NAMES[u.channel]}`.toLowerCase().includes(filter),
    );
    if (shown.length === 0) continue;
    els.users.append(el('div', 'group-title', title));
    for (const user of shown) {
      const item = el('button', 'user');
      item.type = 'button';
      item.dataset.key = user.key;
      item.dataset.channel = user.channel;
      if (user.telegramId !== undefined) item.dataset.telegramId = String(user.telegramId);
      if (user.zaloUserId !== undefined) item.dataset.zaloUserId = user.zaloUserId;
      if (state.current?.key === user.key) item.classList.add('active');
      const pic = el('div', 'avatar');
      avatar(user, pic);
      const text = el('div', 'user-text');
      text.append(
        el('div', 'user-name', user.name),
        el('div', 'user-sub', `${user.roleLabel} · ${user.orgName}`),
      );
      item.append(pic, text);
      if (!user.linked) item.append(el('span', 'badge', 'chưa liên kết'));
      item.append(el('span', `channel-badge ${user.channel}`, CHANNEL_NAMES[user.channel]));
      const latest = state.latest.get(user.key) ?? 0;
      if (latest > (state.seen.get(user.key) ?? 0) && state.current?.key !== user.key) {
        item.append(el('span', 'unread', ''));
      }
      item.addEventListener('click', () => selectUser(user));
      els.users.append(item);
    }
  }
}

function selectUser(user: DemoUser): void {
  state.poll?.abort();
  state.current = user;
  state.messages = new Map();
  state.zaloMessages = new Map();
  delete state.following;
  state.seq = 0;
  const zalo = user.channel === 'zalo';
  els.empty.hidden = true;
  els.head.hidden = false;
  els.composer.hidden = false;
  els.chat.classList.toggle('zalo', zalo);
  els.chat.dataset.channel = user.channel;
  avatar(user, els.headAvatar);
  els.headName.textContent = user.name;
  els.headSub.textContent = `${user.roleLabel} · ${user.orgName}`;
  els.headChannel.textContent = zalo
    ? `Zalo · OA ${state.config?.bot.firstName ?? ''}`.trim()
    : `Telegram · @${state.config?.bot.username ?? ''}`;
  // Zalo has no "/" menu of commands (/help lists them) and no reply keyboard.
  els.menuButton.hidden = zalo;
  els.commandMenu.hidden = true;
  els.text.placeholder = zalo ? 'Nhập tin nhắn gửi OA, ví dụ /help' : 'Nhập tin nhắn hoặc lệnh, ví dụ /start';
  renderNotice();
  els.messages.replaceChildren();
  els.replyKeyboard.hidden = true;
  renderUsers();
  els.text.focus();
  void (zalo ? zaloPollLoop(user) : pollLoop(user));
}

/** The bar above the conversation: what the account still has to do before the bot can talk to it. */
function renderNotice(): void {
  const user = state.current;
  if (!user) return;
  const parts: (Node | string)[] = [];
  const button = (label: string, className: string, action: () => void) => {
    const b = el('button', className, label);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  };
  if (user.channel === 'zalo' && state.following === undefined) {
    // Until the emulator says whether the user follows the OA: nothing yet, rather than a notice that flips.
  } else if (user.channel === 'zalo' && state.following === false) {
    // Zalo: the OA may write only to its followers; following is the first thing a new person does.
    parts.push(
      el('span', undefined, 'Tài khoản Zalo này chưa quan tâm OA, chưa liên kết. Bấm '),
      el('strong', undefined, 'Quan tâm'),
      el('span', undefined, ' để nhận tin nhắn của OA. '),
      button('Quan tâm', 'link-button follow-button', () => void follow()),
    );
  } else if (!user.linked && user.linkCode) {
    // The demo codes are not in the alphabet of real codes (a Zalo user types a real one bare): /start works
    // on both channels.
    const typed = `/start ${user.linkCode}`;
    parts.push(
      el('span', undefined, 'Tài khoản chat này chưa được liên kết. Gửi '),
      el('code', undefined, typed),
      el('span', undefined, ' để liên kết. '),
      button('Gửi mã liên kết', 'link-button', () => void send(typed)),
    );
  } else if (!user.linked) {
    // A new person: the code comes from the administrator (/canbo) or a committee, not from the seed.
    parts.push(
      el('span', undefined, 'Người mới, chưa liên kết với ai. Gửi '),
      el('code', undefined, user.channel === 'zalo' ? '<mã liên kết>' : '/start <mã liên kết>'),
      el('span', undefined, ' với mã cấp ủy hoặc quản trị viên đã giao.'),
    );
  }
  els.notice.hidden = parts.length === 0;
  els.notice.replaceChildren(...parts);
}

// ---- the conversation ---------------------------------------------------------------------------------------------

async function pollLoop(user: DemoUser): Promise<void> {
  const controller = new AbortController();
  state.poll = controller;
  // By key, not by object: the list is read again after /start <code> links the chat, and the conversation
  // must keep coming in (comparing objects stopped it there, and the bot's next answers never showed).
  while (!controller.signal.aborted && state.current?.key === user.key) {
    try {
      const view = await getJson<ChatView>(
        emulator(`/_emulator/chats/${user.telegramId}/messages?since=${state.seq}&wait=25000`),
        { signal: controller.signal },
      );
      if (controller.signal.aborted) return;
      applyView(view);
    } catch {
      if (controller.signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function applyView(view: ChatView): void {
  for (const message of view.messages) state.messages.set(message.messageId, message);
  for (const query of view.callbackQueries) {
    if (query.answer?.text && !state.answered.has(query.id)) {
      state.answered.add(query.id);
      showToast(query.answer.text, query.answer.show_alert === true);
    }
  }
  state.seq = Math.max(state.seq, view.seq);
  if (state.current) state.seen.set(state.current.key, state.seq);
  renderMessages();
}

/** A Zalo user's conversation with the OA, long-polled from the Zalo emulator's control API. */
async function zaloPollLoop(user: DemoUser): Promise<void> {
  const controller = new AbortController();
  state.poll = controller;
  // The first look answers at once (whether the user follows the OA, the conversation so far); then long polls.
  let wait = 0;
  while (!controller.signal.aborted && state.current?.key === user.key) {
    try {
      const view = await getJson<ZaloChatView>(
        zaloEmulator(`/_emulator/users/${user.zaloUserId}/messages?since=${state.seq}&wait=${wait}`),
        { signal: controller.signal },
      );
      wait = 25_000;
      if (controller.signal.aborted) return;
      applyZaloView(view);
    } catch {
      if (controller.signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1000));
    }
  }
}

function applyZaloView(view: ZaloChatView): void {
  for (const message of view.messages) state.zaloMessages.set(message.seq, message);
  state.seq = Math.max(state.seq, view.seq);
  const following = view.user?.following ?? false;
  if (following !== state.following) {
    state.following = following;
    renderNotice();
  }
  const current = state.current;
  if (current) {
    const last = visibleZaloMessages(state.zaloMessages.values()).at(-1);
    state.seen.set(current.key, Math.max(state.seen.get(current.key) ?? 0, last?.seq ?? 0));
  }
  renderZaloMessages();
}

function renderZaloMessages(): void {
  const nearBottom = els.messages.scrollHeight - els.messages.scrollTop - els.messages.clientHeight < 80;
  els.messages.replaceChildren();
  const list = visibleZaloMessages(state.zaloMessages.values());
  let lastDay = '';
  for (const message of list) {
    const day = dayOf(new Date(message.at));
    if (day !== lastDay) {
      els.messages.append(el('div', 'day', day));
      lastDay = day;
    }
    els.messages.append(
      zaloMessageNode(message, {
        fileUrl: (token) => zaloEmulator(`/files/${encodeURIComponent(token)}`),
        press: (pressed, index) => pressZalo(pressed, index),
      }),
    );
  }
  if (nearBottom || list.length <= 1) els.messages.scrollTop = els.messages.scrollHeight;
}

async function pressZalo(message: ZaloConversationMessage, index: number): Promise<void> {
  const user = state.current;
  if (!user?.zaloUserId) return;
  try {
    await postJson(zaloEmulator(`/_emulator/users/${user.zaloUserId}/press`), {
      messageId: message.messageId,
      index,
    });
  } catch (error) {
    showToast(`Không bấm được nút: ${String(error)}`, true);
  }
}

/** The Zalo user follows the OA ("Quan tâm"): Zalo tells the OA, and the bot greets them. */
async function follow(): Promise<void> {
  const user = state.current;
  if (!user?.zaloUserId) return;
  try {
    await postJson(zaloEmulator(`/_emulator/users/${user.zaloUserId}/follow`), {});
  } catch (error) {
    showToast(`Không quan tâm được OA: ${String(error)}`, true);
  }
}

function renderMessages(): void {
  const nearBottom = els.messages.scrollHeight - els.messages.scrollTop - els.messages.clientHeight < 80;
  els.messages.replaceChildren();
  const list = [...state.messages.values()]
    .filter((m) => !m.deleted)
    .sort((a, b) => a.messageId - b.messageId);
  let lastDay = '';
  for (const message of list) {
    const day = dayOf(new Date(message.date * 1000));
    if (day !== lastDay) {
      els.messages.append(el('div', 'day', day));
      lastDay = day;
    }
    els.messages.append(messageNode(message));
  }
  const last = list.at(-1);
  renderReplyKeyboard(last?.from === 'bot' ? last : undefined);
  if (nearBottom || list.length <= 1) els.messages.scrollTop = els.messages.scrollHeight;
}

function messageNode(message: ConversationMessage): HTMLElement {
  const row = el('div', `row ${message.from}`);
  row.dataset.messageId = String(message.messageId);
  const bubble = el('div', 'bubble');
  if (message.document) {
    const doc = message.document;
    const card = el('a', 'document');
    card.href = emulator(doc.url);
    card.download = doc.fileName;
    const icon = el('span', 'doc-icon', doc.fileName.split('.').pop()?.toUpperCase() ?? 'FILE');
    const info = el('span', 'doc-info');
    info.append(
      el('span', 'doc-name', doc.fileName),
      el('span', 'doc-size', `${formatSize(doc.size)} · Tải về`),
    );
    card.append(icon, info);
    bubble.append(card);
  }
  const text = message.text ?? message.caption;
  if (text) {
    const body = el('div', 'text');
    body.append(renderText(text, message.entities ?? message.message.caption_entities ?? []));
    bubble.append(body);
  }
  const meta = el('div', 'meta', timeFormat.format(new Date(message.date * 1000)));
  if (message.editDate) meta.prepend(el('span', 'edited', 'đã sửa · '));
  bubble.append(meta);
  row.append(bubble);
  const keyboard = message.replyMarkup?.inline_keyboard;
  if (message.from === 'bot' && keyboard && keyboard.length > 0) {
    const pad = el('div', 'keyboard');
    for (const buttons of keyboard) {
      const line = el('div', 'keyboard-row');
      for (const button of buttons) line.append(inlineButton(message, button));
      pad.append(line);
    }
    row.append(pad);
  }
  return row;
}

function inlineButton(message: ConversationMessage, button: InlineButton): HTMLElement {
  if ('url' in button && button.url) {
    const a = el('a', 'inline-button', `${button.text} ↗`);
    a.href = safeHref(button.url);
    a.target = '_blank';
    a.rel = 'noopener';
    return a;
  }
  const b = el('button', 'inline-button', button.text);
  b.type = 'button';
  b.addEventListener('click', async () => {
    if (!state.current) return;
    b.disabled = true;
    try {
      const body: Record<string, unknown> = { messageId: message.messageId };
      if ('callback_data' in button && button.callback_data !== undefined) body.data = button.callback_data;
      else body.text = button.text;
      await postJson(emulator(`/_emulator/chats/${state.current.telegramId}/press`), {
        user: simulatedUser(state.current),
        ...body,
      });
    } catch (error) {
      showToast(`Không bấm được nút: ${String(error)}`, true);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

function renderReplyKeyboard(message: ConversationMessage | undefined): void {
  const markup = message?.keyboard;
  if (!markup || !('keyboard' in markup)) {
    if (markup && 'remove_keyboard' in markup) els.replyKeyboard.hidden = true;
    return;
  }
  els.replyKeyboard.replaceChildren();
  for (const row of markup.keyboard) {
    const line = el('div', 'keyboard-row');
    for (const button of row) {
      const label = typeof button === 'string' ? button : button.text;
      const b = el('button', 'inline-button', label);
      b.type = 'button';
      b.addEventListener('click', () => void send(label));
      line.append(b);
    }
    els.replyKeyboard.append(line);
  }
  els.replyKeyboard.hidden = false;
}

function simulatedUser(user: DemoUser) {
  return { id: user.telegramId, first_name: user.name, language_code: 'vi' };
}

async function send(text: string): Promise<void> {
  const user = state.current;
  if (!user || text.trim() === '') return;
  els.commandMenu.hidden = true;
  try {
    if (user.channel === 'zalo') {
      // Zalo: the user's text reaches the OA as a `user_send_text` event, signed, through the emulator.
      await postJson(zaloEmulator(`/_emulator/users/${user.zaloUserId}/send`), { text });
    } else {
      await postJson(emulator(`/_emulator/chats/${user.telegramId}/send`), {
        user: simulatedUser(user),
        text,
      });
    }
    // On Zalo a link code is typed (or pasted) as it is: there are no deep links into an OA's chat.
    const linking =
      /^\/start\s+\S+/.test(text) || (user.channel === 'zalo' && /^[A-Za-z0-9]{6,}$/.test(text.trim()));
    if (linking && !user.linked) void refreshUntilLinked(user);
  } catch (error) {
    showToast(`Không gửi được: ${String(error)}`, true);
  }
}

/**
 * After /start <code>: the bot links the chat, and the page asks again who is linked until it is (a busy bot may
 * answer after the first look; a wrong code never links, so it gives up after ~10 s).
 */
async function refreshUntilLinked(user: DemoUser): Promise<void> {
  for (let attempt = 0; attempt < 20; attempt++) {
    await new Promise((r) => setTimeout(r, 500));
    await loadUsers().catch(() => undefined);
    if (state.users.find((u) => u.key === user.key)?.linked) return;
  }
}

let toastTimer: number | undefined;
function showToast(text: string, alert: boolean): void {
  els.toast.textContent = text;
  els.toast.classList.toggle('alert', alert);
  els.toast.hidden = false;
  window.clearTimeout(toastTimer);
  toastTimer = window.setTimeout(
    () => {
      els.toast.hidden = true;
    },
    alert ? 6000 : 3000,
  );
}

// ---- commands menu, unread dots, tools --------------------------------------------------------------------------

async function toggleCommandMenu(): Promise<void> {
  if (!els.commandMenu.hidden) {
    els.commandMenu.hidden = true;
    return;
  }
  const user = state.current;
  const commands = await getJson<BotCommandView[]>(
    `/_local/commands${user?.telegramId !== undefined ? `?chat=${user.telegramId}` : ''}`,
  );
  els.commandMenu.replaceChildren();
  if (commands.length === 0)
    els.commandMenu.append(el('div', 'command-empty', 'Bot chưa khai báo lệnh nào.'));
  for (const c of commands) {
    const item = el('button', 'command-item');
    item.type = 'button';
    item.append(el('span', 'command-name', `/${c.command}`), el('span', 'command-desc', c.description));
    item.addEventListener('click', () => {
      els.text.value = `/${c.command} `;
      els.commandMenu.hidden = true;
      els.text.focus();
    });
    els.commandMenu.append(item);
  }
  els.commandMenu.hidden = false;
}

async function refreshUnread(): Promise<void> {
  const [telegram, zalo] = await Promise.all([telegramLatest(), zaloLatest()]);
  let changed = false;
  for (const [key, seq] of [...telegram, ...zalo]) {
    if (state.latest.get(key) !== seq) changed = true;
    state.latest.set(key, seq);
    if (!state.seen.has(key)) state.seen.set(key, seq);
  }
  if (changed) renderUsers();
}

/** The newest message's seq of each Telegram chat, by account key. */
async function telegramLatest(): Promise<[string, number][]> {
  if (!state.config?.emulatorUrl) return [];
  try {
    const chats = await getJson<{ chatId: number; seq: number }[]>(emulator('/_emulator/chats'));
    return chats.map((chat) => [`telegram:${chat.chatId}`, chat.seq]);
  } catch {
    return []; // The stack may be restarting; the next tick tries again.
  }
}

/** The newest visible message's seq of each Zalo account (a few: each asked for what came since last time). */
async function zaloLatest(): Promise<[string, number][]> {
  if (!state.config?.zaloEmulatorUrl) return [];
  const accounts = state.users.filter((u) => u.channel === 'zalo' && u.key !== state.current?.key);
  const answers = await Promise.all(
    accounts.map(async (user): Promise<[string, number] | undefined> => {
      const since = state.latest.get(user.key) ?? 0;
      try {
        const view = await getJson<ZaloChatView>(
          zaloEmulator(`/_emulator/users/${user.zaloUserId}/messages?since=${since}`),
        );
        const last = visibleZaloMessages(view.messages).at(-1);
        return last ? [user.key, last.seq] : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  return answers.filter((a): a is [string, number] => a !== undefined);
}

async function refreshClock(): Promise<void> {
  try {
    const clock = await getJson<ClockView>('/_local/clock');
    els.clockNow.textContent = `${dateTimeFormat.format(new Date(clock.now))}${clock.real ? '' : ' (đã chỉnh)'}`;
  } catch {
    els.clockNow.textContent = '—';
  }
}

async function loadJobs(): Promise<void> {
  const jobs = await getJson<JobView[]>('/_local/jobs');
  els.jobs.replaceChildren();
  if (jobs.length === 0) els.jobs.append(el('div', 'tool-hint', 'Chưa có tác vụ định kỳ nào.'));
  for (const job of jobs) {
    const b = el('button', 'job', `Chạy ngay: ${job.name}`);
    b.type = 'button';
    b.title = job.description;
    b.addEventListener('click', async () => {
      b.disabled = true;
      try {
        const run = await postJson<JobRun>(`/_local/jobs/${encodeURIComponent(job.name)}`, {});
        showToast(`Đã chạy ${run.name} (${run.durationMs} ms)`, false);
      } catch (error) {
        showToast(`Tác vụ lỗi: ${String(error)}`, true);
      } finally {
        b.disabled = false;
      }
    });
    els.jobs.append(b);
  }
}

async function loadUsers(): Promise<void> {
  state.users = await getJson<DemoUser[]>('/_local/demo-users');
  const current = state.current && state.users.find((u) => u.key === state.current?.key);
  if (current && current.linked !== state.current?.linked) {
    state.current = current;
    renderNotice();
    // A new person now shows the role and committee they linked to.
    els.headSub.textContent = `${current.roleLabel} · ${current.orgName}`;
  }
  renderUsers();
}

/** Wires every control; runs before anything is fetched, so nothing a person touches early is dead. */
function wireControls(): void {
  els.search.addEventListener('input', renderUsers);
  els.composer.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = els.text.value;
    els.text.value = '';
    void send(text);
  });
  els.menuButton.addEventListener('click', () => void toggleCommandMenu());
  els.newPerson.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = els.newPersonName.value.trim();
    if (!name) return;
    try {
      const channel = els.newPersonChannel.value === 'zalo' ? 'zalo' : 'telegram';
      const added = await postJson<DemoUser>('/_local/people', { name, channel });
      els.newPersonName.value = '';
      await loadUsers();
      selectUser(state.users.find((u) => u.key === added.key) ?? added);
    } catch (error) {
      showToast(`Không thêm được người mới: ${String(error)}`, true);
    }
  });
  els.clockForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!els.clockInput.value) return;
    await postJson('/_local/clock', { now: els.clockInput.value });
    await Promise.all([refreshClock(), loadJobs()]);
  });
  els.clockReset.addEventListener('click', async () => {
    await postJson('/_local/clock', { reset: true });
    await refreshClock();
  });
}

async function main(): Promise<void> {
  // Before the first await: the user list shows while the rest loads, and a person (or the E2E walk) may
  // type into the search box at once. Wiring after the loads left that early input unfiltered.
  wireControls();
  state.config = await getJson<LocalConfig>('/_local/config');
  if (state.config.mode === 'telegram') {
    els.empty.replaceChildren(
      el('p', undefined, `Đang nối với Telegram thật qua @${state.config.bot.username}.`),
      el('p', undefined, 'Tài khoản Telegram ở đây chỉ dùng với bot giả lập; hãy mở Telegram để trò chuyện.'),
      el('p', undefined, 'Các tài khoản Zalo (nhãn «Zalo») vẫn trò chuyện được trên trang này.'),
    );
  }
  await loadUsers();
  await Promise.all([refreshClock(), loadJobs()]);
  window.setInterval(() => void refreshUnread(), 2000);
  window.setInterval(() => void refreshClock(), 30_000);
  const wanted = new URLSearchParams(location.search).get('user');
  // ?user=<telegram id>, <zalo user id>, <key> or <member/staff id> (their Telegram account first).
  const preselected = state.users.find(
    (u) => String(u.telegramId) === wanted || u.zaloUserId === wanted || u.key === wanted || u.id === wanted,
  );
  if (preselected) selectUser(preselected);
  // Everything is loaded; the E2E walk waits for this mark before it acts.
  document.body.dataset.ready = 'true';
}

void main();
