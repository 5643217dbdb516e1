// unit tests: one wording catalogue (shared/domain/wording.ts). A code's words are defined there only — a layer
// that words an absence category, an answer or confirmation state, a proposal, a role or a party title itself
// fails here — and every layer renders a code with the catalogue's words: the bot's catalogues, the minutes'
// text, the member's data sheet, the report's labels (PDF and XLSX) and the rule sets' proposal options.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { en } from '../../chat/i18n/en.js';
import { vi } from '../../chat/i18n/vi.js';
import { personalDataSections } from '../../shared/adapters/documents/personal-data-pdf.js';
import { CATEGORY_LABEL, proposalLabel } from '../../shared/adapters/documents/report-labels.js';
import {
  ABSENCE_CATEGORIES,
  type AbsenceCategory,
  CONFIRMATIONS,
  type Confirmation,
} from '../../shared/domain/invitation.js';
import { MEMBER_CATEGORIES } from '../../shared/domain/member.js';
import type { AbsenteeStatus } from '../../shared/domain/minutes.js';
import { absenteeLine } from '../../shared/domain/minutes-text.js';
import { STAFF_ROLES } from '../../shared/domain/roles.js';
import { PROPOSALS, RULE_SETS } from '../../shared/domain/rule-set.js';
import {
  ABSENCE_CATEGORY,
  ABSENTEE_STATUS,
  ANSWER,
  ATTENDANCE,
  CATALOGUE,
  CONFIRMATION,
  MEMBER_CATEGORY,
  PROPOSAL,
  REPORT_TITLE,
  ROLE,
  type Wording,
} from '../../shared/domain/wording.js';
import type { PersonalData } from '../../shared/services/personal-data.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CATALOGUE_FILE = 'shared/domain/wording.ts';

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}
const files = () =>
  ['shared', 'chat', 'bot', 'functions']
    .flatMap((top) => [...sources(top)])
    .filter((f) => f !== CATALOGUE_FILE)
    .map((file) => ({ file, text: readFileSync(join(ROOT, file), 'utf8') }));

const words = (): Wording[] =>
  Object.values(CATALOGUE).flatMap((table) => Object.values(table as Record<string, Wording>));

const ABSENTEE_STATUSES = Object.keys(ABSENTEE_STATUS) as AbsenteeStatus[];

describe('Rule: each code is worded in the catalogue only', () => {
  it('finds no copy of a catalogue word as a string of its own elsewhere', () => {
    // Prepare: each word as it would be written, as a whole string literal: every Vietnamese one, and the
    // English ones of more than a word (a single English word such as "present" is also a code)
    const all = files();
    const texts = [...new Set(words().flatMap((w) => [w.vi, ...(w.en.includes(' ') ? [w.en] : [])]))];

    // Act
    const copies = texts.flatMap((t) =>
      all
        .filter(({ text }) => text.includes(`'${t}'`) || text.includes(`"${t}"`) || text.includes(`\`${t}\``))
        .map(({ file }) => `${file}: «${t}»`),
    );

    // Assess
    expect(texts.length).toBeGreaterThan(40);
    expect(copies).toEqual([]);
  });

  it('finds no table of its own for a catalogued code', () => {
    // Prepare: `Record<AbsenceCategory, string> = {` and the like, written out instead of read from the catalogue
    // (a table of callback codes, `{ work: 'w', … }`, is no wording and passes)
    const TABLE =
      /Record<(AbsenceCategory|Confirmation|AbsenteeStatus|Rsvp|Attendance|MemberCategory|Proposal|StaffRole|PartyTitle),\s*string>\s*=\s*\{([^}]*)\}/g;

    // Act
    const tables = files()
      .filter(({ text }) =>
        [...text.matchAll(TABLE)].some((m) =>
          [...(m[2] ?? '').matchAll(/: '([^']*)'/g)].some((v) => /[\s\u00C0-\u1EF9]/.test(v[1] ?? '')),
        ),
      )
      .map(({ file }) => file);

    // Assess
    expect(tables).toEqual([]);
  });

  it('says "không xác nhận", never "không chấp nhận", and never calls the report "báo cáo tháng 10" nor titles it outside the catalogue', () => {
    // Act
    const old = files()
      .filter(({ text }) =>
        /không chấp nhận|Không chấp nhận|[Bb]áo cáo (kết quả )?tháng 10|Báo cáo kết quả năm \$\{/.test(text),
      )
      .map(({ file }) => file);

    // Assess
    expect(old).toEqual([]);
  });
});

