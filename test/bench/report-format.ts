// bench: the result shape every section returns, printed as a console table and written as docs/benchmarks.md.

export type Verdict = 'met' | 'not met' | '—';

export interface Row {
  figure: string;
  value: string;
  floor: string;
  ratio: string;
  target: string;
  verdict: Verdict;
}

export interface Section {
  id: string;
  title: string;
  /** `measured`, or why not (a feature not on this branch yet). */
  status: 'measured' | 'not landed';
  rows: Row[];
  notes: string[];
  seconds: number;
}

const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - [...s].length));

export function consoleTable(section: Section): string {
  const head: Row = {
    figure: 'figure',
    value: 'value',
    floor: 'floor',
    ratio: 'ratio',
    target: 'target',
    verdict: '—',
  };
  const all = [head, ...section.rows];
  const cols = ['figure', 'value', 'floor', 'ratio', 'target', 'verdict'] as const;
  const widths = cols.map((c) => Math.max(...all.map((r) => [...r[c]].length)));
  const line = (r: Row) => cols.map((c, i) => pad(r[c], widths[i] ?? 0)).join('  ');
  const out = [`\n== ${section.title} (${section.status}, ${section.seconds.toFixed(0)} s)`];
  if (section.rows.length)
    out.push(line({ ...head, verdict: 'verdict' as Verdict }), ...section.rows.map(line));
  for (const n of section.notes) out.push(`  - ${n}`);
  return out.join('\n');
}

export function markdown(
  sections: readonly Section[],
  meta: {
    date: string;
    commit: string;
    machine: string;
    totalSeconds: number;
    settings: string;
    /** The BENCH_* sizes of this run and the machine's load, so a reader can weigh the absolute times. */
    runSettings?: string;
  },
): string {
  const out: string[] = [
    '# Benchmarks against the physical floor',
    '',
    '_Written by `npm run bench` (test/bench/run.ts); do not edit by hand. Every figure is measured in the same run',
    'as its floor — the cheapest thing that path cannot avoid doing — and reported as a ratio to it._',
    '',
    `- Run: ${meta.date}, commit \`${meta.commit}\`, ${meta.machine}.`,
    `- Whole run: ${(meta.totalSeconds / 60).toFixed(1)} min (budget 15 min).`,
    `- Bundling settings: ${meta.settings}.`,
    ...(meta.runSettings ? [`- Settings of this run: ${meta.runSettings}.`] : []),
    '',
    '| part | status | targets met |',
    '| --- | --- | --- |',
    ...sections.map((s) => {
      const judged = s.rows.filter((r) => r.verdict !== '—');
      const met = judged.filter((r) => r.verdict === 'met').length;
      return `| ${s.title} | ${s.status} | ${judged.length ? `${met} / ${judged.length}` : '—'} |`;
    }),
    '',
  ];
  for (const s of sections) {
    out.push(`## ${s.title}`, '', `Status: **${s.status}** (${s.seconds.toFixed(0)} s).`, '');
    if (s.rows.length) {
      out.push(
        '| figure | value | floor | ratio | target | verdict |',
        '| --- | --- | --- | --- | --- | --- |',
      );
      for (const r of s.rows)
        out.push(`| ${r.figure} | ${r.value} | ${r.floor} | ${r.ratio} | ${r.target} | ${r.verdict} |`);
      out.push('');
    }
    for (const n of s.notes) out.push(`- ${n}`);
    out.push('');
  }
  return out.join('\n');
}
