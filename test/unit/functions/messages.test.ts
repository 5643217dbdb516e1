// Unit tests of the queue and topic message helpers: a body we did not write is dropped and logged by id, a
// task whose handling throws is reported for SQS to retry alone, the others are handled once each.
import type { SQSEvent, SQSRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { parseMessage, sqsBatch } from '../../../functions/middleware/messages.js';

const taskSchema = z.object({ orgId: z.string(), fail: z.boolean().optional() });

function record(messageId: string, body: string): SQSRecord {
  return { messageId, body } as SQSRecord;
}

describe('Function: parseMessage', () => {
  it('parses a JSON body of the right shape and gives undefined for anything else', () => {
    // Act & Assess
    expect(parseMessage(taskSchema, '{"orgId":"p-an-khanh"}')).toEqual({ orgId: 'p-an-khanh' });
    expect(parseMessage(taskSchema, '{"orgId":7}')).toBeUndefined();
    expect(parseMessage(taskSchema, 'not json')).toBeUndefined();
    expect(parseMessage(taskSchema, undefined)).toBeUndefined();
  });
});

describe('Function: sqsBatch', () => {
  it('handles each good task once, drops and logs a malformed one, and reports only the task that threw', async () => {
    // Prepare
    const event = {
      Records: [
        record('m1', '{"orgId":"a"}'),
        record('m2', '{"orgId":"b","fail":true}'),
        record('m3', '{"org":"c"}'),
        record('m4', '{"orgId":"d"}'),
      ],
    } as SQSEvent;
    const handled: string[] = [];
    const logged: [string, unknown][] = [];

    // Act
    const response = await sqsBatch(event, {
      schema: taskSchema,
      log: { error: (message, fields) => logged.push([message, fields]) },
      malformed: 'task malformed',
      handle: async (task, rec) => {
        if (task.fail) throw new Error('storage down');
        handled.push(`${rec.messageId}:${task.orgId}`);
      },
    });

    // Assess
    expect(handled.sort()).toEqual(['m1:a', 'm4:d']);
    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: 'm2' }] });
    expect(logged).toEqual([['task malformed', { messageId: 'm3' }]]);
  });
});
