// handler: POST /members/{id}/direct-collections/{year} — the workplace collected an armed-forces member's contact book (R20).
import { directCollectionInputSchema, memberYearPathSchema } from '../../shared/schemas/year-end.js';
import { recordDirectCollection } from '../../shared/services/year-end.js';
import type { AppDeps } from '../deps.js';
import { defaultDeps } from '../deps.js';
import { created, httpRoute } from '../middleware/http.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { path: memberYearPathSchema, body: directCollectionInputSchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const collection = await recordDirectCollection({ ...d.repos, clock: d.clock }, principal, {
        memberId: path.id,
        year: path.year,
        collectedOn: body.collectedOn,
        note: body.note || undefined,
      });
      return created(collection);
    },
  );
}

export const handler = createHandler(defaultDeps);
