// Public entry of the Telegram Bot API emulator used by tests and the local stack.
export { type MultipartPart, parseMultipart, UploadedFile } from './body.js';
export { BotApiError, DESCRIPTIONS } from './errors.js';
export { type FormattedText, formatText } from './formatting.js';
export {
  DEFAULT_RATE_LIMITS,
  type FaultSpec,
  type FaultStatus,
  type InjectedFault,
  type RateLimits,
} from './limits.js';
export { DEFAULT_TOKEN, TelegramEmulator, type TelegramEmulatorOptions } from './server.js';
export type {
  ApiCall,
  CallbackAnswer,
  CallbackQueryRecord,
  ChatActionRecord,
  ConversationMessage,
  DocumentInfo,
  MessageRevision,
  SimulatedUser,
  StoredDocument,
  WebhookConfig,
} from './state.js';
export type { ApiResponse, ChatView, Delivery } from './types.js';
export {
  type ChatMemberInput,
  commandEntities,
  type EditUserMessageInput,
  type PressButtonInput,
  UpdateBuilder,
  type UserMessageInput,
} from './updates.js';
