// http: the ports of the meeting-change use cases (move, cancel, answer on behalf) out of the functions' deps —
// the members are told on their chats (the Telegram side built only when someone is to be told) or by phone.

import type { OnBehalfPorts } from '../../shared/services/answers-on-behalf.js';
import type { MeetingChangePorts } from '../../shared/services/meeting-changes.js';
import { asBotAppDeps, lazyMessenger } from '../bot-deps.js';
import type { AppDeps } from '../deps.js';

export function meetingChangePortsOf(deps: AppDeps): MeetingChangePorts & OnBehalfPorts {
  const d = asBotAppDeps(deps);
  return {
    ...d.repos,
    messenger: lazyMessenger(d),
    sms: d.sms,
    ...(d.zns ? { zns: d.zns } : {}),
    clock: d.clock,
    log: d.logger,
  };
}
