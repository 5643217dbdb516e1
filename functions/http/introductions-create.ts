// handler: POST /introductions — workplace staff introduce a member to a residence committee (R1–R3, R6, R20).
import { introduceRequestSchema } from '../../shared/schemas/introductions.js';
import { introduceMember } from '../../shared/services/introductions.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { httpRoute, jsonResponse } from '../middleware/http.js';
import { withIdempotencyKey } from '../middleware/idempotency.js';
import { introductionPorts } from './ports.js';

export function createHandler(deps: () => AppDeps) {
  return httpRoute({ body: introduceRequestSchema }, deps, async ({ principal, body, event }) => {
    const d = deps();
    return withIdempotencyKey(d.repos.idempotency, { event, principal, scope: 'introductions' }, async () => {
      const result = await introduceMember(introductionPorts(d), principal, body);
      // 200 for a replay of an introduction already in force, 201 when it was created now.
      return jsonResponse(result.outcome === 'created' ? 201 : 200, {
        introduction: result.introduction,
        member: result.member,
      });
    });
  });
}

export const handler = createHandler(defaultDeps);
