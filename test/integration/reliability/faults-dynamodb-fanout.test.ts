// Faults: DynamoDB Local stopped in the middle of the invitation fan-out and started again on the same data;
// the staff presses /moi again and the queue redelivers what failed: no member is left without an invitation.
// This file starts its own DynamoDB Local on a temporary folder, so it can stop and restart it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DeleteTableCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoDbLocal, startDynamoDbLocal } from '../../../local/dynamodb-local.js';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import { createDynamoContext } from '../../../shared/adapters/dynamodb/client.js';
import { ensureTable } from '../../../shared/adapters/dynamodb/table-definition.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import type { Member } from '../../../shared/domain/member.js';
import { invitationJobId } from '../../../shared/services/invitations.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  STAFF,
} from '../../support/bot-world.js';

const MEMBERS = 16;
const CONCURRENCY = 2;
const INVITATION_TITLE = 'THƯ MỜI HỌP';

describe('Use case: the invitation fan-out when DynamoDB goes away and comes back', () => {
  let dir: string;
  let db: DynamoDbLocal;
  let world: BotWorld;
  let meeting: Meeting;
  const staffUser = aUser('Chủ');
  const members: { member: Member; user: SimulatedUser }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lienhe-fanout-faults-'));
    db = await startDynamoDbLocal({ dbPath: dir });
    const ctx = createDynamoContext({ endpoint: db.endpoint, tableName: 'reliability-fanout' });
    await ensureTable(ctx.client, ctx.tableName);
    world = await createBotWorld({
      queueConcurrency: CONCURRENCY,
      table: {
        ...ctx,
        drop: async () => {
          await ctx.client.send(new DeleteTableCommand({ TableName: ctx.tableName })).catch(() => undefined);
          ctx.client.destroy();
        },
      },
    });
    meeting = await aPlannedMeeting(world);
    await link(world, staffUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
    for (let i = 0; i < MEMBERS; i++) {
      const member = await addMember(world, { fullName: `Mai Văn Đứt${i + 1}` });
      const user = aUser(`Đứt${i + 1}`);
      await link(world, user, { kind: 'member', id: member.id });
      members.push({ member, user });
    }
  }, 180_000);
  afterAll(async () => {
    await world?.close().catch(() => undefined);
    await db?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const letters = (user: SimulatedUser) =>
    world.emu.botMessages(user.id).filter((m) => m.text?.startsWith(INVITATION_TITLE)).length;
  const sentSoFar = () => members.filter(({ user }) => letters(user) > 0).length;

  async function pressInvite() {
    await world.emu.sendUserMessage({ user: staffUser, text: '/moi' });
    const menu = world.emu.lastBotMessage(staffUser.id);
    await world.emu.pressButton({
      user: staffUser,
      messageId: menu?.messageId ?? 0,
      data: `moi1|${meeting.id}`,
    });
  }

  it('loses no invitation; at most the ones in flight at the stop can go twice, and the job ends complete', async () => {
    // Prepare
    const port = db.port;

    // Act: the job runs; DynamoDB Local stops once a few invitations are out, tasks fail meanwhile.
    await pressInvite();
    while (sentSoFar() < 4) await new Promise((r) => setTimeout(r, 5));
    await db.stop();
    await world.queue.drain();
    const sentDuringOutage = sentSoFar();
    const deadLetters = [...world.queue.failed];
    db = await startDynamoDbLocal({ port, dbPath: dir });
    // Leases of tasks that died half way run out; then the staff presses again and SQS redelivers.
    world.clock.advance(6 * 60_000);
    await pressInvite();
    await world.queue.drain();
    await world.queue.enqueue(deadLetters);
    await world.queue.drain();

    // Assess
    expect(sentDuringOutage).toBeLessThan(MEMBERS);
    expect(deadLetters.length).toBeGreaterThan(0);
    const counts = members.map(({ user }) => letters(user));
    expect(counts.filter((n) => n === 0)).toEqual([]);
    // A send Telegram accepted whose "sent" mark could not be stored is the one at-least-once window.
    expect(counts.filter((n) => n > 1).length).toBeLessThanOrEqual(CONCURRENCY);
    expect(counts.every((n) => n <= 2)).toBe(true);
    for (const { member } of members)
      expect((await world.repos.invitations.get(meeting.id, member.id))?.delivery).toBe('sent');
    const job = await world.repos.invitationJobs.get(invitationJobId(meeting.id));
    expect(job).toMatchObject({ total: MEMBERS, sent: MEMBERS, run: 2 });
  }, 180_000);
});
