// Approving or rejecting a titration proposal, with a reason. An approval
// that screening blocks answers 409 like a regimen save, and asks for the
// same documented overrides.
import { api, type Body } from '../api';
import { announce, h } from '../dom';
import { field, FormController, invalid } from '../forms';
import { changesRegimen, decisionReasonProblem } from '../domain/proposals';
import type { Proposal } from '../types';
import { blockedScreening, OverridePrompt, overrideError } from './override_prompt';

export function decisionForm(patientId: number, p: Proposal, substance: string, onDone: () => void): HTMLElement {
  const ctl = new FormController({ class: 'form', 'data-form': 'proposal-decision', 'aria-label': `Decide on proposal ${p.id}` },
    'Approve');
  const reason = ctl.add(field({ name: 'reason', label: 'Reason for the decision', type: 'textarea', required: true,
    hint: 'At least 10 characters; kept with the proposal and, on approval, with the new regimen version.' }));
  const prompt = new OverridePrompt(ctl, 'this step', 'reject the proposal');
  let decision: 'approve' | 'reject' = 'approve';
  const approve = ctl.submitButton();
  const reject = h('button', { type: 'submit', class: 'btn btn-danger-quiet' }, 'Reject');
  approve.addEventListener('click', () => { decision = 'approve'; });
  reject.addEventListener('click', () => { decision = 'reject'; });

  ctl.onSubmit(async () => {
    const problem = decisionReasonProblem(reason.value);
    if (problem) throw invalid('reason', problem);
    const body: Body = { decision, reason: reason.value };
    if (decision === 'approve') {
      const overrides = prompt.overrides();
      if (overrides) body.overrides = overrides;
    }
    try {
      const decided = await api.decideProposal(patientId, p.id, body);
      const version = decided.decision?.regimen_version;
      announce(decision === 'reject' ? `The proposal for ${substance} was rejected.`
        : version ? `Approved: ${substance} version ${version} saved.` : `The proposal for ${substance} was approved.`);
      onDone();
    } catch (err) {
      const screening = decision === 'approve' ? blockedScreening(err) : null;
      if (screening !== null) {
        prompt.show(screening);
        prompt.focus();
        return;
      }
      throw overrideError(err);
    }
  });
  ctl.form.append(
    h('p', { class: 'hint' }, changesRegimen(p.action)
      ? 'Approving saves a new version of the regimen, screened like any change; rejecting changes nothing.'
      : 'Approving records that you agree; the regimen stays as it is. Rejecting changes nothing either.'),
    reason.wrap, prompt.el,
    h('div', { class: 'form-actions' }, approve, reject));
  return ctl.form;
}
