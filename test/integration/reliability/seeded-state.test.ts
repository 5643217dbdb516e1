// The reliability tests' check that a refused call changed nothing (SeededState): it must see an item added,
// rewritten or removed, and put the seeded items back before the next call. If it saw nothing, every "a refusal
// changes nothing" assertion of bad-input and authorisation would pass whatever the handlers wrote.
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTable, type TestTable } from '../../support/dynamo.js';
import { SeededState, scanAll } from './world.js';

const SEEDED = [
  { pk: 'MEETING#a', sk: 'META', type: 'Meeting', place: 'Hội trường' },
  { pk: 'MEETING#a', sk: 'INV#m-1', type: 'Invitation', rsvp: 'none' },
];

describe('SeededState: the seeded world between calls', () => {
  let table: TestTable;

  beforeAll(async () => {
    table = await createTestTable();
    for (const item of SEEDED)
      await table.doc.send(new PutCommand({ TableName: table.tableName, Item: item }));
  });
  afterAll(async () => {
    await table.drop();
  });

  it('reports nothing after a call that wrote nothing', async () => {
    // Prepare
    const state = new SeededState(table, SEEDED);

    // Act
    await state.beforeCall();

    // Assess
    expect(await state.changes()).toEqual([]);
  });

  it('reports an added, a rewritten and a removed item, and restores the seeded items before the next call', async () => {
    // Prepare
    const state = new SeededState(table, SEEDED);
    await state.beforeCall();
    const put = (Item: Record<string, unknown>) =>
      table.doc.send(new PutCommand({ TableName: table.tableName, Item }));
    await put({ pk: 'MEETING#a', sk: 'INV#m-2', type: 'Invitation', rsvp: 'attending' });
    await put({ ...SEEDED[1], rsvp: 'absent' });
    await table.doc.send(
      new DeleteCommand({ TableName: table.tableName, Key: { pk: 'MEETING#a', sk: 'META' } }),
    );

    // Act
    const changes = await state.changes();
    await state.beforeCall();

    // Assess
    const added = changes.filter((c) => c.startsWith('+ '));
    const removed = changes.filter((c) => c.startsWith('- '));
    expect(changes).toHaveLength(4);
    expect(added).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"rsvp":"absent"'),
        expect.stringContaining('"sk":"INV#m-2"'),
      ]),
    );
    expect(removed).toEqual(
      expect.arrayContaining([
        expect.stringContaining('"rsvp":"none"'),
        expect.stringContaining('"sk":"META"'),
      ]),
    );
    const items = await scanAll(table);
    expect(items).toHaveLength(2);
    expect(items).toEqual(expect.arrayContaining(SEEDED));
  });
});
