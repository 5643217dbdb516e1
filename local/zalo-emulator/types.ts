// The Zalo emulator's records: conversations, ZNS messages, simulated users, the call log, webhook deliveries,
// uploaded files and token pairs — what tests, the local stack and the chat page read.
import type { ZaloEndpoint } from './limits.js';

export interface ZaloButton {
  title: string;
  type: string;
  payload: unknown;
}

export interface ZaloUploadedFile {
  token: string;
  fileName: string;
  mimeType: string;
  bytes: Buffer;
}

/** One message of a user's conversation with the OA, the user's or the OA's. */
export interface ZaloConversationMessage {
  seq: number;
  from: 'user' | 'oa';
  /** `msg_id` of a user's message, `message_id` of the OA's. */
  messageId: string;
  at: number;
  text?: string;
  buttons?: ZaloButton[];
  file?: { token: string; fileName: string; mimeType: string; size: number };
  /** A press of an `oa.query.hide` button: sent to the OA, not shown in the user's chat. */
  hidden?: boolean;
  /** The user message an OA message quotes (`message.react_message_id`): what makes it a reply, not a proactive message. */
  quotes?: string;
  /**
   * How Zalo counts an OA message: a `reply` quotes the user's last message, within the reply window and the
   * free replies to it; anything else is `proactive` (paid beyond the OA's monthly quota).
   */
  kind?: 'reply' | 'proactive';
}

/** A ZNS template message Zalo accepted (what the member's phone would show). */
export interface ZaloZnsMessage {
  seq: number;
  at: number;
  msgId: string;
  /** 84xxxxxxxxx, as sent. */
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  trackingId?: string;
}

export interface SimulatedZaloUser {
  id: string;
  name: string;
  following: boolean;
  /** Emulator clock (ms) of the user's last message, press or follow. */
  lastInteractionAt?: number;
}

export interface ZaloApiCall {
  seq: number;
  at: number;
  endpoint: ZaloEndpoint;
  userId?: string;
  /** The request without its tokens and secrets (file bytes shown as name, type and size). */
  request: Record<string, unknown>;
  /** What the emulator answered: the Zalo body, or the HTTP status of an injected gateway failure. */
  answer: unknown;
  httpStatus: number;
}

export interface ZaloDelivery {
  event: Record<string, unknown>;
  /** The body exactly as POSTed (the signature covers these bytes). */
  rawBody: string;
  /** The `X-ZEvent-Signature` header sent. */
  signature: string;
  /** HTTP status the webhook answered. */
  status?: number;
  /** Why the POST failed, or that no webhook is set. */
  error?: string;
}

/** A file a simulated user sends (`sendFile`, `POST /_emulator/users/<id>/file`). */
export interface ZaloUserFile {
  fileName: string;
  bytes: Uint8Array | string;
  mimeType?: string;
  /** Another URL in the event than the emulator's own (a test of a foreign host): the file is still kept. */
  url?: string;
}

export interface ZaloTokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds, as Zalo gives it. */
  expiresIn: number;
}
