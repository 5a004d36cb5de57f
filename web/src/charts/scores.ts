// Instrument scores over time, one chart per instrument with its bands shaded,
// and side effects by grade.
import type { Observation } from '../types';
import { INSTRUMENTS, instrument } from '../data/instruments';
import { GRADE_NAMES, sideEffectLabel } from '../data/side_effects';
import { align, type ChartSpec, secs } from './base';
import { COLORS, SERIES } from './palette';

export function instrumentSpecs(obs: Observation[], tz: string, xRange?: [number, number]): ChartSpec[] {
  const byCode = new Map<string, Array<[number, number]>>();
  for (const o of obs) {
    if (o.kind !== 'instrument' || o.value === null) continue;
    const code = instrument(o.code)?.code ?? o.code;
    const list = byCode.get(code) ?? [];
    list.push([secs(o.observed_at), o.value]);
    byCode.set(code, list);
  }
  const known = INSTRUMENTS.map((i) => i.code);
  const codes = [...byCode.keys()].sort((a, b) => rank(known, a) - rank(known, b) || a.localeCompare(b));
  return codes.map((code) => {
    const inst = instrument(code);
    const { xs, columns } = align([byCode.get(code)!]);
    return {
      id: `instrument-${code}`,
      title: inst ? `${inst.name} (${inst.short})` : code,
      tz, xs, xRange,
      series: [{ label: inst?.short ?? code, values: columns[0], color: COLORS.primary, style: 'line' }],
      axes: [{ scale: 'y', label: 'score', range: inst ? [inst.min, inst.max] : undefined }],
      bands: inst?.bands.map((b) => ({ from: b.from, to: b.to, tone: b.tone, label: b.label })),
      note: inst ? `Source: ${inst.source}.${inst.bands.length ? '' : ' No standard severity bands.'}` : undefined,
    } satisfies ChartSpec;
  });
}

function rank(order: string[], code: string): number {
  const i = order.indexOf(code);
  return i < 0 ? order.length : i;
}

export function sideEffectSpec(obs: Observation[], tz: string, xRange?: [number, number]): ChartSpec {
  const byCode = new Map<string, Array<[number, number]>>();
  for (const o of obs) {
    if (o.kind !== 'side_effect' || o.value === null) continue;
    const list = byCode.get(o.code) ?? [];
    list.push([secs(o.observed_at), o.value]);
    byCode.set(o.code, list);
  }
  const codes = [...byCode.keys()].sort();
  const { xs, columns } = align(codes.map((c) => byCode.get(c)!));
  return {
    id: 'side-effects',
    title: 'Side effects by grade (CTCAE 1 mild – 5 death)',
    tz, xs, xRange,
    series: codes.map((c, i) => ({
      label: sideEffectLabel(c), values: columns[i], color: SERIES[i % SERIES.length], style: 'points',
      display: (idx: number) => {
        const v = columns[i][idx];
        return v === null ? '–' : `${v} ${GRADE_NAMES[v] ?? ''}`.trim();
      },
    })),
    axes: [{ scale: 'y', label: 'grade', range: [0.5, 5.5], splits: [1, 2, 3, 4, 5] }],
    empty: 'No side effects reported.',
  };
}
