// Local runtime: the chat page's "new person" — a Telegram or Zalo account nobody has linked yet, to try a link code the
// administrator's /canbo just handed out; kept in <dataDir>/people.json beside a kept table, so a restart keeps them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import { fullNameSchema } from '../shared/schemas/common.js';

/** New people's Telegram ids start here: apart from the demo staff (71…) and members (72…). */
export const NEW_PERSON_IDS_FROM = 7300000001;
/** New people's Zalo user ids start here: apart from the demo members (880…) and staff (881…) on Zalo. */
export const NEW_ZALO_PERSON_IDS_FROM = 8830000000000000001n;

const telegramPersonSchema = z.object({
  telegramId: z.number().int().positive(),
  name: fullNameSchema,
  addedAt: z.string(),
});
const zaloPersonSchema = z.object({
  channel: z.literal('zalo'),
  /** Digits, as Zalo's user ids are. */
  zaloUserId: z.string().regex(/^\d{1,20}$/),
  name: fullNameSchema,
  addedAt: z.string(),
});
const newPersonSchema = z.union([zaloPersonSchema, telegramPersonSchema]);
/** A Telegram new person is kept as before Zalo came (no `channel`), so an older people.json still reads. */
export type TelegramNewPerson = z.infer<typeof telegramPersonSchema>;
export type ZaloNewPerson = z.infer<typeof zaloPersonSchema>;
export type NewPerson = TelegramNewPerson | ZaloNewPerson;

export const newPersonInputSchema = z.object({
  name: fullNameSchema,
  channel: z.enum(['telegram', 'zalo']).default('telegram'),
});

export function isZaloPerson(person: NewPerson): person is ZaloNewPerson {
  return 'channel' in person && person.channel === 'zalo';
}

export class NewPeople {
  private readonly people: NewPerson[];
  /** One add at a time: two at once must not hand out the same id. */
  private adding: Promise<unknown> = Promise.resolve();

  constructor(
    /** Undefined: kept in memory only (the table is in memory too, e.g. the browser test). */
    private readonly file: string | undefined,
    /** Whether a Telegram account is linked to someone in the table (a kept table may outlive people.json). */
    private readonly isLinked: (telegramId: number) => Promise<boolean>,
    private readonly now: () => Date,
    /** The same for a Zalo user id. */
    private readonly isZaloLinked: (zaloUserId: string) => Promise<boolean> = async () => false,
  ) {
    this.people =
      file && existsSync(file) ? z.array(newPersonSchema).parse(JSON.parse(readFileSync(file, 'utf8'))) : [];
  }

  list(): readonly NewPerson[] {
    return this.people;
  }

  /** Adds a person under the next id of their channel that no one listed here holds and no chat link uses. */
  add(name: string): Promise<TelegramNewPerson>;
  add(name: string, channel: 'zalo'): Promise<ZaloNewPerson>;
  add(name: string, channel: 'telegram' | 'zalo'): Promise<NewPerson>;
  add(name: string, channel: 'telegram' | 'zalo' = 'telegram'): Promise<NewPerson> {
    const run = this.adding.then(async () => {
      const person = channel === 'zalo' ? await this.nextZalo(name) : await this.nextTelegram(name);
      this.people.push(person);
      if (this.file) writeFileSync(this.file, `${JSON.stringify(this.people, null, 2)}\n`);
      return person;
    });
    this.adding = run.catch(() => undefined);
    return run;
  }

  private async nextTelegram(name: string): Promise<TelegramNewPerson> {
    const taken = this.people.flatMap((p) => (isZaloPerson(p) ? [] : [p.telegramId]));
    let telegramId = Math.max(NEW_PERSON_IDS_FROM - 1, ...taken) + 1;
    while (await this.isLinked(telegramId)) telegramId++;
    return { telegramId, name, addedAt: this.now().toISOString() };
  }

  private async nextZalo(name: string): Promise<ZaloNewPerson> {
    let id = NEW_ZALO_PERSON_IDS_FROM;
    for (const p of this.people)
      if (isZaloPerson(p) && BigInt(p.zaloUserId) >= id) id = BigInt(p.zaloUserId) + 1n;
    while (await this.isZaloLinked(String(id))) id++;
    return { channel: 'zalo', zaloUserId: String(id), name, addedAt: this.now().toISOString() };
  }
}
