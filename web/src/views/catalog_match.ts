// What a recorded condition or medicine matched in the knowledge base, shown
// next to the entry: the catalogue name and its main code, or a flag that the
// free text matched nothing, with the closest entries.
import { h } from '../dom';
import type { CatalogCode, CatalogMatch } from '../types';
import { badge } from './common';

const SYSTEM_LABELS: Record<string, string> = {
  icd10cm: 'ICD-10-CM', snomedct: 'SNOMED CT', atc: 'ATC', rxnorm: 'RxNorm', gsrs: 'G-SRS', unii: 'UNII',
};

// The code a clinician looks for first: ICD-10-CM for a condition, then the
// other standard systems; never the local pineal code.
function mainCode(codes: CatalogCode[]): CatalogCode | undefined {
  for (const system of ['icd10cm', 'snomedct', 'atc', 'rxnorm']) {
    const c = codes.find((x) => x.system === system);
    if (c) return c;
  }
  return undefined;
}

export function catalogMatchNote(m: CatalogMatch | null | undefined): HTMLElement | null {
  if (!m) return null;
  if (m.matched) {
    const code = mainCode(m.matched.codes);
    const codeText = code ? ` · ${SYSTEM_LABELS[code.system] ?? code.system} ${code.code}` : '';
    return h('span', { class: 'code-small', 'data-catalog': m.matched.id,
      title: m.matched.codes.filter((c) => c.system !== 'urn:pineal:substance')
        .map((c) => `${SYSTEM_LABELS[c.system] ?? c.system} ${c.code}${c.display ? ` ${c.display}` : ''}`).join('\n') },
    `${m.matched.name}${codeText}`);
  }
  const meant = m.suggestions.map((s) => s.name);
  return h('span', { class: 'code-small', 'data-catalog': '' },
    badge('Not in the knowledge base', 'warn'),
    meant.length ? ` Did you mean: ${meant.join(', ')}?` : ' Not screened; record it under a known name.');
}

// The patient's conditions, each with what it matched.
export function conditionsWithMatches(conditions: string[], matches: CatalogMatch[] | undefined): HTMLElement | string {
  if (!conditions.length) return '';
  if (!matches || matches.length !== conditions.length) return conditions.join(', ');
  return h('ul', { class: 'conditions' },
    conditions.map((c, i) => h('li', {}, c, catalogMatchNote(matches[i]))));
}
