// The sleep diary: efficiency against the 85% line, total sleep time and
// sleep-onset latency (Consensus Sleep Diary codes, data/sleep_codes.ts).
import type { Observation } from '../types';
import { DISTURBED, SLEEP } from '../data/sleep_codes';
import { align, type ChartSpec, secs } from './base';
import { COLORS } from './palette';

function pointsOf(obs: Observation[], code: string, scale = 1): Array<[number, number]> {
  return obs.filter((o) => o.kind === 'sleep_diary' && o.code === code && o.value !== null)
    .map((o) => [secs(o.observed_at), (o.value as number) * scale]);
}

export function sleepSpecs(obs: Observation[], tz: string, xRange?: [number, number]): ChartSpec[] {
  const eff = align([pointsOf(obs, SLEEP.efficiency.code)]);
  const times = align([pointsOf(obs, SLEEP.total.code, 1 / 60), pointsOf(obs, SLEEP.latency.code)]);
  const maxLatency = Math.max(60, ...times.columns[1].map((v) => v ?? 0));
  const maxHours = Math.max(10, ...times.columns[0].map((v) => v ?? 0));
  return [
    {
      id: 'sleep-efficiency',
      title: 'Sleep efficiency (%)',
      tz, xRange, xs: eff.xs,
      series: [{ label: 'Efficiency', values: eff.columns[0], color: COLORS.efficiency, style: 'line' }],
      axes: [{ scale: 'y', label: '%', range: [0, 100] }],
      bands: [{ from: 0, to: DISTURBED.efficiencyPct - 1, tone: 'mild', range: `under ${DISTURBED.efficiencyPct}%`,
        label: 'commonly taken as disturbed sleep' }],
      empty: 'No sleep diary yet.',
    },
    {
      id: 'sleep-times',
      title: 'Total sleep time (h) and time to fall asleep (min)',
      tz, xRange, xs: times.xs,
      series: [
        { label: 'Total sleep (h)', values: times.columns[0], color: COLORS.total, style: 'line', scale: 'h',
          display: (i) => hoursText(times.columns[0][i]) },
        { label: 'Latency (min)', values: times.columns[1], color: COLORS.latency, style: 'line', scale: 'min' },
      ],
      axes: [
        { scale: 'h', label: 'hours asleep', range: [0, Math.ceil(maxHours)] },
        { scale: 'min', label: 'minutes to fall asleep', side: 'right', range: [0, Math.ceil(maxLatency / 15) * 15] },
      ],
      note: `Latency over ${DISTURBED.latencyMin} min is commonly taken as disturbed sleep.`,
      empty: 'No sleep diary yet.',
    },
  ];
}

function hoursText(h: number | null): string {
  if (h === null) return '–';
  const min = Math.round(h * 60);
  return `${Math.floor(min / 60)} h ${String(min % 60).padStart(2, '0')} min`;
}
