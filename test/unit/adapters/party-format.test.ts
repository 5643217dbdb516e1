// unit tests: the party's document format (Hướng dẫn 36-HD/VPTW, shared/adapters/documents/party-format.ts)
// on each rendered document — the letter, the minutes, the year's report — under both rule sets, checked by
// where the text sits on the page and the face it is set in, and no internal rule code in any of them.
import { describe, expect, it } from 'vitest';
import { documentFonts } from '../../../shared/adapters/documents/fonts.js';
import { renderIntroductionLetterPdf } from '../../../shared/adapters/documents/introduction-letter-pdf.js';
import { createMinutesPdfRenderer } from '../../../shared/adapters/documents/minutes-pdf.js';
import { renderPaperInvitationsPdf } from '../../../shared/adapters/documents/paper-invitations-pdf.js';
import { renderPartyDocument } from '../../../shared/adapters/documents/party-format.js';
import { buildReportPdf } from '../../../shared/adapters/documents/report-pdf.js';
import { RULE_SET_IDS, type RuleSetId } from '../../../shared/domain/committee.js';
import { introductionLetter } from '../../../shared/domain/introduction-letter.js';
import { MINUTES_PART_LABELS } from '../../../shared/domain/meeting-protocol.js';
import { MINUTES_PARTS } from '../../../shared/domain/minutes.js';
import { paperInvitationContent } from '../../../shared/domain/paper-invitation.js';
import type { MinutesPdfInput } from '../../../shared/ports/minutes-pdf.js';
import { aMember, anIntroduction } from '../../support/builders.js';
import { centreOf, type PdfLayout, pdfLayout, runOf } from '../../support/pdf-layout.js';
import { reportDocumentData } from '../../support/report-document.js';

const HASH = 'c0ffee'.repeat(10).slice(0, 64);

function letter(ruleSet: RuleSetId): Promise<Uint8Array> {
  const member = aMember({ id: 'm1', fullName: 'Nguyễn Thị Hồng Nhung', sex: 'female' });
  const content = introductionLetter({
    ruleSet,
    introduction: anIntroduction({
      id: 'gt-1',
      memberId: 'm1',
      letterNumber: '12-GGT',
      issuedOn: '2027-01-05',
      status: 'received',
      receipt: {
        receivedOn: '2027-01-09',
        receivedBy: 's2',
        receivedByName: 'Trần Thị Thu',
        hamletId: 'kv1',
      },
    }),
    member,
    workplace: { name: 'Đảng ủy Công ty Điện lực thành phố Cần Thơ', address: 'Số 1, Ninh Kiều, Cần Thơ' },
    workplaceParent: { name: 'Đảng ủy Khối Doanh nghiệp thành phố Cần Thơ' },
    residence: { name: 'Đảng ủy phường Hưng Lợi' },
    hamlet: { name: 'Chi bộ khu vực 2' },
    signer: { name: 'Phạm Văn Bình', title: 'bi_thu' },
  });
  return renderIntroductionLetterPdf(content, documentFonts());
}

/** Two paper invitations (one exempt member's), one to a page. */
function paperInvitations(): Uint8Array {
  const input = {
    meeting: {
      year: 2027,
      round: 'june' as const,
      date: '2027-06-05',
      time: '14:00',
      place: 'Hội trường khu vực 2',
      chairName: 'Trần Văn Chủ',
      agenda: 'Thông tin tình hình địa phương',
    },
    committee: { name: 'Đảng ủy phường An Hòa', address: 'Số 1 Cách Mạng Tháng Tám, Cần Thơ' },
    parent: { name: 'Quận ủy Ninh Kiều' },
    number: '3-GM/ĐU',
    issuedOn: '2027-05-20',
    signer: { name: 'Trần Văn Chủ', title: 'bi_thu' as const },
  };
  return renderPaperInvitationsPdf(
    [
      paperInvitationContent(input, { memberName: 'Trần Thị Bình', hamletName: 'Khu vực 2', optional: true }),
      paperInvitationContent(input, { memberName: 'Lê Văn Út', hamletName: 'Khu vực 2' }),
    ],
    documentFonts(),
  );
}

