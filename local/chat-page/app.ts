// Chat page (browser): a small messenger over the Telegram Bot API emulator's control API — pick a demo user, talk to the bot.

import type {
  BotCommandView,
  ClockView,
  DemoUser,
  JobRun,
  JobView,
  LocalConfig,
} from '../control-protocol.js';
import type { ChatView } from '../telegram-emulator/server.js';
import type { ConversationMessage } from '../telegram-emulator/state.js';

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
  empty: $('empty'),
  head: $('chat-head'),
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
  messages: Map<number, ConversationMessage>;
  seq: number;
  poll?: AbortController;
  /** Last seq seen per chat, for the unread dots. */
  seen: Map<number, number>;
  latest: Map<number, number>;
  answered: Set<string>;
}

const state: State = {
  users: [],
  messages: new Map(),
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

// ---- rendering helpers ----------------------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className?: string,
  text?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function initials(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return ((words.at(-2)?.[0] ?? '') + (words.at(-1)?.[0] ?? '')).toUpperCase();
}

function avatar(user: DemoUser, into: HTMLElement): void {
  into.textContent = initials(user.name);
  const hue = (user.telegramId * 47) % 360;
  into.style.background = `hsl(${hue} 55% 48%)`;
}

const timeFormat = new Intl.DateTimeFormat('vi-VN', {
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh',
});
const dateTimeFormat = new Intl.DateTimeFormat('vi-VN', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'Asia/Ho_Chi_Minh',
});

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
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
    const shown = users.filter((u) => `${u.name} ${u.roleLabel} ${u.orgName}`.toLowerCase().includes(filter));
    if (shown.length === 0) continue;
    els.users.append(el('div', 'group-title', title));
    for (const user of shown) {
      const item = el('button', 'user');
      item.type = 'button';
      item.dataset.telegramId = String(user.telegramId);
      if (state.current?.telegramId === user.telegramId) item.classList.add('active');
      const pic = el('div', 'avatar');
      avatar(user, pic);
      const text = el('div', 'user-text');
      text.append(
        el('div', 'user-name', user.name),
        el('div', 'user-sub', `${user.roleLabel} · ${user.orgName}`),
      );
      item.append(pic, text);
      if (!user.linked) item.append(el('span', 'badge', 'chưa liên kết'));
      const latest = state.latest.get(user.telegramId) ?? 0;
      if (latest > (state.seen.get(user.telegramId) ?? 0) && state.current?.telegramId !== user.telegramId) {
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
  state.seq = 0;
  els.empty.hidden = true;
  els.head.hidden = false;
  els.composer.hidden = false;
  avatar(user, els.headAvatar);
  els.headName.textContent = user.name;
  els.headSub.textContent = `${user.roleLabel} · ${user.orgName}`;
  if (!user.linked && user.linkCode) {
    els.notice.hidden = false;
    els.notice.replaceChildren(
      el('span', undefined, 'Tài khoản chat này chưa được liên kết. Gửi '),
      el('code', undefined, `/start ${user.linkCode}`),
      el('span', undefined, ' để liên kết. '),
    );
    const button = el('button', 'link-button', 'Gửi mã liên kết');
    button.type = 'button';
    button.addEventListener('click', () => void send(`/start ${user.linkCode}`));
    els.notice.append(button);
  } else if (!user.linked) {
    // A new person: the code comes from the administrator (/canbo) or a committee, not from the seed.
    els.notice.hidden = false;
    els.notice.replaceChildren(
      el('span', undefined, 'Người mới, chưa liên kết với ai. Gửi '),
      el('code', undefined, '/start <mã liên kết>'),
      el('span', undefined, ' với mã cấp ủy hoặc quản trị viên đã giao.'),
    );
  } else {
    els.notice.hidden = true;
  }
  els.messages.replaceChildren();
  els.replyKeyboard.hidden = true;
  renderUsers();
  els.text.focus();
  void pollLoop(user);
}

// ---- the conversation ---------------------------------------------------------------------------------------------

async function pollLoop(user: DemoUser): Promise<void> {
  const controller = new AbortController();
  state.poll = controller;
  // By Telegram id, not by object: the list is read again after /start <code> links the chat, and the conversation
  // must keep coming in (comparing objects stopped it there, and the bot's next answers never showed).
  while (!controller.signal.aborted && state.current?.telegramId === user.telegramId) {
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
  if (state.current) state.seen.set(state.current.telegramId, state.seq);
  renderMessages();
}

function renderMessages(): void {
  const nearBottom = els.messages.scrollHeight - els.messages.scrollTop - els.messages.clientHeight < 80;
  els.messages.replaceChildren();
  const list = [...state.messages.values()]
    .filter((m) => !m.deleted)
    .sort((a, b) => a.messageId - b.messageId);
  let lastDay = '';
  for (const message of list) {
    const day = new Date(message.date * 1000).toLocaleDateString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh' });
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

/** Only web links open: a `javascript:` or `data:` URL from a message would run in this page. */
function safeHref(url: string): string {
  // Telegram marks "example.org" as a link too: read a bare address as a web one.
  for (const candidate of [url, `http://${url}`]) {
    try {
      const parsed = new URL(candidate);
      return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : '#';
    } catch {
      // not a URL as written: try the bare-address reading
    }
  }
  return '#';
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
    await postJson(emulator(`/_emulator/chats/${user.telegramId}/send`), { user: simulatedUser(user), text });
    if (/^\/start\s+\S+/.test(text) && !user.linked) void refreshUntilLinked(user);
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
    if (state.users.find((u) => u.telegramId === user.telegramId)?.linked) return;
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
    `/_local/commands${user ? `?chat=${user.telegramId}` : ''}`,
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
  if (!state.config?.emulatorUrl) return;
  try {
    const chats = await getJson<{ chatId: number; seq: number }[]>(emulator('/_emulator/chats'));
    let changed = false;
    for (const chat of chats) {
      if (state.latest.get(chat.chatId) !== chat.seq) changed = true;
      state.latest.set(chat.chatId, chat.seq);
      if (!state.seen.has(chat.chatId)) state.seen.set(chat.chatId, chat.seq);
    }
    if (changed) renderUsers();
  } catch {
    // The stack may be restarting; the next tick tries again.
  }
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
  const current = state.current && state.users.find((u) => u.telegramId === state.current?.telegramId);
  if (current && current.linked !== state.current?.linked) {
    state.current = current;
    els.notice.hidden = current.linked;
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
      const added = await postJson<DemoUser>('/_local/people', { name });
      els.newPersonName.value = '';
      await loadUsers();
      selectUser(state.users.find((u) => u.telegramId === added.telegramId) ?? added);
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
      el('p', undefined, 'Trang này chỉ dùng với bot giả lập; hãy mở Telegram để trò chuyện.'),
    );
  }
  await loadUsers();
  await Promise.all([refreshClock(), loadJobs()]);
  window.setInterval(() => void refreshUnread(), 2000);
  window.setInterval(() => void refreshClock(), 30_000);
  const wanted = new URLSearchParams(location.search).get('user');
  const preselected = state.users.find((u) => String(u.telegramId) === wanted || u.id === wanted);
  if (preselected) selectUser(preselected);
  // Everything is loaded; the E2E walk waits for this mark before it acts.
  document.body.dataset.ready = 'true';
}

void main();
