// handler: POST /committees/{id}/evaluations/{year}/{memberId}/consultation — the hamlet head's and hamlet police head's opinions (R18).
import { consultationInputSchema } from '../../shared/schemas/year-end.js';
import { recordConsultation } from '../../shared/services/evaluations.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { evaluationStepRoute } from './evaluation-step.js';

export function createHandler(deps: () => AppDeps) {
  return evaluationStepRoute(deps, consultationInputSchema, 'consultation', recordConsultation);
}

export const handler = createHandler(defaultDeps);
