// Unit tests of the Zalo outbound pieces that need no server: ZNS phone numbers, value lengths and templates, the quota's month, the settings' defaults.
import { describe, expect, it } from 'vitest';
import { zaloMonth } from '../../chat/channels/zalo/outbound.js';
import { ZNS_PARAM_LIMITS, znsPhone, znsTemplateFor, znsValue } from '../../chat/channels/zalo/zns.js';
import { loadZaloConfig } from '../../shared/config/zalo.js';
import type { Notice } from '../../shared/ports/chat.js';
import { aMeeting } from '../support/builders.js';

const meeting = aMeeting({
  id: 'phuong-an-hoa.2026.06',
  date: '2026-06-20',
  time: '07:30',
  place: 'Hội trường Đảng ủy phường An Hòa, số 12 đường Nguyễn Văn Cừ nối dài, khu vực 3, quận Ninh Kiều',
});

describe('Function: znsPhone', () => {
  it.each([
    ['0912345678', '84912345678'],
    ['0912 345 678', '84912345678'],
    ['091.234.5678', '84912345678'],
    ['+84912345678', '84912345678'],
    ['84912345678', '84912345678'],
  ])('sends %s as %s', (phone, expected) => {
    // Act / Assess
    expect(znsPhone(phone)).toBe(expected);
  });

  it.each(['912345678', '091234567', '+1 415 555 0100', ''])(
    'refuses %j (not a Vietnamese number)',
    (phone) => {
      // Act / Assess
      expect(znsPhone(phone)).toBeUndefined();
    },
  );
});

describe('Function: znsTemplateFor', () => {
  const templates = { invitation: '301234', reminder: '301235' };

  it("fills the invitation template with the meeting's Vietnamese time and values cut to their types' lengths", () => {
    // Prepare
    const notice: Notice = {
      kind: 'invitation',
      meeting,
      committeeName: 'Đảng ủy phường An Hòa, quận Ninh Kiều, thành phố Cần Thơ',
      memberName: 'Nguyễn Thị Lan',
    };

    // Act
    const template = znsTemplateFor(notice, templates);

    // Assess
    expect(template?.templateId).toBe('301234');
    expect(template?.data).toMatchObject({
      member_name: 'Nguyễn Thị Lan',
      meeting_time: '07:30 20/06/2026',
      how_to_answer: 'Nhắn cho OA hoặc gọi chi bộ',
    });
    expect(template?.data.committee_name).toHaveLength(30);
    expect(template?.data.committee_name.endsWith('…')).toBe(true);
    for (const [name, value] of Object.entries(template?.data ?? {})) {
      expect([...value].length).toBeLessThanOrEqual(ZNS_PARAM_LIMITS[name as keyof typeof ZNS_PARAM_LIMITS]);
    }
  });

  it('has the reminder its own template, and nothing for other notices or a template not configured', () => {
    // Prepare
    const reminder: Notice = {
      kind: 'reminder',
      which: 'one_day',
      daysLeft: 1,
      meeting,
      committeeName: 'Đảng ủy phường An Hòa',
      memberName: 'Nguyễn Thị Lan',
    };

    // Act / Assess
    expect(znsTemplateFor(reminder, templates)?.templateId).toBe('301235');
    expect(znsTemplateFor(reminder, { invitation: '301234' })).toBeUndefined();
    expect(znsTemplateFor({ kind: 'both_meetings_missed', year: 2026, memberName: 'Lan' }, templates)).toBe(
      undefined,
    );
  });

  it('cuts by characters, not bytes, and collapses spaces', () => {
    // Act / Assess
    expect(znsValue('  Trần   Văn  Chủ ', 30)).toBe('Trần Văn Chủ');
    expect(znsValue('Đặng Thị Ngọc Ánh', 8)).toBe('Đặng Th…');
  });
});

describe('Function: zaloMonth', () => {
  it("is Vietnam's calendar month (UTC+7)", () => {
    // Act / Assess
    expect(zaloMonth(new Date('2026-06-30T16:59:59Z'))).toBe('2026-06');
    expect(zaloMonth(new Date('2026-06-30T17:00:00Z'))).toBe('2026-07');
  });
});

describe('Function: loadZaloConfig (outbound)', () => {
  const base = { ZALO_APP_ID: '1440000000000000001', ZALO_OA_ID: '3560000000000000001' };

  it('defaults to a 48-hour window, 8 free replies, 1,000 proactive messages and no ZNS template', () => {
    // Act
    const config = loadZaloConfig(base);

    // Assess
    expect(config?.outbound).toEqual({
      replyWindowMs: 48 * 3600_000,
      freeRepliesPerMessage: 8,
      proactiveFreePerMonth: 1000,
    });
    expect(config?.znsTemplates).toEqual({});
    expect(config?.znsBaseUrl).toBeUndefined();
  });

  it('reads the window, the replies, the quota, the ZNS root and the template ids from the environment', () => {
    // Act
    const config = loadZaloConfig({
      ...base,
      ZALO_REPLY_WINDOW_HOURS: '24',
      ZALO_FREE_REPLIES_PER_MESSAGE: '100',
      ZALO_PROACTIVE_FREE_PER_MONTH: '2000',
      ZALO_ZNS_ROOT: 'http://127.0.0.1:8082',
      ZALO_ZNS_TEMPLATE_INVITATION: '301234',
      ZALO_ZNS_TEMPLATE_REMINDER: '301235',
    });

    // Assess
    expect(config).toMatchObject({
      znsBaseUrl: 'http://127.0.0.1:8082',
      znsTemplates: { invitation: '301234', reminder: '301235' },
      outbound: { replyWindowMs: 24 * 3600_000, freeRepliesPerMessage: 100, proactiveFreePerMonth: 2000 },
    });
  });

  it('refuses a template id that is not digits', () => {
    // Act / Assess
    expect(() => loadZaloConfig({ ...base, ZALO_ZNS_TEMPLATE_INVITATION: 'moi-hop' })).toThrow();
  });
});
