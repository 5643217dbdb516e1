// handler: POST /committees/{id}/evaluations/{year}/{memberId}/front-consultation — qd213-2020: the hamlet Front work committee's opinion, before the cell signs.
import { frontConsultationInputSchema } from '../../shared/schemas/year-end.js';
import { recordFrontConsultation } from '../../shared/services/evaluations.js';
import { type AppDeps, defaultDeps } from '../deps.js';
import { evaluationStepRoute } from './evaluation-step.js';

export function createHandler(deps: () => AppDeps) {
  return evaluationStepRoute(deps, frontConsultationInputSchema, 'consultation', recordFrontConsultation);
}

export const handler = createHandler(defaultDeps);
