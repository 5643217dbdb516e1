// ports: a members' CSV sent to the bot — its job record (progress, lease, result) and the file's bytes.
import type { Role } from '../domain/roles.js';
import type { ProgressMessage } from './invitations.js';
import type { Channel } from './repositories.js';

export interface ImportJobResult {
  total: number;
  created: number;
  existing: number;
  failed: number;
  /** Lines not tried (time ran out, or the sender's role was revoked). */
  notProcessed: number;
  /** Why nothing was imported, when nothing could be (the file, the sender's assignment). */
  refused?: 'file_unreadable' | 'not_workplace_staff';
}

export interface ImportJob {
  /** `import:<channel>:<chatId>:<messageId>`: one job per document message, however often it arrives. */
  id: string;
  workplaceOrgId: string;
  /** Who sent the file (a staff id) and the role they acted in: checked again when the job runs. */
  startedBy: string;
  role: Role;
  channel: Channel;
  fileId: string;
  fileName: string;
  createdAt: string;
  /** The message the worker keeps editing with the progress. */
  report: ProgressMessage;
  /** A worker holds the job until then; another delivery of the task leaves it alone meanwhile. */
  leaseUntil?: string;
  attempts?: number;
  done?: number;
  total?: number;
  finishedAt?: string;
  result?: ImportJobResult;
}

export interface ImportJobRepository {
  get(jobId: string): Promise<ImportJob | undefined>;
  /** Stores a new job; false when the job exists already (the same document message again). */
  create(job: ImportJob): Promise<boolean>;
  /** Takes the job until `until` unless it is finished or another worker's lease still runs. */
  lease(jobId: string, now: Date, until: Date): Promise<ImportJob | undefined>;
  /** Gives the job back after a failure, so the queue's retry can take it at once. */
  release(jobId: string): Promise<void>;
  progress(jobId: string, done: number, total: number): Promise<void>;
  /** Records the result once; false for every later caller (they send nothing). */
  finish(jobId: string, result: ImportJobResult, now: Date): Promise<boolean>;
}

/**
 * The bytes of a file a user sent in a chat, fetched from the channel it was sent on (the `fileId` means
 * something to that channel only). A file that cannot be read as sent (refused, too large) is a
 * ValidationError; anything else is a failure worth trying again.
 */
export interface ChatFileSource {
  download(fileId: string, channel: Channel): Promise<Uint8Array>;
}

/** One channel's side of it (Telegram: getFile, then the file download; Zalo: the file URL of the event). */
export interface ChannelFileSource {
  download(fileId: string): Promise<Uint8Array>;
}
