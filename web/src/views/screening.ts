// Safety screening as the clinician sees it: findings grouped by severity
// with what to do and the sources, the live panel beside the regimen editor,
// and the overrides kept with each regimen version.
import { clear, h } from '../dom';
import type { Finding, Override, Reference, Screening, Severity, VersionScreening } from '../types';
import { fmtDateTime } from '../time';

export const SEVERITIES: Array<[Severity, string]> = [
  ['contraindicated', 'Contraindicated'], ['major', 'Major'], ['moderate', 'Moderate'], ['minor', 'Minor'],
  ['info', 'For information'],
];

const severityLabel = (s: string) => SEVERITIES.find(([v]) => v === s)?.[1] ?? s;

export function referenceText(id: string, r: Reference | undefined): string {
  if (!r) return id;
  const head = [r.authors, r.year ? `(${r.year})` : ''].filter(Boolean).join(' ');
  const title = r.title ? r.title.replace(/\.$/, '') : '';
  const where = r.journal ?? r.document ?? '';
  const ids = [r.pmid ? `PMID ${r.pmid}` : '', r.doi ? `DOI ${r.doi}` : ''].filter(Boolean).join(', ');
  return [head, title, where, ids].filter(Boolean).join('. ') + '.';
}

function referenceList(ids: string[], refs: Record<string, Reference> | undefined): HTMLElement | null {
  if (!ids.length) return null;
  return h('div', { class: 'finding-refs' }, h('span', { class: 'finding-label' }, 'Sources'),
    h('ul', {}, ids.map((id) => {
      const r = refs?.[id];
      const link = r?.pmid ? `https://pubmed.ncbi.nlm.nih.gov/${r.pmid}/` : r?.doi ? `https://doi.org/${r.doi}` : null;
      const text = referenceText(id, r);
      return h('li', { 'data-ref': id },
        link ? h('a', { href: link, target: '_blank', rel: 'noopener noreferrer' }, text) : text);
    })));
}

export function findingItem(f: Finding, refs?: Record<string, Reference>, overridden?: Override): HTMLElement {
  return h('li', { class: `finding finding-${f.severity}`, 'data-finding': f.key, 'data-rule': f.rule_id },
    h('div', { class: 'finding-head' },
      h('strong', { class: 'finding-title' }, f.title),
      h('span', { class: `sev sev-${f.severity}` }, severityLabel(f.severity)),
      f.blocking ? h('span', { class: 'sev sev-signoff' }, overridden ? 'Overridden' : 'Needs sign-off') : null),
    h('p', { class: 'finding-message' }, f.message),
    f.mechanism ? h('p', { class: 'finding-mechanism' }, h('span', { class: 'finding-label' }, 'Mechanism'), f.mechanism)
      : null,
    f.action ? h('p', { class: 'finding-action' }, h('span', { class: 'finding-label' }, 'What to do'), f.action) : null,
    referenceList(f.refs ?? [], refs));
}

// Findings under one heading per severity, the most serious first.
export function findingsBySeverity(findings: Finding[], refs?: Record<string, Reference>,
                                   overrides: Override[] = [], level = 4): HTMLElement {
  const tag = level === 4 ? 'h4' : 'h5';
  return h('div', { class: 'findings' }, SEVERITIES.map(([sev, label]) => {
    const group = findings.filter((f) => f.severity === sev);
    if (!group.length) return null;
    return h('section', { class: `finding-group finding-group-${sev}`, 'data-severity': sev },
      h(tag, {}, `${label} (${group.length})`),
      h('ul', { class: 'finding-list' },
        group.map((f) => findingItem(f, refs, overrides.find((o) => o.finding_key === f.key)))));
  }));
}

export function summaryText(s: Screening): string {
  const n = s.findings.length;
  if (!n) return 'Screening: no findings for this regimen.';
  const blocking = s.findings.filter((f) => f.blocking).length;
  const head = `Screening: ${n} finding${n === 1 ? '' : 's'}, the most serious ${severityLabel(s.top_severity ?? '')
    .toLowerCase()}.`;
  return blocking
    ? `${head} ${blocking} need${blocking === 1 ? 's' : ''} your sign-off with a reason before saving.`
    : `${head} None blocks saving.`;
}

