import { describe, expect, it } from 'vitest';
import {
  compareVietnameseNames,
  sortByVietnameseName,
  vietnameseNameSortKey,
} from '../../../shared/domain/collation.js';

describe('Function: sortByVietnameseName', () => {
  it('orders by given name first, in the Vietnamese alphabet (a ă â … d đ … o ô ơ … u ư)', () => {
    // Prepare
    const names = [
      'Nguyễn Văn Ương',
      'Trần Thị Ánh',
      'Lê Văn An',
      'Phạm Đức Đạt',
      'Đỗ Văn Dũng',
      'Võ Thị Ơn',
      'Hồ Văn Ôn',
      'Lý Thị Ân',
      'Bùi Văn Ăn',
      'Mai Văn Uy',
    ];

    // Act
    const sorted = sortByVietnameseName(names, (n) => n);

    // Assess
    expect(sorted).toEqual([
      'Lê Văn An',
      'Trần Thị Ánh',
      'Bùi Văn Ăn',
      'Lý Thị Ân',
      'Đỗ Văn Dũng',
      'Phạm Đức Đạt',
      'Hồ Văn Ôn',
      'Võ Thị Ơn',
      'Mai Văn Uy',
      'Nguyễn Văn Ương',
    ]);
  });

  it('breaks a tie on the given name with the family and middle names, then tones', () => {
    expect(sortByVietnameseName(['Trần Văn Bình', 'Lê Thị Bình', 'Lê Văn Bình'], (n) => n)).toEqual([
      'Lê Thị Bình',
      'Lê Văn Bình',
      'Trần Văn Bình',
    ]);
    // Same letters: tones in dictionary order ngang, huyền, hỏi, ngã, sắc, nặng.
    expect(sortByVietnameseName(['Lê Mạ', 'Lê Má', 'Lê Mã', 'Lê Mả', 'Lê Mà', 'Lê Ma'], (n) => n)).toEqual([
      'Lê Ma',
      'Lê Mà',
      'Lê Mả',
      'Lê Mã',
      'Lê Má',
      'Lê Mạ',
    ]);
  });

  it('gives keys whose byte order is the same as the comparator (so DynamoDB sort keys agree)', () => {
    const names = [
      'Lê Văn Anh',
      'Lê Văn An',
      'Nguyễn Thị Hòa',
      'Nguyễn Thị Hoà',
      'Ngô Bảo Châu',
      'Trương Gia Bình',
    ];
    const byKey = [...names].sort((a, b) => {
      const ka = vietnameseNameSortKey(a);
      const kb = vietnameseNameSortKey(b);
      return ka < kb ? -1 : ka > kb ? 1 : 0;
    });
    expect(byKey).toEqual([...names].sort(compareVietnameseNames));
    // Precomposed and decomposed spellings of the same name collate equal.
    expect(vietnameseNameSortKey('Nguyễn Thị Hòa')).toBe(
      vietnameseNameSortKey('Nguyễn Thị Hòa'.normalize('NFD')),
    );
  });
});
