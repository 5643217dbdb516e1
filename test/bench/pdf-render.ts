// Bench: render time of the biggest PDF the documents-pdf group serves — the minutes of a meeting of 500 and
// of 2,000 members (every row printed, 10 % absent with reasons, 20 comments), first render (fonts read and
// subset) and the median of the next ones, against the group's deployed timeout (HTTP_GROUPS).
// Run: npx tsx test/bench/pdf-render.ts
import { createMinutesPdfRenderer } from '../../shared/adapters/documents/minutes-pdf.js';
import { HTTP_GROUPS } from '../../shared/config/functions.js';
import { MINUTES_PARTS, type RecordedComment } from '../../shared/domain/minutes.js';
import type { MinutesPdfInput } from '../../shared/ports/minutes-pdf.js';

const family = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ'];
const given = ['An', 'Ánh', 'Bình', 'Châu', 'Dũng', 'Đạt', 'Giang', 'Hòa', 'Khánh', 'Ương'];
const LONG =
  'Chi bộ đã quán triệt nghị quyết, phân công đảng viên theo dõi từng tổ dân phố và báo cáo kết quả. ';

function minutesOf(members: number): MinutesPdfInput {
  const rows = Array.from({ length: members }, (_, i) => ({
    memberId: `m-${i}`,
    name: `${family[i % 10]} Thị ${given[(i * 7) % 10]} ${given[(i * 3) % 10]}`,
    present: i % 10 !== 0,
  }));
  const absentees = rows
    .filter((r) => !r.present)
    .map((r, i) => ({
      memberId: r.memberId,
      name: r.name,
      status: 'confirmed' as const,
      reason: { category: 'work' as const, text: `Đi công tác tỉnh ${i}` },
    }));
  const comment = (i: number): RecordedComment => ({
    commentId: `c-${i}`,
    memberId: `m-${i}`,
    authorName: rows[i]?.name ?? 'Ẩn danh',
    topic: 'Vệ sinh môi trường',
    text: LONG.repeat(2),
    answer: { status: 'done', text: LONG },
  });
  return {
    meetingId: `ward-1.2026.10`,
    record: {
      meeting: {
        residenceOrgId: 'ward-1',
        committeeName: 'Chi bộ khu vực 1, phường An Hòa',
        year: 2026,
        round: 'october',
        date: '2026-10-10',
        time: '19:30',
        place: 'Nhà văn hóa khu vực 1',
        chairName: 'Trần Văn Chủ',
      },
      attendance: { total: members, present: members - absentees.length, absent: absentees.length },
      rows,
      absentees,
      previousComments: Array.from({ length: 10 }, (_, i) => comment(i)),
      comments: Array.from({ length: 10 }, (_, i) => comment(i + 10)),
      commendations: rows.slice(0, 20).map((r) => ({ memberId: r.memberId, name: r.name })),
      frozenAt: '2026-10-10T14:00:00Z',
    },
    state: 'sealed',
    parts: MINUTES_PARTS.map((part, i) => ({ part, number: `${i + 1}`, title: part, text: LONG.repeat(6) })),
    signatures: {
      chair: { staffId: 's-1', name: 'Trần Văn Chủ', signedAt: '2026-10-10T14:00:00Z' },
      secretary: { staffId: 's-2', name: 'Lê Thị Thư', signedAt: '2026-10-10T14:05:00Z' },
    } as MinutesPdfInput['signatures'],
    seal: { algorithm: 'sha256', hash: 'a'.repeat(64), sealedAt: '2026-10-10T14:05:00Z', verifies: true },
    addenda: [],
    generatedAt: '2026-10-11T01:00:00Z',
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const timeoutMs = (HTTP_GROUPS.find((g) => g.name === 'documents-pdf')?.timeoutSeconds ?? 10) * 1000;
const results: Record<string, unknown>[] = [];
for (const members of [500, 2000]) {
  const renderer = createMinutesPdfRenderer();
  const input = minutesOf(members);
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 6; i++) {
    const started = performance.now();
    bytes = (await renderer.render(input)).length;
    times.push(performance.now() - started);
  }
  const [first, ...rest] = times;
  results.push({
    document: `minutes, ${members} members`,
    firstMs: Math.round(first ?? 0),
    medianMs: Math.round(median(rest)),
    kib: Math.round(bytes / 1024),
  });
}
console.log(JSON.stringify({ timeoutMs, results }));
