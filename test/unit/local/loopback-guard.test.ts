// Unit: who may call the local development tools — tools without an Origin, the chat page's own origin,
// and nothing under a Host that is not a loopback name.
import { describe, expect, it } from 'vitest';
import { pageOrigins, refusalOf } from '../../../local/loopback-guard.js';

const allowed = new Set(pageOrigins(3000));
const request = (headers: Record<string, string>) => ({ headers });

describe('Function: refusalOf', () => {
  it.each([
    ['the bot or curl (no Origin)', { host: '127.0.0.1:8081' }, undefined],
    ['the chat page by IP', { host: '127.0.0.1:8081', origin: 'http://127.0.0.1:3000' }, undefined],
    ['the chat page by name', { host: 'localhost:8081', origin: 'http://localhost:3000' }, undefined],
    ['another page', { host: '127.0.0.1:8081', origin: 'https://evil.example' }, 'origin not allowed'],
    [
      'a page on another local port',
      { host: '127.0.0.1:8081', origin: 'http://127.0.0.1:5173' },
      'origin not allowed',
    ],
    ['a DNS-rebinding page', { host: 'evil.example:8081' }, 'unknown host'],
    ['IPv6 loopback', { host: '[::1]:8081' }, undefined],
  ])('%s', (_who, headers, refusal) => {
    // Act + Assess
    expect(refusalOf(request(headers), '127.0.0.1', allowed)).toBe(refusal);
  });

  it('does not judge Host names when the server listens beyond loopback', () => {
    // Act + Assess
    expect(refusalOf(request({ host: 'laptop.lan:8081' }), '0.0.0.0', allowed)).toBeUndefined();
  });
});
