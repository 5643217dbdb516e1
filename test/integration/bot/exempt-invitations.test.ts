// Integration: who is invited under each rule set when a member is exempt from activities (R4) on the
// meeting's date — qd213-2020 leaves them out, hd02-2011 invites them (their absence is excused anyway).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationWiring } from '../../../functions/chat-deps.js';
import type { RuleSetId } from '../../../shared/domain/committee.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import { invitationPorts } from '../../../shared/services/invitation-wiring.js';
import { startInvitations } from '../../../shared/services/invitations.js';
import {
  addMember,
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
} from '../../support/bot-world.js';

describe('Feature: exempt members and invitations, per rule set (R4)', () => {
  let world: BotWorld;
  let meeting: Meeting;
  let exemptId = '';
  const exemptUser = aUser('Miễn');

  async function invitedUnder(ruleSet: RuleSetId): Promise<string[]> {
    const committee = await world.repos.committees.get(RESIDENCE);
    if (!committee) throw new Error('no ward');
    await world.repos.committees.put({ ...committee, ruleSet });
    await startInvitations(
      { sub: 'chair-1', orgId: RESIDENCE, role: 'chair' },
      meeting.id,
      undefined,
      invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger)),
    );
    await world.queue.drain();
    const names: string[] = [];
    for await (const i of world.repos.invitations.streamSheet(meeting.id)) names.push(i.memberName);
    return names.sort();
  }

  beforeAll(async () => {
    world = await createBotWorld();
    meeting = await aPlannedMeeting(world); // Saturday 20/06/2026
    await addMember(world, { fullName: 'Nguyễn Văn Họp' });
    const exempt = await addMember(world, { fullName: 'Lê Thị Miễn' });
    exemptId = exempt.id;
    await link(world, exemptUser, { kind: 'member', id: exempt.id });
    await world.repos.members.addExemption({
      id: 'ex-mien',
      memberId: exempt.id,
      reason: 'Học lớp dài hạn',
      from: '2026-03-01',
      confirmedBy: 'work-1',
      confirmedAt: '2026-02-20T01:00:00Z',
    });
  });
  afterAll(async () => {
    await world.close();
  });

  it('does not invite a member exempt on the meeting’s date under qd213-2020', async () => {
    // Act
    const invited = await invitedUnder('qd213-2020');

    // Assess
    expect(invited).toEqual(['Nguyễn Văn Họp']);
  });

  it('invites them under hd02-2011 (sending the same meeting’s invitations again, after the change)', async () => {
    // Act
    const invited = await invitedUnder('hd02-2011');

    // Assess
    expect(invited).toEqual(['Lê Thị Miễn', 'Nguyễn Văn Họp']);
  });

  it('tells the exempt member under hd02-2011 that attending is not required, on the letter and after an answer', async () => {
    // Prepare: the letter sent by the previous test
    const letter = world.emu.botMessages(exemptUser.id).find((m) => m.text?.startsWith('THƯ MỜI HỌP'));

    // Act: the member answers; the letter is drawn again with the answer
    await world.emu.pressButton({ user: exemptUser, messageId: letter?.messageId ?? 0, text: 'Tham dự' });

    // Assess
    expect(await world.repos.invitations.get(meeting.id, exemptId)).toMatchObject({ optional: true });
    expect(letter?.text).toContain('việc dự cuộc họp này là không bắt buộc');
    expect(world.emu.message(exemptUser.id, letter?.messageId ?? 0)?.text).toContain('không bắt buộc');
  });
});
