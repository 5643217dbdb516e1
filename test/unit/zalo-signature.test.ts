// Unit tests of the Zalo webhook checks: the MAC (a fixed vector), constant-time verification, the stale window, event parsing (text, follow, file).
import { describe, expect, it } from 'vitest';
import {
  eventAge,
  isZaloSignatureValid,
  MAX_CLOCK_SKEW_MS,
  MAX_EVENT_AGE_MS,
  parseZaloEvent,
  readZaloWebhook,
  zaloMac,
} from '../../chat/channels/zalo/index.js';

const secrets = { appId: '1440000000000000001', oaSecretKey: 'secret-oa' };
const NOW = Date.parse('2026-12-02T05:00:00Z');

/** A webhook request as Zalo sends it: the body, and its signature over the timestamp the body carries. */
function signed(event: Record<string, unknown>, key = secrets): { body: string; header: string } {
  const body = JSON.stringify(event);
  return { body, header: `mac=${zaloMac(key, body, String(event.timestamp))}` };
}

function textEvent(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    app_id: secrets.appId,
    sender: { id: '8123456789012345678' },
    user_id_by_app: '5512345678901234567',
    recipient: { id: '3560000000000000001' },
    event_name: 'user_send_text',
    message: { text: 'ATTEND:abc', msg_id: 'a1b2c3d4e5f6' },
    timestamp: String(NOW - 1000),
    ...overrides,
  };
}

describe('Function: zaloMac', () => {
  it('is the SHA-256 hex of app id + raw body + timestamp + OA secret key', () => {
    // Prepare: the expected value was computed apart from this code (Python's hashlib over the same string).
    const body = '{"event_name":"user_send_text"}';

    // Act
    const mac = zaloMac(secrets, body, '1733112000000');

    // Assess
    expect(mac).toBe('f31008e762cf137edca6f6266b999a7f515fa13666f56d509575b178e3a50e4f');
  });
});

describe('Function: isZaloSignatureValid', () => {
  const body = '{"a":1}';
  const good = `mac=${zaloMac(secrets, body, '1')}`;

  it('accepts the mac= header of this body and timestamp, in either case', () => {
    // Act / Assess
    expect(isZaloSignatureValid(secrets, body, '1', good)).toBe(true);
    expect(isZaloSignatureValid(secrets, body, '1', good.toUpperCase().replace('MAC=', 'mac='))).toBe(true);
  });

  it('refuses a changed body, another timestamp, another secret, a missing or truncated header', () => {
    // Act / Assess
    expect(isZaloSignatureValid(secrets, '{"a":2}', '1', good)).toBe(false);
    expect(isZaloSignatureValid(secrets, body, '2', good)).toBe(false);
    expect(isZaloSignatureValid({ ...secrets, oaSecretKey: 'other' }, body, '1', good)).toBe(false);
    expect(isZaloSignatureValid(secrets, body, '1', undefined)).toBe(false);
    expect(isZaloSignatureValid(secrets, body, '1', good.slice(0, -2))).toBe(false);
    expect(isZaloSignatureValid(secrets, body, '1', 'mac=')).toBe(false);
  });
});

describe('Function: eventAge', () => {
  it('accepts an event up to the window old, refuses older ones and ones stamped ahead of the skew', () => {
    // Act / Assess
    expect(eventAge(NOW - MAX_EVENT_AGE_MS, NOW)).toBe('fresh');
    expect(eventAge(NOW - MAX_EVENT_AGE_MS - 1, NOW)).toBe('stale');
    expect(eventAge(NOW + MAX_CLOCK_SKEW_MS, NOW)).toBe('fresh');
    expect(eventAge(NOW + MAX_CLOCK_SKEW_MS + 1, NOW)).toBe('future');
    expect(eventAge(Number.NaN, NOW)).toBe('stale');
  });
});

