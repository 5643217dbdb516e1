// handler: POST /introductions/{id}/receive — the residence committee records page 2 and assigns a hamlet (R5).
import { idPathSchema, receiveRequestSchema } from '../../shared/schemas/introductions.js';
import { receiveIntroduction } from '../../shared/services/introductions.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';
import { withIdempotencyKey } from '../middleware/idempotency.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { body: receiveRequestSchema, path: idPathSchema },
    deps,
    async ({ principal, body, path, event }) => {
      const d = deps();
      return withIdempotencyKey(d.repos.idempotency, { event, principal, scope: 'receive' }, async () =>
        ok(await receiveIntroduction(introductionPorts(d), principal, path.id, body)),
      );
    },
  );
}

export const handler = createHandler(defaultDeps);
