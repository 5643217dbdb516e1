// Unit: notices and invitation states as view models, in Vietnamese and English; long texts split for Telegram.
import { describe, expect, it } from 'vitest';
import { splitText } from '../../../chat/channels/telegram/renderer.js';
import { en } from '../../../chat/i18n/en.js';
import { catalogue, pickLanguage } from '../../../chat/i18n/index.js';
import { vi } from '../../../chat/i18n/vi.js';
import { invitationView, noticeSms, noticeView } from '../../../chat/notices.js';
import type { Notice } from '../../../shared/ports/chat.js';
import { aMeeting, anInvitation } from '../../support/builders.js';

const meeting = aMeeting({ id: 'phuong-an-hoa.2026.06', date: '2026-06-20', time: '08:00' });

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('Catalogue: vi and en', () => {
  it('have the same texts, and English is chosen only for an English app', () => {
    // Act / Assess
    expect(keysOf(en).sort()).toEqual(keysOf(vi).sort());
    expect(pickLanguage('en-GB')).toBe('en');
    expect(pickLanguage('vi')).toBe('vi');
    expect(pickLanguage('fr')).toBe('vi');
    expect(pickLanguage(undefined)).toBe('vi');
  });
});

describe('Function: invitationView', () => {
  const base = { meeting, committeeName: 'Đảng ủy phường An Hòa', memberName: 'Nguyễn Văn An' };

  it('shows the letter with "Tham dự" / "Vắng mặt", then the answer, the categories or the closed state', () => {
    // Act
    const fresh = invitationView(catalogue('vi'), base);
    const absent = invitationView(catalogue('vi'), {
      ...base,
      answer: { rsvp: 'absent', category: 'work', text: 'Đi Hà Nội', confirmation: 'pending' },
    });
    const choosing = invitationView(catalogue('vi'), { ...base, mode: 'choose_category' });
    const started = invitationView(catalogue('en'), {
      ...base,
      answer: { rsvp: 'attending' },
      mode: 'started',
    });

    // Assess
    expect(fresh.text).toContain('• Thời gian: 08:00, Thứ Bảy, ngày 20/06/2026');
    expect(fresh.keyboard?.flat().map((b) => b.label)).toEqual(['Tham dự', 'Vắng mặt']);
    expect(fresh.keyboard?.flat().map((b) => ('action' in b ? b.action : ''))).toEqual([
      'rsvp1|a|phuong-an-hoa.2026.06',
      'rsvp1|n|phuong-an-hoa.2026.06',
    ]);
    expect(absent.text).toContain(
      'Đồng chí đã báo VẮNG MẶT — lý do: Bận công tác («Đi Hà Nội»); chờ cấp ủy nơi công tác xác nhận.',
    );
    expect(choosing.keyboard).toHaveLength(3);
    expect(started.text).toContain('Your answer: ATTENDING.');
    expect(started.keyboard).toBeUndefined();
  });
});

