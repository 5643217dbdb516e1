// Integration: the OpenAPI 3.1 document is generated from the registered routes and the zod schemas their
// handlers parse — every route is in it, with its parameters, body and security — and reads as a page.
import { beforeAll, describe, expect, it } from 'vitest';
import { type OpenApiDocument, openApiDocument, openApiPage } from '../../../local/openapi.js';
import { HTTP_ROUTES } from '../../../shared/config/functions.js';

const ROOT = new URL('../../../', import.meta.url).pathname;

describe('Function: openApiDocument', () => {
  let doc: OpenApiDocument;

  beforeAll(async () => {
    doc = await openApiDocument(ROOT);
  });

  it('holds every registered route, once, under its method', () => {
    // Act
    const listed = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    );

    // Assess
    expect(doc.openapi).toBe('3.1.0');
    expect(listed.sort()).toEqual(
      HTTP_ROUTES.map((r) => `${r.method} ${r.path.replace(/\{(\w+)\+\}/g, '{$1}')}`).sort(),
    );
  });

  it("describes a route's body, path parameters and token from its handler's schemas", () => {
    // Act
    const create = doc.paths['/committees']?.post;
    const move = doc.paths['/committees/{id}/move']?.post;
    const body = create?.requestBody?.content['application/json']?.schema as {
      required?: string[];
      properties?: Record<string, unknown>;
    };

    // Assess
    expect(create?.summary).not.toBe('POST /committees');
    expect(create?.security).toEqual([{ bearer: [] }]);
    expect(body.required).toEqual(expect.arrayContaining(['id', 'name', 'kind', 'parentId']));
    expect(Object.keys(body.properties ?? {})).toContain('hamlets');
    expect(move?.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path', required: true })]);
    expect(move?.responses['400']).toBeDefined();
  });

  it("describes the report narrative's body: three optional texts (issue 17)", () => {
    // Act
    const put = doc.paths['/committees/{id}/reports/{year}/narrative']?.put;
    const body = put?.requestBody?.content['application/json']?.schema as {
      required?: string[];
      properties?: Record<string, { type?: string }>;
    };

    // Assess
    expect(Object.keys(body.properties ?? {})).toEqual(['assessment', 'difficulties', 'proposals']);
    expect(body.properties?.assessment?.type).toBe('string');
    expect(body.required ?? []).toEqual([]);
    expect(doc.paths['/committees/{id}/reports/{year}/narrative']?.get?.security).toEqual([{ bearer: [] }]);
  });

  it('takes a CSV where a route reads its raw body, and asks no token of the webhook', () => {
    // Act
    const imported = doc.paths['/committees/import']?.post;
    const webhook = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .find((op) => op.operationId === 'telegram-webhook');

    // Assess
    expect(Object.keys(imported?.requestBody?.content ?? {})).toContain('text/csv');
    expect(webhook?.security).toBeUndefined();
  });

  it('renders a page with every route and escapes what it prints', () => {
    // Act
    const page = openApiPage(doc);

    // Assess
    for (const route of HTTP_ROUTES) expect(page).toContain(`id="${route.name}"`);
    expect(page).not.toMatch(/<script/i);
  });
});
