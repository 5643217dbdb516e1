// unit tests: the stream's outbox batch relayed in order — a malformed item is logged by its key and passed, the
// first event that cannot be published stops the batch and names its position, and nothing after it is sent.
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../../shared/domain/events.js';
import type { Log } from '../../../shared/ports/log.js';
import { relayInOrder } from '../../../shared/services/outbox-relay.js';
import { anEvent } from '../../support/builders.js';

describe('Use case: relayInOrder', () => {
  it('publishes in order, passes a malformed item, and stops at the first failure', async () => {
    // Prepare
    const published: string[] = [];
    const sent: string[] = [];
    const errors: string[] = [];
    const log: Log = {
      info: () => undefined,
      warn: () => undefined,
      error: (message, fields) => errors.push(`${message} ${fields?.eventId}`),
    };
    const event = (id: string): DomainEvent => anEvent('RsvpRecorded', id);
    const publisher = {
      publish: async (e: DomainEvent) => {
        if (e.id === 'e3') throw new Error('Throttling');
        published.push(e.id);
      },
    };

    // Act
    const failed = await relayInOrder(
      [
        { position: '1', itemKey: 'EVENT#e1', event: event('e1') },
        { position: '2', itemKey: 'EVENT#bad', event: undefined },
        { position: '3', itemKey: 'EVENT#e3', event: event('e3') },
        { position: '4', itemKey: 'EVENT#e4', event: event('e4') },
      ],
      { markSent: async (id) => void sent.push(id) },
      publisher,
      log,
    );

    // Assess
    expect(failed).toBe('3');
    expect(published).toEqual(['e1']);
    expect(sent).toEqual(['e1']);
    expect(errors).toEqual(['outbox item malformed EVENT#bad']);
  });
});
