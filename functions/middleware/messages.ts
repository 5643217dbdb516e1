// middleware: queue and topic messages — a message's JSON body parsed with its schema, and an SQS batch run
// record by record side by side with a partial batch response. The handlers of the job worker, the invitation
// worker and the notifier share it instead of each parsing by hand.
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import type { Log } from '../../shared/ports/log.js';

/** The message's body parsed with its schema; undefined for a body we did not write (not JSON, wrong shape). */
export function parseMessage<T>(schema: z.ZodType<T>, body: string | undefined): T | undefined {
  if (body === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export interface SqsBatchOptions<T> {
  schema: z.ZodType<T>;
  log: Pick<Log, 'error'>;
  /** The log line for a message we did not write (it is dropped: retrying cannot help). */
  malformed: string;
  /** Handles one task; a throw puts the record in the batch's failures, so SQS retries it alone. */
  handle: (task: T, record: SQSRecord) => Promise<void>;
}

/** Runs every record of the batch side by side; reports the ones whose handling threw. */
export async function sqsBatch<T>(event: SQSEvent, options: SqsBatchOptions<T>): Promise<SQSBatchResponse> {
  const failures: SQSBatchResponse['batchItemFailures'] = [];
  await Promise.all(
    event.Records.map(async (record) => {
      const task = parseMessage(options.schema, record.body);
      if (task === undefined) {
        options.log.error(options.malformed, { messageId: record.messageId });
        return;
      }
      try {
        await options.handle(task, record);
      } catch {
        failures.push({ itemIdentifier: record.messageId });
      }
    }),
  );
  return { batchItemFailures: failures };
}
