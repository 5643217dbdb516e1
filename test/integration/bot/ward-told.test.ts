// Integration: the other committee is told (issue 16 item 3) — the ward's staff hear in their chat when a workplace
// introduces members to them (R5, one message an hour however many), ends a member's contact (R7, with the reason
// and the date) or records that a member is away (R3). Through the HTTP routes, the outbox and the notifier.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandler as createIntroduction } from '../../../functions/http/introductions-create.js';
import { createHandler as endIntroduction } from '../../../functions/http/introductions-end.js';
import { createHandler as travelNotices } from '../../../functions/http/members-travel-notices.js';
import type { SimulatedUser } from '../../../local/telegram-emulator/index.js';
import type { Introduction } from '../../../shared/domain/introduction.js';
import type { Member } from '../../../shared/domain/member.js';
import type { Principal } from '../../../shared/domain/roles.js';
import {
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  relayAndNotify,
  STAFF,
  WORKPLACE,
} from '../../support/bot-world.js';
import { call, type ErrorJson } from '../../support/http.js';
import { introduceBody } from '../../support/world.js';

const HOUR = 3600_000;
const WORKPLACE_STAFF: Principal = { sub: 'work-1', orgId: WORKPLACE, role: 'workplace_staff' };

let world: BotWorld;
const wardStaff = aUser('Thư');
const chair = aUser('Chủ');

beforeAll(async () => {
  world = await createBotWorld();
  await link(world, wardStaff, { kind: 'staff', id: STAFF.residence?.id ?? '' });
  await link(world, chair, { kind: 'staff', id: STAFF.chair?.id ?? '' });
});
afterAll(async () => {
  await world.close();
});

const texts = (user: SimulatedUser) => world.emu.botMessages(user.id).map((m) => m.text ?? '');
const titled = (user: SimulatedUser, title: string) => texts(user).filter((t) => t.startsWith(title));

async function introduce(fullName: string) {
  const res = await call<{ introduction: Introduction; member: Member } & ErrorJson>(
    createIntroduction(() => world.deps),
    {
      method: 'POST',
      route: '/introductions',
      body: introduceBody({ member: { fullName } }),
      principal: WORKPLACE_STAFF,
    },
  );
  expect(res.status).toBe(201);
  return res.json;
}

describe('Notices: the ward is told what the workplace did', () => {
  it('tells the ward staff of new introductions once an hour per workplace, however many arrive', async () => {
    // Prepare
    const before = titled(wardStaff, 'GIẤY GIỚI THIỆU').length;

    // Act
    await introduce('Lâm Thị Một');
    await introduce('Lâm Văn Hai');
    await relayAndNotify(world);
    const afterTwo = titled(wardStaff, 'GIẤY GIỚI THIỆU').length;
    world.clock.advance(HOUR);
    await introduce('Lâm Văn Ba');
    await relayAndNotify(world);
    await relayAndNotify(world);

    // Assess
    expect(afterTwo - before).toBe(1);
    expect(titled(wardStaff, 'GIẤY GIỚI THIỆU')).toHaveLength(before + 2);
    expect(titled(chair, 'GIẤY GIỚI THIỆU')).toHaveLength(2);
    expect(titled(wardStaff, 'GIẤY GIỚI THIỆU').at(-1)).toBe(
      'GIẤY GIỚI THIỆU SINH HOẠT NƠI CƯ TRÚ\n' +
        'Chi bộ Sở Y tế vừa gửi giấy giới thiệu đảng viên về giữ mối liên hệ với Đảng ủy phường An Hòa. ' +
        'Đồng chí dùng lệnh /tiepnhan để xem danh sách đang chờ và tiếp nhận.',
    );
  });

  it('tells the ward staff that a contact ended, with the member, the reason and the date (R7)', async () => {
    // Prepare
    const { introduction } = await introduce('Tạ Văn Chuyển');
    await relayAndNotify(world);

    // Act
    const ended = await call<ErrorJson>(
      endIntroduction(() => world.deps),
      {
        method: 'POST',
        route: '/introductions/{id}/end',
        pathParameters: { id: introduction.id },
        body: { reason: 'moved' },
        principal: WORKPLACE_STAFF,
      },
    );
    await relayAndNotify(world);

    // Assess
    expect(ended.status).toBe(200);
    const today = new Intl.DateTimeFormat('vi-VN', {
      timeZone: 'Asia/Ho_Chi_Minh',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(world.clock.now());
    for (const user of [wardStaff, chair])
      expect(titled(user, 'THÔI GIỮ MỐI LIÊN HỆ')).toEqual([
        'THÔI GIỮ MỐI LIÊN HỆ NƠI CƯ TRÚ\n' +
          `Chi bộ Sở Y tế thông báo: đảng viên Tạ Văn Chuyển thôi giữ mối liên hệ với nơi cư trú từ ngày ${today}. ` +
          'Lý do: chuyển nơi cư trú.',
      ]);
  });

  it('tells the ward staff that a member is away, why and until when, once however often it is sent (R3)', async () => {
    // Prepare
    const { member } = await introduce('Hà Văn Đi');
    const body = { reason: 'Đi học tập trung tại Hà Nội', from: '2026-06-10', until: '2026-09-30' };
    const post = () =>
      call<ErrorJson>(
        travelNotices(() => world.deps),
        {
          method: 'POST',
          route: '/members/{id}/travel-notices',
          pathParameters: { id: member.id },
          body,
          principal: WORKPLACE_STAFF,
        },
      );

    // Act
    const first = await post();
    const again = await post();
    await relayAndNotify(world);
    await relayAndNotify(world);

    // Assess
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(titled(wardStaff, 'THÔNG BÁO ĐẢNG VIÊN ĐI VẮNG')).toEqual([
      'THÔNG BÁO ĐẢNG VIÊN ĐI VẮNG\n' +
        'Chi bộ Sở Y tế thông báo: đảng viên Hà Văn Đi đi vắng từ ngày 10/06/2026 đến ngày 30/09/2026. ' +
        'Lý do: Đi học tập trung tại Hà Nội.',
    ]);
  });
});
