// unit: addenda to sealed minutes (R16) — proposed by one of the two signers, countersigned by the other,
// hash-chained only when countersigned; legacy one-signature addenda keep verifying as they were stored.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConflictError, ForbiddenError, RuleViolationError } from '../../../shared/domain/errors.js';
import {
  addendumHash,
  awaitedSigner,
  isAddendumSigned,
  pendingAddendum,
  verifyMinutes,
  withAddendumCountersignature,
  withAddendumProposal,
  withPart,
  withSignature,
} from '../../../shared/domain/meeting-protocol.js';
import {
  type Addendum,
  canonicalJson,
  emptyMinutes,
  MINUTES_PARTS,
  type Minutes,
  type MinutesRecord,
} from '../../../shared/domain/minutes.js';

const ID = 'phuong-an-hoa.2025.10';
const sig = (staffId: string, name: string, signedAt = '2025-10-20T04:00:00.000Z') => ({
  staffId,
  name,
  signedAt,
});
const CHAIR = sig('chair-1', 'Trần Văn Chủ');
const SECRETARY = sig('sec-1', 'Lê Thị Thư');

const RECORD: MinutesRecord = {
  meeting: {
    residenceOrgId: 'phuong-an-hoa',
    committeeName: 'Đảng ủy phường An Hòa',
    year: 2025,
    round: 'october',
    date: '2025-10-18',
    time: '08:00',
    place: 'Hội trường',
    chairName: 'Trần Văn Chủ',
  },
  attendance: { total: 1, present: 1, absent: 0 },
  rows: [{ memberId: 'm1', name: 'Lê Văn An', present: true }],
  absentees: [],
  previousComments: [],
  comments: [],
  commendations: [],
  frozenAt: '2025-10-18T04:00:00.000Z',
};

function sealed(): Minutes {
  const written = MINUTES_PARTS.reduce((m, part) => withPart(m, part, `Nội dung ${part}`), emptyMinutes(ID));
  return withSignature(
    withSignature(written, 'chair', CHAIR, () => RECORD),
    'secretary',
    SECRETARY,
    () => RECORD,
  );
}

/** The hash as addenda were chained before R16's two signatures: over `{ seq, signedBy, text }`. */
function legacyHash(previous: string, seq: number, signedBy: Addendum['signedBy'], text: string): string {
  return createHash('sha256')
    .update(`${previous}\n${canonicalJson({ seq, signedBy, text })}`, 'utf8')
    .digest('hex');
}

