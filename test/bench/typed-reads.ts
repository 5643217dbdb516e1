// bench: what the typed read (issue 20 item 3) costs on the hot paths: 10,000 stored invitations and members
// turned into entities by an unchecked cast (the storage attributes stripped, as the old fromItem did) and by readItem (migration + stored schema), in process.
//
//   npx tsx test/bench/typed-reads.ts
import { performance } from 'node:perf_hooks';
import { invitationItem } from '../../shared/adapters/dynamodb/meeting-repository.js';
import { memberItem } from '../../shared/adapters/dynamodb/member-repository.js';
import { entityOf, type RecordKind, readItem } from '../../shared/adapters/dynamodb/records.js';
import type { Item } from '../../shared/adapters/dynamodb/store.js';
import { aMember, anInvitation } from '../support/builders.js';

const N = 10_000;
const ROUNDS = 7;

/** Answers, absences and deliveries mixed as a ward's sheet has them; one in ten stored at v1 (migrated). */
const invitations: Item[] = Array.from({ length: N }, (_, i) => {
  const item = invitationItem(
    anInvitation({
      meetingId: 'phuong-an-hoa.2026.10',
      memberId: `m${i}`,
      memberName: `Nguyễn Văn ${i}`,
      delivery: 'sent',
      sentAt: '2026-10-01T01:00:00.000Z',
      ...(i % 3 === 0 ? { rsvp: 'attending', rsvpAt: '2026-10-02T01:00:00.000Z' } : {}),
      ...(i % 7 === 0
        ? {
            rsvp: 'absent',
            absence: {
              category: 'work',
              text: 'Đi công tác',
              submittedAt: '2026-10-02T01:00:00.000Z',
              confirmation: 'pending',
            },
          }
        : {}),
    }),
  );
  return i % 10 === 0 ? { ...item, v: 1, smsSent: true } : item;
});
const members: Item[] = Array.from({ length: N }, (_, i) => memberItem(aMember({ id: `m${i}` })));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function time(read: (item: Item) => unknown, items: readonly Item[]): number {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    for (const item of items) read(item);
    times.push(performance.now() - start);
  }
  return median(times);
}

for (const [kind, items] of [
  ['Invitation', invitations],
  ['Member', members],
] as [RecordKind, Item[]][]) {
  // A warm-up of each, so both are timed JIT-compiled.
  time((i) => entityOf(i), items);
  time((i) => readItem(kind, i), items);
  const cast = time((i) => entityOf(i), items);
  const typed = time((i) => readItem(kind, i), items);
  console.log(
    `${kind}: ${N} items, median of ${ROUNDS}: cast ${cast.toFixed(1)} ms, typed read ${typed.toFixed(1)} ms ` +
      `(+${(typed - cast).toFixed(1)} ms, ${(((typed - cast) / N) * 1000).toFixed(2)} µs an item)`,
  );
}
