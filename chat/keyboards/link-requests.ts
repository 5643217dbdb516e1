// keyboards: the buttons of a link that waits (issue 18) — the person's old account confirms or says "not me",
// a head of their committee approves or refuses; and the member's consent to the purpose notice at linking.
import { encodeCallback } from './callback-data.js';

/** The old account's answer: `lr1|<request id>|y` (confirm) or `…|n` (not me). */
export const OWNER_DECISION = 'lr1';
/** A committee head's (or the administrator's) decision: `lr2|<request id>|y` or `…|n`. */
export const STAFF_DECISION = 'lr2';
/** The purpose notice at linking: `cs1|y|<code>` (agree) or `cs1|n|<code>`. */
export const CONSENT = 'cs1';

export const ownerDecisionData = (requestId: string, confirm: boolean) =>
  encodeCallback(OWNER_DECISION, [requestId, confirm ? 'y' : 'n']);

export const staffDecisionData = (requestId: string, approve: boolean) =>
  encodeCallback(STAFF_DECISION, [requestId, approve ? 'y' : 'n']);

export const consentData = (agree: boolean, code: string) =>
  encodeCallback(CONSENT, [agree ? 'y' : 'n', code]);
