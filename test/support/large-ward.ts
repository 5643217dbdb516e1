// Test support: a ward of thousands of members in seconds — one member is added through the repositories
// (so every item is stored as production stores it), then its items are cloned for each further member and
// written with BatchWrite (25 items a call, unprocessed items sent again), instead of one transaction each.
import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Invitation } from '../../shared/domain/invitation.js';
import type { Member } from '../../shared/domain/member.js';
import { addMember, type BotWorld } from './bot-world.js';

type Item = Record<string, unknown>;
type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** BatchWrite calls in flight at once: quick on DynamoDB Local without starving the other tests' tables. */
const BATCH_CONCURRENCY = 8;

/** The items of the table whose text holds `needle` (tests may Scan; production code never does). */
async function itemsMentioning(world: Pick<BotWorld, 'table'>, needle: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await world.table.doc.send(
      new ScanCommand({ TableName: world.table.tableName, ConsistentRead: true, ExclusiveStartKey: start }),
    );
    for (const item of out.Items ?? []) if (JSON.stringify(item).includes(needle)) items.push(item);
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Writes the items 25 a call, `BATCH_CONCURRENCY` calls at once, until DynamoDB has processed them all. */
export async function batchPut(world: Pick<BotWorld, 'table'>, items: readonly Item[]): Promise<void> {
  const table = world.table.tableName;
  const batches: WriteRequest[][] = [];
  for (let i = 0; i < items.length; i += 25)
    batches.push(items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let batch: WriteRequest[] | undefined = batches[next++];
      while (batch?.length) {
        const out: BatchWriteCommandOutput = await world.table.doc.send(
          new BatchWriteCommand({ RequestItems: { [table]: batch } }),
        );
        batch = out.UnprocessedItems?.[table];
      }
    }
  };
  await Promise.all(Array.from({ length: BATCH_CONCURRENCY }, worker));
}

/**
 * `count` members received in the world's ward (hamlet kv-1, no phone, no chat), ids `<prefix>-00001`….
 * The first is added through the repositories; the others are its items with the id, the party card number
 * and the name's number changed. The outbox events of the first are not cloned: nothing relays them.
 * Returns the member ids.
 */
export async function seedLargeWard(
  world: Pick<BotWorld, 'repos' | 'table'>,
  count: number,
  prefix = 'big',
): Promise<string[]> {
  const idOf = (i: number) => `${prefix}-${String(i).padStart(5, '0')}`;
  const cardOf = (i: number) => String(800_000_000 + i);
  const template: Member = await addMember(world, {
    id: idOf(1),
    fullName: 'Nguyễn Văn Mẫu',
    partyCardNumber: cardOf(1),
    phone: undefined,
  });
  const templates = (await itemsMentioning(world, template.id)).filter(
    (item) => !String(item.pk).startsWith('OUTBOX#'),
  );
  const texts = templates.map((item) => JSON.stringify(item));
  const clones: Item[] = [];
  for (let i = 2; i <= count; i++) {
    for (const text of texts) {
      clones.push(
        JSON.parse(
          text.replaceAll(template.id, idOf(i)).replaceAll(template.partyCardNumber, cardOf(i)),
        ) as Item,
      );
    }
  }
  await batchPut(world, clones);
  return Array.from({ length: count }, (_, i) => idOf(i + 1));
}

/** What an action returned and how long it took (wall clock), for the big ward's budgets and the bench. */
export async function timed<T>(act: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await act();
  return { result, ms: performance.now() - started };
}

/** A meeting's whole attendance sheet, page by page. */
export async function sheetOf(world: Pick<BotWorld, 'repos'>, meetingId: string): Promise<Invitation[]> {
  const rows: Invitation[] = [];
  for await (const invitation of world.repos.invitations.streamSheet(meetingId)) rows.push(invitation);
  return rows;
}
