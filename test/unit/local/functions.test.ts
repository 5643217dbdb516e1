// Unit tests of the local stack's handler loader: the stack's dependencies go through the module's factory.
import { describe, expect, it } from 'vitest';
import { loadHandler } from '../../../local/functions.js';
import { lambdaContext } from '../../../local/lambda-events.js';
import { REPO_ROOT } from '../../../local/settings.js';

const context = lambdaContext('test');
const deps = () => ({ greeting: 'Xin chào' });

describe('Function: loadHandler', () => {
  it('builds the handler with createHandler(deps) when the module has it', async () => {
    // Act
    const handler = await loadHandler(REPO_ROOT, 'test/fixtures/local-handlers/factory.ts', deps);

    // Assess
    expect(await handler({ name: 'An' }, context)).toBe('Xin chào, An');
  });

  it('takes another create…Handler factory when that is the only one', async () => {
    // Act
    const handler = await loadHandler(REPO_ROOT, 'test/fixtures/local-handlers/named-factory.ts', deps);

    // Assess
    expect(await handler({}, context)).toBe('Xin chào from the webhook');
  });

  it('falls back to the Lambda handler export', async () => {
    // Act
    const handler = await loadHandler(REPO_ROOT, 'test/fixtures/local-handlers/plain.ts', deps);

    // Assess
    expect(await handler({ n: 21 }, context)).toBe(42);
  });
});
