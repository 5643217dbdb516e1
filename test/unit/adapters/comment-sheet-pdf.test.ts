// unit tests: the printed comment sheet (phiếu nhận xét, domain/comment-sheet.ts laid out by
// adapters/documents/comment-sheet-pdf.ts) — mẫu 3-213 full and short under qd213-2020, the seed's four-duty
// sheet under hd02-2011, a blank sheet to fill by hand, a draft marked "DỰ THẢO", several members in one PDF —
// read back from the PDF by text and position: title, criteria and levels, the chosen box, the signature
// blocks, page numbers, and no rule code.
import { describe, expect, it } from 'vitest';
import { renderCommentSheets } from '../../../shared/adapters/documents/comment-sheet-pdf.js';
import { documentFonts } from '../../../shared/adapters/documents/fonts.js';
import { type CommentSheetInput, commentSheet } from '../../../shared/domain/comment-sheet.js';
import type { EvaluationForm } from '../../../shared/domain/evaluation.js';
import { RULE_SETS } from '../../../shared/domain/rule-set.js';
import { centreOf, type PdfLayout, pdfLayout, runOf } from '../../support/pdf-layout.js';

const RULE_CODE = /\bR\d{1,2}\b/;

function input(overrides: Partial<CommentSheetInput> = {}): CommentSheetInput {
  return {
    ruleSet: 'qd213-2020',
    formKind: 'qd213-full',
    year: 2027,
    member: {
      fullName: 'Nguyễn Thị Hồng Nhung',
      dateOfBirth: '1985-03-07',
      workplace: 'Đảng ủy Công ty Điện lực Cần Thơ',
      partyCell: 'Chi bộ Phòng Kỹ thuật',
      address: '12 đường 30/4, phường Hưng Lợi',
    },
    ward: { name: 'Đảng ủy phường Hưng Lợi', parentName: 'Quận ủy Ninh Kiều', place: 'Phường Hưng Lợi' },
    hamlet: 'Khu vực 2',
    cellSigner: { name: 'Lê Văn Cường', title: 'bi_thu' },
    wardSigner: { name: 'Trần Văn Bí', title: 'pho_bi_thu' },
    today: '2027-10-20',
    ...overrides,
  };
}

const FULL: EvaluationForm = {
  kind: 'qd213-full',
  criteria: { c1: 1, c2: 2, c3: 1, c4: 3, c5: 2 },
  proposal: 'commend',
  otherComments: 'Nhiệt tình với công việc chung của khu vực.',
};

async function render(...inputs: CommentSheetInput[]): Promise<PdfLayout> {
  return pdfLayout(renderCommentSheets(inputs.map(commentSheet), documentFonts()));
}

/** The box ticked on the line of `label`: an "X" just left of it, and the label in bold. */
function ticked(layout: PdfLayout, label: string, page = 1): boolean {
  const run = layout.runs.find((r) => r.page === page && r.text === label);
  if (!run) throw new Error(`No option ${label}`);
  const x = layout.runs.find(
    (r) =>
      r.page === page && r.text === 'X' && Math.abs(r.top - run.top) < 6 && run.x - r.x < 16 && run.x > r.x,
  );
  return x !== undefined && run.font === 'Tinos-Bold';
}

function text(layout: PdfLayout): string {
  return layout.runs.map((r) => r.text).join('\n');
}

