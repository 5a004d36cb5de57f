// The clinician's patient list: search by name or condition, paged.
import { api } from '../api';
import { clear, h } from '../dom';
import { currentQuery } from '../router';
import type { Patient } from '../types';
import { patientBadges } from '../domain/badges';
import { humanize, pageTitle } from './common';

const PAGE = 20;

function row(p: Patient): HTMLElement {
  return h('tr', { 'data-patient-id': p.id },
    h('th', { scope: 'row' },
      h('a', { href: `#/patients/${p.id}` }, p.display_name),
      h('span', { class: 'badges', 'data-slot': 'patient-badges' }, patientBadges(p).map((b) =>
        h('span', { class: `badge badge-${b.tone}`, 'data-badge': b.key }, b.text)))),
    h('td', {}, p.age_years === null ? '' : String(p.age_years)),
    h('td', {}, humanize(p.sex)),
    h('td', {}, p.conditions.join(', ')),
    h('td', { class: 'hide-narrow' }, p.time_zone),
    h('td', { class: 'hide-narrow' }, h('a', { href: `#/checkin/${p.id}`, 'aria-label': `Check-in for ${p.display_name}` }, 'Check-in')));
}

export async function patientListView(_: Record<string, string>, main: HTMLElement): Promise<void> {
  const query = currentQuery();
  let q = query.get('q') ?? '';
  let offset = Math.max(0, Number(query.get('offset') ?? 0) || 0);

  const search = h('input', {
    type: 'search', id: 'patient-search', name: 'q', value: q, autocomplete: 'off',
    'aria-describedby': 'patient-search-hint', 'aria-controls': 'patient-results',
  });
  const body = h('tbody', {});
  const summary = h('p', { class: 'muted', id: 'patient-count', 'aria-live': 'polite' });
  const prev = h('button', { type: 'button', class: 'btn' }, 'Previous');
  const next = h('button', { type: 'button', class: 'btn' }, 'Next');

  let seq = 0;
  async function load(): Promise<void> {
    const mine = ++seq;
    const page = await api.listPatients(q, PAGE, offset);
    if (mine !== seq) return;
    clear(body);
    page.items.forEach((p) => body.appendChild(row(p)));
    if (!page.items.length) {
      body.appendChild(h('tr', {}, h('td', { colspan: 6, class: 'muted' },
        q ? `No patient matches “${q}”.` : 'No patients yet. Add the first one.')));
    }
    const last = Math.min(offset + page.items.length, page.total);
    summary.textContent = page.total ? `${offset + 1}–${last} of ${page.total} patients` : '';
    prev.disabled = offset === 0;
    next.disabled = last >= page.total;
    const hash = `#/patients${q || offset ? '?' + new URLSearchParams({ ...(q ? { q } : {}), ...(offset ? { offset: String(offset) } : {}) }) : ''}`;
    if (location.hash !== hash && location.hash.startsWith('#/patients')) history.replaceState(null, '', hash);
  }

  let timer = 0;
  search.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => {
      q = search.value.trim();
      offset = 0;
      void load();
    }, 250);
  });
  prev.addEventListener('click', () => { offset = Math.max(0, offset - PAGE); void load(); });
  next.addEventListener('click', () => { offset += PAGE; void load(); });

  main.append(
    pageTitle('Patients', h('a', { class: 'btn btn-primary', href: '#/patients/new' }, 'Add patient')),
    h('section', { class: 'card' },
      h('form', { role: 'search', class: 'search', onsubmit: (e: Event) => e.preventDefault() },
        h('label', { for: 'patient-search' }, 'Search patients'),
        h('p', { class: 'hint', id: 'patient-search-hint' }, 'By name or part of a name.'),
        search),
      h('div', { class: 'table-wrap' },
        h('table', { class: 'table', id: 'patient-results' },
          h('caption', { class: 'visually-hidden' }, 'Patients'),
          h('thead', {}, h('tr', {},
            h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Age'), h('th', { scope: 'col' }, 'Sex'),
            h('th', { scope: 'col' }, 'Conditions'), h('th', { scope: 'col', class: 'hide-narrow' }, 'Time zone'),
            h('th', { scope: 'col', class: 'hide-narrow' }, h('span', { class: 'visually-hidden' }, 'Patient check-in')))),
          body)),
      h('div', { class: 'pager' }, summary, h('div', { class: 'pager-buttons' }, prev, next))));
  await load();
}
