import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HTTP_ROUTES } from '../../../shared/config/functions.js';

const repo = resolve(import.meta.dirname, '../../..');

describe('Config: HTTP_ROUTES', () => {
  it('names each route once, with one method and path each, and an entry file that exists', () => {
    const names = HTTP_ROUTES.map((r) => r.name);
    const keys = HTTP_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of HTTP_ROUTES) {
      expect(existsSync(resolve(repo, route.entry)), route.entry).toBe(true);
      expect(route.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    }
  });

  it('registers the introduction and contact-book routes with table grants only (events go through the outbox)', () => {
    const expected = {
      'POST /introductions': ['table:read', 'table:write'],
      'POST /introductions/import': ['table:read', 'table:write'],
      'POST /introductions/{id}/receive': ['table:read', 'table:write'],
      'POST /introductions/{id}/end': ['table:read', 'table:write'],
      'GET /introductions/{id}/letter.pdf': ['table:read'],
      'POST /members/{id}/travel-notices': ['table:read', 'table:write'],
      'POST /members/{id}/exemptions': ['table:read', 'table:write'],
      'GET /members/{id}/contact-book': ['table:read'],
      'GET /committees/{id}/members': ['table:read'],
    };
    for (const [key, grants] of Object.entries(expected)) {
      const route = HTTP_ROUTES.find((r) => `${r.method} ${r.path}` === key);
      expect(route, key).toBeDefined();
      expect(route?.auth).toBe(true);
      expect([...(route?.grants ?? [])]).toEqual(grants);
    }
  });
});
