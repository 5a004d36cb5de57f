// The patient's daily check-in, made for a phone: doses, the questionnaires
// due, last night's sleep, side effects, then the patient's own charts. Reached at #/checkin/{id}.
import { api } from '../api';
import { h } from '../dom';
import { chartPanel, windowText } from '../charts/panel';
import { fmtDate, todayIn, zoneAbbrev, zoneOr } from '../time';
import { patientIdParam } from './common';
import { dosesCard } from './checkin_doses';
import { plansCard } from './checkin_plans';
import { sideEffectsCard } from './checkin_side_effects';
import { sleepCard } from './checkin_sleep';
import { checkinQuestionnairesCard } from './questionnaire_list';
import { calendarCard } from './checkin_calendar';

export async function checkinView(params: Record<string, string>, main: HTMLElement): Promise<() => void> {
  const id = patientIdParam(params);
  const patient = await api.getPatient(id);
  const [regimens, doses, observations, plans] = await Promise.all([
    api.listRegimens(id), api.listDoseEvents(id), api.listObservations(id), api.listPlans(id),
  ]);
  const tz = zoneOr(patient.time_zone);
  const today = todayIn(tz);
  document.title = 'Check-in · pineal';
  document.body.classList.add('mode-patient');

  const chartSlot = h('div', {});
  let charts: { el: HTMLElement; destroy(): void } = { el: h('div', {}), destroy: () => undefined };
  const drawCharts = () => {
    charts.destroy();
    charts = chartPanel({ patient, tz, regimens: regimens.items, doses: doses.items, observations: observations.items },
      ['doses', 'sleep', 'side-effects', 'scores']);
    const data = { patient, tz, regimens: regimens.items, doses: doses.items, observations: observations.items };
    chartSlot.replaceChildren(h('p', { class: 'hint' }, windowText(data)), charts.el);
  };
  drawCharts();
  const redraw = () => drawCharts();

  main.append(
    h('div', { class: 'checkin' },
      h('div', { class: 'page-head' },
        h('h1', { tabindex: -1 }, 'Daily check-in'),
        h('p', { class: 'muted' }, `${patient.display_name} · ${fmtDate(today)} · times in ${tz} (${zoneAbbrev(tz)})`),
        h('p', { class: 'clinician-only' }, h('a', { href: `#/patients/${id}` }, 'Back to the clinician view'))),
      dosesCard({ patientId: id, tz, today, regimens: regimens.items, events: doses.items, onRecorded: redraw }),
      checkinQuestionnairesCard({ patientId: id, byClinician: false, onRecorded: (r) => {
        observations.items.push(r.observation);
        redraw();
      } }),
      plansCard(plans.items, today),
      sleepCard({ patientId: id, tz, today, observations: observations.items, onRecorded: redraw }),
      sideEffectsCard({ patientId: id, tz, today, substances: [...new Set(regimens.items.map((r) => r.substance))],
        observations: observations.items, onRecorded: redraw }),
      calendarCard({ patientId: id, tz }),
      h('section', { class: 'card', id: 'checkin-charts', 'aria-labelledby': 'checkin-charts-title' },
        h('h2', { id: 'checkin-charts-title' }, 'My charts'),
        chartSlot)));
  return () => {
    charts.destroy();
    document.body.classList.remove('mode-patient');
  };
}