// The panel beside the editor's submit button.
export class ScreeningPanel {
  readonly el: HTMLElement;
  private readonly status: HTMLElement;
  private readonly body: HTMLElement;
  last: Screening | null = null;

  constructor() {
    this.status = h('p', { class: 'screening-status', role: 'status', 'aria-live': 'polite' });
    this.body = h('div', { class: 'screening-body' });
    this.el = h('section', { class: 'screening-panel', 'data-screening': 'idle', 'aria-label': 'Safety screening' },
      h('h4', { class: 'screening-title' }, 'Safety screening'), this.status, this.body);
    this.idle();
  }

  idle(): void {
    this.last = null;
    this.set('idle', 'Screening runs once substance, formulation, dose, times and start date are filled in.');
  }

  checking(): void {
    this.el.dataset.screening = 'checking';
    this.el.setAttribute('aria-busy', 'true');
  }

  failed(message: string): void {
    this.last = null;
    this.set('error', `Screening could not run: ${message}`);
  }

  // `below`: findings shown with their reason fields under the panel.
  show(s: Screening, below: string[] = []): void {
    this.last = s;
    const state = s.blocking ? 'blocking' : s.findings.length ? 'findings' : 'clear';
    this.set(state, summaryText(s));
    const rest = s.findings.filter((f) => !below.includes(f.key));
    if (below.length) {
      this.body.appendChild(h('p', { class: 'hint' }, 'The findings that block saving are listed below, each with '
        + 'its reason field.'));
    }
    if (rest.length) this.body.appendChild(findingsBySeverity(rest, s.references, [], 5));
  }

  private set(state: string, text: string): void {
    this.el.dataset.screening = state;
    this.el.removeAttribute('aria-busy');
    this.status.textContent = text;
    clear(this.body);
  }
}

// Who overrode which finding, when and why: shown wherever a version is.
export function overridesBlock(sc: VersionScreening | undefined, tz: string): HTMLElement | null {
  if (!sc?.overrides?.length) return null;
  const title = (o: Override) => sc.findings.find((f) => f.key === o.finding_key)?.title ?? o.rule_id;
  return h('div', { class: 'overrides', 'data-overrides': sc.overrides.length },
    h('p', { class: 'overrides-head' }, h('strong', {}, 'Safety findings overridden'),
      ` (${sc.overrides.length})`),
    h('ul', {}, sc.overrides.map((o) => h('li', { 'data-override': o.finding_key },
      h('strong', {}, title(o)), ': ',
      h('q', { class: 'override-reason' }, o.reason), ' ',
      h('span', { class: 'override-by' }, `by ${o.decided_by}, ${fmtDateTime(o.decided_at, tz)}`),
      (sc.cosignatures ?? []).filter((c) => c.finding_key === o.finding_key).map((c) =>
        h('p', { class: 'cosignature', 'data-cosigned-by': c.signed_by }, 'Co-signed by ', h('strong', {}, c.signed_by),
          `, ${fmtDateTime(c.signed_at, tz)}: `, h('q', {}, c.reason),
          c.protocol ? ` (protocol or consent: ${c.protocol})` : ''))))));
}

// The screening of one version in the history: overrides up front, findings folded.
// Shown under a regimen's or a plan's h3, so its severities are h4.
export function versionScreening(sc: VersionScreening | undefined, tz: string): HTMLElement | null {
  if (!sc || (!sc.findings?.length && !sc.overrides?.length)) return null;
  const n = sc.findings.length;
  return h('div', { class: 'version-screening' },
    overridesBlock(sc, tz),
    n ? h('details', { class: 'history screening-details' },
      h('summary', {}, `Screening findings at the time (${n})`),
      findingsBySeverity(sc.findings, undefined, sc.overrides, 4)) : null);
}