describe('Function: noticeView', () => {
  it('renders every notice kind in both languages without leaving a placeholder', () => {
    // Prepare
    const tally = { invited: 4, attending: 1, absent: 1, noAnswer: 2, pendingConfirmation: 1 };
    const notices: Notice[] = [
      { kind: 'invitation', meeting, committeeName: 'Đảng ủy phường An Hòa', memberName: 'An' },
      {
        kind: 'invitation_progress',
        meeting,
        total: 450,
        sent: 120,
        noChat: 3,
        undeliverable: 1,
        done: false,
      },
      {
        kind: 'invitation_progress',
        meeting,
        total: 450,
        sent: 446,
        noChat: 3,
        undeliverable: 1,
        done: true,
        byPath: { telegram: 300, zalo: 146, zns: 2, sms: 1 },
      },
      { kind: 'allowance_warning', meeting, channel: 'zalo', needed: 400, used: 700, free: 1000 },
      {
        kind: 'unreachable_members',
        meeting,
        members: [
          {
            memberName: 'Đỗ Văn Không',
            hamletId: 'kv-2',
            hamletName: 'Khu vực 2',
            reason: 'no_chat',
            byPhone: 'sms',
          },
        ],
      },
      { kind: 'reminder', which: 'three_days', daysLeft: 3, meeting, committeeName: 'X', memberName: 'An' },
      { kind: 'reminder', which: 'one_day', daysLeft: 1, meeting, committeeName: 'X', memberName: 'An' },
      { kind: 'staff_summary', which: 'three_days', daysLeft: 3, meeting, tally },
      {
        kind: 'absence_for_confirmation',
        meeting,
        residenceName: 'Đảng ủy phường An Hòa',
        invitation: anInvitation({
          meetingId: meeting.id,
          memberId: 'm1',
          rsvp: 'absent',
          absence: { category: 'illness', submittedAt: 'x', confirmation: 'pending' },
        }),
      },
      { kind: 'absence_decided', meeting, decision: 'rejected', workplaceName: 'Chi bộ Sở Y tế' },
      {
        kind: 'meeting_change_report',
        meeting,
        change: 'moved',
        dateChanged: true,
        told: 446,
        byPath: { telegram: 300, zalo: 144, sms: 2 },
        paper: [{ memberName: 'Đỗ Văn Không', hamletId: 'kv-2', hamletName: 'Khu vực 2', reason: 'no_chat' }],
      },
      { kind: 'invitation_preparing', meeting, prepared: 1500, total: 5000 },
    ];

    // Act
    const texts = notices.flatMap((n) => [noticeView(n, 'vi').text, noticeView(n, 'en').text]);

    // Assess
    for (const text of texts) {
      expect(text.length).toBeGreaterThan(10);
      expect(text).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(noticeView(notices.at(-1) as Notice, 'vi').text).toBe(
      'Đang chuẩn bị danh sách thư mời: 1500/5000 đồng chí…',
    );
    expect(noticeView(notices[1] as Notice, 'vi').text).toBe(
      'Đang gửi thư mời: đã gửi 120/450; 4 đồng chí chưa liên lạc được qua tin nhắn.',
    );
    expect(noticeView(notices[2] as Notice, 'vi').text).toBe(
      'Đã gửi xong thư mời họp tháng 6/2026 (20/06/2026): 446/450 đồng chí nhận qua tin nhắn (Telegram 300, Zalo 146).\n' +
        '• 3 đồng chí chưa liên kết tài khoản.\n' +
        '• 1 đồng chí đã chặn bot hoặc không nhận được tin.\n' +
        '• Đã báo qua số điện thoại: 2 tin Zalo (ZNS), 1 tin SMS.',
    );
    expect(noticeView(notices[4] as Notice, 'vi').text).toContain('Khu vực 2 — đã nhắn SMS');
    expect(noticeView(notices[3] as Notice, 'vi').text).toContain('400 tin Zalo gửi chủ động');
    expect(noticeView(notices[3] as Notice, 'vi').text).toContain('700/1000 tin miễn phí');
    expect(
      noticeView(notices[8] as Notice, 'vi')
        .keyboard?.flat()
        .map((b) => b.label),
    ).toEqual(['Xác nhận', 'Không xác nhận']);
    const report = noticeView(notices.at(-2) as Notice, 'vi');
    expect(report.text).toBe(
      'Đã đổi lịch họp: 08:00, Thứ Bảy, ngày 20/06/2026, tại Hội trường phường An Hòa.\n' +
        'Đã báo 446 đảng viên; 1 đồng chí cần báo bằng giấy (danh sách dưới đây).\n' +
        'Đảng viên đã trả lời được đề nghị xác nhận lại; nhắc lịch theo ngày mới.\n' +
        '• Qua tin nhắn (Telegram 300, Zalo 144).\n' +
        '• Qua số điện thoại: 2 tin SMS.\n' +
        '\n' +
        'Cần báo bằng giấy (1):\n' +
        '1. Đỗ Văn Không — Khu vực 2',
    );
    // Those on paper get a printed letter with the new details.
    expect(report.keyboard?.flat().map((b) => b.label)).toHaveLength(1);
    expect(noticeView(notices.at(-2) as Notice, 'en').text).toContain('• By chat (Telegram 300, Zalo 144).');
    expect(noticeSms(notices[0] as Notice)).toBe(
      'X kính mời đồng chí dự họp giữ mối liên hệ lúc 08:00 ngày 20/06/2026 tại Hội trường phường An Hòa. Xin đồng chí báo tham dự hoặc vắng mặt cho cấp ủy.'.replace(
        'X',
        'Đảng ủy phường An Hòa',
      ),
    );
  });
});

describe('Function: splitText', () => {
  it('keeps short texts whole and splits long ones at line breaks under the limit', () => {
    // Prepare
    const lines = Array.from(
      { length: 300 },
      (_, i) => `${i + 1}. Nguyễn Văn Số ${i + 1} — khu vực ${i % 7}`,
    );

    // Act
    const pieces = splitText(lines.join('\n'));

    // Assess
    expect(splitText('ngắn')).toEqual(['ngắn']);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(4000);
    expect(pieces.join('\n')).toBe(lines.join('\n'));
    expect(splitText('x'.repeat(9000))).toHaveLength(3);
  });
});