function minutesInput(): MinutesPdfInput {
  return {
    meetingId: 'hung-loi.2027.06',
    state: 'sealed',
    record: {
      meeting: {
        residenceOrgId: 'hung-loi',
        committeeName: 'Đảng ủy phường Hưng Lợi',
        year: 2027,
        round: 'june',
        date: '2027-06-05',
        time: '19:30',
        place: 'Hội trường khu vực 2',
        chairName: 'Lê Văn Chủ',
      },
      attendance: { total: 2, present: 1, absent: 1 },
      rows: [
        { memberId: 'a', name: 'Nguyễn Văn An', present: true },
        { memberId: 'b', name: 'Trần Thị Bình', present: false },
      ],
      absentees: [],
      previousComments: [],
      comments: [],
      commendations: [],
      frozenAt: '2027-06-05T13:00:00Z',
    },
    parts: MINUTES_PARTS.map((part) => ({
      part,
      number: MINUTES_PART_LABELS[part].number,
      title: MINUTES_PART_LABELS[part].vi,
      text: `Nội dung phần ${MINUTES_PART_LABELS[part].number}.`,
    })),
    signatures: {
      chair: { staffId: 's1', name: 'Lê Văn Chủ', signedAt: '2027-06-05T13:00:00Z' },
      secretary: { staffId: 's2', name: 'Phạm Thị Thư', signedAt: '2027-06-05T13:01:00Z' },
    },
    seal: { algorithm: 'sha256', hash: HASH, sealedAt: '2027-06-05T13:01:00Z', verifies: true },
    addenda: [],
    generatedAt: '2027-06-06T01:00:00Z',
    issuer: { parent: 'Quận ủy Ninh Kiều', place: 'Phường Hưng Lợi', number: '3-BB/ĐU' },
  };
}

function report(ruleSet: RuleSetId): Promise<Uint8Array> {
  return buildReportPdf({
    ...reportDocumentData(),
    ruleSet,
    parent: { id: 'ninh-kieu', name: 'Quận ủy Ninh Kiều' },
    signer: { name: 'Trần Văn Bí', title: 'bi_thu' },
    number: '4-BC/ĐU',
  });
}

interface Expected {
  parent: string;
  issuer: string;
  number: RegExp;
  date: string;
  /** The signature blocks: the position (or T/M line) above the room to sign, and the signer's name. */
  signatures: { position: string; name: string }[];
  /** False for a stack of one-page documents (the paper invitations): a one-page document is not numbered. */
  pageNumbers?: boolean;
}

/** The parts of the format, by position: what every document must show. */
function assessFormat(layout: PdfLayout, expected: Expected): void {
  const middle = layout.pageWidth / 2;
  // Header, right column: the party's name in bold, then the place and date in italics, zero-padded
  const party = runOf(layout, 'ĐẢNG CỘNG SẢN VIỆT NAM', 1);
  expect(party.font).toBe('Tinos-Bold');
  expect(centreOf(party)).toBeGreaterThan(middle);
  const date = runOf(layout, expected.date, 1);
  expect(date.font).toBe('Tinos-Italic');
  expect(date.text).toMatch(/ngày \d{2} tháng \d{2} năm \d{4}/);
  expect(centreOf(date)).toBeGreaterThan(middle);
  expect(date.top).toBeGreaterThan(party.top);
  // Header, left column: the organisation (regular) above the issuer (bold), then the number
  const parent = runOf(layout, expected.parent, 1);
  const issuer = runOf(layout, expected.issuer, 1);
  const number = runOf(layout, expected.number, 1);
  expect(parent.font).toBe('Tinos-Regular');
  expect(issuer.font).toBe('Tinos-Bold');
  for (const run of [parent, issuer, number]) expect(centreOf(run)).toBeLessThan(middle);
  expect(parent.top).toBeLessThan(issuer.top);
  expect(issuer.top).toBeLessThan(number.top);
  // The two columns start on the same line (their sizes differ by a point)
  expect(Math.abs(parent.top - party.top)).toBeLessThan(3);
  // Signatures: the position, room to sign by hand, the signer's full name
  for (const s of expected.signatures) {
    const position = layout.runs.find((r) => r.text === s.position);
    const name = layout.runs.find(
      (r) => r.text === s.name && r.font === 'Tinos-Bold' && r.page === position?.page,
    );
    expect(position, s.position).toBeDefined();
    expect(name, s.name).toBeDefined();
    expect((name?.top ?? 0) - (position?.top ?? 0)).toBeGreaterThan(60);
    expect(Math.abs(centreOf(name ?? party) - centreOf(position ?? party))).toBeLessThan(2);
  }
  // Page numbers on every page
  for (let page = 1; expected.pageNumbers !== false && page <= layout.pageCount; page++) {
    expect(runOf(layout, `Trang ${page}/${layout.pageCount}`, page).top).toBeGreaterThan(780);
  }
}

