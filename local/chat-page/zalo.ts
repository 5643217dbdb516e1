// Chat page (browser): a conversation with the Zalo OA drawn like Zalo — the OA's buttons under its message as
// full-width rows, files as cards to download, nothing ever edited (each new state is a new message).
import type { SimulatedZaloUser, ZaloButton, ZaloConversationMessage } from '../zalo-emulator/types.js';
import { el, formatSize, safeHref, timeFormat } from './dom.js';

/** What the Zalo emulator's control API answers for `GET /_emulator/users/<id>/messages?since=&wait=`. */
export interface ZaloChatView {
  userId: string;
  /** The emulator's latest sequence number (across all users): ask `since` it next. */
  seq: number;
  user: SimulatedZaloUser | null;
  messages: ZaloConversationMessage[];
}

export interface ZaloActions {
  /** Where the emulator serves an uploaded file (`GET /files/<token>`). */
  fileUrl(token: string): string;
  /** Presses the button at `index` under an OA message. */
  press(message: ZaloConversationMessage, index: number): Promise<void>;
}

/** What the user sees, in order: a press of an `oa.query.hide` button reaches the OA as text, not the chat. */
export function visibleZaloMessages(messages: Iterable<ZaloConversationMessage>): ZaloConversationMessage[] {
  return [...messages].filter((m) => !m.hidden).sort((a, b) => a.seq - b.seq);
}

export function zaloMessageNode(message: ZaloConversationMessage, actions: ZaloActions): HTMLElement {
  const row = el('div', `row ${message.from === 'oa' ? 'bot' : 'user'} zalo-row`);
  row.dataset.messageId = message.messageId;
  const card = el('div', 'bubble zalo-card');
  if (message.file) card.append(fileCard(message.file, actions));
  if (message.text) card.append(el('div', 'text', message.text));
  card.append(el('div', 'meta', timeFormat.format(new Date(message.at))));
  if (message.from === 'oa' && message.buttons && message.buttons.length > 0) {
    // Zalo draws a template's buttons inside the message, one full-width row each, under the text.
    const list = el('div', 'zalo-buttons');
    for (const [index, button] of message.buttons.entries())
      list.append(buttonNode(message, button, index, actions));
    card.append(list);
  }
  row.append(card);
  return row;
}

function fileCard(file: NonNullable<ZaloConversationMessage['file']>, actions: ZaloActions): HTMLElement {
  const card = el('a', 'document zalo-file');
  card.href = actions.fileUrl(file.token);
  card.download = file.fileName;
  const extension = file.fileName.split('.').pop()?.toUpperCase() ?? 'FILE';
  const icon = el('span', `doc-icon zalo-file-icon ${extension.toLowerCase()}`, extension);
  const info = el('span', 'doc-info');
  info.append(
    el('span', 'doc-name', file.fileName),
    el('span', 'doc-size', `${formatSize(file.size)} · Tải về`),
  );
  card.append(icon, info);
  return card;
}

function buttonNode(
  message: ZaloConversationMessage,
  button: ZaloButton,
  index: number,
  actions: ZaloActions,
): HTMLElement {
  if (button.type === 'oa.open.url') {
    const url = (button.payload as { url?: unknown } | undefined)?.url;
    const a = el('a', 'inline-button zalo-button', `${button.title} ↗`);
    a.href = safeHref(typeof url === 'string' ? url : '');
    a.target = '_blank';
    a.rel = 'noopener';
    return a;
  }
  const b = el('button', 'inline-button zalo-button', button.title);
  b.type = 'button';
  b.dataset.buttonType = button.type;
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await actions.press(message, index);
    } finally {
      b.disabled = false;
    }
  });
  return b;
}
