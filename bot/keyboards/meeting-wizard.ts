// keyboards: the /hop wizard's buttons; each carries the wizard's nonce and step, so a button of an
// abandoned wizard or of a step already passed is recognised.
import { decodeCallback, encodeCallback, prefixPattern } from '../../chat/keyboards/callback-data.js';

export const WIZARD_PREFIX = 'hop1';
export const WIZARD_PATTERN = prefixPattern(WIZARD_PREFIX);

export const WIZARD_STEPS = ['round', 'date', 'time', 'place', 'chair', 'agenda', 'confirm'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export interface WizardAction {
  nonce: string;
  step: WizardStep;
  /** The chosen value; `x` cancels at any step, `back` returns to the step before. */
  value: string;
}

export const CANCEL = 'x';
export const BACK = 'back';

export const wizardData = {
  encode(action: WizardAction): string {
    return encodeCallback(WIZARD_PREFIX, [action.nonce, action.step, action.value]);
  },
  decode(data: string): WizardAction | undefined {
    const parts = decodeCallback(data, WIZARD_PREFIX, 3);
    if (!parts) return undefined;
    const [nonce = '', step, value = ''] = parts;
    const known = WIZARD_STEPS.find((s) => s === step);
    return nonce && known ? { nonce, step: known, value } : undefined;
  },
};
