// unit tests: the scheduled jobs' slots (the firing's time truncated to the job's period, in Vietnam) and runs.
import { describe, expect, it } from 'vitest';
import { isRunComplete, jobRunId, jobSlot, meetingsByCommittee } from '../../../shared/domain/jobs.js';

describe('Function: jobSlot', () => {
  it('is the Vietnamese day for the daily jobs, so 23:30 UTC already belongs to the next day', () => {
    // Act / Assess
    expect(jobSlot('reminders', new Date('2026-06-17T01:00:00Z'))).toBe('2026-06-17');
    expect(jobSlot('absence-notices', new Date('2026-06-20T13:00:00Z'))).toBe('2026-06-20');
    expect(jobSlot('absence-notices', new Date('2026-06-20T17:30:00Z'))).toBe('2026-06-21');
  });

  it('is the Vietnamese year for the October report, so a retry days later is the same slot', () => {
    // Act / Assess
    expect(jobSlot('october-report', new Date('2026-10-31T10:00:00Z'))).toBe('2026');
    expect(jobSlot('october-report', new Date('2026-11-03T02:00:00Z'))).toBe('2026');
    expect(jobSlot('october-report', new Date('2026-12-31T17:30:00Z'))).toBe('2027');
    expect(jobRunId('october-report', '2026')).toBe('october-report:2026');
  });
});

describe('Function: isRunComplete', () => {
  it('is complete once every committee is done or failed', () => {
    // Act / Assess
    expect(isRunComplete({ total: 3, done: 2, failed: [] })).toBe(false);
    expect(isRunComplete({ total: 3, done: 2, failed: [{ orgId: 'a', errorName: 'Error' }] })).toBe(true);
    expect(isRunComplete({ total: 0, done: 0, failed: [] })).toBe(true);
  });
});

describe('Function: meetingsByCommittee', () => {
  it('groups the meetings of each committee once', () => {
    // Act
    const grouped = meetingsByCommittee([
      { id: 'a.2026.06', residenceOrgId: 'a' },
      { id: 'b.2026.06', residenceOrgId: 'b' },
      { id: 'a.2026.06', residenceOrgId: 'a' },
      { id: 'a.2025.10', residenceOrgId: 'a' },
    ]);

    // Assess
    expect(Object.fromEntries(grouped)).toEqual({ a: ['a.2026.06', 'a.2025.10'], b: ['b.2026.06'] });
  });
});
