// Reliability support: fast-check arbitraries of hostile input — Vietnamese text, emoji, 10 KB strings,
// control characters, wrong JSON types, missing and extra fields, bodies that are not JSON at all.
import fc from 'fast-check';

const VIETNAMESE = [
  'Nguyễn Thị Hồng Nhung',
  'Đảng ủy phường An Hòa, quận Ninh Kiều',
  'Tôi xin vắng vì đi công tác ở Hà Nội; đã báo cấp ủy nơi công tác.',
  'ý kiến: đề nghị lắp đèn chiếu sáng hẻm 12 — khu vực 3',
  'Ừ, ờ, ỡ, ợ, ữ, ự, ẵ, ặ, ẩ, ẫ, ậ',
  // Decomposed (NFD) diacritics, as some phone keyboards send them.
  'Nguye\u0302\u0303n Va\u0306n A\u0300n',
];
const EMOJI = ['😀', '🇻🇳', '👨‍👩‍👧‍👦', '🙏🏽', '❤️', '\u{1F9D1}\u200D\u{1F91D}\u200D\u{1F9D1}'];
const CONTROL = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u001b[31m',
  '\u007f',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\ud800',
];

/** Strings a person or a broken client might send. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...VIETNAMESE),
  fc.constantFrom(...EMOJI),
  fc.string({ unit: fc.constantFrom(...CONTROL, 'a', 'ệ', ' '), maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    '   ',
    '../../etc/passwd',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
    '${7*7}',
    '%00',
    'null',
    'undefined',
    '0',
    '-1',
    '1e309',
    'NaN',
  ),
  // 10 KB and a little more, in Vietnamese and in emoji.
  fc.constantFrom(10_240, 10_241, 20_000).map((n) => 'ệ'.repeat(n)),
  fc.constant('😀'.repeat(5_200)),
  fc
    .constantFrom(...VIETNAMESE)
    .chain((v) => fc.constantFrom(...EMOJI, ...CONTROL).map((e) => `${v}${e}${v}`)),
);

/** JSON values of any type: the wrong type for a field most of the time. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  nastyString,
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString, { maxLength: 3 }),
  fc.dictionary(nastyString, fc.oneof(nastyString, fc.integer(), fc.boolean()), { maxKeys: 3 }),
);

/** A body derived from a valid one: one field dropped, replaced by a hostile value, or an extra field added. */
export function mutatedBody(valid: Record<string, unknown>): fc.Arbitrary<unknown> {
  const fields = Object.keys(valid);
  const ops: fc.Arbitrary<unknown>[] = [
    fc.record({ key: nastyString, value: anyJson }).map(({ key, value }) => ({ ...valid, [key]: value })),
  ];
  if (fields.length) {
    ops.push(
      fc.constantFrom(...fields).map((f) => {
        const { [f]: _dropped, ...rest } = valid;
        return rest;
      }),
      fc
        .record({ f: fc.constantFrom(...fields), value: anyJson })
        .map(({ f, value }) => ({ ...valid, [f]: value })),
      fc
        .record({ f: fc.constantFrom(...fields), value: nastyString })
        .map(({ f, value }) => ({ ...valid, [f]: value })),
    );
  }
  return fc.oneof(...ops);
}

/** A raw request body: absent, not JSON, JSON of the wrong shape, or a mutation of the valid body. */
export function rawBody(valid: unknown): fc.Arbitrary<string | undefined> {
  const options: fc.Arbitrary<string | undefined>[] = [
    fc.constant(undefined),
    nastyString,
    fc.constantFrom('{', '{"a":', '[1,2', '{"present": tru}', 'null', '[]', '""', '0', '{}'),
    anyJson.map((v) => JSON.stringify(v)),
  ];
  if (valid && typeof valid === 'object' && !Array.isArray(valid)) {
    const m = mutatedBody(valid as Record<string, unknown>).map((v) => JSON.stringify(v));
    options.push(m, m);
  }
  return fc.oneof(...options);
}

/** Query strings: none, hostile values for the names routes use, or hostile names. */
export const rawQuery: fc.Arbitrary<Record<string, string> | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom('limit', 'cursor', 'year', 'round', 'status', 'hamletId'), nastyString, {
    maxKeys: 3,
  }),
  fc.dictionary(nastyString, nastyString, { maxKeys: 3 }),
  fc.record({ limit: fc.oneof(fc.integer().map(String), nastyString) }),
  fc.record({ cursor: fc.oneof(nastyString, fc.base64String({ maxLength: 80 })) }),
);

/** Path parameters: each placeholder either its valid value or a hostile string. */
export function pathParameters(
  path: string,
  valid: Record<string, string> = {},
): fc.Arbitrary<Record<string, string>> {
  const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
  const entries = names.map((n) => {
    const v = valid[n];
    return v === undefined
      ? nastyString
      : fc.oneof(
          fc.constant(v),
          nastyString,
          nastyString.map((s) => `${v}${s}`),
        );
  });
  return fc
    .tuple(...entries)
    .map((values) => Object.fromEntries(names.map((n, i) => [n, values[i] as string])));
}