describe('Rule: every layer renders a code with the catalogue’s words', () => {
  it('words each absence category and confirmation the same in the bot, the minutes and the member’s data', () => {
    for (const category of ABSENCE_CATEGORIES as readonly AbsenceCategory[]) {
      for (const confirmation of CONFIRMATIONS as readonly Confirmation[]) {
        // Prepare
        const catalogued = ABSENCE_CATEGORY[category].vi;
        const decision = CONFIRMATION[confirmation].vi;
        const data = personalData(category, confirmation);

        // Act
        const bot = [vi.category(category), vi.confirmation(confirmation)];
        const minutes = absenteeLine({
          name: 'Trần Văn A',
          status: confirmation,
          reason: { category, text: '' },
        } as Parameters<typeof absenteeLine>[0]);
        const sheet = personalDataSections(data).flatMap((s) => s.lines);

        // Assess
        expect(bot).toEqual([catalogued, decision]);
        expect(en.category(category)).toBe(ABSENCE_CATEGORY[category].en);
        expect(en.confirmation(confirmation)).toBe(CONFIRMATION[confirmation].en);
        expect(minutes).toBe(`Trần Văn A — ${catalogued} (${decision})`);
        expect(sheet).toContain(
          `kỳ họp ngày 18/10/2027: ${ANSWER.absent.vi}; lý do: ${catalogued} (${decision}); ${ATTENDANCE.absent.vi}`,
        );
      }
    }
  });

  it('words each absentee status the same in the minutes and the bot’s roll call', () => {
    for (const status of ABSENTEE_STATUSES) {
      // Act
      const minutes = absenteeLine({ name: 'A', status } as Parameters<typeof absenteeLine>[0]);
      const bot = vi.attendance.reason(status);

      // Assess
      expect(minutes).toBe(`A — ${ABSENTEE_STATUS[status].vi}`);
      // An exemption or a travel notice is the reason itself; the others follow the reason in brackets.
      expect(bot).toContain(
        status === 'exempt' || status === 'travel'
          ? `Lý do: ${ABSENTEE_STATUS[status].vi}`
          : `(${ABSENTEE_STATUS[status].vi})`,
      );
    }
  });

  it('words roles, member categories and proposals the same in the bot, the report labels and the rule sets', () => {
    for (const role of STAFF_ROLES) {
      expect(vi.role(role)).toBe(ROLE[role].vi);
      expect(en.role(role)).toBe(ROLE[role].en);
    }
    for (const c of MEMBER_CATEGORIES) expect(CATEGORY_LABEL[c]).toBe(MEMBER_CATEGORY[c].vi);
    for (const ruleSet of Object.keys(RULE_SETS) as (keyof typeof RULE_SETS)[]) {
      for (const p of PROPOSALS) {
        expect(proposalLabel(ruleSet, p)).toBe(PROPOSAL[ruleSet][p].vi);
        expect(RULE_SETS[ruleSet].proposals.find((o) => o.value === p)).toEqual({
          value: p,
          ...PROPOSAL[ruleSet][p],
        });
      }
    }
    expect(ROLE.chair.vi).toBe('chủ trì cuộc họp');
    expect(ROLE.secretary.vi).toBe('thư ký cuộc họp');
    expect(ROLE.viewer.vi).toBe('cán bộ theo dõi');
  });

  it('names the report "Báo cáo kết quả năm" in the bot', () => {
    // Act
    const said = [
      vi.yearEnd.reportDone(2027, 2, true),
      vi.yearEnd.reportRead(2027, 2),
      vi.yearEnd.reportCaption('pdf', 2027),
      vi.commands.baocao,
    ];

    // Assess
    expect(said.slice(0, 3).every((s) => s.includes(REPORT_TITLE(2027).vi))).toBe(true);
    expect(said.join('\n')).not.toMatch(/tháng 10/);
  });
});

/** A member's data with one invitation answered "absent" with `category`, decided `confirmation`. */
function personalData(category: AbsenceCategory, confirmation: Confirmation): PersonalData {
  return {
    member: {
      fullName: 'Trần Văn A',
      dateOfBirth: '1980-01-01',
      sex: 'male',
      partyCardNumber: '100',
      category: 'regular',
      residence: { kind: 'permanent', address: 'Ấp Mỹ Ái' },
    },
    travelNotices: [],
    exemptions: [],
    introductions: [],
    invitations: [
      {
        meetingDate: '2027-10-18',
        rsvp: 'absent',
        attendance: 'absent',
        absence: { category, text: '', confirmation },
      },
    ],
    comments: [],
    evaluations: [],
    chatLinks: [],
  } as unknown as PersonalData;
}
