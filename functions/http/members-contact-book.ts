// handler: GET /members/{id}/contact-book — the member's digital contact book, per year.
import { idPathSchema } from '../../shared/schemas/introductions.js';
import { recordReads } from '../../shared/services/audit.js';
import { contactBookOf } from '../../shared/services/contact-book.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { contactBookPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ path: idPathSchema }, deps, async ({ principal, path }) => {
    const d = deps();
    const book = await contactBookOf(contactBookPorts(d), principal, path.id);
    // Issue 18: every read of a member's contact book is in the audit trail (who, when, which member).
    await recordReads(principal, [{ action: 'contact_book.read', memberId: path.id }], 'http', {
      audit: d.repos.audit,
      clock: d.clock,
    });
    return ok(book);
  });
}

export const handler = createHandler(defaultDeps);
