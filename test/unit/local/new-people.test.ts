// Unit tests of the chat page's "new person": fresh Telegram or Zalo ids nobody holds, one at a time, kept beside a kept table.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEW_PERSON_IDS_FROM, NEW_ZALO_PERSON_IDS_FROM, NewPeople } from '../../../local/new-people.js';

const NOW = () => new Date('2028-05-16T02:00:00Z');

describe('Class: NewPeople', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'new-people-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each person the next Telegram id, skipping ids a chat link already uses', async () => {
    // Prepare: a kept table where the first id is linked already (people.json was deleted, the table was not).
    const linked = new Set([NEW_PERSON_IDS_FROM]);
    const people = new NewPeople(undefined, async (id) => linked.has(id), NOW);

    // Act
    const first = await people.add('Huỳnh Văn Thới');
    const second = await people.add('Lý Thị Lan');

    // Assess
    expect(first).toEqual({
      telegramId: NEW_PERSON_IDS_FROM + 1,
      name: 'Huỳnh Văn Thới',
      addedAt: '2028-05-16T02:00:00.000Z',
    });
    expect(second.telegramId).toBe(NEW_PERSON_IDS_FROM + 2);
  });

  it('never hands out one id twice when people are added at the same time', async () => {
    // Prepare
    const people = new NewPeople(undefined, async () => false, NOW);

    // Act
    const added = await Promise.all(['An', 'Bình', 'Chi', 'Dũng'].map((n) => people.add(`Nguyễn ${n}`)));

    // Assess
    expect(new Set(added.map((p) => p.telegramId)).size).toBe(4);
    expect(people.list()).toHaveLength(4);
  });

  it('keeps people in the file across a restart, and goes on from the highest id', async () => {
    // Prepare
    const file = join(dir, 'people.json');
    await new NewPeople(file, async () => false, NOW).add('Huỳnh Văn Thới');

    // Act
    const restarted = new NewPeople(file, async () => false, NOW);
    const next = await restarted.add('Lý Thị Lan');

    // Assess
    expect(restarted.list().map((p) => p.name)).toEqual(['Huỳnh Văn Thới', 'Lý Thị Lan']);
    expect(next.telegramId).toBe(NEW_PERSON_IDS_FROM + 1);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toHaveLength(2);
  });

  it('gives a person on Zalo the next Zalo user id, apart from the Telegram ids, and keeps both across a restart', async () => {
    // Prepare: the first Zalo id is linked already in a kept table.
    const file = join(dir, 'people.json');
    const zaloLinked = new Set([String(NEW_ZALO_PERSON_IDS_FROM)]);
    const people = new NewPeople(
      file,
      async () => false,
      NOW,
      async (id) => zaloLinked.has(id),
    );

    // Act
    const onTelegram = await people.add('Huỳnh Văn Thới');
    const onZalo = await people.add('Phan Thị Mỹ Duyên', 'zalo');
    const restarted = new NewPeople(file, async () => false, NOW);
    const next = await restarted.add('Lý Thị Lan', 'zalo');

    // Assess
    expect(onTelegram.telegramId).toBe(NEW_PERSON_IDS_FROM);
    expect(onZalo).toEqual({
      channel: 'zalo',
      zaloUserId: String(NEW_ZALO_PERSON_IDS_FROM + 1n),
      name: 'Phan Thị Mỹ Duyên',
      addedAt: '2028-05-16T02:00:00.000Z',
    });
    expect(next.zaloUserId).toBe(String(NEW_ZALO_PERSON_IDS_FROM + 2n));
    expect(restarted.list().map((p) => p.name)).toEqual([
      'Huỳnh Văn Thới',
      'Phan Thị Mỹ Duyên',
      'Lý Thị Lan',
    ]);
  });
});
