// unit tests: which chat a notice tries first (the channel chosen last), how often the activity stamp is written, and the path counts.
import { describe, expect, it } from 'vitest';
import { activityStampDue, countPath, deliveryOrder, pathFields } from '../../../shared/domain/delivery.js';

const chat = (
  channel: string,
  linkedAt: string,
  extra: { lastActiveAt?: string; blocked?: boolean } = {},
) => ({
  channel,
  linkedAt,
  ...extra,
});

describe('Rule: a notice tries the channel the person chose last first', () => {
  it('puts the chat linked last first when neither was used since', () => {
    // Act
    const order = deliveryOrder([
      chat('telegram', '2026-05-01T00:00:00Z'),
      chat('zalo', '2026-05-02T00:00:00Z'),
    ]);

    // Assess
    expect(order.map((c) => c.channel)).toEqual(['zalo', 'telegram']);
  });

  it('puts the chat used last first, though the other was linked later', () => {
    // Act
    const order = deliveryOrder([
      chat('telegram', '2026-05-01T00:00:00Z', { lastActiveAt: '2026-05-03T00:00:00Z' }),
      chat('zalo', '2026-05-02T00:00:00Z'),
    ]);

    // Assess
    expect(order.map((c) => c.channel)).toEqual(['telegram', 'zalo']);
  });

  it('leaves out a blocked chat, and keeps the input as it was', () => {
    // Prepare
    const chats = [
      chat('telegram', '2026-05-01T00:00:00Z'),
      chat('zalo', '2026-05-02T00:00:00Z', { blocked: true }),
    ];

    // Act
    const order = deliveryOrder(chats);

    // Assess
    expect(order.map((c) => c.channel)).toEqual(['telegram']);
    expect(chats.map((c) => c.channel)).toEqual(['telegram', 'zalo']);
  });
});

describe('Rule: the activity stamp is written at most once an hour per chat', () => {
  it('is due without a stamp and from an hour after the last one, not before', () => {
    // Prepare
    const at = new Date('2026-06-01T08:00:00Z');

    // Assess
    expect(activityStampDue({}, at)).toBe(true);
    expect(activityStampDue({ lastActiveAt: '2026-06-01T07:00:01Z' }, at)).toBe(false);
    expect(activityStampDue({ lastActiveAt: '2026-06-01T07:00:00Z' }, at)).toBe(true);
  });
});

describe('Function: path counts', () => {
  it('counts each path and names them as log fields, leaving out the paths that carried nothing', () => {
    // Act
    const counts = countPath(countPath(countPath({}, 'zalo'), 'zalo'), 'sms');

    // Assess
    expect(counts).toEqual({ zalo: 2, sms: 1 });
    expect(pathFields(counts)).toEqual({ viaZalo: 2, viaSms: 1 });
  });
});
