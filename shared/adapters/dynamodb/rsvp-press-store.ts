// adapter: the RSVP press in one BatchGetItem (chat link, invitation, draft) and one TransactWriteItems (claim, answer, outbox, checks) — issue 19.
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { InvitationLetter } from '../../domain/invitation.js';
import type { Channel } from '../../ports/repositories.js';
import type {
  RsvpPressOutcome,
  RsvpPressRead,
  RsvpPressStore,
  RsvpPressWrite,
} from '../../ports/rsvp-press.js';
import { keys } from './keys.js';
import { invitationItem } from './meeting-repository.js';
import { readItem } from './records.js';
import { type DynamoStore, type TxItem, toItem } from './store.js';
import { claimCondition } from './support-repositories.js';

const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
const same = (a: { pk: string; sk: string }, b: Record<string, unknown>) => a.pk === b.pk && a.sk === b.sk;

/** The meeting's attributes equal the letter's copy of them, and the meeting is not cancelled. */
function meetingAsCopied(letter: InvitationLetter) {
  const copied = {
    date: letter.date,
    time: letter.time,
    place: letter.place,
    chairName: letter.chairName,
    agenda: letter.agenda,
  };
  const names: Record<string, string> = { '#status': 'status', '#moved': 'rescheduled' };
  const values: Record<string, unknown> = { ':cancelled': 'cancelled' };
  const terms = ['attribute_exists(pk)', '#status <> :cancelled'];
  for (const [i, [name, value]] of Object.entries(copied).entries()) {
    names[`#c${i}`] = name;
    values[`:c${i}`] = value;
    terms.push(`#c${i} = :c${i}`);
  }
  if (letter.rescheduledAt) {
    names['#at'] = 'at';
    values[':movedAt'] = letter.rescheduledAt;
    terms.push('#moved.#at = :movedAt');
  } else terms.push('attribute_not_exists(#moved)');
  return {
    ConditionExpression: terms.join(' AND '),
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

export class DynamoRsvpPressStore implements RsvpPressStore {
  /** `now` is the wall clock: the claim's and the draft's TTLs are DynamoDB's, in real time. */
  constructor(
    private readonly store: DynamoStore,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async read(channel: Channel, userId: string, meetingId: string, memberId: string): Promise<RsvpPressRead> {
    const linkKey = keys.chatLink(channel, userId);
    const invitationKey = keys.invitation(meetingId, memberId);
    const draftKey = keys.draft(channel, userId);
    const items = await this.store.batchGet([linkKey, invitationKey, draftKey]);
    const link = items.find((i) => same(linkKey, i));
    const invitation = items.find((i) => same(invitationKey, i));
    const draft = items.find((i) => same(draftKey, i));
    // TTL deletion is lazy: an expired draft is gone (as DynamoDraftStore reads it).
    const draftLive = draft && !(typeof draft.ttl === 'number' && draft.ttl < epochSeconds(this.now()));
    // Three small items parsed by their stored schemas: a few µs beside the round trip (docs/architecture.md).
    return {
      ...(link ? { link: readItem('ChatLink', link) } : {}),
      ...(invitation ? { invitation: readItem('Invitation', invitation) } : {}),
      ...(draftLive ? { draft: readItem('Draft', draft) } : {}),
    };
  }

  async write(press: RsvpPressWrite): Promise<RsvpPressOutcome> {
    const table = this.store.table;
    const now = this.now();
    const { invitation, answered } = press;
    const letter = invitation.letter;
    const items: TxItem[] = [
      {
        // The update's claim, as DynamoIdempotencyStore.claim writes it, but completed at once: the press is
        // all in this transaction, so there is no "in progress" to recover from.
        Put: {
          TableName: table,
          Item: toItem(
            'Idempotency',
            keys.idempotency(press.claim.scope, press.claim.key),
            { result: null, status: 'completed' },
            {},
            { ttl: epochSeconds(now) + press.claim.ttlSeconds },
          ),
          ...claimCondition(now),
        },
      },
      {
        // The letter was rendered from the invitation's copy: the meeting must still read as copied and not be
        // called off (R9: a cancelled meeting takes no answers). Checked here instead of read before.
        ConditionCheck: {
          TableName: table,
          Key: keys.meeting(invitation.meetingId),
          ...meetingAsCopied(letter),
        },
      },
      {
        ConditionCheck: {
          TableName: table,
          Key: keys.committee(invitation.residenceOrgId),
          ConditionExpression: '#name = :name',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':name': letter.committeeName },
        },
      },
      // The answer: a put guarded by the version read (one write, no re-read), or, when the answer changes
      // nothing, a check that the invitation is still what the toast and the letter say.
      answered
        ? this.store.versionedPut(invitationItem(answered.invitation), invitation.version)
        : {
            ConditionCheck: {
              TableName: table,
              Key: keys.invitation(invitation.meetingId, invitation.memberId),
              ConditionExpression: '#version = :version',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':version': invitation.version },
            },
          },
      ...this.store.outboxPuts(answered?.events ?? []),
    ];
    if (press.dropDraft) items.push(this.store.deleteOp(keys.draft(press.channel, press.userId)));
    // The chat still belongs to the member (the link read with the invitation); stamped as used when due.
    const subject = { kind: 'member' as const, id: invitation.memberId };
    const linkGuard = {
      ConditionExpression: '#kind = :kind AND #id = :id',
      ExpressionAttributeNames: { '#kind': 'kind', '#id': 'id' },
      ExpressionAttributeValues: { ':kind': subject.kind, ':id': subject.id },
    };
    if (press.activeAt) {
      const stamp = (key: { pk: string; sk: string }) => ({
        Update: {
          TableName: table,
          Key: key,
          UpdateExpression: 'SET #active = :at',
          ...linkGuard,
          ExpressionAttributeNames: { ...linkGuard.ExpressionAttributeNames, '#active': 'lastActiveAt' },
          ExpressionAttributeValues: {
            ...linkGuard.ExpressionAttributeValues,
            ':at': press.activeAt?.toISOString(),
          },
        },
      });
      items.push(stamp(keys.chatLink(press.channel, press.userId)));
      items.push(stamp(keys.ownerChat(subject, press.channel, press.userId)));
    } else {
      items.push({
        ConditionCheck: { TableName: table, Key: keys.chatLink(press.channel, press.userId), ...linkGuard },
      });
    }
    try {
      await this.store.ctx.doc.send(new TransactWriteCommand({ TransactItems: items }));
      return 'committed';
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = error.CancellationReasons ?? [];
      if (reasons[0]?.Code === 'ConditionalCheckFailed') return 'seen';
      // A failed check (moved, cancelled, renamed, answered meanwhile) or a transaction holding one of the
      // items: the caller takes the path that reads everything and retries.
      if (reasons.some((r) => r.Code === 'ConditionalCheckFailed' || r.Code === 'TransactionConflict'))
        return 'stale';
      throw error;
    }
  }
}
