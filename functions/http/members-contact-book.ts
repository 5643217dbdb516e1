// handler: GET /members/{id}/contact-book — the member's digital contact book, per year.
import { idPathSchema } from '../../shared/schemas/introductions.js';
import { contactBookOf } from '../../shared/services/contact-book.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { contactBookPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: idPathSchema }, deps, async ({ principal, path }) =>
    ok(await contactBookOf(contactBookPorts(deps()), principal, path.id)),
  );
}

export const handler = createHandler(defaultDeps);
