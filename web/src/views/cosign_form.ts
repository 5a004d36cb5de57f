// The second signature a hard stop needs: a clinician other than the one who
// overrode it reads the findings and the first reason, then co-signs with
// their own reason (and, optionally, the protocol or consent record).
import { api } from '../api';
import { h } from '../dom';
import { field, FormController, requireFields } from '../forms';
import type { Regimen } from '../types';

export interface CosignOptions {
  patientId: number;
  regimen: Regimen;
  onDone: (saved: Regimen, message: string) => void;
  onCancel: () => void;
}

export function cosignForm(o: CosignOptions): HTMLElement {
  const v = o.regimen.current;
  const ctl = new FormController({ class: 'form', 'data-form': 'regimen-cosign' }, 'Co-sign');
  const reason = ctl.add(field({ name: 'reason', label: 'Your reason for co-signing', type: 'textarea', required: true,
    hint: 'At least 10 characters; kept with the version beside the first clinician\'s reason.' }));
  const protocol = ctl.add(field({ name: 'protocol', label: 'Research protocol or consent record',
    hint: 'Optional, e.g. a protocol number or the consent form\'s reference.' }));
  ctl.onSubmit(async () => {
    requireFields(reason);
    const body: Record<string, unknown> = { base_version: o.regimen.current_version, reason: reason.value };
    if (protocol.value) body.protocol = protocol.value;
    const saved = await api.cosignRegimen(o.patientId, o.regimen.id, body);
    o.onDone(saved, `${saved.substance}: co-signed, version ${saved.current_version} is active.`);
  });
  const cancel = h('button', { type: 'button', class: 'btn' }, 'Cancel');
  cancel.addEventListener('click', o.onCancel);
  const overridden = v.screening?.overrides ?? [];
  ctl.form.append(
    h('p', {}, 'Overridden by ', h('strong', {}, overridden.map((x) => x.decided_by).filter((x, i, a) => a.indexOf(x) === i).join(', ')),
      '. Only a different clinician can co-sign; until then nothing is scheduled for the patient.'),
    reason.wrap, protocol.wrap,
    h('div', { class: 'form-actions' }, ctl.submitButton('btn-primary'), cancel));
  return h('div', { class: 'editor' }, h('h3', {}, `Co-sign ${o.regimen.substance}`), ctl.form);
}
