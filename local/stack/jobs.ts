// Local runtime, steps 4 and 5: what runs without a request — the outbox relay (AWS: the table's stream) handing
// each event to the `topic` functions as SNS would, and the scheduled functions on the local clock, one of which
// `fireJob` runs now (its tasks on the in-process jobs queue, the relay drained after it).

import type { Repositories } from '../../shared/adapters/dynamodb/index.js';
import { DirectEventPublisher } from '../../shared/adapters/memory/direct-publisher.js';
import type { BackgroundFunctionDef } from '../../shared/config/functions.js';
import { BACKGROUND_FUNCTIONS } from '../../shared/config/functions.js';
import type { DomainEvent } from '../../shared/domain/events.js';
import { LocalClock } from '../clock.js';
import { type Line, prefixed } from '../console-log.js';
import type { JobRun } from '../control-protocol.js';
import { loadHandler } from '../functions.js';
import { lambdaContext, scheduledEvent, snsEvent } from '../lambda-events.js';
import { OutboxRelay } from '../outbox-relay.js';
import { LocalScheduler } from '../scheduler.js';
import type { LocalSettings } from '../settings.js';
import type { LocalFunctions } from './composition.js';
import type { Teardown } from './lifecycle.js';

export class UnknownJobError extends Error {
  override name = 'UnknownJobError';
}

export interface LocalJobs {
  relay: OutboxRelay;
  scheduler: LocalScheduler;
  fireJob: (name: string, now?: Date) => Promise<JobRun>;
}

/**
 * The outbox relay polls the table and publishes to the `topic` functions (the notifier). Queue functions (the
 * invitation worker) need nothing here: the bot's in-process invitation queue runs the same worker code.
 */
function outboxRelay(
  settings: LocalSettings,
  repos: Repositories,
  handlerOf: LocalFunctions['handlerOf'],
  write: Line,
): OutboxRelay {
  const publisher = new DirectEventPublisher(
    BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'topic').map(
      (def) => async (event: DomainEvent) => {
        const handler = await handlerOf(def);
        await handler(snsEvent('events', JSON.stringify(event), event.type), lambdaContext(def.name));
      },
    ),
  );
  const relayLog = prefixed('outbox', write);
  return new OutboxRelay(repos.outbox, publisher, {
    intervalMs: settings.relayIntervalMs,
    log: {
      info: (m, f) => relayLog(`${m} ${f.eventType} ${f.eventId}`),
      error: (m, f) =>
        relayLog(`${m} ${f.eventType} ${f.eventId} attempt=${f.attempt ?? 0} ${f.errorName ?? ''}`),
    },
  });
}

/**
 * The relay and the scheduled functions. A job's tasks run on the in-process jobs queue (no JOB_QUEUE_URL here),
 * on the job worker's code, and fireJob returns once it is drained. AWS-only functions (the outbox sweep: the
 * relay polls instead) are not scheduled here.
 */
export function localJobs(
  settings: LocalSettings,
  { repos, clock }: { repos: Repositories; clock: LocalClock },
  functions: LocalFunctions,
  write: Line,
): LocalJobs {
  const relay = outboxRelay(settings, repos, functions.handlerOf, write);
  const jobLog = prefixed('job', write);
  const scheduled = BACKGROUND_FUNCTIONS.filter((f) => f.trigger.kind === 'schedule' && !f.awsOnly);
  const fireJob = (name: string, now?: Date) =>
    runJob(scheduled, name, now ?? clock.now(), { settings, functions, relay, jobLog });
  const scheduler = new LocalScheduler(
    scheduled.map((def) => ({
      name: def.name,
      expression: (def.trigger as { expression: string }).expression,
      fire: async (time) => {
        await fireJob(def.name, time);
      },
    })),
    clock,
    (name, error) => jobLog(`${name} failed: ${error instanceof Error ? error.name : 'error'}`),
  );
  return { relay, scheduler, fireJob };
}

/** Starts the relay's polling and the schedules, last, once everything they call is up; both stop at teardown. */
export function startJobs(jobs: LocalJobs, teardown: Teardown): void {
  jobs.relay.start();
  teardown.add('outbox relay', () => jobs.relay.stop());
  jobs.scheduler.start();
  teardown.add('scheduler', () => jobs.scheduler.stop());
}

/** Runs one scheduled function as of `time`, then publishes the events it wrote. */
async function runJob(
  scheduled: readonly BackgroundFunctionDef[],
  name: string,
  time: Date,
  c: { settings: LocalSettings; functions: LocalFunctions; relay: OutboxRelay; jobLog: Line },
): Promise<JobRun> {
  const def = scheduled.find((f) => f.name === name);
  if (!def) {
    const known = scheduled.map((f) => f.name).join(', ') || 'none yet';
    throw new UnknownJobError(`No scheduled function "${name}" (known: ${known})`);
  }
  // The job runs as of `time`: it is the event's `scheduledTime` (as EventBridge Scheduler sends it)
  // and the clock of the handler's dependencies, so a handler honours --now whichever it reads.
  const asOf = new LocalClock(time);
  const handler = await loadHandler(c.settings.root, def.entry, () => ({ ...c.functions.deps, clock: asOf }));
  const started = Date.now();
  c.jobLog(`${name} fired as of ${time.toISOString()}`);
  const result = await handler(scheduledEvent(name, time), lambdaContext(name, 15 * 60_000));
  const eventsPublished = await c.relay.drain();
  const run: JobRun = { name, time: time.toISOString(), durationMs: Date.now() - started, eventsPublished };
  if (result !== undefined) run.result = result;
  c.jobLog(`${name} done in ${run.durationMs} ms, ${eventsPublished} events published`);
  return run;
}