const RULE_CODE = /\bR\d{1,2}\b/;

describe('The party’s document format on every document', () => {
  describe.each(RULE_SET_IDS.map((id) => [id]))('under %s', (ruleSet) => {
    it('the letter: header columns, italic zero-padded date, number with the issuer, signatures on both pages', async () => {
      // Act
      const layout = await pdfLayout(await letter(ruleSet));

      // Assess
      assessFormat(layout, {
        parent: 'ĐẢNG BỘ KHỐI DOANH',
        issuer: 'ĐẢNG ỦY CÔNG TY',
        number: /^Số 12-GGT\/ĐU$/,
        date: 'Cần Thơ, ngày 05 tháng 01 năm 2027',
        signatures: [
          { position: 'BÍ THƯ', name: 'Phạm Văn Bình' },
          { position: 'NGƯỜI TIẾP NHẬN', name: 'Trần Thị Thu' },
        ],
      });
      expect(layout.pageCount).toBe(2);
      expect(runOf(layout, 'NGƯỜI TIẾP NHẬN').page).toBe(2);
      expect(runOf(layout, 'Nơi nhận:', 1).x).toBeLessThan(layout.pageWidth / 2);
    });

    it('the minutes: opening formula, two group headings, both signatures, the check code in the footer', async () => {
      // Act
      const bytes = await createMinutesPdfRenderer().render(minutesInput());
      const layout = await pdfLayout(bytes);
      const text = layout.runs.map((r) => r.text).join('\n');

      // Assess
      assessFormat(layout, {
        parent: 'ĐẢNG BỘ QUẬN NINH KIỀU',
        issuer: 'ĐẢNG ỦY PHƯỜNG HƯNG LỢI',
        number: /^Số 3-BB\/ĐU$/,
        date: 'Phường Hưng Lợi, ngày 05 tháng 06 năm 2027',
        signatures: [
          { position: 'THƯ KÝ CUỘC HỌP', name: 'Phạm Thị Thư' },
          { position: 'CHỦ TRÌ CUỘC HỌP', name: 'Lê Văn Chủ' },
        ],
      });
      expect(text.replace(/\s+/g, ' ')).toContain(
        'Hôm nay, vào lúc 19 giờ 30 ngày 05 tháng 06 năm 2027, tại',
      );
      const procedure = runOf(layout, 'I. PHẦN THỦ TỤC');
      const content = runOf(layout, 'II. NỘI DUNG CUỘC HỌP');
      const part21 = runOf(layout, /^2\.1\. /);
      expect([procedure.page, procedure.top]).toEqual([runOf(layout, /^1\.1\. /).page, expect.any(Number)]);
      expect(content.page * 1000 + content.top).toBeLessThan(part21.page * 1000 + part21.top);
      expect(procedure.font).toBe('Tinos-Bold');
      // The secretary on the left, the chair on the right
      expect(centreOf(runOf(layout, 'THƯ KÝ CUỘC HỌP'))).toBeLessThan(layout.pageWidth / 2);
      expect(centreOf(runOf(layout, 'CHỦ TRÌ CUỘC HỌP'))).toBeGreaterThan(layout.pageWidth / 2);
      // The hash as a small footer line with how to check it; no "Đã ký", no internal id
      const code = runOf(layout, HASH);
      expect(code.size).toBeLessThan(10);
      expect(code.page).toBe(layout.pageCount);
      expect(text).toContain('Mã kiểm tra');
      expect(text).toContain('Cách kiểm tra');
      expect(text).not.toContain('Đã ký');
      expect(text).not.toContain('hung-loi');
    });

    it('the report: number, place and date, signature with title and name, Nơi nhận with purposes, meetings not held', async () => {
      // Act
      const layout = await pdfLayout(await report(ruleSet));
      const text = layout.runs.map((r) => r.text).join('\n');

      // Assess
      assessFormat(layout, {
        parent: 'ĐẢNG BỘ QUẬN NINH KIỀU',
        issuer: 'ĐẢNG ỦY PHƯỜNG BẾN THÀNH', // on one line in the left column
        number: /^Số 4-BC\/ĐU$/,
        date: 'Phường Bến Thành, ngày 31 tháng 10 năm 2026',
        signatures: [{ position: 'BÍ THƯ', name: 'Trần Văn Bí' }],
      });
      expect(text).toContain('T/M ĐẢNG ỦY');
      expect(text).toContain('- Quận ủy Ninh Kiều (để báo cáo),');
      expect(text).toContain('- Lưu VP.');
      expect(text).not.toContain('Kính gửi');
      // The October meeting of the fixture invited nobody yet: not held, no "0 %"
      expect(text).toContain('- Cuộc họp tháng 10: chưa tổ chức.');
      expect(text).not.toMatch(/mời 0 đảng viên/);
      // The signature is not alone on its page: the last list ends on the same page
      const signature = runOf(layout, 'T/M ĐẢNG ỦY');
      const lastListHeading = runOf(layout, /^VI\. /);
      expect(layout.runs.some((r) => r.page === signature.page && r.top < signature.top && r.top > 100)).toBe(
        true,
      );
      expect(lastListHeading.page).toBeLessThanOrEqual(signature.page);
    });

    it('shows no internal rule code (R8, R11 …) anywhere in the three documents', async () => {
      // Act
      const documents = await Promise.all([
        letter(ruleSet),
        createMinutesPdfRenderer().render(minutesInput()),
        report(ruleSet),
      ]);

      // Assess
      for (const bytes of documents) {
        const layout = await pdfLayout(bytes);
        const found = layout.runs.filter((r) => RULE_CODE.test(r.text)).map((r) => r.text);
        expect(found).toEqual([]);
      }
    });
  });

  it('the paper invitations: each page a whole letter in the format, the number of the round, no rule code', async () => {
    // Act
    const layout = await pdfLayout(paperInvitations());

    // Assess
    assessFormat(layout, {
      parent: 'ĐẢNG BỘ QUẬN NINH KIỀU',
      issuer: 'ĐẢNG ỦY PHƯỜNG AN HÒA',
      number: /^Số 3-GM\/ĐU$/,
      date: 'Cần Thơ, ngày 20 tháng 05 năm 2027',
      signatures: [{ position: 'BÍ THƯ', name: 'Trần Văn Chủ' }],
      pageNumbers: false,
    });
    expect(layout.pageCount).toBe(2);
    expect(runOf(layout, 'GIẤY MỜI', 2).font).toBe('Tinos-Bold');
    expect(runOf(layout, 'Kính gửi: đồng chí Lê Văn Út', 2).page).toBe(2);
    expect(runOf(layout, /Số 3-GM\/ĐU/, 2).page).toBe(2);
    expect(layout.runs.filter((r) => RULE_CODE.test(r.text))).toEqual([]);
  });

  it('fails the rule-code scan on a document that prints one (the scan itself works)', async () => {
    // Act
    const bytes = renderPartyDocument(
      {
        header: { issuer: 'ĐẢNG ỦY PHƯỜNG X', placeAndDate: 'Phường X, ngày 05 tháng 01 năm 2027' },
        title: { type: 'THÔNG BÁO' },
        body: [{ kind: 'paragraph', text: 'Vắng hai cuộc họp (R11).' }],
        signatures: [{ onBehalfOf: 'T/M ĐẢNG ỦY', position: 'BÍ THƯ', name: 'A' }],
      },
      documentFonts(),
    );
    const layout = await pdfLayout(bytes);

    // Assess
    expect(layout.runs.some((r) => RULE_CODE.test(r.text))).toBe(true);
  });

  it('breaks a long committee name only between words, never leaving one word alone on a line', async () => {
    // Act
    const bytes = renderPartyDocument(
      {
        header: {
          parent: 'ĐẢNG BỘ THÀNH PHỐ CẦN THƠ',
          issuer: 'ĐẢNG ỦY PHƯỜNG AN KHÁNH QUẬN NINH KIỀU THÀNH PHỐ CẦN THƠ',
          number: 'Số 1-BC/ĐU',
          placeAndDate: 'Phường An Khánh, ngày 05 tháng 01 năm 2027',
        },
        title: { type: 'BÁO CÁO' },
        body: [],
        signatures: [],
      },
      documentFonts(),
    );
    const layout = await pdfLayout(bytes);

    // Assess: every line of the issuer holds at least two whole words
    const lines = layout.runs.filter((r) => r.font === 'Tinos-Bold' && centreOf(r) < layout.pageWidth / 2);
    expect(lines.map((l) => l.text).join(' ')).toBe(
      'ĐẢNG ỦY PHƯỜNG AN KHÁNH QUẬN NINH KIỀU THÀNH PHỐ CẦN THƠ',
    );
    for (const line of lines) expect(line.text.split(' ').length).toBeGreaterThan(1);
  });
});
