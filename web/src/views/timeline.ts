// The patient's record in time order, newest first, grouped by local day.
import { h } from '../dom';
import { bandOf, instrument } from '../data/instruments';
import { GRADE_NAMES, sideEffectLabel } from '../data/side_effects';
import { SLEEP } from '../data/sleep_codes';
import { fmtQuantity } from '../domain/quantity';
import type { DoseEvent, Medication, Observation, Quantity, RegimenVersion, TimelineEntry } from '../types';
import { fmtDay, fmtTime, localDate } from '../time';
import { humanize, section } from './common';
import { scheduleText } from './regimens';

const SHOWN = 60;

export function observationText(o: Observation): string {
  const v = o.value === null ? '' : String(Number(o.value.toFixed(1)));
  if (o.kind === 'instrument') {
    const inst = instrument(o.code);
    const band = inst && o.value !== null ? bandOf(inst, o.value) : undefined;
    return `${inst?.short ?? o.code} ${v}${band ? ` (${band.label})` : ''}`;
  }
  if (o.kind === 'side_effect') {
    const grade = o.value === null ? '' : ` grade ${v} (${GRADE_NAMES[o.value] ?? ''})`;
    return `Side effect: ${sideEffectLabel(o.code)}${grade}${o.text ? ` – ${o.text}` : ''}`;
  }
  if (o.kind === 'sleep_diary' && o.code === SLEEP.total.code && o.value !== null) {
    return `${SLEEP.total.label}: ${Math.floor(o.value / 60)} h ${String(Math.round(o.value % 60)).padStart(2, '0')} min`;
  }
  if (o.kind === 'sleep_diary') {
    const known = Object.values(SLEEP).find((s) => s.code === o.code);
    return `${known?.label ?? humanize(o.code)}: ${v} ${o.unit.replace(/[{}]/g, '')}`.trim();
  }
  return `${humanize(o.kind)}: ${humanize(o.code)} ${v} ${o.unit}${o.text ? ` – ${o.text}` : ''}`.trim();
}

function entryText(e: TimelineEntry, tz: string): string {
  const r = e.record;
  switch (e.kind) {
    case 'dose_event': {
      const d = r as unknown as DoseEvent;
      const planned = d.planned_at ? ` (planned ${fmtTime(d.planned_at, tz)})` : '';
      const fix = d.corrects ? ' – correction' : '';
      if (d.status === 'skipped') return `${d.substance} skipped${planned}${fix}`;
      if (d.status === 'entered_in_error') return `${d.substance}${planned}: an entry withdrawn as made in error`;
      return `${d.substance} ${fmtQuantity(d.amount as Quantity)} ${d.status === 'extra' ? 'extra dose' : 'taken'}${planned}${fix}`;
    }
    case 'observation':
      return observationText(r as unknown as Observation);
    case 'regimen': {
      const v = r as unknown as RegimenVersion & { substance: string };
      return `Regimen ${v.substance} v${v.version} ${e.event}: ${scheduleText(v)}${v.reason ? ` – ${v.reason}` : ''}`;
    }
    case 'medication': {
      const m = r as unknown as Medication;
      return `${humanize(m.category)} ${e.event}: ${m.name} ${fmtQuantity(m.dose)} ${m.schedule}`.trim();
    }
    default:
      return e.event;
  }
}

export function timelineSection(entries: TimelineEntry[], tz: string): HTMLElement {
  const newest = [...entries].reverse();
  const list = h('ol', { class: 'timeline', 'data-count': entries.length });
  let shown = 0;
  const more = h('button', { type: 'button', class: 'btn no-print' }, 'Show earlier entries');

  function renderMore(): void {
    let day = shown ? localDate(Date.parse(newest[shown - 1].at), tz) : '';
    for (const e of newest.slice(shown, shown + SHOWN)) {
      const d = localDate(Date.parse(e.at), tz);
      if (d !== day) {
        list.appendChild(h('li', { class: 'timeline-day' }, h('h3', {}, fmtDay(e.at, tz))));
        day = d;
      }
      list.appendChild(h('li', { class: `timeline-entry kind-${e.kind}`, 'data-kind': e.kind },
        h('time', { datetime: e.at }, fmtTime(e.at, tz)), ' ',
        h('span', { class: 'kind' }, humanize(e.kind.replace('_event', ''))), ' ',
        h('span', {}, entryText(e, tz))));
      shown += 1;
    }
    more.hidden = shown >= newest.length;
  }
  more.addEventListener('click', renderMore);
  renderMore();
  return section('timeline', 'Timeline',
    entries.length ? list : h('p', { class: 'muted' }, 'Nothing recorded yet.'), more);
}
