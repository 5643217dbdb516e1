// bench: what the typed read (issue 20 item 3) costs on the hot paths: 10,000 stored invitations and members,
// 10,000 RSVP presses' reads (a chat link, an invitation, a draft) and a 10,000-member ward's minutes record,
// turned into entities by an unchecked cast (the storage attributes stripped, as the old fromItem did) and by
// readItem (migration + stored schema), in process.
//
//   npx tsx test/bench/typed-reads.ts
import { performance } from 'node:perf_hooks';
import { keys } from '../../shared/adapters/dynamodb/keys.js';
import { invitationItem } from '../../shared/adapters/dynamodb/meeting-repository.js';
import { memberItem } from '../../shared/adapters/dynamodb/member-repository.js';
import { entityOf, type RecordKind, readItem, readValue } from '../../shared/adapters/dynamodb/records.js';
import { type Item, toItem } from '../../shared/adapters/dynamodb/store.js';
import type { MinutesRecord } from '../../shared/domain/minutes.js';
import { storedMinutesRecordSchema } from '../../shared/schemas/stored.js';
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

/** The RSVP press's one read (rsvp-press-store.ts): a chat link, the invitation and a live draft. */
const presses: [Item, Item, Item][] = Array.from({ length: N }, (_, i) => [
  toItem('ChatLink', keys.chatLink('telegram', `u${i}`), {
    kind: 'member',
    id: `m${i}`,
    channel: 'telegram',
    userId: `u${i}`,
    chatId: `u${i}`,
    linkedAt: '2026-01-01T00:00:00.000Z',
    languageCode: 'vi',
    lastActiveAt: '2026-10-01T01:00:00.000Z',
  }),
  invitations[i] as Item,
  toItem('Draft', keys.draft('telegram', `u${i}`), {
    channel: 'telegram',
    userId: `u${i}`,
    kind: 'absence-reason',
    nonce: 'n1',
    data: { meetingId: 'phuong-an-hoa.2026.10', category: 'work' },
    updatedAt: '2026-10-02T01:00:00.000Z',
  }),
]);
{
  const cast = ([l, i, d]: [Item, Item, Item]) => [entityOf(l), entityOf(i), entityOf(d)];
  const typed = ([l, i, d]: [Item, Item, Item]) => [
    readItem('ChatLink', l),
    readItem('Invitation', i),
    readItem('Draft', d),
  ];
  const timeOf = (read: (press: [Item, Item, Item]) => unknown) => {
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const start = performance.now();
      for (const press of presses) read(press);
      times.push(performance.now() - start);
    }
    return median(times);
  };
  // A warm-up of each, so both are timed JIT-compiled.
  timeOf(cast);
  timeOf(typed);
  const c = timeOf(cast);
  const t = timeOf(typed);
  console.log(
    `RSVP press read (link, invitation, draft): ${N} presses, median of ${ROUNDS}: cast ${c.toFixed(1)} ms, ` +
      `typed read ${t.toFixed(1)} ms (+${(((t - c) / N) * 1000).toFixed(2)} µs a press)`,
  );
}

/** The minutes' record of a 10,000-member ward, as read back from its gzipped parts (record-repositories.ts). */
{
  const record: MinutesRecord = {
    meeting: {
      residenceOrgId: 'phuong-an-hoa',
      committeeName: 'Đảng ủy phường An Hòa',
      year: 2026,
      round: 'october',
      date: '2026-10-10',
      time: '08:00',
      place: 'Nhà văn hóa',
      chairName: 'Nguyễn Văn Chủ',
    },
    attendance: { total: N, present: N - N / 10, absent: N / 10 },
    rows: Array.from({ length: N }, (_, i) => ({
      memberId: `m${i}`,
      name: `Nguyễn Văn ${i}`,
      present: i % 10 !== 0,
    })),
    absentees: Array.from({ length: N / 10 }, (_, i) => ({
      memberId: `m${i * 10}`,
      name: `Nguyễn Văn ${i * 10}`,
      status: 'confirmed' as const,
      reason: { category: 'work' as const, text: 'Đi công tác' },
    })),
    previousComments: [],
    comments: [],
    commendations: [],
    frozenAt: '2026-10-10T03:00:00.000Z',
  };
  const json = JSON.stringify(record);
  const key = keys.minutes('phuong-an-hoa.2026.10');
  const times = (read: (text: string) => unknown) => {
    const out: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const start = performance.now();
      read(json);
      out.push(performance.now() - start);
    }
    return median(out);
  };
  const cast = (text: string) => JSON.parse(text) as MinutesRecord;
  const typed = (text: string) => readValue(storedMinutesRecordSchema, 'Minutes', key, JSON.parse(text));
  times(cast);
  times(typed);
  const c = times(cast);
  const t = times(typed);
  console.log(
    `Minutes record, ${N} rows and ${N / 10} absentees, median of ${ROUNDS}: JSON.parse ${c.toFixed(1)} ms, ` +
      `parsed by its schema ${t.toFixed(1)} ms (+${(t - c).toFixed(1)} ms a read of the minutes)`,
  );
}
