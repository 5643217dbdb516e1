// unit tests: issue 18's pure rules — who decides a waiting link, when it lapses, and when a member's deletion
// request can be completed.
import { describe, expect, it } from 'vitest';
import {
  isPendingLinkExpired,
  mayDecideLinkReplacement,
  pendingLinkExpiresAt,
} from '../../../shared/domain/linking.js';
import { deletionPossibility } from '../../../shared/domain/privacy.js';

describe('Rule: a second account on the same app is decided by the person’s committee heads or the administrator', () => {
  it('lets the chair, the secretary and a workplace’s staff of the person’s committees decide; not a peer, not another committee', () => {
    // Prepare
    const orgs = ['phuong-an-hoa', 'so-y-te'];

    // Act
    const decide = (
      sub: string,
      orgId: string,
      role: 'chair' | 'secretary' | 'residence_staff' | 'workplace_staff' | 'viewer',
    ) => mayDecideLinkReplacement({ sub, orgId, role }, orgs, false);

    // Assess
    expect(decide('c', 'phuong-an-hoa', 'chair')).toBe(true);
    expect(decide('s', 'phuong-an-hoa', 'secretary')).toBe(true);
    expect(decide('w', 'so-y-te', 'workplace_staff')).toBe(true);
    expect(decide('r', 'phuong-an-hoa', 'residence_staff')).toBe(false);
    expect(decide('v', 'phuong-an-hoa', 'viewer')).toBe(false);
    expect(decide('x', 'phuong-xuan-khanh', 'chair')).toBe(false);
    expect(mayDecideLinkReplacement({ sub: 'a', orgId: 'ban', role: 'admin' }, orgs, true)).toBe(true);
    expect(mayDecideLinkReplacement({ sub: 'a', orgId: 'ban', role: 'admin' }, orgs, false)).toBe(false);
  });

  it('lapses 72 hours after the request, not a moment earlier', () => {
    // Prepare
    const pending = { expiresAt: pendingLinkExpiresAt(new Date('2026-06-01T01:00:00Z')) };

    // Assess
    expect(pending.expiresAt).toBe('2026-06-04T01:00:00.000Z');
    expect(isPendingLinkExpired(pending, new Date('2026-06-04T00:59:59Z'))).toBe(false);
    expect(isPendingLinkExpired(pending, new Date('2026-06-04T01:00:00Z'))).toBe(true);
  });
});

describe('Rule: a deletion request is completed once the keeping time after the last contact has passed', () => {
  it('is not possible while a contact is in force, waits two years after the last end, then is possible', () => {
    // Prepare
    const ended = (endedOn: string) => ({ status: 'ended', end: { endedOn } });

    // Act
    const inContact = deletionPossibility([ended('2025-01-01'), { status: 'received' }], '2030-01-01');
    const waiting = deletionPossibility([ended('2025-01-01'), ended('2026-06-01')], '2028-05-31');
    const possible = deletionPossibility([ended('2026-06-01')], '2028-06-01');

    // Assess
    expect(inContact).toEqual({ state: 'in_contact' });
    expect(waiting).toEqual({ state: 'keeping_time', from: '2028-06-01' });
    expect(possible).toEqual({ state: 'possible', from: '2028-06-01' });
  });
});
