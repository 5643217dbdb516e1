// Local runtime: the event and context shapes AWS hands to Lambda (API Gateway v2, EventBridge Scheduler, SNS, SQS), built locally.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context, SNSEvent, SQSEvent, SQSRecord } from 'aws-lambda';
import type { ScheduledJobEvent } from '../shared/config/functions.js';

export const LOCAL_REGION = 'ap-southeast-1';
export const LOCAL_ACCOUNT = '000000000000';

/** A Lambda context good enough for middy and for handlers that read the request id or the time left. */
export function lambdaContext(functionName: string, timeoutMs = 30_000): Context {
  const deadline = Date.now() + timeoutMs;
  const fail = (error?: Error | string) => {
    throw error instanceof Error ? error : new Error(String(error));
  };
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${LOCAL_REGION}:${LOCAL_ACCOUNT}:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: (error) => fail(error),
    fail,
    succeed: () => undefined,
  };
}

export interface HttpRequestInput {
  method: string;
  /** The path and query as received, e.g. `/introductions?status=issued`. */
  url: string;
  /** Node's lower-cased headers. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  routeKey: string;
  pathParameters?: Record<string, string>;
  sourceIp?: string;
  domainName: string;
}

/** Content types API Gateway passes as text; anything else arrives base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return (
    type.startsWith('text/') ||
    type === 'application/json' ||
    type.endsWith('+json') ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/xml' ||
    type === 'application/javascript'
  );
}

/** The API Gateway HTTP API (payload format 2.0) event for one request. */
export function httpApiEvent(input: HttpRequestInput): APIGatewayProxyEventV2 {
  const url = new URL(input.url, 'http://local');
  const headers: Record<string, string> = {};
  let cookies: string[] | undefined;
  for (const [name, value] of Object.entries(input.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      cookies = (Array.isArray(value) ? value : [value]).flatMap((c) => c.split(/;\s*/)).filter(Boolean);
      continue;
    }
    // API Gateway v2 joins repeated headers with commas.
    headers[lower] = Array.isArray(value) ? value.join(',') : value;
  }
  const query: Record<string, string> = {};
  for (const key of new Set(url.searchParams.keys())) query[key] = url.searchParams.getAll(key).join(',');
  const now = new Date();
  const textual = isTextual(headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: input.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: 'local',
      domainName: input.domainName,
      domainPrefix: input.domainName.split('.')[0] ?? 'local',
      http: {
        method: input.method,
        path: url.pathname,
        protocol: 'HTTP/1.1',
        sourceIp: input.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: input.routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    isBase64Encoded: input.body.length > 0 && !textual,
  };
  if (cookies) event.cookies = cookies;
  if (Object.keys(query).length > 0) event.queryStringParameters = query;
  if (input.pathParameters && Object.keys(input.pathParameters).length > 0) {
    event.pathParameters = input.pathParameters;
  }
  if (input.body.length > 0) event.body = input.body.toString(textual ? 'utf8' : 'base64');
  return event;
}

/**
 * What EventBridge Scheduler sends a `schedule` function (the input the CDK app gives each schedule):
 * `scheduledTime` is the slot being run, which the job handlers take as "now" — so
 * `npm run job -- <name> --now <date>` runs a job as of that date.
 */
export function scheduledEvent(functionName: string, time: Date): ScheduledJobEvent {
  return { job: functionName, scheduledTime: time.toISOString(), executionId: randomUUID() };
}

/** One SNS notification as a topic subscription receives it. */
export function snsEvent(topicName: string, message: string, subject?: string): SNSEvent {
  const topicArn = `arn:aws:sns:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${topicName}`;
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: `${topicArn}:${randomUUID()}`,
        Sns: {
          Type: 'Notification',
          MessageId: randomUUID(),
          TopicArn: topicArn,
          Subject: subject ?? '',
          Message: message,
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: 'local',
          SigningCertUrl: 'http://127.0.0.1/local.pem',
          UnsubscribeUrl: 'http://127.0.0.1/unsubscribe',
          MessageAttributes: {},
        },
      },
    ],
  };
}

/** A batch of SQS messages as a queue-triggered function receives it. */
export function sqsEvent(
  queueName: string,
  messages: readonly { body: string; id?: string; attributes?: Record<string, string> }[],
): SQSEvent {
  const queueArn = `arn:aws:sqs:${LOCAL_REGION}:${LOCAL_ACCOUNT}:${queueName}`;
  const now = String(Date.now());
  return {
    Records: messages.map(
      (m): SQSRecord => ({
        messageId: m.id ?? randomUUID(),
        receiptHandle: randomUUID(),
        body: m.body,
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: now,
          SenderId: LOCAL_ACCOUNT,
          ApproximateFirstReceiveTimestamp: now,
        },
        messageAttributes: Object.fromEntries(
          Object.entries(m.attributes ?? {}).map(([k, v]) => [k, { stringValue: v, dataType: 'String' }]),
        ),
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: queueArn,
        awsRegion: LOCAL_REGION,
      }),
    ),
  };
}
