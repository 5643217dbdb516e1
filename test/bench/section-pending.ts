// bench (2)–(4): placeholder until their features land on this branch; says so plainly instead of inventing numbers.
import type { Section } from './report-format.js';

export async function pendingSections(wants: (id: string) => boolean): Promise<Section[]> {
  const pending: [string, string, string][] = [
    ['rsvp', '2. RSVP path', 'the Telegram webhook and RSVP use case (issue 4)'],
    ['fan-out', '3. Invitation fan-out', 'the invitation fan-out job and worker (issue 4)'],
  ];
  return pending
    .filter(([id]) => wants(id))
    .map(([id, title, feature]) => ({
      id,
      title,
      status: 'not landed' as const,
      rows: [],
      notes: [
        `Not measured: ${feature} is not on main at this commit, so there is nothing to time. No figure is given rather than an invented one.`,
      ],
      seconds: 0,
    }));
}
