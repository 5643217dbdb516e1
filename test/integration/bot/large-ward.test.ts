// Integration (DynamoDB Local): a ward of 5,000 members (issue 19 item 2) — /moi, /diemdanh, a move in /cuochop,
// the two signatures of /ky, /nhanxet and /baocao answer inside the webhook's budget because the bulk part is a
// queued job (or no write at all), the job creates exactly one invitation per member, a job killed half way then
// run again loses and duplicates none, the move's task brings every invitation to the new day, and the report's
// task compiles the 5,000 and sends its two files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitationWiring } from '../../../functions/chat-deps.js';
import type { Meeting } from '../../../shared/domain/meeting.js';
import { emptyMinutes, MINUTES_PARTS } from '../../../shared/domain/minutes.js';
import type { PrepareInvitationsTask, QueueTask } from '../../../shared/ports/invitations.js';
import { invitationPorts } from '../../../shared/services/invitation-wiring.js';
import { invitationJobId, prepareInvitations } from '../../../shared/services/invitations.js';
import { planMeeting } from '../../../shared/services/meetings.js';
import {
  aPlannedMeeting,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';
import { seedLargeWard, sheetOf, timed } from '../../support/large-ward.js';

const MEMBERS = 5_000;
/** Issue 19: every webhook call of a 5,000-member ward within 2 s (measured well under it, see the log lines). */
const WEBHOOK_BUDGET_MS = 2_000;
/** How many trivial calls' time a bulk call may take on a machine slower than the one the budget was set on. */
const TRIVIAL_CALLS = 8;

/**
 * The budget on this machine now: 2 s, stretched when the machine is busy. A trivial webhook call (/help: the same
 * claim, actor read and reply, nothing of the ward) is timed first; a bulk call may take TRIVIAL_CALLS of it when
 * that is more than 2 s, so a loaded machine slows the budget as it slows every call, while a call that grew with
 * the ward (25 s before issue 19) still fails.
 */
async function budgetNow(world: BotWorld, user: ReturnType<typeof aUser>): Promise<number> {
  const trivial = await timed(() => world.emu.sendUserMessage({ user, text: '/help' }));
  return Math.max(WEBHOOK_BUDGET_MS, TRIVIAL_CALLS * trivial.ms);
}

function memberIdsOf(tasks: readonly QueueTask[]): string[] {
  return tasks.flatMap((t) => (t.kind === undefined || t.kind === 'invitation' ? [t.memberId] : []));
}

// Hang guards, not expectations: seeding 5,000 members took 27–67 s alone and past 240 s beside another heavy
// file on one DynamoDB Local; the budgets asserted are the webhook calls', measured inside the tests.
describe('A ward of 5,000 members: the webhook queues the bulk work', { timeout: 600_000 }, () => {
  let world: BotWorld;
  let members: string[];
  let june: Meeting;
  let october: Meeting;
  const staffUser = aUser('Chủ');

  async function pressInvite(meeting: Meeting) {
    const budget = await budgetNow(world, staffUser);
    const command = await timed(() => world.emu.sendUserMessage({ user: staffUser, text: '/moi' }));
    const menu = world.emu.lastBotMessage(staffUser.id);
    const press = await timed(() =>
      world.emu.pressButton({ user: staffUser, messageId: menu?.messageId ?? 0, data: `moi1|${meeting.id}` }),
    );
    return { budget, command, press, progressMessageId: menu?.messageId ?? 0 };
  }

  beforeAll(async () => {
    world = await createBotWorld({ autoStartQueue: false });
    const seeded = await timed(() => seedLargeWard(world, MEMBERS));
    members = seeded.result;
    console.info(`seeded ${MEMBERS} members in ${seeded.ms.toFixed(0)} ms`);
    june = await aPlannedMeeting(world);
    await link(world, staffUser, { kind: 'staff', id: STAFF.chair?.id ?? '' });
  }, 900_000);
  afterAll(async () => {
    world.queue.discard();
    await world.close();
  });

  it('/moi answers within 2 s having queued one preparation; the job then creates exactly 5,000 invitations and edits the progress', async () => {
    // Act
    const { budget, command, press, progressMessageId } = await pressInvite(june);
    const queued = [...world.queue.pending];
    const sheetAfterWebhook = await sheetOf(world, june.id);
    const prepared = await timed(() => world.queue.runNext(1));

    // Assess
    console.info(
      `5,000 members: /moi ${command.ms.toFixed(0)} ms, the press ${press.ms.toFixed(0)} ms, ` +
        `the preparation ${prepared.ms.toFixed(0)} ms`,
    );
    expect(command.result.status).toBe(200);
    expect(press.result.status).toBe(200);
    expect(command.ms).toBeLessThanOrEqual(budget);
    expect(press.ms).toBeLessThanOrEqual(budget);
    expect(queued).toEqual([
      { kind: 'prepare', jobId: invitationJobId(june.id), meetingId: june.id, run: 1 },
    ]);
    expect(sheetAfterWebhook).toHaveLength(0);
    const sheet = await sheetOf(world, june.id);
    expect(sheet).toHaveLength(MEMBERS);
    expect(new Set(sheet.map((i) => i.memberId))).toEqual(new Set(members));
    const deliveries = memberIdsOf(world.queue.pending);
    expect(deliveries).toHaveLength(MEMBERS);
    expect(new Set(deliveries)).toEqual(new Set(members));
    expect(await world.repos.invitationJobs.get(invitationJobId(june.id))).toMatchObject({
      run: 1,
      preparedRun: 1,
      total: MEMBERS,
      sent: 0,
    });
    const history = world.emu.message(staffUser.id, progressMessageId)?.history.map((h) => h.text) ?? [];
    expect(history).toContain('Đang chuẩn bị danh sách thư mời: 0/5000 đồng chí…');
    expect(history.some((t) => /^Đang chuẩn bị danh sách thư mời: [1-4]\d{3}\/5000/.test(t ?? ''))).toBe(
      true,
    );
    expect(world.emu.message(staffUser.id, progressMessageId)?.text).toBe(
      'Đang chuẩn bị danh sách thư mời: 5000/5000 đồng chí…',
    );
    world.queue.discard(); // 5,000 letters to members without a chat: delivery is tested elsewhere
  });

  it('a preparation killed half way and run again leaves exactly one invitation per member and queues each once', async () => {
    // Prepare: the October round, its preparation taken off the queue by a worker that dies after 2,500.
    october = (
      await planMeeting(
        { sub: STAFF.chair?.id ?? '', orgId: RESIDENCE, role: 'chair' },
        RESIDENCE,
        {
          year: 2026,
          round: 'october',
          date: '2026-10-17',
          time: '08:00',
          place: 'Hội trường Đảng ủy phường An Hòa',
          chairStaffId: 'chair-1',
        },
        { ...world.repos, clock: world.clock },
      )
    ).meeting;
    await pressInvite(october);
    const [task] = world.queue.discard() as PrepareInvitationsTask[];
    const ports = invitationPorts(invitationWiring(world.deps, (await world.deps.telegram()).messenger));
    let created = 0;
    // The repository itself, but its 2,501st write throws (the worker dies with half the sheet written).
    const invitations: typeof ports.invitations = Object.create(ports.invitations);
    invitations.createOnce = async (invitation) => {
      if (created >= MEMBERS / 2) throw new Error('the worker was killed');
      created += 1;
      return ports.invitations.createOnce(invitation);
    };
    const dying = { ...ports, invitations };

    // Act
    const killed = await prepareInvitations(task as PrepareInvitationsTask, dying).catch((e: unknown) => e);
    const atKill = (await sheetOf(world, october.id)).length;
    const queuedAtKill = world.queue.pending.length;
    await world.queue.enqueue([task as PrepareInvitationsTask]); // SQS delivers the task again
    await world.queue.runNext(1);

    // Assess
    expect(killed).toBeInstanceOf(Error);
    expect(atKill).toBe(MEMBERS / 2);
    expect(queuedAtKill).toBe(0);
    const sheet = await sheetOf(world, october.id);
    expect(sheet).toHaveLength(MEMBERS);
    expect(new Set(sheet.map((i) => i.memberId))).toEqual(new Set(members));
    const deliveries = memberIdsOf(world.queue.pending);
    expect(deliveries).toHaveLength(MEMBERS);
    expect(new Set(deliveries).size).toBe(MEMBERS);
    expect(await world.repos.invitationJobs.get(invitationJobId(october.id))).toMatchObject({
      run: 1,
      preparedRun: 1,
      total: MEMBERS,
    });
    world.queue.discard();
  });

  it('/diemdanh opens the 5,000-row sheet within 2 s writing no row, and each press writes just the marked row', async () => {
    // Prepare: the meeting day, before the meeting starts.
    world.clock.set('2026-06-20T07:30:00+07:00');
    const versions = new Map((await sheetOf(world, june.id)).map((i) => [i.memberId, i.version]));

    const budget = await budgetNow(world, staffUser);

    // Act
    const opened = await timed(() => world.emu.sendUserMessage({ user: staffUser, text: '/diemdanh' }));
    const sheetMessage = world.emu.lastBotMessage(staffUser.id);
    const openedText = sheetMessage?.text ?? ''; // the message is edited in place by the press
    const firstButton = sheetMessage?.replyMarkup?.inline_keyboard[0]?.[0];
    const pressed = await timed(() =>
      world.emu.pressButton({
        user: staffUser,
        messageId: sheetMessage?.messageId ?? 0,
        data: String(firstButton && 'callback_data' in firstButton ? firstButton.callback_data : ''),
      }),
    );

    const secondButton = world.emu.lastBotMessage(staffUser.id)?.replyMarkup?.inline_keyboard[1]?.[0];
    const pressedAgain = await timed(() =>
      world.emu.pressButton({
        user: staffUser,
        messageId: sheetMessage?.messageId ?? 0,
        data: String(secondButton && 'callback_data' in secondButton ? secondButton.callback_data : ''),
      }),
    );

    // Assess
    console.info(
      `5,000 members: /diemdanh ${opened.ms.toFixed(0)} ms, a press on the sheet ${pressed.ms.toFixed(0)} ms, ` +
        `another ${pressedAgain.ms.toFixed(0)} ms`,
    );
    expect(opened.result.status).toBe(200);
    expect(opened.ms).toBeLessThanOrEqual(budget);
    expect(pressed.ms).toBeLessThanOrEqual(budget);
    expect(pressedAgain.ms).toBeLessThanOrEqual(budget);
    expect(openedText).toContain('Tổng số: 5000 — Có mặt: 0 — Vắng mặt: 5000');
    const changed = (await sheetOf(world, june.id)).filter((i) => i.version !== versions.get(i.memberId));
    expect(changed).toHaveLength(2);
    expect(changed.map((i) => i.attendance)).toEqual(['present', 'present']);
    expect(world.emu.lastBotMessage(staffUser.id)?.text).toContain('Có mặt: 2 — Vắng mặt: 4998');
  });

  it('/cuochop moves the October meeting within the budget having queued one task; the task then moves all 5,000 invitations', async () => {
    // Prepare: the October round's 5,000 invitations (prepared above), to move to the Saturday after.
    world.queue.discard();
    const budget = await budgetNow(world, staffUser);
    const chosen = async (label: string) =>
      world.emu.pressButton({
        user: staffUser,
        messageId: world.emu.lastBotMessage(staffUser.id)?.messageId ?? 0,
        text: label,
      });
    await world.emu.sendUserMessage({ user: staffUser, text: '/cuochop' });
    await chosen('Đổi lịch (17/10/2026)');
    await world.emu.sendUserMessage({ user: staffUser, text: '24/10/2026' });
    await chosen('Giữ nguyên');
    await chosen('Giữ nguyên');
    const confirmAt = world.emu.lastBotMessage(staffUser.id)?.messageId ?? 0;

    // Act
    const confirmed = await timed(() =>
      world.emu.pressButton({ user: staffUser, messageId: confirmAt, text: 'Xác nhận' }),
    );
    const answer = world.emu.message(staffUser.id, confirmAt)?.text ?? '';
    const queued = [...world.queue.pending];
    const moved = await timed(() => world.queue.runNext(1));

    // Assess
    console.info(
      `5,000 members: the move's press ${confirmed.ms.toFixed(0)} ms, its task ${moved.ms.toFixed(0)} ms`,
    );
    expect(confirmed.result.status).toBe(200);
    expect(confirmed.ms).toBeLessThanOrEqual(budget);
    expect(answer).toContain('Đã dời cuộc họp: 08:00, Thứ Bảy, ngày 24/10/2026');
    expect(queued).toEqual([
      {
        kind: 'meeting-change',
        meetingId: october.id,
        version: october.version + 1,
        change: 'moved',
        requestedBy: STAFF.chair?.id ?? '',
      },
    ]);
    const sheet = await sheetOf(world, october.id);
    expect(sheet).toHaveLength(MEMBERS);
    expect(sheet.filter((i) => i.meetingDate !== '2026-10-24')).toEqual([]);
    // No letter had gone out (the deliveries were dropped above): nobody to tell, no paper list.
    expect(world.emu.lastBotMessage(staffUser.id)?.text).toContain('Đã báo 0 đảng viên.');
  });
  it('/ky: each signature answers within the budget having queued it; the tasks freeze 5,000 rows, then seal them', async () => {
    // Prepare: the meeting held, every part of its minutes written; a secretary linked.
    world.queue.discard();
    world.clock.set('2026-06-20T11:30:00+07:00');
    await world.repos.staff.put({
      id: 'thu-ky-1',
      orgId: RESIDENCE,
      role: 'secretary',
      fullName: 'Lê Thị Ký',
    });
    const secretaryUser = aUser('Ký');
    await link(world, secretaryUser, { kind: 'staff', id: 'thu-ky-1' });
    let minutes = emptyMinutes(june.id);
    for (const part of MINUTES_PARTS)
      minutes = { ...minutes, parts: { ...minutes.parts, [part]: `Nội dung ${part}.` } };
    await world.repos.minutes.save({ ...minutes, version: 1 }, 0);
    const budget = await budgetNow(world, staffUser);
    const sign = async (user: ReturnType<typeof aUser>) => {
      const command = await timed(() => world.emu.sendUserMessage({ user, text: '/ky' }));
      const progress = world.emu.lastBotMessage(user.id);
      const said = progress?.text;
      const queued = [...world.queue.pending];
      const task = await timed(() => world.queue.runNext(1));
      return {
        command,
        said,
        queued,
        task,
        outcome: world.emu.message(user.id, progress?.messageId ?? 0)?.text,
      };
    };

    // Act
    const chair = await sign(staffUser);
    const secretary = await sign(secretaryUser);

    // Assess
    console.info(
      `5,000 members: /ky by the chair ${chair.command.ms.toFixed(0)} ms (its task ${chair.task.ms.toFixed(0)} ms), ` +
        `by the secretary ${secretary.command.ms.toFixed(0)} ms (its task ${secretary.task.ms.toFixed(0)} ms)`,
    );
    expect(chair.command.ms).toBeLessThanOrEqual(budget);
    expect(secretary.command.ms).toBeLessThanOrEqual(budget);
    expect([chair.said, secretary.said]).toEqual(['Đang ký biên bản…', 'Đang ký biên bản…']);
    expect(chair.queued).toMatchObject([{ kind: 'minutes-sign', meetingId: june.id, as: 'chair' }]);
    expect(secretary.queued).toMatchObject([{ kind: 'minutes-sign', meetingId: june.id, as: 'secretary' }]);
    expect(chair.outcome).toBe('Đồng chí đã ký biên bản với tư cách chủ trì. Biên bản chờ thư ký ký.');
    expect(secretary.outcome).toContain('Biên bản đã đủ hai chữ ký');
    const stored = await world.repos.minutes.get(june.id);
    expect(stored?.seal).toBeDefined();
    expect(stored?.record?.rows).toHaveLength(MEMBERS);
    world.queue.discard(); // the R10 notices' deliveries, tested elsewhere
  });

  it('/nhanxet opens the list of 5,000 members to comment on within the budget', async () => {
    // Prepare: the year's end, when comments are written.
    world.clock.set('2026-11-20T09:00:00+07:00');
    const budget = await budgetNow(world, staffUser);

    // Act
    const opened = await timed(() => world.emu.sendUserMessage({ user: staffUser, text: '/nhanxet' }));

    // Assess
    console.info(`5,000 members: /nhanxet ${opened.ms.toFixed(0)} ms`);
    expect(opened.result.status).toBe(200);
    expect(opened.ms).toBeLessThanOrEqual(budget);
    expect(world.emu.lastBotMessage(staffUser.id)?.replyMarkup?.inline_keyboard.length).toBeGreaterThan(1);
  });

  it('/baocao: «Tổng hợp báo cáo» answers within the budget having queued the report; the task compiles the 5,000 and sends the files', async () => {
    // Prepare
    world.queue.discard();
    const budget = await budgetNow(world, staffUser);
    await world.emu.sendUserMessage({ user: staffUser, text: '/baocao' });
    const menu = world.emu.lastBotMessage(staffUser.id);

    // Act
    const pressed = await timed(() =>
      world.emu.pressButton({ user: staffUser, messageId: menu?.messageId ?? 0, text: 'Tổng hợp báo cáo' }),
    );
    const queued = [...world.queue.pending];
    const progress = world.emu.lastBotMessage(staffUser.id);
    const progressText = progress?.text; // the emulator edits this message in place
    const compiled = await timed(() => world.queue.runNext(1));

    // Assess
    console.info(
      `5,000 members: «Tổng hợp báo cáo» ${pressed.ms.toFixed(0)} ms, the report's task ${compiled.ms.toFixed(0)} ms`,
    );
    expect(pressed.result.status).toBe(200);
    expect(pressed.ms).toBeLessThanOrEqual(budget);
    expect(queued).toMatchObject([{ kind: 'report', op: 'compile', orgId: RESIDENCE, year: 2026 }]);
    expect(progressText).toBe('Đang tổng hợp báo cáo kết quả năm 2026…');
    expect(world.emu.message(staffUser.id, progress?.messageId ?? 0)?.text).toBe(
      'Báo cáo kết quả năm 2026, phiên bản 1.',
    );
    const files = world.emu
      .botMessages(staffUser.id)
      .flatMap((m) => (m.document ? [m.document.fileName] : []));
    expect(files.filter((f) => f.startsWith('bao-cao-'))).toHaveLength(2);
    expect((await world.repos.reports.get(RESIDENCE, 2026))?.body.members.received).toBe(MEMBERS);
  });
});
