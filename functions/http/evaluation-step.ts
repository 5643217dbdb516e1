// composition: the routes that record one step of a member's evaluation draft (the consultation R18, and under
// qd213-2020 the Front work committee's opinion and the cell's signature) read their input alike: the member from
// the path, the step's record and the draft's version from the body. Each route keeps its own entry file.
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
      // A computed key widens to an index signature; the record under `step` is what StepInput names.
      const input = {
        orgId: path.id,
        year: path.year,
        memberId: path.memberId,
        [step]: fields,
        version,
      } as StepInput<K, Omit<B, 'version'>>;
      return ok(await record({ ...d.repos, clock: d.clock }, principal, input));
    },
  );
}
