// use case: receive several pending introductions at once into one hamlet (R5) — the bot's /tiepnhan.
// Each receipt is the single-introduction use case (idempotent: the same hamlet again changes nothing),
// so a partial failure leaves the others received and says which failed and why.
import { ForbiddenError } from '../domain/errors.js';
import { isResidenceStaff, type Principal } from '../domain/roles.js';
import { forEachConcurrent } from './concurrency.js';
import { type ChangeOutcome, type IntroductionPorts, receiveIntroduction } from './introductions.js';

/** At most this many introductions a request: a webhook answers within 25 s. */
export const MAX_BULK_RECEIVE = 300;
const CONCURRENCY = 8;

export type BulkReceiveResult =
  | { introductionId: string; ok: true; outcome: ChangeOutcome['outcome'] }
  | { introductionId: string; ok: false; error: unknown };

export async function receiveIntroductions(
  ports: IntroductionPorts,
  actor: Principal,
  introductionIds: readonly string[],
  hamletId: string,
): Promise<BulkReceiveResult[]> {
  if (!isResidenceStaff(actor)) {
    throw new ForbiddenError({
      vi: 'Chỉ cán bộ cấp ủy nơi cư trú được giới thiệu đến mới tiếp nhận được',
      en: 'Only the staff of the receiving residence committee receive introductions',
    });
  }
  const ids = [...new Set(introductionIds)].slice(0, MAX_BULK_RECEIVE);
  const results = new Map<string, BulkReceiveResult>();
  await forEachConcurrent(ids, CONCURRENCY, async (introductionId) => {
    try {
      const { outcome } = await receiveIntroduction(ports, actor, introductionId, { hamletId });
      results.set(introductionId, { introductionId, ok: true, outcome });
    } catch (error) {
      results.set(introductionId, { introductionId, ok: false, error });
    }
  });
  return ids.map((id) => results.get(id) as BulkReceiveResult);
}
