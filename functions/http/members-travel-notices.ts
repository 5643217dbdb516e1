// handler: POST /members/{id}/travel-notices — the workplace notifies why and how long a member is away (R3).
import { idPathSchema, travelNoticeInputSchema } from '../../shared/schemas/introductions.js';
import { recordTravelNotice } from '../../shared/services/travel-and-exemptions.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, jsonResponse } from '../middleware/http.js';
import { withIdempotencyKey } from '../middleware/idempotency.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { body: travelNoticeInputSchema, path: idPathSchema },
    deps,
    async ({ principal, body, path, event }) => {
      const d = deps();
      return withIdempotencyKey(d.repos.idempotency, { event, principal, scope: 'travel' }, async () => {
        const result = await recordTravelNotice(introductionPorts(d), principal, path.id, body);
        return jsonResponse(result.outcome === 'created' ? 201 : 200, { travelNotice: result.record });
      });
    },
  );
}

export const handler = createHandler(defaultDeps);
