// The clinician's view of one patient: profile, medicines, regimens, charts
// and timeline. Printing gives a readable summary (styles/print.css).
import { api } from '../api';
import { h } from '../dom';
import { chartPanel, type ChartData, windowText } from '../charts/panel';
import { predictionCard } from '../charts/pk';
import { navigate, currentPath } from '../router';
import type { Patient } from '../types';
import { fmtDate, fmtDateTime, todayIn, zoneAbbrev, zoneOr } from '../time';
import { conditionsWithMatches } from './catalog_match';
import { badge, dl, humanize, pageTitle, patientIdParam, section } from './common';
import { medicationsSection } from './medications';
import { monitoringPanels, type MonitoringPanels } from './patient_monitoring';
import { plansSection } from './plans';
import { questionnairesSection } from './questionnaire_list';
import { regimensSection } from './regimens';
import { timelineSection } from './timeline';

// A link that scrolls to a section of the page and puts focus on its heading.
function jumpLink(patientId: number, target: string, ...label: Array<string | HTMLElement>): HTMLElement {
  const a = h('a', { href: `#/patients/${patientId}`, 'data-target': target }, ...label);
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    const el = document.getElementById(target);
    el?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    el?.querySelector<HTMLElement>('h2')?.focus({ preventScroll: true });
  });
  return a;
}

function profile(p: Patient, tz: string, watch: MonitoringPanels['summary']): HTMLElement {
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
      ['Conditions', conditionsWithMatches(p.conditions, p.condition_matches)],
      ['Pregnancy', p.sex === 'male' ? '' : humanize(p.pregnancy)],
      ['Time zone', `${tz} (${zoneAbbrev(tz)})`],
      ['Notes', p.notes],
    ]),
    flags.length ? h('p', { class: 'flags' }, flags) : null,
    // What needs the clinician: alerts, overdue reviews, proposals awaiting a decision.
    h('p', { class: 'slot flags watch', 'data-slot': 'patient-alerts', hidden: !watch.length },
      watch.map((w) => jumpLink(p.id, w.target, w.el))));
}

export async function patientPageView(params: Record<string, string>, main: HTMLElement): Promise<() => void> {
  const id = patientIdParam(params);
  // The patient first: an unknown id stops here, with one clear answer.
  const patient = await api.getPatient(id);
  const [meds, regimens, doses, observations, timeline, plans] = await Promise.all([
    api.listMedications(id), api.listRegimens(id), api.listDoseEvents(id),
    api.listObservations(id), api.timeline(id), api.listPlans(id),
  ]);
  const tz = zoneOr(patient.time_zone);
  const today = todayIn(tz);
  const refresh = () => navigate(currentPath());
  const watch = await monitoringPanels({ patientId: id, tz, today, refresh,
    records: { tz, observations: observations.items, doses: doses.items, regimens: regimens.items } });
  const data: ChartData = { patient, tz, regimens: regimens.items, doses: doses.items, observations: observations.items };
  const charts = chartPanel(data, ['doses', 'sleep', 'scores', 'side-effects']);
  // Predictions exist for the substances with a PK model that the patient
  // takes: a dose logged in the last week, or an active regimen with set times.
  const weekAgo = Date.now() - 7 * 86400e3;
  const modelled = ['melatonin', 'kratom'].filter((s) =>
    regimens.items.some((r) => r.substance.toLowerCase() === s && r.status === 'active' &&
      r.current.frequency !== 'as_needed') ||
    doses.items.some((d) => d.substance.toLowerCase() === s && d.status !== 'skipped' && d.status !== 'entered_in_error' &&
      d.taken_at !== null && Date.parse(d.taken_at) >= weekAgo));
  const prediction = predictionCard(id, modelled);

  const print = h('button', { type: 'button', class: 'btn' }, 'Print summary');
  print.addEventListener('click', () => window.print());
  main.append(
    pageTitle(patient.display_name,
      h('div', { class: 'head-actions no-print' },
        h('a', { class: 'btn', href: `#/checkin/${id}` }, 'Patient check-in'), print)),
    h('p', { class: 'print-only print-meta' },
      `pineal patient summary · printed ${fmtDateTime(new Date().toISOString(), tz)} (${tz})`),
    h('nav', { class: 'section-nav no-print', 'aria-label': 'Sections' },
      [['profile', 'Profile'], ['alerts', 'Alerts'], ['medications', 'Medicines'], ['regimens', 'Regimens'],
        ['reviews', 'Reviews'], ['questionnaires', 'Questionnaires'], ['proposals', 'Proposals'], ['adherence', 'Adherence'], ['charts', 'Charts'],
        ['prediction', 'Prediction'], ['plans', 'Plans'], ['timeline', 'Timeline']]
        .map(([target, label]) => jumpLink(id, target, label))),
    h('div', { class: 'patient-layout' },
      profile(patient, tz, watch.summary),
      watch.alerts,
      medicationsSection(id, meds.items, today, refresh),
      regimensSection({ patientId: id, tz, regimens: regimens.items, refresh }),
      watch.reviews,
      questionnairesSection({ patientId: id, byClinician: true, onRecorded: refresh }),
      watch.proposals,
      watch.adherence,
      section('charts', 'Charts', h('p', { class: 'hint' }, windowText(data)), charts.el),
      section('prediction', 'Predicted concentrations',
        h('p', { class: 'hint' }, 'From the doses logged over the last 7 days and the regimen\'s next doses, ' +
          'for this patient\'s age, sex, weight, smoking and current medicines. A model prediction, not a measurement.'),
        prediction.el),
      plansSection(id, plans.items, tz, refresh),
      timelineSection(timeline.items, tz)));
  main.querySelectorAll<HTMLElement>('section.card > h2').forEach((e) => { e.tabIndex = -1; });
  return () => {
    charts.destroy();
    prediction.destroy();
  };
}
