// What an alert or a proposal rests on: the observations, doses and regimens
// it names, in words where the page has the record, and the sources it cites.
import { api } from '../api';
import { h } from '../dom';
import { fmtQuantity } from '../domain/quantity';
import type { DoseEvent, EvidenceRef, Observation, Reference, Regimen } from '../types';
import { fmtDateTime } from '../time';
import { humanize } from './common';
import { referenceText } from './screening';
import { observationText } from './timeline';

// The records of the patient on screen; the alert inbox has none.
export interface Records {
  tz: string;
  observations?: Observation[];
  doses?: DoseEvent[];
  regimens?: Regimen[];
}

export function evidenceText(e: EvidenceRef, r: Records): string {
  if (e.kind === 'observation') {
    const o = r.observations?.find((x) => x.id === e.id);
    if (o) return `${observationText(o)}, ${fmtDateTime(o.observed_at, r.tz)}`;
  } else if (e.kind === 'dose_event') {
    const d = r.doses?.find((x) => x.id === e.id);
    if (d) {
      const what = d.status === 'skipped' ? 'skipped' : d.status === 'entered_in_error' ? 'entry withdrawn'
        : `${fmtQuantity(d.amount)} ${d.status === 'extra' ? 'extra dose' : 'taken'}`;
      return `${d.substance} ${what}, ${fmtDateTime(d.taken_at ?? d.planned_at, r.tz)}`;
    }
  } else if (e.kind === 'regimen') {
    const g = r.regimens?.find((x) => x.id === e.id);
    if (g) return `${g.substance} regimen, version ${g.current_version}`;
  }
  return `${humanize(e.kind)} #${e.id}`;
}

export function evidenceList(items: EvidenceRef[], r: Records): HTMLElement | null {
  if (!items.length) return null;
  return h('div', { class: 'evidence' }, h('span', { class: 'finding-label' }, 'Evidence'),
    h('ul', {}, items.map((e) => h('li', { 'data-evidence': `${e.kind}:${e.id}` }, evidenceText(e, r)))));
}

// References are fetched once per page load and shared by every list.
const cache = new Map<string, Promise<Reference | null>>();
function reference(id: string): Promise<Reference | null> {
  let p = cache.get(id);
  if (!p) {
    p = api.reference(id).catch(() => null);
    cache.set(id, p);
  }
  return p;
}

// `folded`: behind a "Sources (n)" summary, for long lists.
export function sourcesList(ids: string[], folded = false): HTMLElement | null {
  if (!ids.length) return null;
  const items = ids.map((id) => {
    const li = h('li', { 'data-ref': id }, id);
    void reference(id).then((r) => {
      if (!r) return;
      const link = r.pmid ? `https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/` : r.doi ? `https://doi.org/${r.doi}` : null;
      const text = referenceText(id, r);
      li.replaceChildren(link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, text) : text);
    });
    return li;
  });
  if (folded) {
    return h('details', { class: 'history finding-refs sources' }, h('summary', {}, `Sources (${ids.length})`), h('ul', {}, items));
  }
  return h('div', { class: 'finding-refs' }, h('span', { class: 'finding-label' }, 'Sources'), h('ul', {}, items));
}