describe('The comment sheet printed', () => {
  it('mẫu 3-213, full: the cell’s header, criteria 1–5 with their three levels and the chosen one, 6, 7, both signatures', async () => {
    // Act
    const layout = await render(
      input({ evaluation: { form: FULL, status: 'submitted', submittedAt: '2027-10-24T03:00:00Z' } }),
    );
    const all = text(layout);

    // Assess: the header of the hamlet's cell under the ward's organisation, dated the day it was submitted
    expect(runOf(layout, 'Mẫu 3-213').font).toBe('Tinos-Italic');
    expect(runOf(layout, 'ĐẢNG BỘ PHƯỜNG HƯNG LỢI').font).toBe('Tinos-Regular');
    expect(runOf(layout, 'CHI BỘ KHU VỰC 2').font).toBe('Tinos-Bold');
    const date = runOf(layout, 'Phường Hưng Lợi, ngày 24 tháng 10 năm 2027');
    expect(date.font).toBe('Tinos-Italic');
    expect(runOf(layout, 'PHIẾU NHẬN XÉT').font).toBe('Tinos-Bold');
    // The member: name, date of birth dd/mm/yyyy, workplace cell, residence and hamlet
    expect(all).toContain('Họ và tên đảng viên: Nguyễn Thị Hồng Nhung');
    expect(all).toContain('Ngày sinh: 07/03/1985');
    expect(all).toContain('Chi bộ Phòng Kỹ thuật, Đảng ủy Công ty Điện lực Cần Thơ');
    expect(all).toContain('(Khu vực 2)');
    // Criteria 1–5, each with its three levels, the chosen one ticked
    const policy = RULE_SETS['qd213-2020'];
    for (const criterion of policy.criteria) {
      expect(all).toContain(`${criterion.key.slice(1)}. ${criterion.vi}`);
      const chosen = FULL.kind === 'qd213-full' ? FULL.criteria[criterion.key as 'c1'] : 0;
      for (const option of criterion.options) {
        expect(ticked(layout, option.vi), `${criterion.key} ${option.vi}`).toBe(option.value === chosen);
      }
    }
    expect(all).toContain('6. Đề xuất');
    expect(ticked(layout, 'Biểu dương')).toBe(true);
    expect(ticked(layout, 'Xem xét xử lý')).toBe(false);
    expect(all).toContain('7. Nhận xét khác');
    expect(all).toContain('Nhiệt tình với công việc chung của khu vực.');
    // The cell signs on the right (T/M CHI ỦY, BÍ THƯ, room, name); the ward confirms on the left
    const cell = runOf(layout, 'T/M CHI ỦY');
    const cellName = runOf(layout, 'Lê Văn Cường');
    expect(centreOf(cell)).toBeGreaterThan(layout.pageWidth / 2);
    expect(cellName.top - cell.top).toBeGreaterThan(60);
    const confirm = runOf(layout, /^XÁC NHẬN CỦA/);
    expect(centreOf(confirm)).toBeLessThan(layout.pageWidth / 2);
    expect(runOf(layout, 'ĐẢNG ỦY PHƯỜNG HƯNG LỢI').top).toBeGreaterThan(confirm.top);
    expect(runOf(layout, 'T/M ĐẢNG ỦY').page).toBe(cell.page);
    expect(runOf(layout, 'PHÓ BÍ THƯ').page).toBe(cell.page);
    expect(runOf(layout, 'Trần Văn Bí').font).toBe('Tinos-Bold');
    // No draft mark, page numbers, no rule code, no internal id
    expect(all).not.toContain('DỰ THẢO');
    for (let p = 1; p <= layout.pageCount; p++) runOf(layout, `Trang ${p}/${layout.pageCount}`, p);
    expect(layout.runs.filter((r) => RULE_CODE.test(r.text))).toEqual([]);
  });

  it('mẫu 3-213, short: only the criteria the short form has, the proposal and other comments', async () => {
    // Act
    const layout = await render(
      input({
        formKind: 'qd213-short',
        evaluation: {
          form: { kind: 'qd213-short', criteria: { c1: 2, c2: 1 }, proposal: 'none', otherComments: '' },
          status: 'submitted',
          submittedAt: '2027-10-24T03:00:00Z',
        },
      }),
    );
    const all = text(layout);

    // Assess
    expect(all).toContain('được miễn sinh hoạt nơi cư trú');
    expect(all).toContain('1. Nêu gương về phẩm chất chính trị');
    expect(all).toContain('2. Gương mẫu thực hiện nghĩa vụ công dân');
    expect(all).not.toContain('3. Tham gia sinh hoạt');
    expect(all).not.toContain('Rất tích cực');
    expect(ticked(layout, 'Nêu gương')).toBe(true);
    expect(ticked(layout, 'Gương mẫu đi đầu')).toBe(true);
    expect(ticked(layout, 'Không đề nghị')).toBe(true);
    expect(all).toContain('7. Nhận xét khác');
    expect(runOf(layout, 'T/M CHI ỦY')).toBeDefined();
    runOf(layout, 'Trang 1/1');
  });

  it('hd02-2011: the four duties with their labels, tốt / chưa tốt ticked, the comments and the proposal, signed T/M the ward', async () => {
    // Act
    const layout = await render(
      input({
        ruleSet: 'hd02-2011',
        formKind: 'hd02-4duties',
        evaluation: {
          form: {
            kind: 'hd02-4duties',
            duties: {
              d1: { mark: 'good', comment: 'Gương mẫu ở khu vực.' },
              d2: { mark: 'not_good', comment: 'Vắng một cuộc họp.' },
              d3: { mark: 'good', comment: 'Tham gia hội khuyến học.' },
              d4: { mark: 'good', comment: 'Có góp ý.' },
            },
            proposal: 'criticise',
          },
          status: 'submitted',
          submittedAt: '2027-10-30T10:00:00Z',
        },
      }),
    );
    const all = text(layout);

    // Assess: the ward issues the seed's sheet under its parent's organisation, no form number
    expect(all).not.toContain('Mẫu 3-213');
    expect(runOf(layout, 'ĐẢNG BỘ QUẬN NINH KIỀU').font).toBe('Tinos-Regular');
    expect(runOf(layout, 'ĐẢNG ỦY PHƯỜNG HƯNG LỢI').font).toBe('Tinos-Bold');
    const flat = all.replace(/\s+/g, ' ');
    for (const [i, duty] of RULE_SETS['hd02-2011'].duties.entries()) {
      expect(flat).toContain(`${i + 1}. ${duty.vi}`);
    }
    const marks = layout.runs.filter((r) => r.text === 'Tốt' || r.text === 'Chưa tốt');
    expect(marks.filter((r) => r.text === 'Tốt' && r.font === 'Tinos-Bold')).toHaveLength(3);
    expect(marks.filter((r) => r.text === 'Chưa tốt' && r.font === 'Tinos-Bold')).toHaveLength(1);
    expect(flat).toContain('Nhận xét: Vắng một cuộc họp.');
    expect(ticked(layout, 'Góp ý, phê bình', runOf(layout, 'Góp ý, phê bình').page)).toBe(true);
    // One signature block, right column: T/M ĐẢNG ỦY, the title, the name; no cell's block
    const tm = runOf(layout, 'T/M ĐẢNG ỦY');
    expect(centreOf(tm)).toBeGreaterThan(layout.pageWidth / 2);
    expect(all).not.toContain('T/M CHI ỦY');
    expect(all).toContain('Trần Văn Bí');
    expect(layout.runs.filter((r) => RULE_CODE.test(r.text))).toEqual([]);
    for (let p = 1; p <= layout.pageCount; p++) runOf(layout, `Trang ${p}/${layout.pageCount}`, p);
  });

  it('a blank sheet to fill by hand: empty boxes, dotted lines, the day left to write, signers unknown as dots', async () => {
    // Act
    const layout = await render(input({ cellSigner: undefined, wardSigner: undefined }));
    const all = text(layout);

    // Assess
    expect(all).toContain('Phường Hưng Lợi, ngày …… tháng …… năm 2027');
    expect(layout.runs.filter((r) => r.text === 'X')).toEqual([]);
    for (const criterion of RULE_SETS['qd213-2020'].criteria) {
      for (const option of criterion.options) expect(ticked(layout, option.vi)).toBe(false);
    }
    expect(layout.runs.filter((r) => /^…{20,}$/.test(r.text)).length).toBeGreaterThanOrEqual(3);
    expect(layout.runs.filter((r) => r.text === '……………………').length).toBe(2);
    expect(all).not.toContain('DỰ THẢO');
  });

  it('a draft that is not submitted prints "DỰ THẢO" in red above the title', async () => {
    // Act
    const layout = await render(
      input({ evaluation: { form: FULL, status: 'draft', updatedAt: '2027-10-20T02:00:00Z' } }),
    );

    // Assess
    const banner = runOf(layout, 'DỰ THẢO');
    expect(banner.top).toBeLessThan(runOf(layout, 'PHIẾU NHẬN XÉT').top);
    expect(banner.top).toBeGreaterThan(runOf(layout, 'ĐẢNG CỘNG SẢN VIỆT NAM').top);
  });

  it('several members in one PDF: each sheet from a new page, page numbers over the whole file', async () => {
    // Act
    const layout = await render(
      input({ member: { ...input().member, fullName: 'Bùi Văn An' } }),
      input({ member: { ...input().member, fullName: 'Đỗ Thị Bích' } }),
    );

    // Assess
    const first = runOf(layout, 'Họ và tên đảng viên: Bùi Văn An');
    const second = runOf(layout, 'Họ và tên đảng viên: Đỗ Thị Bích');
    expect(second.page).toBeGreaterThan(first.page);
    expect(layout.runs.filter((r) => r.text === 'PHIẾU NHẬN XÉT' && r.page === second.page)).toHaveLength(1);
    runOf(layout, `Trang ${layout.pageCount}/${layout.pageCount}`, layout.pageCount);
  });
});
