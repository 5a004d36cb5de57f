// The clinician's view of one patient: profile, medicines, regimens, charts
// and timeline. Printing gives a readable summary (styles/print.css).
import { api } from '../api';
import { h } from '../dom';
import { chartPanel, type ChartData, windowText } from '../charts/panel';
import { navigate, currentPath } from '../router';
import type { Patient } from '../types';
import { fmtDate, fmtDateTime, todayIn, zoneAbbrev, zoneOr } from '../time';
import { badge, dl, humanize, pageTitle, patientIdParam, section } from './common';
import { medicationsSection } from './medications';
import { regimensSection } from './regimens';
import { timelineSection } from './timeline';

function profile(p: Patient, tz: string): HTMLElement {
  const weight = p.weight ? `${p.weight.value} ${p.weight.unit} (measured ${fmtDate(p.weight.measured_on)})` : '';
  const flags = [
    p.pregnancy === 'pregnant' ? badge('Pregnant', 'warn') : null,
    p.breastfeeding ? badge('Breastfeeding', 'warn') : null,
    p.smoker ? badge('Smoker', 'muted') : null,
  ].filter(Boolean) as HTMLElement[];
  return section('profile', 'Profile',
    dl([
      ['Age', p.age_years === null ? '' : `${p.age_years} years${p.birth_date ? ` (born ${fmtDate(p.birth_date)})` : ''}`],
      ['Sex', humanize(p.sex)],
      ['Weight', weight],
      ['Conditions', p.conditions.join(', ')],
      ['Pregnancy', p.sex === 'male' ? '' : humanize(p.pregnancy)],
      ['Time zone', `${tz} (${zoneAbbrev(tz)})`],
      ['Notes', p.notes],
    ]),
    flags.length ? h('p', { class: 'flags' }, flags) : null,
    // Safety findings, alerts and review dates will be shown here.
    h('div', { class: 'slot', 'data-slot': 'patient-alerts', hidden: true }));
}

export async function patientPageView(params: Record<string, string>, main: HTMLElement): Promise<() => void> {
  const id = patientIdParam(params);
  // The patient first: an unknown id stops here, with one clear answer.
  const patient = await api.getPatient(id);
  const [meds, regimens, doses, observations, timeline] = await Promise.all([
    api.listMedications(id), api.listRegimens(id), api.listDoseEvents(id),
    api.listObservations(id), api.timeline(id),
  ]);
  const tz = zoneOr(patient.time_zone);
  const today = todayIn(tz);
  const refresh = () => navigate(currentPath());
  const data: ChartData = { patient, tz, regimens: regimens.items, doses: doses.items, observations: observations.items };
  const charts = chartPanel(data, ['doses', 'sleep', 'scores', 'side-effects']);

  const print = h('button', { type: 'button', class: 'btn' }, 'Print summary');
  print.addEventListener('click', () => window.print());
  main.append(
    pageTitle(patient.display_name,
      h('div', { class: 'head-actions no-print' },
        h('a', { class: 'btn', href: `#/checkin/${id}` }, 'Patient check-in'), print)),
    h('p', { class: 'print-only print-meta' },
      `pineal patient summary · printed ${fmtDateTime(new Date().toISOString(), tz)} (${tz})`),
    h('nav', { class: 'section-nav no-print', 'aria-label': 'Sections' },
      [['profile', 'Profile'], ['medications', 'Medicines'], ['regimens', 'Regimens'], ['charts', 'Charts'],
        ['timeline', 'Timeline']].map(([target, label]) => {
        const a = h('a', { href: `#/patients/${id}`, 'data-target': target }, label);
        a.addEventListener('click', (ev) => {
          ev.preventDefault();
          const el = document.getElementById(target);
          el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
          el?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
        });
        return a;
      })),
    h('div', { class: 'patient-layout' },
      profile(patient, tz),
      medicationsSection(id, meds.items, today, refresh),
      regimensSection({ patientId: id, tz, regimens: regimens.items, refresh }),
      section('charts', 'Charts', h('p', { class: 'hint' }, windowText(data)), charts.el),
      timelineSection(timeline.items, tz)));
  main.querySelectorAll<HTMLElement>('section.card > h2').forEach((e) => { e.tabIndex = -1; });
  return charts.destroy;
}
