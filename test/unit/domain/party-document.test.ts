// unit tests: the wording of a party document's header from the committee's records (Hướng dẫn 36-HD/VPTW):
// the party organisation above the issuer, the issuer's symbol in the number, the place and date.
import { describe, expect, it } from 'vitest';
import {
  documentNumber,
  documentPlace,
  issuerSymbol,
  partyOrganisationName,
  placeAndDate,
  withIssuerSymbol,
} from '../../../shared/domain/party-document.js';

describe('Function: partyOrganisationName', () => {
  it('names the organisation a committee leads, in capitals, never the committee itself', () => {
    // Act and Assess
    expect(partyOrganisationName('Quận ủy Quận 1')).toBe('ĐẢNG BỘ QUẬN 1');
    expect(partyOrganisationName('Quận ủy Ninh Kiều')).toBe('ĐẢNG BỘ QUẬN NINH KIỀU');
    expect(partyOrganisationName('Đảng ủy phường Hưng Lợi')).toBe('ĐẢNG BỘ PHƯỜNG HƯNG LỢI');
    expect(partyOrganisationName('Thành ủy Cần Thơ')).toBe('ĐẢNG BỘ THÀNH PHỐ CẦN THƠ');
    expect(partyOrganisationName('Chi ủy khu vực 1')).toBe('CHI BỘ KHU VỰC 1');
    expect(partyOrganisationName('Ban Tổ chức Thành ủy')).toBe('BAN TỔ CHỨC THÀNH ỦY');
  });
});

describe('Function: documentNumber', () => {
  it('writes the number, the type of document and the issuing body’s abbreviation', () => {
    // Act and Assess
    expect(documentNumber(3, 'report', 'Đảng ủy phường Hưng Lợi')).toBe('3-BC/ĐU');
    expect(documentNumber(12, 'letter', 'Chi bộ Điện lực Ninh Kiều')).toBe('12-GGT/CB');
    expect(documentNumber(1, 'minutes', 'Quận ủy Ninh Kiều')).toBe('1-BB/QU');
    expect(issuerSymbol('Đảng bộ Quân sự')).toBe('ĐU');
  });

  it('adds the issuer to a counter’s letter number only, and prints a number typed by staff as it is', () => {
    // Act and Assess
    expect(withIssuerSymbol('12-GGT', 'Đảng ủy Sở Y tế')).toBe('12-GGT/ĐU');
    expect(withIssuerSymbol('07/GGT', 'Đảng ủy Sở Y tế')).toBe('07/GGT');
    expect(withIssuerSymbol('12-GGT/ĐU', 'Chi bộ X')).toBe('12-GGT/ĐU');
  });
});

describe('Function: placeAndDate', () => {
  it('takes the place from the address, else from the committee’s name, and zero-pads day and month', () => {
    // Act and Assess
    expect(documentPlace({ name: 'Đảng ủy Sở Y tế', address: 'Số 4, Châu Văn Liêm, Cần Thơ' })).toBe(
      'Cần Thơ',
    );
    expect(documentPlace({ name: 'Đảng ủy phường Hưng Lợi' })).toBe('Phường Hưng Lợi');
    expect(documentPlace({ name: 'Ban Chỉ huy' })).toBeUndefined();
    expect(placeAndDate('Phường Hưng Lợi', '2027-01-05')).toBe('Phường Hưng Lợi, ngày 05 tháng 01 năm 2027');
    expect(placeAndDate(undefined, '2027-10-20')).toBe('ngày 20 tháng 10 năm 2027');
  });
});
