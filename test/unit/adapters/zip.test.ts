// The XLSX package's ZIP writer, read back by an independent reader (its own CRC-32 table) and by `unzip -t`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dosDateTime, zip } from '../../../shared/adapters/documents/xlsx/zip.js';
import { readZip, tableCrc32 } from '../../support/zip-reader.js';

const WHEN = new Date('2026-10-31T17:30:11Z'); // 00:30:11 on 1 November in Vietnam
const ENTRIES = [
  { name: '[Content_Types].xml', data: '<Types/>' },
  { name: 'báo cáo/Đảng viên.txt', data: 'Nguyễn Thị Hằng — Phường Bến Thành\n' },
  { name: 'empty', data: '' },
  { name: 'bytes.bin', data: Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 251) },
  { name: 'repeated.txt', data: 'Có mặt;'.repeat(20_000) },
];

const asBuffer = (data: string | Uint8Array) => (typeof data === 'string' ? Buffer.from(data) : data);

describe('Function: zip', () => {
  it('writes every entry in order, deflated, with its UTF-8 name, contents and CRC-32', () => {
    // Act
    const archive = zip(ENTRIES, WHEN);
    const entries = readZip(archive);

    // Assess
    expect(entries.map((e) => e.name)).toEqual(ENTRIES.map((e) => e.name));
    entries.forEach((entry, i) => {
      const expected = asBuffer(ENTRIES[i]?.data ?? '');
      expect(entry.data.equals(Buffer.from(expected)), entry.name).toBe(true);
      expect(entry.crc, entry.name).toBe(tableCrc32(expected));
      expect(entry.method).toBe(8);
      expect(entry.flags & 0x0800, 'UTF-8 name flag').toBe(0x0800);
    });
    expect(archive.length).toBeLessThan(70_000 + 20_000); // the repeated text compresses
  });

  it('passes `unzip -t` (when the machine has unzip)', () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
    const file = join(dir, 'test.zip');
    writeFileSync(file, zip(ENTRIES, WHEN));

    try {
      // Act
      const result = spawnSync('unzip', ['-t', file], { encoding: 'utf8' });

      // Assess: an absent binary is the only way out; the reader above checks the CRCs either way
      if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return;
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(result.stdout).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('stamps every entry with the date as the wall clock in Vietnam shows it', () => {
    // Act
    const entries = readZip(zip(ENTRIES, WHEN));

    // Assess: 2026-11-01 00:30:10 (DOS time counts in 2-second steps)
    for (const e of entries) {
      expect(e.dosDate).toBe(((2026 - 1980) << 9) | (11 << 5) | 1);
      expect(e.dosTime).toBe((0 << 11) | (30 << 5) | 5);
    }
  });

  it('gives byte-identical archives for equal input, and different ones for a different date', () => {
    // Act
    const first = zip(ENTRIES, WHEN);
    const second = zip(
      ENTRIES.map((e) => ({ ...e })),
      new Date(WHEN),
    );
    const later = zip(ENTRIES, new Date(WHEN.getTime() + 60_000));

    // Assess
    expect(first.equals(second)).toBe(true);
    expect(first.equals(later)).toBe(false);
  });
});

describe('Function: dosDateTime', () => {
  it('clamps instants outside 1980–2107 to those ends and refuses an invalid date', () => {
    // Act
    const early = dosDateTime(new Date('1970-01-01T00:00:00Z'));
    const late = dosDateTime(new Date('2200-01-01T00:00:00Z'));

    // Assess
    expect(early).toEqual({ date: (0 << 9) | (1 << 5) | 1, time: 0 });
    expect(late.date).toBe((127 << 9) | (12 << 5) | 31);
    expect(() => dosDateTime(new Date('not a date'))).toThrow(RangeError);
  });
});
