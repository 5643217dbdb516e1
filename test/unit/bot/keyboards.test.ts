// Unit: button data codecs (versioned prefixes, ≤ 64 bytes on Telegram, long data stored under a token).
import { describe, expect, it } from 'vitest';
import { wizardData } from '../../../bot/keyboards/meeting-wizard.js';
import { reportData } from '../../../bot/keyboards/reports.js';
import { packCallbackData, unpackCallbackData } from '../../../chat/channels/telegram/callback-data.js';
import { confirmData } from '../../../chat/keyboards/confirmations.js';
import { inviteData } from '../../../chat/keyboards/invitations.js';
import { type RsvpAction, rsvpData } from '../../../chat/keyboards/rsvp.js';
import type { CallbackDataStore } from '../../../shared/ports/conversation.js';

class MapStore implements CallbackDataStore {
  readonly items = new Map<string, string>();
  async put(token: string, data: string): Promise<void> {
    this.items.set(token, data);
  }
  async get(token: string): Promise<string | undefined> {
    return this.items.get(token);
  }
}

const MEETING = 'phuong-an-hoa.2026.06';

describe('Codec: rsvpData', () => {
  it('round-trips every action', () => {
    // Prepare
    const actions: RsvpAction[] = [
      { kind: 'attend', meetingId: MEETING },
      { kind: 'absent', meetingId: MEETING },
      { kind: 'category', meetingId: MEETING, category: 'family' },
      { kind: 'skip', meetingId: MEETING },
      { kind: 'back', meetingId: MEETING },
    ];

    // Act
    const decoded = actions.map((a) => rsvpData.decode(rsvpData.encode(a)));

    // Assess
    expect(decoded).toEqual(actions);
    expect(rsvpData.encode(actions[2] as RsvpAction)).toBe(`rsvp1|c|${MEETING}|f`);
  });

  it('names the member on «Tham dự» when it fits 64 bytes (the one-read press, issue 19), and leaves it off when not', () => {
    // Prepare
    const member = '01jb2c3d4e5f6g7h8j9k0m';
    const longMeeting = `${'dang-uy-phuong-co-ten-rat-dai'.repeat(2)}.2026.06`;

    // Act
    const named = rsvpData.encode({ kind: 'attend', meetingId: MEETING, memberId: member });
    const tooLong = rsvpData.encode({ kind: 'attend', meetingId: longMeeting, memberId: member });

    // Assess
    expect(named).toBe(`rsvp1|A|${MEETING}|${member}`);
    expect(rsvpData.decode(named)).toEqual({ kind: 'attend', meetingId: MEETING, memberId: member });
    expect(tooLong).toBe(`rsvp1|a|${longMeeting}`);
    expect(rsvpData.decode(tooLong)).toEqual({ kind: 'attend', meetingId: longMeeting });
    expect(rsvpData.decode(`rsvp1|A|${MEETING}|`)).toBeUndefined();
  });

  it('does not recognise another version, a wrong arity or an unknown code (stale buttons)', () => {
    // Act / Assess
    expect(rsvpData.decode(`rsvp0|a|${MEETING}`)).toBeUndefined();
    expect(rsvpData.decode(`rsvp2|a|${MEETING}`)).toBeUndefined();
    expect(rsvpData.decode(`rsvp1|z|${MEETING}`)).toBeUndefined();
    expect(rsvpData.decode(`rsvp1|c|${MEETING}|q`)).toBeUndefined();
    expect(rsvpData.decode('rsvp1|a|')).toBeUndefined();
  });
});

describe('Codec: other features', () => {
  it('round-trips confirmation, invitation and wizard data and rejects malformed data', () => {
    // Prepare
    const confirm = {
      decision: 'rejected' as const,
      meetingId: MEETING,
      memberId: 'm-001',
      from: 'list' as const,
    };

    // Act / Assess
    expect(confirmData.decode(confirmData.encode(confirm))).toEqual(confirm);
    expect(confirmData.decode(`abs1|maybe|${MEETING}|m-001|l`)).toBeUndefined();
    expect(inviteData.decode(inviteData.encode(MEETING))).toBe(MEETING);
    expect(
      wizardData.decode(wizardData.encode({ nonce: 'a1b2c3d4', step: 'date', value: '2026-06-20' })),
    ).toEqual({
      nonce: 'a1b2c3d4',
      step: 'date',
      value: '2026-06-20',
    });
    expect(wizardData.decode('hop1|a1b2c3d4|nostep|x')).toBeUndefined();
    expect(() => inviteData.encode('a|b')).toThrow();
  });
});

describe('Codec: reportData (/baocao: write a section of the narrative, or compile)', () => {
  it('round-trips every operation and section in a few bytes, and refuses what it does not know', () => {
    // Prepare
    const actions = [
      { year: 2026, op: 'write', section: 'assessment' },
      { year: 2026, op: 'write', section: 'difficulties' },
      { year: 2026, op: 'write', section: 'proposals' },
      { year: 2027, op: 'compile', section: 'assessment' },
    ] as const;

    // Act
    const encoded = actions.map((a) => reportData.encode(a));

    // Assess
    expect(encoded.map((d) => reportData.decode(d))).toEqual(actions);
    expect(encoded[0]).toBe('bc1|2026|write|a');
    expect(Math.max(...encoded.map((d) => Buffer.byteLength(d)))).toBeLessThanOrEqual(64);
    for (const bad of [
      'bc1|2026|delete|a',
      'bc1|26|write|a',
      'bc1|2026|write|x',
      'bc1|2026|write',
      'bc2|2026|write|a',
    ]) {
      expect(reportData.decode(bad)).toBeUndefined();
    }
  });
});

describe('Function: packCallbackData', () => {
  it('keeps data of up to 64 bytes as it is, and stores longer data under a short, stable token', async () => {
    // Prepare
    const store = new MapStore();
    const short = `rsvp1|a|${MEETING}`;
    const long = confirmData.encode({
      decision: 'confirmed',
      meetingId: 'dang-uy-phuong-an-hoa-quan-ninh-kieu-thanh-pho-can-tho.2026.10',
      memberId: '01jz8k3m9q2x7v5t4r6p8n0b2c',
      from: 'card',
    });

    // Act
    const packedShort = await packCallbackData(short, store);
    const packedLong = await packCallbackData(long, store);
    const again = await packCallbackData(long, store);

    // Assess
    expect(packedShort).toBe(short);
    expect(Buffer.byteLength(long)).toBeGreaterThan(64);
    expect(Buffer.byteLength(packedLong)).toBeLessThanOrEqual(64);
    expect(packedLong).toMatch(/^~/);
    expect(again).toBe(packedLong);
    expect(await unpackCallbackData(packedLong, store)).toBe(long);
    expect(await unpackCallbackData(short, store)).toBe(short);
    expect(await unpackCallbackData('~unknown', store)).toBeUndefined();
  });

  it('counts bytes, not characters: Vietnamese in the data can push it over the limit', async () => {
    // Prepare
    const store = new MapStore();
    const data = `hop1|a1b2c3d4|place|${'đ'.repeat(25)}`;

    // Act
    const packed = await packCallbackData(data, store);

    // Assess
    expect(data.length).toBeLessThanOrEqual(64);
    expect(packed).not.toBe(data);
    expect(store.items.get(packed)).toBe(data);
  });
});
