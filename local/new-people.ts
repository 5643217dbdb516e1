// Local runtime: the chat page's "new person" — a Telegram account nobody has linked yet, to try a link code the
// administrator's /canbo just handed out; kept in <dataDir>/people.json beside a kept table, so a restart keeps them.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as z from 'zod';
import { fullNameSchema } from '../shared/schemas/common.js';

/** New people's Telegram ids start here: apart from the demo staff (71…) and members (72…). */
export const NEW_PERSON_IDS_FROM = 7300000001;

const newPersonSchema = z.object({
  telegramId: z.number().int().positive(),
  name: fullNameSchema,
  addedAt: z.string(),
});
export type NewPerson = z.infer<typeof newPersonSchema>;

export const newPersonInputSchema = z.object({ name: fullNameSchema });

export class NewPeople {
  private readonly people: NewPerson[];
  /** One add at a time: two at once must not hand out the same Telegram id. */
  private adding: Promise<unknown> = Promise.resolve();

  constructor(
    /** Undefined: kept in memory only (the table is in memory too, e.g. the browser test). */
    private readonly file: string | undefined,
    /** Whether a Telegram account is linked to someone in the table (a kept table may outlive people.json). */
    private readonly isLinked: (telegramId: number) => Promise<boolean>,
    private readonly now: () => Date,
  ) {
    this.people =
      file && existsSync(file) ? z.array(newPersonSchema).parse(JSON.parse(readFileSync(file, 'utf8'))) : [];
  }

  list(): readonly NewPerson[] {
    return this.people;
  }

  /** Adds a person under the next Telegram id that no one listed here holds and no chat link uses. */
  add(name: string): Promise<NewPerson> {
    const run = this.adding.then(async () => {
      let telegramId = Math.max(NEW_PERSON_IDS_FROM - 1, ...this.people.map((p) => p.telegramId)) + 1;
      while (await this.isLinked(telegramId)) telegramId++;
      const person: NewPerson = { telegramId, name, addedAt: this.now().toISOString() };
      this.people.push(person);
      if (this.file) writeFileSync(this.file, `${JSON.stringify(this.people, null, 2)}\n`);
      return person;
    });
    this.adding = run.catch(() => undefined);
    return run;
  }
}
