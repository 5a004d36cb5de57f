// Last night's sleep diary (Consensus Sleep Diary core items). The derived
// values are shown as they are typed and posted as sleep_diary observations.
import { api, ApiError } from '../api';
import { announce, h } from '../dom';
import { field, FormController, invalid } from '../forms';
import { SLEEP } from '../data/sleep_codes';
import { computeDiary, DiaryError, type DiaryInput, type DiaryResult } from '../domain/sleep';
import type { Observation } from '../types';
import { fmtDate, localDate } from '../time';

export interface SleepContext {
  patientId: number;
  tz: string;
  today: string;
  observations: Observation[];
  onRecorded: (o: Observation[]) => void;
}

// Form field names for the diary's inputs; errors from computeDiary name these.
const NAMES: Record<keyof DiaryInput, string> = {
  morning: 'morning', bedTime: 'bed_time', lightsOut: 'lights_out', latencyMin: 'sleep_onset_latency',
  awakenings: 'number_of_awakenings', wasoMin: 'wake_after_sleep_onset', wakeTime: 'wake_time', outOfBed: 'out_of_bed',
};

export function hm(min: number): string {
  return `${Math.floor(min / 60)} h ${String(Math.round(min % 60)).padStart(2, '0')} min`;
}

export function sleepCard(ctx: SleepContext): HTMLElement {
  const ctl = new FormController({ class: 'form', 'data-form': 'sleep-diary' }, 'Save sleep diary');
  const t = (name: string, label: string, hint?: string) =>
    ctl.add(field({ name, label, type: 'time', required: true, hint }));
  const n = (name: string, label: string, hint?: string) =>
    ctl.add(field({ name, label, type: 'number', required: true, hint, attrs: { min: '0', step: '1', inputmode: 'numeric' } }));
  const bed = t(NAMES.bedTime, 'Got into bed at');
  const lights = t(NAMES.lightsOut, 'Tried to sleep at', 'Lights out.');
  const latency = n(NAMES.latencyMin, 'Minutes to fall asleep');
  const wakes = n(NAMES.awakenings, 'Times woken in the night', 'Not counting the final awakening.');
  const waso = n(NAMES.wasoMin, 'Minutes awake in the night', 'All those awakenings together.');
  const wake = t(NAMES.wakeTime, 'Woke up for the day at');
  const out = t(NAMES.outOfBed, 'Got out of bed at');
  const summary = h('output', { class: 'diary-summary', 'aria-live': 'polite' });
  waso.value = '0';
  wakes.value = '0';

  const input = (): DiaryInput => ({
    morning: ctx.today, bedTime: bed.value, lightsOut: lights.value, latencyMin: num(latency.value),
    awakenings: num(wakes.value), wasoMin: num(waso.value), wakeTime: wake.value, outOfBed: out.value,
  });
  const compute = (): DiaryResult => {
    try {
      return computeDiary(input(), ctx.tz, Date.now());
    } catch (e) {
      if (e instanceof DiaryError) throw invalid(NAMES[e.field as keyof DiaryInput] ?? e.field, e.message);
      throw e;
    }
  };
  const show = () => {
    try {
      const r = compute();
      summary.textContent = `Asleep ${hm(r.totalSleepMin)} of ${hm(r.timeInBedMin)} in bed · sleep efficiency ${r.efficiencyPct}%`;
    } catch {
      summary.textContent = '';
    }
  };
  ctl.form.addEventListener('input', show);

  ctl.onSubmit(async () => {
    const r = compute();
    const at = r.wakeAt;
    const posts: Array<[{ code: string; unit: string; label: string }, number]> = [
      [SLEEP.efficiency, r.efficiencyPct], [SLEEP.total, r.totalSleepMin], [SLEEP.latency, r.latencyMin],
      [SLEEP.waso, r.wasoMin], [SLEEP.awakenings, r.awakenings],
    ];
    const saved: Observation[] = [];
    for (const [m, value] of posts) {
      try {
        saved.push(await api.addObservation(ctx.patientId,
          { kind: 'sleep_diary', code: m.code, value, unit: m.unit, observed_at: at }));
      } catch (e) {
        // The server names its own field ("value"); say which entry it was.
        if (!(e instanceof ApiError)) throw e;
        const typed = Object.values(NAMES).includes(m.code);
        throw typed ? invalid(m.code, e.message)
          : new ApiError(e.status, e.code, `${m.label} (worked out from the times): ${e.message}`);
      }
    }
    ctx.observations.push(...saved);
    announce(`Sleep diary saved: ${hm(r.totalSleepMin)} asleep, efficiency ${r.efficiencyPct}%.`);
    ctx.onRecorded(saved);
    ctl.form.reset();
    waso.value = '0';
    wakes.value = '0';
    summary.textContent = '';
    status.textContent = recordedText();
  });

  const recordedText = () => {
    const done = ctx.observations.some((o) => o.kind === 'sleep_diary' &&
      localDate(Date.parse(o.observed_at), ctx.tz) === ctx.today);
    return done ? 'Last night is already recorded; saving again adds another entry.' : '';
  };
  const status = h('p', { class: 'hint', 'data-recorded': 'sleep' }, recordedText());
  ctl.form.append(
    h('div', { class: 'form-grid form-grid-2' }, bed.wrap, lights.wrap, latency.wrap, wakes.wrap, waso.wrap, wake.wrap,
      out.wrap),
    summary, h('div', { class: 'form-actions' }, ctl.submitButton('btn-wide')));
  return h('section', { class: 'card', id: 'checkin-sleep', 'aria-labelledby': 'checkin-sleep-title' },
    h('h2', { id: 'checkin-sleep-title' }, 'Last night'),
    h('p', { class: 'hint' }, `The night ending this morning, ${fmtDate(ctx.today)}.`), status, ctl.form);
}

function num(v: string): number {
  return v === '' ? NaN : Number(v);
}
