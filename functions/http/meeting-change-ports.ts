// http: the ports of the meeting-change use cases (move, cancel, answer on behalf) out of the functions' deps —
// a move or cancellation only queues its telling (issue 19); an answer on behalf tells the member on their
// chat (the Telegram side built only when someone is to be told).

import type { OnBehalfPorts } from '../../shared/services/answers-on-behalf.js';
import type { MeetingChangeRequestPorts } from '../../shared/services/meeting-changes.js';
import { asBotAppDeps, lazyMessenger } from '../chat-deps.js';
import type { AppDeps } from '../deps.js';

export function meetingChangePortsOf(deps: AppDeps): MeetingChangeRequestPorts & OnBehalfPorts {
  const d = asBotAppDeps(deps);
  return {
    ...d.repos,
    queue: d.queue,
    messenger: lazyMessenger(d),
    clock: d.clock,
    log: d.logger,
  };
}
