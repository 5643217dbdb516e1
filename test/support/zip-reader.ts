// test support: reads a ZIP archive back independently of the writer — its own CRC-32 table, the end
// record, the central directory and each local header — so the tests check the bytes, not the writer's maths.
import { inflateRawSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

export function tableCrc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const b of bytes) crc = (CRC_TABLE[(crc ^ b) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ReadEntry {
  name: string;
  data: Buffer;
  flags: number;
  method: number;
  /** The CRC-32 stored in the central directory (the local header's is checked equal). */
  crc: number;
  dosDate: number;
  dosTime: number;
}

/** Reads every entry; throws where the local header and the central directory disagree. */
export function readZip(archive: Buffer): ReadEntry[] {
  const end = archive.length - 22;
  if (archive.readUInt32LE(end) !== 0x06054b50) throw new Error('no end of central directory record');
  const count = archive.readUInt16LE(end + 10);
  const directorySize = archive.readUInt32LE(end + 12);
  let at = archive.readUInt32LE(end + 16);
  if (at + directorySize !== end) throw new Error('central directory does not end at the end record');
  const entries: ReadEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`entry ${i}: no central header`);
    const flags = archive.readUInt16LE(at + 8);
    const method = archive.readUInt16LE(at + 10);
    const dosTime = archive.readUInt16LE(at + 12);
    const dosDate = archive.readUInt16LE(at + 14);
    const crc = archive.readUInt32LE(at + 16);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const skip = archive.readUInt16LE(at + 30) + archive.readUInt16LE(at + 32);
    const offset = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    at += 46 + nameLength + skip;

    if (archive.readUInt32LE(offset) !== 0x04034b50) throw new Error(`${name}: no local header`);
    const local = {
      flags: archive.readUInt16LE(offset + 6),
      method: archive.readUInt16LE(offset + 8),
      crc: archive.readUInt32LE(offset + 14),
      compressedSize: archive.readUInt32LE(offset + 18),
      size: archive.readUInt32LE(offset + 22),
      name: archive.subarray(offset + 30, offset + 30 + archive.readUInt16LE(offset + 26)).toString('utf8'),
    };
    if (JSON.stringify(local) !== JSON.stringify({ flags, method, crc, compressedSize, size, name }))
      throw new Error(`${name}: local header and central directory disagree`);
    const start = offset + 30 + Buffer.byteLength(name) + archive.readUInt16LE(offset + 28);
    const stored = archive.subarray(start, start + compressedSize);
    const data = method === 8 ? inflateRawSync(stored) : Buffer.from(stored);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, header says ${size}`);
    entries.push({ name, data, flags, method, crc, dosDate, dosTime });
  }
  return entries;
}
