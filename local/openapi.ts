// local: the HTTP API's OpenAPI 3.1 document, generated from what the routes really parse — each handler's
// zod schemas (zod 4 converts them to JSON Schema) and the registry's paths — plus a readable page of it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as z from 'zod';
import { HTTP_ROUTES, type HttpRouteDef } from '../shared/config/functions.js';

type JsonSchema = Record<string, unknown>;

interface RouteSpecLike {
  auth?: boolean;
  body?: z.ZodType;
  path?: z.ZodType;
  query?: z.ZodType;
  rawBody?: boolean;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  requestBody?: { required: boolean; content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: JsonSchema }> }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { securitySchemes: Record<string, unknown>; schemas: Record<string, JsonSchema> };
}

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string' },
        message: { type: 'string' },
        issues: { type: 'array', description: 'zod issues: path and a Vietnamese message each' },
        rule: { type: 'string' },
      },
    },
  },
};

/** What the schema accepts as input (transforms and refinements are not representable; the input shape is). */
function jsonSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
  }) as JsonSchema;
  return rest;
}

/** The first line of the handler file says what the route does: "// handler: POST /x — what it does." */
function summaryOf(root: string, route: HttpRouteDef): string {
  const first = readFileSync(resolve(root, route.entry), 'utf8').split('\n')[0] ?? '';
  const said = /—\s*(.+)$/.exec(first)?.[1];
  return said ?? `${route.method} ${route.path}`;
}

function parametersOf(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const json = jsonSchema(schema);
  const properties = (json.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

async function specOf(root: string, route: HttpRouteDef): Promise<RouteSpecLike | undefined> {
  const mod = (await import(pathToFileURL(resolve(root, route.entry)).href)) as {
    handler?: { spec?: RouteSpecLike };
  };
  return mod.handler?.spec;
}

function operationOf(
  route: HttpRouteDef,
  spec: RouteSpecLike | undefined,
  summary: string,
): OpenApiOperation {
  const parameters = [...parametersOf(spec?.path, 'path'), ...parametersOf(spec?.query, 'query')];
  const requestBody: OpenApiOperation['requestBody'] = spec?.rawBody
    ? {
        required: true,
        content: {
          'text/csv': { schema: { type: 'string', description: 'UTF-8 CSV, header row first' } },
          'application/json': { schema: { type: 'object', properties: { csv: { type: 'string' } } } },
        },
      }
    : spec?.body
      ? { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } }
      : undefined;
  const error = (description: string) => ({
    description,
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  });
  return {
    operationId: route.name,
    summary,
    tags: [route.group],
    ...(route.auth ? { security: [{ bearer: [] }] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    requestBody,
    responses: {
      '200': { description: 'Done; the body describes the result (201 when a record was created)' },
      '400': error('The input is not valid: the issues say which field and why (Vietnamese)'),
      ...(route.auth
        ? {
            '401': error('No valid bearer token'),
            '403': error('The caller may not do this for this committee or person'),
          }
        : {}),
      '404': error('Not found'),
      '409': error('Conflicts with the stored state (a version, a duplicate, a sealed record)'),
      '422': error('A rule of the guidance forbids it (`rule` names it for developers)'),
    },
  };
}

/** The document for the registered routes (all of them by default). */
export async function openApiDocument(
  root: string,
  routes: readonly HttpRouteDef[] = HTTP_ROUTES,
): Promise<OpenApiDocument> {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const spec = await specOf(root, route);
    // API Gateway's greedy `{path+}` is an ordinary parameter in OpenAPI.
    const path = route.path.replace(/\{(\w+)\+\}/g, '{$1}');
    paths[path] ??= {};
    (paths[path] as Record<string, OpenApiOperation>)[route.method.toLowerCase()] = operationOf(
      route,
      spec,
      summaryOf(root, route),
    );
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Liên hệ nơi cư trú — HTTP API',
      version: '1',
      description:
        'Generated from the routes registered in shared/config/functions.ts and the zod schemas their handlers parse. ' +
        'Bearer tokens: Cognito in AWS (docs/deploy.md), the sample tokens `npm start` prints locally.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: ERROR_SCHEMA },
    },
  };
}

const html = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);

/** A plain page of the document: every route with its parameters and body schema, nothing to install. */
export function openApiPage(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, op]) => {
      const params = (op.parameters ?? [])
        .map((p) => `<li><code>${html(p.name)}</code> (${p.in}${p.required ? ', required' : ''})</li>`)
        .join('');
      const body = op.requestBody
        ? Object.entries(op.requestBody.content)
            .map(
              ([type, { schema }]) =>
                `<p>${html(type)}</p><pre>${html(JSON.stringify(schema, null, 2))}</pre>`,
            )
            .join('')
        : '';
      return `<section id="${html(op.operationId)}"><h2><code>${method.toUpperCase()} ${html(path)}</code></h2>
<p>${html(op.summary)}${op.security ? ' — bearer token' : ' — no token'}</p>${params ? `<ul>${params}</ul>` : ''}${body}</section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(doc.info.title)}</title>
<style>body{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}pre{background:#f4f4f4;padding:.5rem;overflow:auto}section{border-top:1px solid #ddd}</style>
</head><body><h1>${html(doc.info.title)}</h1><p>${html(doc.info.description)} Machine-readable: <a href="/openapi.json">/openapi.json</a>.</p>
${sections.join('\n')}</body></html>`;
}
