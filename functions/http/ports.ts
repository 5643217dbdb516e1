// composition: the use cases' ports, picked from the process-wide dependencies.
import type { ContactBookPorts } from '../../shared/services/contact-book.js';
import type { IntroductionPorts } from '../../shared/services/introductions.js';
import type { AppDeps } from '../deps.js';

export function introductionPorts(deps: AppDeps): IntroductionPorts {
  const { committees, members, introductions, staff, counters } = deps.repos;
  return { committees, members, introductions, staff, counters, clock: deps.clock, ids: deps.ids };
}

export function contactBookPorts(deps: AppDeps): ContactBookPorts {
  const { committees, members, introductions, invitations, comments, evaluations, yearEnd } = deps.repos;
  return {
    committees,
    members,
    introductions,
    invitations,
    comments,
    evaluations,
    yearEnd,
    clock: deps.clock,
  };
}
