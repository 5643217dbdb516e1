// Integration: /dulieu — a linked member gets a summary of everything held about them and the full record as a
// PDF (through the webhook, on DynamoDB Local); staff and strangers get nothing of anyone's data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain/member.js';
import {
  addMember,
  aUser,
  type BotWorld,
  createBotWorld,
  link,
  RESIDENCE,
  STAFF,
} from '../../support/bot-world.js';
import { anInvitation } from '../../support/builders.js';
import { pdfText } from '../../support/pdf.js';

describe('Feature: /dulieu, a member’s own data', () => {
  let world: BotWorld;
  const memberUser = aUser('Hoa');
  const staffUser = aUser('Thư');
  const stranger = aUser('Lạ');
  let member: Member;
  let other: Member;

  beforeAll(async () => {
    world = await createBotWorld({ now: '2026-11-05T09:00:00+07:00' });
    member = await addMember(world, { fullName: 'Phạm Thị Hoa', phone: '0911222333' });
    other = await addMember(world, { fullName: 'Đỗ Văn Khác' });
    await world.repos.invitations.createOnce(
      anInvitation({
        meetingId: `${RESIDENCE}.2026.06`,
        residenceOrgId: RESIDENCE,
        memberId: member.id,
        memberName: member.fullName,
        meetingDate: '2026-06-20',
        rsvp: 'absent',
        absence: {
          category: 'illness',
          text: 'Nằm viện điều trị',
          submittedAt: '2026-06-18T03:00:00Z',
          confirmation: 'confirmed',
        },
        attendance: 'absent',
      }),
    );
    await world.repos.comments.add({
      id: 'c-hoa',
      meetingId: `${RESIDENCE}.2026.10`,
      residenceOrgId: RESIDENCE,
      memberId: member.id,
      authorName: member.fullName,
      topic: 'Chiếu sáng',
      text: 'Đề nghị lắp đèn hẻm 5',
      raisedAt: '2026-10-01T02:00:00Z',
    });
    await link(world, memberUser, { kind: 'member', id: member.id });
    await link(world, staffUser, { kind: 'staff', id: STAFF.residence?.id ?? '' });
  });
  afterAll(async () => {
    await world.close();
  });

  it('replies with a summary and a PDF of everything held about the member, and nothing about anyone else', async () => {
    // Prepare
    const before = world.emu.botMessages(memberUser.id).length;

    // Act
    await world.emu.sendUserMessage({ user: memberUser, text: '/dulieu' });
    const replies = world.emu.botMessages(memberUser.id).slice(before);
    const summary = replies[0]?.text ?? '';
    const sent = replies[1];
    const pdf = world.emu.document(sent?.document?.fileId ?? '');
    const text = await pdfText(pdf?.bytes ?? new Uint8Array());

    // Assess: the summary counts, in Vietnamese
    expect(replies).toHaveLength(2);
    expect(summary).toContain('Phạm Thị Hoa');
    expect(summary).toContain('1 lần giới thiệu');
    expect(summary).toContain('1 thư mời họp');
    expect(summary).toContain('1 ý kiến đã gửi, 0 nhận xét cuối năm');
    expect(summary).toContain('1 tài khoản trò chuyện');
    // the PDF: every kind of record, by committee names, never an internal id
    expect(sent?.document?.fileName).toBe('du-lieu-ca-nhan.pdf');
    for (const expected of [
      'Phạm Thị Hoa',
      member.partyCardNumber,
      '0911222333',
      'Đảng ủy phường An Hòa',
      'Chi bộ Sở Y tế',
      'Ốm đau — Nằm viện điều trị',
      'Chiếu sáng: Đề nghị lắp đèn hẻm 5',
      'Telegram',
    ]) {
      expect(text).toContain(expected);
    }
    for (const internal of [member.id, RESIDENCE, 'intro-', other.fullName, other.partyCardNumber]) {
      expect(text).not.toContain(internal);
    }
  });

  it('refuses staff (they see members through their own views) and unlinked chats', async () => {
    // Act
    await world.emu.sendUserMessage({ user: staffUser, text: '/dulieu' });
    await world.emu.sendUserMessage({ user: stranger, text: '/mydata' });

    // Assess
    expect(world.emu.lastBotMessage(staffUser.id)?.text).toContain('dành cho đảng viên đã liên kết');
    expect(world.emu.lastBotMessage(staffUser.id)?.document).toBeUndefined();
    expect(world.emu.lastBotMessage(stranger.id)?.document).toBeUndefined();
    expect(world.emu.lastBotMessage(stranger.id)?.text).not.toContain('Phạm Thị Hoa');
  });
});
