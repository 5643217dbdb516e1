// chat: the channel-independent view model — what features and notices produce, and channel renderers draw.
//
// Contract (see docs/bot.md): a view is plain text (no markup: names and reasons are shown verbatim)
// with an optional keyboard of buttons, or a document. A button either carries an `action` (the
// logical callback data, any length: the channel packs it) or opens a `url`. Each row is drawn as a
// row. The renderer may split a long text into several messages (the keyboard goes under the last).

import type { Role } from '../shared/domain/roles.js';

export type ViewButton = { label: string; action: string } | { label: string; url: string };

export type ViewKeyboard = readonly (readonly ViewButton[])[];

export interface ViewMessage {
  kind: 'message';
  text: string;
  keyboard?: ViewKeyboard;
}

export interface ViewDocument {
  kind: 'document';
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
  caption?: string;
}

export type View = ViewMessage | ViewDocument;

export function message(text: string, keyboard?: ViewKeyboard): ViewMessage {
  return keyboard && keyboard.length > 0 ? { kind: 'message', text, keyboard } : { kind: 'message', text };
}

export function button(label: string, action: string): ViewButton {
  return { label, action };
}

/** The per-update user interface a feature talks to; each channel implements it. */
export interface ChatUi {
  /** Sends a new message in the current chat; returns its id. */
  reply(view: View): Promise<string | undefined>;
  /** Replaces the message whose button was pressed (or sends a new one when there is none). */
  replace(view: ViewMessage): Promise<void>;
  /** Replaces an earlier message of this chat (e.g. the invitation a typed reason belongs to). */
  edit(messageId: string, view: ViewMessage): Promise<void>;
  /** Answers the pressed button (a short toast, or an alert the user must close); once per press. */
  answer(text?: string, options?: { alert?: boolean }): Promise<void>;
  /** The id of the message whose button was pressed, if any. */
  readonly sourceMessageId: string | undefined;
  /** Shows the person's command menu for their role (a channel without per-chat menus does nothing). */
  showCommands(role: Role): Promise<void>;
}
