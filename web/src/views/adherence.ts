// Adherence over the last 30 days as the API counts it: planned against
// taken, late, missed, skipped and extra doses, by regimen and by week.
import { h } from '../dom';
import { concerns, percentText, takenSentence, weekLabel } from '../domain/adherence_counts';
import type { Adherence, AdherenceCounts } from '../types';
import { fmtDate, localDate } from '../time';
import { scrollTable, section } from './common';

const COLUMNS: Array<[keyof AdherenceCounts, string]> = [
  ['planned', 'Planned'], ['taken', 'Taken'], ['taken_late', 'Late'], ['missed', 'Missed'], ['skipped', 'Skipped'],
  ['extra', 'Extra'], ['above_planned', 'Above plan'],
];

function countsTable(id: string, caption: string, head: string, rows: Array<[string, AdherenceCounts]>): HTMLElement {
  const label = `Adherence ${caption.charAt(0).toLowerCase()}${caption.slice(1)}`;
  return scrollTable(label, h('table', { class: 'table table-compact counts', id },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, head), COLUMNS.map(([, l]) => h('th', { scope: 'col', class: 'num' }, l)),
      h('th', { scope: 'col', class: 'num' }, 'Taken %'))),
    h('tbody', {}, rows.map(([label, c]) => h('tr', {},
      h('th', { scope: 'row' }, label),
      COLUMNS.map(([k]) => h('td', { class: 'num' }, String(c[k] ?? 0))),
      h('td', { class: 'num' }, percentText(c)))))));
}

export function adherenceSection(a: Adherence, tz: string): HTMLElement {
  const from = a.from ? fmtDate(localDate(Date.parse(a.from), tz)) : '';
  const to = a.to ? fmtDate(localDate(Date.parse(a.to), tz)) : '';
  const worries = concerns(a.total);
  return section('adherence', 'Adherence',
    h('p', { class: 'adherence-total', 'data-percent': a.total.percent_taken ?? '' },
      h('strong', {}, takenSentence(a.total)), from && to ? ` from ${from} to ${to}.` : '.'),
    worries.length ? h('p', { class: 'muted' }, worries.join(' · ')) : null,
    a.regimens?.length ? countsTable('adherence-regimens', 'By regimen', 'Regimen',
      a.regimens.map((r) => [r.substance, r])) : null,
    a.weeks?.length ? h('details', { class: 'history' }, h('summary', {}, `By week (${a.weeks.length})`),
      countsTable('adherence-weeks', 'By ISO week', 'Week', a.weeks.map((w) => [weekLabel(w), w]))) : null);
}
