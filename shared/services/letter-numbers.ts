// service: the introduction letters' numbers ("Số 12-GGT"), one sequence per workplace and year from the
// counters (the same scope as the party's other documents, document-numbers.ts); an import reserves a block
// at a time, so a file of hundreds of rows takes a few counter writes, not one a row.
import type { CounterRepository } from '../ports/repositories.js';
import { documentCounterScope } from './document-numbers.js';

/** Letter numbers ("Số 12-GGT") per workplace and year, reserved from the counter in blocks. */
export interface LetterNumbers {
  next(workplaceOrgId: string, year: number): Promise<string>;
}

export function letterNumbers(counters: CounterRepository, blockSize = 1): LetterNumbers {
  const blocks = new Map<string, { next: number; last: number }>();
  const reserving = new Map<string, Promise<void>>();
  return {
    async next(workplaceOrgId, year) {
      const scope = documentCounterScope('letter', workplaceOrgId, year);
      for (;;) {
        const block = blocks.get(scope);
        if (block && block.next <= block.last) return `${block.next++}-GGT`;
        let pending = reserving.get(scope);
        if (!pending) {
          pending = counters
            .next(scope, blockSize)
            .then((last) => void blocks.set(scope, { next: last - blockSize + 1, last }))
            .finally(() => reserving.delete(scope));
          reserving.set(scope, pending);
        }
        await pending;
      }
    },
  };
}
