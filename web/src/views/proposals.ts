// Titration proposals: ask pineal for the next step of an active regimen,
// read why it proposes it and on what evidence, then approve or reject it.
// Nothing changes until a clinician decides.
import { api } from '../api';
import { announce, h } from '../dom';
import { FormController } from '../forms';
import {
  dailyText, proposalTitle, sortProposals, STATUS_LABELS,
} from '../domain/proposals';
import type { Proposal, Regimen } from '../types';
import { fmtDate, fmtDateTime } from '../time';
import { badge, dl, section } from './common';
import { evidenceList, type Records, sourcesList } from './evidence';
import { decisionForm } from './proposal_decision';

interface ProposalContext {
  patientId: number;
  records: Records & { regimens: Regimen[] };
  refresh: () => void;
}

function askForm(r: Regimen, ctx: ProposalContext): HTMLElement {
  const ctl = new FormController({ class: 'form ask-proposal', 'data-form': 'ask-proposal', 'data-regimen-id': r.id,
    'aria-label': `Propose the next step for ${r.substance}` }, `Propose the next step for ${r.substance}`);
  ctl.onSubmit(async () => {
    const p = await api.requestProposal(ctx.patientId, r.id);
    announce(`Proposal for ${r.substance}: ${proposalTitle(p, r.substance)}.`);
    ctx.refresh();
  });
  // The primary look is for the decision; asking is an ordinary button.
  ctl.form.append(h('button', { type: 'submit', class: 'btn' }, `Propose the next step for ${r.substance}`));
  return ctl.form;
}

function decisionText(p: Proposal, tz: string): HTMLElement | null {
  const d = p.decision;
  if (!d) return null;
  return h('p', { class: `decision decision-${d.decision}` },
    h('strong', {}, d.decision === 'approve' ? 'Approved' : 'Rejected'),
    ` by ${d.by}, ${fmtDateTime(d.at, tz)}`,
    d.regimen_version ? ` (saved as version ${d.regimen_version})` : '', ': ',
    h('q', {}, d.reason));
}

function proposalCard(p: Proposal, ctx: ProposalContext): HTMLElement {
  const tz = ctx.records.tz;
  const substance = ctx.records.regimens.find((r) => r.id === p.regimen_id)?.substance ?? `regimen #${p.regimen_id}`;
  const tone = p.status === 'approved' ? 'ok' : p.status === 'pending' ? 'warn' : 'muted';
  return h('article', { class: `proposal proposal-${p.status}`, 'data-proposal-id': p.id, 'data-status': p.status,
    'data-action': p.action },
  h('header', { class: 'proposal-head' },
    h('h3', {}, proposalTitle(p, substance)),
    p.urgent ? h('span', { class: 'badge badge-urgent' }, 'Urgent') : null,
    badge(STATUS_LABELS[p.status] ?? p.status, tone)),
  dl([
    ['Now', dailyText(p.current_dose, p.current_daily_dose, p.doses_per_day)],
    ['Proposed', p.action === 'stop' ? 'Stop' : dailyText(p.dose, p.daily_dose, p.doses_per_day)],
    ['From', fmtDate(p.applies_from)],
    ['Judge the effect on', fmtDate(p.evaluate_on)],
    ['Regimen version', String(p.regimen_version)],
    ['Protocol', p.protocol_title || p.protocol_id],
    ['Only as your explicit choice', p.explicit_option ?? ''],
    ['Asked', `${p.created_by}, ${fmtDateTime(p.created_at, tz)}`],
  ]),
  p.reasons?.length ? h('div', { class: 'reasons' }, h('span', { class: 'finding-label' }, 'Why'),
    h('ul', {}, p.reasons.map((r) => h('li', {}, r.charAt(0).toUpperCase() + r.slice(1))))) : null,
  evidenceList(p.evidence ?? [], ctx.records),
  sourcesList(p.refs ?? [], true),
  decisionText(p, tz),
  p.status === 'pending' ? h('div', { class: 'editor no-print' }, decisionForm(ctx.patientId, p, substance, ctx.refresh)) : null);
}

export function proposalsSection(proposals: Proposal[], ctx: ProposalContext): HTMLElement {
  const active = ctx.records.regimens.filter((r) => r.status === 'active');
  const sorted = sortProposals(proposals);
  const pending = sorted.filter((p) => p.status === 'pending');
  const decided = sorted.filter((p) => p.status !== 'pending');
  return section('proposals', 'Titration proposals',
    h('p', { class: 'hint' }, 'pineal proposes the next step from the regimen’s protocol and the patient’s scores, '
      + 'adherence and side effects. Nothing changes until you approve it.'),
    active.length ? h('div', { class: 'section-actions ask-list no-print' }, active.map((r) => askForm(r, ctx)))
      : h('p', { class: 'muted' }, 'No active regimen to propose a step for.'),
    h('div', { class: 'proposal-list' }, pending.map((p) => proposalCard(p, ctx))),
    decided.length ? h('details', { class: 'history' }, h('summary', {}, `Decided proposals (${decided.length})`),
      h('div', { class: 'proposal-list' }, decided.map((p) => proposalCard(p, ctx)))) : null);
}
