// services: the ports of the invitation and meeting-change use cases out of one set of dependencies — the bot's
// features, the queue worker and the in-process worker wire them alike (issue 20: one place, not one per runtime).
import type { ChatMessenger } from '../ports/chat.js';
import type { Clock } from '../ports/common.js';
import type { InvitationQueue } from '../ports/invitations.js';
import type { Log } from '../ports/log.js';
import type { SmsSender, ZnsSender } from '../ports/messaging.js';
import type { Metrics } from '../ports/metrics.js';
import type { IdempotencyStore } from '../ports/repositories.js';
import type { InvitationPorts, InvitationSettings } from './invitations.js';
import type { MeetingChangePorts } from './meeting-changes.js';

/** What both port sets are made of: the repositories, the queue, the paths to a person, the clock and the log. */
export interface InvitationWiring {
  ports: Pick<
    InvitationPorts,
    'meetings' | 'committees' | 'introductions' | 'invitations' | 'members' | 'chatLinks' | 'invitationJobs'
  > & {
    /** Claimed by an invitation's delivery; a meeting change gives its claim back when telling fails. */
    idempotency: Pick<IdempotencyStore, 'claim' | 'release'>;
    staff: NonNullable<InvitationPorts['staff']>;
  };
  queue: InvitationQueue;
  messenger: ChatMessenger;
  sms: SmsSender;
  zns?: ZnsSender;
  clock: Clock;
  log: Log;
  metrics?: Metrics;
  invitationSettings?: Partial<InvitationSettings>;
}

/** The ports of the invitation use cases (prepare a round, deliver one invitation, deliver what waited). */
export function invitationPorts(deps: InvitationWiring): InvitationPorts {
  const p = deps.ports;
  return {
    meetings: p.meetings,
    committees: p.committees,
    introductions: p.introductions,
    invitations: p.invitations,
    members: p.members,
    chatLinks: p.chatLinks,
    invitationJobs: p.invitationJobs,
    idempotency: p.idempotency,
    queue: deps.queue,
    messenger: deps.messenger,
    sms: deps.sms,
    zns: deps.zns,
    clock: deps.clock,
    staff: p.staff,
    log: deps.log,
    metrics: deps.metrics,
    settings: deps.invitationSettings,
  };
}

/**
 * The ports of a queued meeting change (issue 19): it tells the same invitees by the same paths as their
 * invitation did, so it takes the invitation ports, with the claim it gives back when telling fails.
 */
export function meetingChangePorts(deps: InvitationWiring): MeetingChangePorts {
  return { ...invitationPorts(deps), idempotency: deps.ports.idempotency };
}