describe('Function: readZaloWebhook', () => {
  it('turns a signed, fresh user_send_text into a typed text event', () => {
    // Prepare
    const { body, header } = signed(textEvent());

    // Act
    const result = readZaloWebhook(secrets, body, header, NOW);

    // Assess
    expect(result).toEqual({
      ok: true,
      event: {
        kind: 'text',
        appId: secrets.appId,
        userId: '8123456789012345678',
        msgId: 'a1b2c3d4e5f6',
        text: 'ATTEND:abc',
        at: NOW - 1000,
      },
    });
  });

  it('turns follow and unfollow into typed events naming the follower', () => {
    // Prepare
    const follow = signed({
      oa_id: '3560000000000000001',
      follower: { id: '8123456789012345678' },
      user_id_by_app: '5512345678901234567',
      event_name: 'follow',
      app_id: secrets.appId,
      timestamp: String(NOW),
      source: 'oa_profile',
    });
    const unfollow = signed({
      follower: { id: '8123456789012345678' },
      event_name: 'unfollow',
      app_id: secrets.appId,
      timestamp: NOW,
    });

    // Act
    const followed = readZaloWebhook(secrets, follow.body, follow.header, NOW);
    const unfollowed = readZaloWebhook(secrets, unfollow.body, unfollow.header, NOW);

    // Assess
    expect(followed).toEqual({
      ok: true,
      event: { kind: 'follow', appId: secrets.appId, userId: '8123456789012345678', at: NOW },
    });
    expect(unfollowed).toEqual({
      ok: true,
      event: { kind: 'unfollow', appId: secrets.appId, userId: '8123456789012345678', at: NOW },
    });
  });

  it('refuses a bad signature before reading the event', () => {
    // Prepare: signed with another secret, then a genuine signature over a body altered afterwards
    const forged = signed(textEvent(), { ...secrets, oaSecretKey: 'guess' });
    const genuine = signed(textEvent());
    const altered = genuine.body.replace('ATTEND', 'ABSENT');

    // Act / Assess
    expect(readZaloWebhook(secrets, forged.body, forged.header, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(readZaloWebhook(secrets, altered, genuine.header, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(readZaloWebhook(secrets, genuine.body, undefined, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(readZaloWebhook(secrets, 'not json', genuine.header, NOW)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it('refuses a genuinely signed event replayed after the window, and one stamped in the future', () => {
    // Prepare
    const old = signed(textEvent({ timestamp: String(NOW - MAX_EVENT_AGE_MS - 1) }));
    const ahead = signed(textEvent({ timestamp: String(NOW + MAX_CLOCK_SKEW_MS + 1000) }));

    // Act / Assess
    expect(readZaloWebhook(secrets, old.body, old.header, NOW)).toEqual({ ok: false, reason: 'stale' });
    expect(readZaloWebhook(secrets, ahead.body, ahead.header, NOW)).toEqual({ ok: false, reason: 'future' });
  });

  it('calls a signed event it cannot read malformed, and one naming another app too', () => {
    // Prepare
    const noMessage = signed(textEvent({ message: undefined }));
    const otherApp = signed(textEvent({ app_id: '999' }));

    // Act / Assess
    expect(readZaloWebhook(secrets, noMessage.body, noMessage.header, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(readZaloWebhook(secrets, otherApp.body, otherApp.header, NOW)).toEqual({
      ok: false,
      reason: 'malformed',
    });
  });
});

describe('Function: parseZaloEvent', () => {
  it('acknowledges events the bot does not act on as ignored', () => {
    // Act
    const result = parseZaloEvent({
      app_id: secrets.appId,
      event_name: 'user_send_image',
      timestamp: '1733112000000',
      sender: { id: '1' },
    });

    // Assess
    expect(result).toEqual({
      ok: true,
      event: { kind: 'ignored', appId: secrets.appId, eventName: 'user_send_image', at: 1733112000000 },
    });
  });

  it('reads user_send_file: the first attachment of type file, its url, name, size (string or number), checksum', () => {
    // Act
    const result = parseZaloEvent({
      app_id: secrets.appId,
      sender: { id: '8123456789012345678' },
      recipient: { id: '3560000000000000001' },
      event_name: 'user_send_file',
      message: {
        msg_id: 'f1f2f3',
        attachments: [
          { type: 'image', payload: { url: 'https://photo-stal-1.zdn.vn/a.jpg' } },
          {
            type: 'file',
            payload: {
              url: 'https://f1.zdn.vn/x/danh-sach.csv',
              name: 'danh-sach.csv',
              size: '2048',
              checksum: 'ab12',
              type: 'csv',
            },
          },
        ],
      },
      timestamp: '1733112000000',
    });
    const numeric = parseZaloEvent({
      app_id: secrets.appId,
      sender: { id: '1' },
      recipient: { id: '2' },
      event_name: 'user_send_file',
      message: {
        msg_id: 'g1',
        attachments: [{ type: 'file', payload: { url: 'https://f1.zdn.vn/y', size: 7 } }],
      },
      timestamp: 1733112000000,
    });
    const noFile = parseZaloEvent({
      app_id: secrets.appId,
      sender: { id: '1' },
      recipient: { id: '2' },
      event_name: 'user_send_file',
      message: {
        msg_id: 'h1',
        attachments: [{ type: 'image', payload: { url: 'https://f1.zdn.vn/z.jpg' } }],
      },
      timestamp: '1733112000000',
    });

    // Assess
    expect(result).toEqual({
      ok: true,
      event: {
        kind: 'file',
        appId: secrets.appId,
        userId: '8123456789012345678',
        msgId: 'f1f2f3',
        file: {
          url: 'https://f1.zdn.vn/x/danh-sach.csv',
          name: 'danh-sach.csv',
          size: 2048,
          checksum: 'ab12',
        },
        at: 1733112000000,
      },
    });
    expect(numeric).toMatchObject({
      ok: true,
      event: { kind: 'file', file: { url: 'https://f1.zdn.vn/y', size: 7 } },
    });
    expect(noFile).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses a body without event name, app id or timestamp', () => {
    // Act / Assess
    expect(parseZaloEvent({ app_id: '1', timestamp: '1' })).toEqual({ ok: false, reason: 'malformed' });
    expect(parseZaloEvent({ event_name: 'follow', timestamp: '1' })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(parseZaloEvent(null)).toEqual({ ok: false, reason: 'malformed' });
  });
});
