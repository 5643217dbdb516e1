// Unit: the logger — Powertools Logger with our allow-list formatter: invocation keys kept, anything else
// dropped, and errors reduced to a name, a masked message and a stack.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger, maskForeignText, safeError } from '../../../shared/adapters/logger.js';
import { ConflictError } from '../../../shared/domain/errors.js';
import { lambdaContext } from '../../support/http.js';
import { type CapturedOutput, captureOutput } from '../../support/output.js';

const NAME = 'Nguyễn Thị Bảo Mật';
const PHONE = '0987654321';
const REASON = 'Mổ ruột thừa tại Bệnh viện Chợ Rẫy';

describe('Adapter: createLogger (Powertools Logger, allow-list formatter)', () => {
  let output: CapturedOutput | undefined;
  afterEach(() => {
    output?.restore();
    vi.unstubAllEnvs();
  });

  it('keeps level, request id, function, cold start, service, correlation id and allowed fields; drops the rest', () => {
    // Prepare: Lambda marks an on-demand environment (Powertools reports a cold start only there).
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand');
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line), { serviceName: 'lienhe-test' });
    const context = lambdaContext();

    // Act
    log.startInvocation(context, 812_345_678);
    log.info('rsvp recorded', {
      meetingId: 'an-hoa.2026.06',
      memberId: 'm-001',
      count: 1,
      fullName: NAME,
      phone: PHONE,
      reason: REASON,
    } as Record<string, string | number>);
    log.endInvocation();
    log.startInvocation(context, 'second');
    log.warn('again');

    // Assess
    const [first, second] = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(first).toEqual({
      level: 'INFO',
      message: 'rsvp recorded',
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      service: 'lienhe-test',
      cold_start: true,
      function_name: 'test',
      function_request_id: context.awsRequestId,
      correlation_id: '812345678',
      meetingId: 'an-hoa.2026.06',
      memberId: 'm-001',
      count: 1,
    });
    expect(second).toMatchObject({ level: 'WARN', cold_start: false, correlation_id: 'second' });
    expect(lines.join('\n')).not.toMatch(/Nguyễn|0987654321|ruột/);
  });

  it('forgets the correlation id when the invocation ends', () => {
    // Prepare
    const lines: string[] = [];
    const log = createLogger((line) => lines.push(line));

    // Act
    log.startInvocation(undefined, 'job-run-1');
    log.endInvocation();
    log.info('between invocations');

    // Assess
    expect(JSON.parse(lines[0] ?? '{}')).not.toHaveProperty('correlation_id');
  });

  it('prints to stdout as in Lambda when no sink is given, errors with a name, a masked message and a stack', () => {
    // Prepare
    const log = createLogger(undefined, { serviceName: 'lienhe-test' });
    let parseError: unknown;
    try {
      JSON.parse(`${NAME} ${PHONE}`);
    } catch (error) {
      parseError = error;
    }
    output = captureOutput();

    // Act
    log.error('unhandled error', { route: 'POST /x' }, parseError);
    output.restore();

    // Assess
    const [line] = output.json();
    expect(line).toMatchObject({ level: 'ERROR', message: 'unhandled error', route: 'POST /x' });
    const error = line?.error as { name: string; message: string; stack: string };
    expect(error.name).toBe('SyntaxError');
    expect(error.message).toContain('is not valid JSON');
    expect(error.stack).toMatch(/^SyntaxError: .*\n\s+at /);
    expect(output.text()).not.toMatch(/Nguyễn|Bảo|0987654321/);
  });
});

describe('Adapter: safeError / maskForeignText', () => {
  it('keeps fixed-text messages whole and masks quoted input, digit runs and Vietnamese words', () => {
    // Assess
    expect(maskForeignText('The conditional request failed')).toBe('The conditional request failed');
    expect(maskForeignText("Cannot read properties of undefined (reading 'fullName')")).toBe(
      "Cannot read properties of undefined (reading 'fullName')",
    );
    expect(maskForeignText(`Unexpected token 'N', "Nguyen Van A" is not valid JSON`)).toBe(
      `Unexpected token 'N', "…" is not valid JSON`,
    );
    expect(maskForeignText(`call +84 987 654 321 or ${PHONE}`)).toBe('call … or …');
    expect(maskForeignText(`member ${NAME} absent`)).toBe('member … … … … absent');
  });

  it('logs nothing an error carries besides name, message, stack, code and cause', () => {
    // Prepare: what the AWS SDK throws on a failed condition with ReturnValuesOnConditionCheckFailure.
    const aws = Object.assign(new Error('The conditional request failed'), {
      name: 'ConditionalCheckFailedException',
      $fault: 'client',
      Item: { fullName: { S: NAME }, phone: { S: PHONE } },
    });
    const ours = new ConflictError(
      {
        vi: 'Có người khác vừa thay đổi cùng dữ liệu',
        en: 'A concurrent change won (conditions failed at 0)',
      },
      'conflict',
    );
    (ours as { cause?: unknown }).cause = aws;

    // Act
    const safe = safeError(ours);

    // Assess
    expect(safe).toMatchObject({
      name: 'ConflictError',
      message: 'Có người khác vừa thay đổi cùng dữ liệu',
      code: 'conflict',
      cause: { name: 'ConditionalCheckFailedException', message: 'The conditional request failed' },
    });
    expect(JSON.stringify(safe)).not.toMatch(/Nguyễn|0987654321|Item/);
  });
});
