import { describe, expect, it } from 'vitest';
import type { Introduction } from '../../../shared/domain/introduction.js';
import {
  introductionLetter,
  letterSigner,
  onBehalfOf,
  placeOf,
} from '../../../shared/domain/introduction-letter.js';
import type { Member } from '../../../shared/domain/member.js';
import { aMember, anIntroduction } from '../../support/builders.js';

const member: Member = aMember({
  id: 'm1',
  fullName: 'Nguyễn Thị Hồng Nhung',
  sex: 'female',
  admittedOn: '2008-05-19',
  officialOn: '2009-05-19',
  partyCell: 'Chi bộ Khoa Nội',
});
const introduction: Introduction = anIntroduction({
  id: 'gt-1',
  memberId: 'm1',
  letterNumber: '12-GGT',
  issuedOn: '2026-03-02',
});
const base = {
  introduction,
  member,
  workplace: { name: 'Đảng ủy Bệnh viện Đa khoa', address: 'Số 4, Châu Văn Liêm, Cần Thơ' },
  residence: { name: 'Đảng ủy phường An Hòa' },
  signer: { name: 'Phạm Văn Bình', title: 'bi_thu' as const },
};

describe('Function: introductionLetter', () => {
  it('qd213-2020 carries the fields of mẫu 1-213', () => {
    // Act
    const letter = introductionLetter({ ...base, ruleSet: 'qd213-2020' });

    // Assess
    const body = letter.paragraphs.join('\n');
    expect(letter.header).toEqual({
      issuer: 'ĐẢNG ỦY BỆNH VIỆN ĐA KHOA',
      number: 'Số 12-GGT/ĐU',
      placeAndDate: 'Cần Thơ, ngày 02 tháng 03 năm 2026',
    });
    expect(letter.addressee).toBe('Kính gửi: Đảng ủy phường An Hòa');
    expect(body).toContain('giới thiệu đồng chí: Nguyễn Thị Hồng Nhung. Giới tính: Nữ.');
    expect(body).toContain('Sinh ngày: 12/03/1985.');
    expect(body).toContain('Ngày vào Đảng: 19/05/2008; ngày chính thức: 19/05/2009.');
    expect(body).toContain('Hiện đang sinh hoạt tại chi bộ: Chi bộ Khoa Nội.');
    expect(body).toContain('213-QĐ/TW');
    expect(letter.signature).toEqual({
      onBehalfOf: 'T/M ĐẢNG ỦY',
      title: 'BÍ THƯ',
      hint: '(Ký tên, đóng dấu)',
      name: 'Phạm Văn Bình',
    });
  });

  it('hd02-2011 is the simpler letter of the seed, with the party card number and Regulation 76', () => {
    const letter = introductionLetter({ ...base, ruleSet: 'hd02-2011' });
    const body = letter.paragraphs.join('\n');
    expect(body).toContain(`Số thẻ đảng viên: ${member.partyCardNumber}`);
    expect(body).toContain('76-QĐ/TW');
    expect(body).not.toContain('Giới tính');
  });

  it('is signed by the bí thư, else a phó bí thư under their own title, never by the meeting secretary or nobody', () => {
    // Prepare
    const staff = (title?: 'bi_thu' | 'pho_bi_thu', fullName = 'X') => ({
      fullName,
      ...(title ? { partyTitle: title } : {}),
    });

    // Act
    const deputyOnly = letterSigner([staff(undefined, 'Thư Ký'), staff('pho_bi_thu', 'Lê Phó')]);
    const both = letterSigner([staff('pho_bi_thu', 'Lê Phó'), staff('bi_thu', 'Trần Bí')]);
    const none = letterSigner([staff(undefined, 'Thư Ký')]);
    const letter = introductionLetter({ ...base, ruleSet: 'hd02-2011', signer: deputyOnly ?? base.signer });

    // Assess
    expect(deputyOnly).toEqual({ name: 'Lê Phó', title: 'pho_bi_thu' });
    expect(both).toEqual({ name: 'Trần Bí', title: 'bi_thu' });
    expect(none).toBeUndefined();
    expect(letter.signature).toEqual({
      onBehalfOf: 'T/M ĐẢNG ỦY',
      title: 'PHÓ BÍ THƯ',
      hint: '(Ký tên, đóng dấu)',
      name: 'Lê Phó',
    });
  });

  it('adds the R3, R6, R20 remarks, and page 2 once the ward received the member', () => {
    const letter = introductionLetter({
      ...base,
      ruleSet: 'hd02-2011',
      member: { ...member, category: 'travelling' },
      introduction: {
        ...introduction,
        contactPath: 'direct',
        status: 'received',
        receipt: {
          receivedOn: '2026-03-05',
          receivedBy: 's',
          receivedByName: 'Trần Thị Thu',
          hamletId: 'kv-1',
        },
      },
      hamlet: { name: 'Chi bộ khu vực 1' },
    });
    expect(letter.notes.join(' ')).toMatch(/đi công tác xa.*liên hệ trực tiếp/s);
    expect(letter.receipt).toEqual([
      'XÁC NHẬN CỦA CẤP ỦY NƠI CƯ TRÚ (trang 2 sổ liên hệ)',
      'Đảng ủy phường An Hòa đã tiếp nhận đảng viên ngày 05/03/2026.',
      'Người tiếp nhận: Trần Thị Thu.',
      'Phân công sinh hoạt, giữ mối liên hệ tại: Chi bộ khu vực 1.',
    ]);
    expect(letter.receiptSignature).toEqual({
      onBehalfOf: 'T/M ĐẢNG ỦY',
      title: 'NGƯỜI TIẾP NHẬN',
      hint: '(Ký, ghi rõ họ tên)',
      name: 'Trần Thị Thu',
    });
  });

  it('names the parent party organisation above the issuer, as the format wants', () => {
    // Act
    const letter = introductionLetter({
      ...base,
      ruleSet: 'qd213-2020',
      workplace: { name: 'Chi bộ Điện lực Ninh Kiều', address: 'Cần Thơ' },
      workplaceParent: { name: 'Quận ủy Ninh Kiều' },
    });

    // Assess
    expect(letter.header.parent).toBe('ĐẢNG BỘ QUẬN NINH KIỀU');
    expect(letter.header.number).toBe('Số 12-GGT/CB');
  });

  it('signs for a cell or a committee after the issuing committee, and takes the place from its address', () => {
    expect(onBehalfOf('Chi bộ Sở Giao thông')).toBe('T/M CHI ỦY');
    expect(onBehalfOf('Đảng bộ Quân sự')).toBe('T/M ĐẢNG ỦY');
    expect(onBehalfOf('Ban Chỉ huy')).toBe('T/M CẤP ỦY');
    expect(placeOf('Số 1, đường 3/2, Cần Thơ')).toBe('Cần Thơ');
    expect(placeOf(undefined)).toBeUndefined();
  });
});
