// adapter: a minimal ZIP writer (deflate, no ZIP64) for the XLSX package; node:zlib does the compression.
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated; stored as UTF-8 (general purpose flag bit 11). */
  name: string;
  data: Uint8Array | string;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** 2.0: deflate; the upper byte 0 says "MS-DOS attributes", which we leave at 0. */
const VERSION = 20;
const FLAG_UTF8_NAMES = 0x0800;
const METHOD_DEFLATE = 8;
const MAX_UINT32 = 0xffffffff;
/** Vietnam keeps UTC+7 all year, so the archive's wall-clock times never depend on the machine's zone. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/**
 * MS-DOS date and time of an instant, as the wall clock in Vietnam shows it (ZIP stores no zone). DOS
 * time counts in 2-second steps and covers 1980–2107; instants outside are clamped to those ends.
 */
export function dosDateTime(instant: Date): { date: number; time: number } {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('ZIP entry date is not a valid date');
  const wall = new Date(ms + VIETNAM_OFFSET_MS);
  const year = wall.getUTCFullYear();
  if (year < 1980) return { date: (1 << 5) | 1, time: 0 };
  if (year > 2107) return { date: (127 << 9) | (12 << 5) | 31, time: (23 << 11) | (59 << 5) | 29 };
  return {
    date: ((year - 1980) << 9) | ((wall.getUTCMonth() + 1) << 5) | wall.getUTCDate(),
    time: (wall.getUTCHours() << 11) | (wall.getUTCMinutes() << 5) | (wall.getUTCSeconds() >> 1),
  };
}

/**
 * The archive: each entry's local header and deflated data, then the central directory and its end
 * record. Every entry carries the same date, so equal input gives byte-identical output.
 */
export function zip(entries: readonly ZipEntry[], modified: Date): Buffer {
  if (entries.length > 0xffff) throw new RangeError('too many ZIP entries (no ZIP64)');
  const { date, time } = dosDateTime(modified);
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;

  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const raw = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    const data = deflateRawSync(raw);
    const crc = crc32(raw);
    if (raw.length > MAX_UINT32 || offset > MAX_UINT32) throw new RangeError('ZIP too large (no ZIP64)');

    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL_HEADER, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(FLAG_UTF8_NAMES, 6);
    local.writeUInt16LE(METHOD_DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length

    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4); // made by
    header.writeUInt16LE(VERSION, 6); // needed to extract
    header.writeUInt16LE(FLAG_UTF8_NAMES, 8);
    header.writeUInt16LE(METHOD_DEFLATE, 10);
    header.writeUInt16LE(time, 12);
    header.writeUInt16LE(date, 14);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(raw.length, 24);
    header.writeUInt16LE(name.length, 28);
    // 30 extra length, 32 comment length, 34 disk number, 36 internal and 38 external attributes: all 0
    header.writeUInt32LE(offset, 42);
    central.push(header, name);

    chunks.push(local, name, data);
    offset += local.length + name.length + data.length;
  }

  const directorySize = central.reduce((sum, b) => sum + b.length, 0);
  if (offset > MAX_UINT32 || directorySize > MAX_UINT32) throw new RangeError('ZIP too large (no ZIP64)');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  // 4 this disk, 6 disk of the directory: 0
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(offset, 16);
  // 20 comment length: 0
  return Buffer.concat([...chunks, ...central, end]);
}
