// handler: POST /committees/{id}/evaluations/{year}/{memberId}/cell-signature — qd213-2020: the comment signed for the hamlet cell committee (T/M chi ủy).
import { cellSignatureInputSchema } from '../../shared/schemas/year-end.js';
import { signForCell } from '../../shared/services/evaluations.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { evaluationStepRoute } from './evaluation-step.js';

export function createHandler(deps: () => AppDeps) {
  return evaluationStepRoute(deps, cellSignatureInputSchema, 'signature', signForCell);
}

export const handler = createHandler(defaultDeps);
