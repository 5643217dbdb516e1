// composition: the routes recording one step of an evaluation draft (consultation R18; under qd213-2020 the Front's
// opinion, the cell's signature) read alike: member from the path, step and version from the body. One entry each.
import type * as z from 'zod';
import type { Principal } from '../../shared/domain/roles.js';
import { memberEvaluationPathSchema } from '../../shared/schemas/year-end.js';
import type {
  EvaluationPorts,
  EvaluationView,
  MemberEvaluationInput,
} from '../../shared/services/evaluations.js';
import type { AppDeps } from '../deps.js';
import { httpRoute, ok } from '../middleware/http.js';

/** A step's input: the member's evaluation, the step's record under the step's name, the version the caller saw. */
export type StepInput<K extends string, R> = MemberEvaluationInput & Record<K, R> & { version?: number };

/** The route of one step: `step` names the record in the use case's input (`consultation`, `signature`). */
export function evaluationStepRoute<K extends string, B extends { version?: number | undefined }>(
  deps: () => AppDeps,
  bodySchema: z.ZodType<B>,
  step: K,
  record: (
    p: EvaluationPorts,
    by: Principal,
    input: StepInput<K, Omit<B, 'version'>>,
  ) => Promise<EvaluationView>,
) {
  return httpRoute(
    { path: memberEvaluationPathSchema, body: bodySchema },
    deps,
    async ({ principal, path, body }) => {
      const d = deps();
      const { version, ...fields } = body;
      const input = { orgId: path.id, year: path.year, memberId: path.memberId, [step]: fields, version };
      // A computed key widens to an index signature; the record under `step` is what StepInput names.
      const typed = input as StepInput<K, Omit<B, 'version'>>;
      return ok(await record({ ...d.repos, clock: d.clock }, principal, typed));
    },
  );
}
