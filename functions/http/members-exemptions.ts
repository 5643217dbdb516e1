// handler: POST /members/{id}/exemptions — an exemption from activities, confirmed by the workplace (R4).
import { exemptionRequestSchema, idPathSchema } from '../../shared/schemas/introductions.js';
import { recordExemption } from '../../shared/services/travel-and-exemptions.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, jsonResponse } from '../middleware/http.js';
import { withIdempotencyKey } from '../middleware/idempotency.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute(
    { body: exemptionRequestSchema, path: idPathSchema },
    deps,
    async ({ principal, body, path, event }) => {
      const d = deps();
      return withIdempotencyKey(d.repos.idempotency, { event, principal, scope: 'exemption' }, async () => {
        const result = await recordExemption(introductionPorts(d), principal, path.id, body);
        return jsonResponse(result.outcome === 'created' ? 201 : 200, { exemption: result.record });
      });
    },
  );
}

export const handler = createHandler(defaultDeps);
