// port: the RSVP press's one read and one transaction (issue 19) — the chat, the invitation and the draft together, then everything the press changes at once.
import type { DomainEvent } from '../domain/events.js';
import type { Invitation } from '../domain/invitation.js';
import type { ConversationDraft } from './conversation.js';
import type { Channel, ChatLink } from './repositories.js';

/** What one read (a BatchGetItem) brings for a press: whose chat it is, the invitation, the chat's dialogue. */
export interface RsvpPressRead {
  link?: ChatLink;
  invitation?: Invitation;
  draft?: ConversationDraft;
}

/** Everything a press changes, written in one transaction or not at all. */
export interface RsvpPressWrite {
  channel: Channel;
  userId: string;
  /** The update's claim (Telegram's update_id): written as completed, so a redelivery is skipped. */
  claim: { scope: string; key: string; ttlSeconds: number };
  /** The invitation whose letter was rendered from its copy: the meeting and committee must still read so. */
  invitation: Invitation & { letter: NonNullable<Invitation['letter']> };
  /** The answered invitation and its events, guarded by the version read; absent when nothing changes. */
  answered?: { invitation: Invitation; events: readonly DomainEvent[] };
  /** The chat's dialogue ends (an absence reason being typed for this meeting). */
  dropDraft?: boolean;
  /** The chat is stamped as used now (on the link and the owner's copy: notices go there first). */
  activeAt?: Date;
}

/**
 * `committed`: written. `seen`: the update was claimed before (a redelivery, or another invocation has it).
 * `stale`: the invitation, the meeting or the committee changed since the read; nothing was written.
 */
export type RsvpPressOutcome = 'committed' | 'seen' | 'stale';

export interface RsvpPressStore {
  read(channel: Channel, userId: string, meetingId: string, memberId: string): Promise<RsvpPressRead>;
  write(press: RsvpPressWrite): Promise<RsvpPressOutcome>;
}