describe('Method: withAddendumProposal / withAddendumCountersignature (R16)', () => {
  it('keeps a proposal pending, outside the record, until the other signer countersigns it', () => {
    // Prepare
    const minutes = sealed();

    // Act
    const proposed = withAddendumProposal(minutes, 'Đính chính: số người dự là 2.', SECRETARY);
    const countersigned = withAddendumCountersignature(proposed, 1, CHAIR);

    // Assess
    const pending = proposed.addenda[0] as Addendum;
    expect(pending).toEqual({
      seq: 1,
      text: 'Đính chính: số người dự là 2.',
      signatures: { secretary: SECRETARY },
    });
    expect(isAddendumSigned(pending)).toBe(false);
    expect(awaitedSigner(pending)).toBe('chair');
    expect(pendingAddendum(proposed)).toBe(pending);
    expect(verifyMinutes(proposed)).toEqual({ seal: true, addenda: true });
    const signed = countersigned.addenda[0] as Addendum;
    expect(signed.signatures).toEqual({ chair: CHAIR, secretary: SECRETARY });
    expect(signed.hash).toBe(addendumHash(minutes.seal?.hash as string, signed));
    expect(pendingAddendum(countersigned)).toBeUndefined();
    expect(countersigned.seal).toEqual(minutes.seal);
    expect(verifyMinutes(countersigned)).toEqual({ seal: true, addenda: true });
  });

  it('refuses anyone but the two signers of the minutes, and the proposer signing twice', () => {
    // Prepare
    const proposed = withAddendumProposal(sealed(), 'Đính chính', CHAIR);

    // Assess
    expect(() => withAddendumProposal(sealed(), 'Đính chính', sig('res-1', 'Phạm Văn Cư'))).toThrow(
      ForbiddenError,
    );
    expect(() => withAddendumCountersignature(proposed, 1, sig('res-1', 'Phạm Văn Cư'))).toThrow(
      ForbiddenError,
    );
    expect(() => withAddendumCountersignature(proposed, 1, CHAIR)).toThrow(RuleViolationError);
    expect(() => withAddendumProposal(emptyMinutes(ID), 'Đính chính', CHAIR)).toThrow(ConflictError);
  });

  it('changes nothing when the same proposal or the same countersignature comes again', () => {
    // Prepare
    const proposed = withAddendumProposal(sealed(), 'Đính chính', SECRETARY);
    const countersigned = withAddendumCountersignature(proposed, 1, CHAIR);

    // Act
    const proposedAgain = withAddendumProposal(proposed, 'Đính chính', SECRETARY);
    const countersignedAgain = withAddendumCountersignature(countersigned, 1, CHAIR);
    const proposerAfterwards = withAddendumCountersignature(countersigned, 1, SECRETARY);

    // Assess
    expect(proposedAgain).toBe(proposed);
    expect(countersignedAgain).toBe(countersigned);
    expect(proposerAfterwards).toBe(countersigned);
  });

  it('refuses a new proposal while one is pending, and takes it once that one is countersigned', () => {
    // Prepare
    const proposed = withAddendumProposal(sealed(), 'Đính chính 1', SECRETARY);

    // Act
    const attempt = () => withAddendumProposal(proposed, 'Đính chính 2', CHAIR);
    const second = withAddendumProposal(
      withAddendumCountersignature(proposed, 1, CHAIR),
      'Đính chính 2',
      CHAIR,
    );
    const both = withAddendumCountersignature(second, 2, SECRETARY);

    // Assess
    expect(attempt).toThrow(expect.objectContaining({ code: 'addendum_pending' }));
    expect(both.addenda.map((a) => a.seq)).toEqual([1, 2]);
    expect(both.addenda[1]?.hash).toBe(
      addendumHash(both.addenda[0]?.hash as string, both.addenda[1] as Addendum),
    );
    expect(verifyMinutes(both)).toEqual({ seal: true, addenda: true });
  });

  it('fails verification when a signed addendum is altered, or a pending one is not the last', () => {
    // Prepare
    const one = withAddendumCountersignature(
      withAddendumProposal(sealed(), 'Đính chính 1', SECRETARY),
      1,
      CHAIR,
    );
    const two = withAddendumProposal(one, 'Đính chính 2', CHAIR);
    const forgedText = { ...one, addenda: one.addenda.map((a) => ({ ...a, text: 'khác' })) };
    const forgedSigner = {
      ...one,
      addenda: one.addenda.map((a) => ({ ...a, signatures: { ...a.signatures, chair: sig('x', 'Ai đó') } })),
    };
    const pendingFirst = { ...two, addenda: [two.addenda[1] as Addendum, two.addenda[0] as Addendum] };

    // Assess
    expect(verifyMinutes(forgedText).addenda).toBe(false);
    expect(verifyMinutes(forgedSigner).addenda).toBe(false);
    expect(verifyMinutes(pendingFirst).addenda).toBe(false);
  });
});

describe('Method: verifyMinutes with legacy addenda (R16, stored before two signatures)', () => {
  it('verifies a one-signature addendum as it was stored and chains new addenda after it', () => {
    // Prepare
    const minutes = sealed();
    const signedBy = sig('res-1', 'Phạm Văn Cư', '2025-10-19T02:00:00.000Z');
    const legacy: Addendum = {
      seq: 1,
      text: 'Đính chính cũ',
      signatures: {},
      signedBy,
      hash: legacyHash(minutes.seal?.hash as string, 1, signedBy, 'Đính chính cũ'),
    };
    const withLegacy: Minutes = { ...minutes, addenda: [legacy] };

    // Act
    const next = withAddendumCountersignature(
      withAddendumProposal(withLegacy, 'Đính chính mới', CHAIR),
      2,
      SECRETARY,
    );

    // Assess
    expect(isAddendumSigned(legacy)).toBe(true);
    expect(verifyMinutes(withLegacy)).toEqual({ seal: true, addenda: true });
    expect(next.addenda[0]).toBe(legacy);
    expect(next.addenda[1]?.hash).toBe(addendumHash(legacy.hash as string, next.addenda[1] as Addendum));
    expect(verifyMinutes(next)).toEqual({ seal: true, addenda: true });
    expect(verifyMinutes({ ...withLegacy, addenda: [{ ...legacy, text: 'khác' }] }).addenda).toBe(false);
    expect(() => withAddendumCountersignature(withLegacy, 1, CHAIR)).toThrow(
      expect.objectContaining({ code: 'addendum_signed' }),
    );
  });
});
