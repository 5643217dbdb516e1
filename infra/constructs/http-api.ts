// infra: the HTTP API — JWT authorizer by default, its $default stage with throttling and access logs (ids and
// outcomes only), one Lambda integration per HTTP group and a route per registered route. Created in the
// stack's own scope so the logical ids are those the stack always had.
import type { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import type { HttpGroupDef, HttpRouteDef } from '../../shared/config/functions.js';
import type { StageConfig } from '../config.js';
import { acknowledge } from '../nag.js';
import type { TokenIssuer } from './identity.js';
import { pascal } from './names.js';

/** Ids, route and outcome only: no source IP, no query string, nothing personal. */
const ACCESS_LOG_FORMAT = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationStatus: '$context.integrationStatus',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
};

/**
 * The API and its stage. JWT authorizer on every route except those registered with auth: false (the Telegram
 * webhook, which grammY authenticates by its secret token header; the Zalo webhook, by its signature).
 */
export function createHttpApi(
  scope: Stack,
  stage: StageConfig,
  jwt: TokenIssuer,
): { api: HttpApi; apiStage: HttpStage } {
  const api = new HttpApi(scope, 'HttpApi', {
    apiName: `${stage.prefix}-api`,
    description: 'Liên hệ nơi cư trú: HTTP API and Telegram webhook',
    createDefaultStage: false,
    defaultAuthorizer: new HttpJwtAuthorizer('JwtAuthorizer', jwt.issuer, { jwtAudience: [jwt.audience] }),
  });
  const accessLogs = new LogGroup(scope, 'ApiAccessLogs', {
    retention: stage.logRetention,
    removalPolicy: stage.logRemovalPolicy,
  });
  const apiStage = new HttpStage(scope, 'ApiStage', {
    httpApi: api,
    stageName: '$default',
    autoDeploy: true,
    throttle: { rateLimit: 100, burstLimit: 200 },
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FORMAT)),
    },
  });
  return { api, apiStage };
}

/**
 * The routes of one HTTP group on its function. One integration and one invoke permission (any route of this
 * API) per group function, not per route: 2 resources per group instead of 2 per route (docs/architecture.md,
 * "Resource budget").
 */
export function addGroupRoutes(
  api: HttpApi,
  group: HttpGroupDef,
  routes: readonly HttpRouteDef[],
  fn: IFunction,
): void {
  const integration = new HttpLambdaIntegration(`${pascal(group.name)}Integration`, fn, {
    scopePermissionToRoute: false,
  });
  for (const route of routes.filter((r) => r.group === group.name)) addRoute(api, route, integration);
}

/** A route of the API, behind the JWT authorizer unless it is registered with auth: false. */
function addRoute(api: HttpApi, route: HttpRouteDef, integration: HttpLambdaIntegration): void {
  const routes = api.addRoutes({
    path: route.path,
    methods: [HttpMethod[route.method]],
    integration,
    ...(route.auth ? {} : { authorizer: new HttpNoneAuthorizer() }),
  });
  if (route.auth) return;
  const reason = route.path.startsWith('/zalo/')
    ? 'Called by Zalo, which cannot send a JWT: the handler rejects any event whose X-ZEvent-Signature ' +
      '(SHA-256 with the OA secret key) does not match or whose timestamp is stale (docs/zalo.md).'
    : 'Called by Telegram, which cannot send a JWT: the handler rejects any request without the ' +
      'X-Telegram-Bot-Api-Secret-Token header set when the webhook was registered (docs/deploy.md).';
  for (const r of routes) acknowledge(r, 'AwsSolutions-APIG4', reason);
}
