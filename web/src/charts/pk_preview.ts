// The regimen editor's preview: what the regimen being typed would leave in
// this patient's blood (POST /patients/{id}/simulate, the covariates from the
// record), against the body's own nocturnal peak. It follows the form with
// the screening, and only a regimen the API would accept is sent.
import type uPlot from 'uplot';
import { api, ApiError } from '../api';
import { h } from '../dom';
import { type RegimenDraft, simulationBody } from '../domain/simulation_body';
import { fmtDate, zonedToMs } from '../time';
import type { Simulation } from '../types';
import { factList, factRows, noteList, plotCurve } from './pk';

function facts(s: Simulation): HTMLElement {
  const rows = factRows(s, s.metrics.typical.tmax_clock);
  const hrs = s.metrics.typical.time_to_90_steady_state_h;
  if (hrs !== undefined) {
    rows.push(['90 % of steady state', hrs < 48 ? `after ${Number(hrs.toPrecision(2))} h`
      : `after ${Number((hrs / 24).toPrecision(2))} days`]);
  }
  return factList(rows);
}

export class SimulationPreview {
  readonly el: HTMLElement;
  private readonly body = h('div', { class: 'pk-body', 'aria-live': 'polite' });
  private plot: uPlot | null = null;
  private observer: ResizeObserver | null = null;
  private seq = 0;

  constructor(private readonly patientId: number, private readonly tz: string) {
    this.el = h('figure', { class: 'chart pk-chart pk-preview', 'data-chart': 'pk-preview', 'data-state': 'idle' },
      h('figcaption', {}, 'Predicted for this patient'), this.body);
    this.idle();
  }

  idle(why = 'Type a dose and a time to see the predicted concentration.'): void {
    this.seq += 1;
    this.clear();
    this.body.replaceChildren(h('p', { class: 'muted' }, why.charAt(0).toUpperCase() + why.slice(1) + (why.endsWith('.') ? '' : '.')));
    this.el.dataset.state = 'idle';
  }

  // `stepped`: the regimen has titration steps, which the preview leaves out.
  async show(draft: RegimenDraft, startDate: string, stepped = false): Promise<void> {
    const made = simulationBody(draft);
    if ('why' in made) { this.idle(made.why); return; }
    const mine = ++this.seq;
    this.el.dataset.state = 'loading';
    let s: Simulation;
    try {
      s = await api.simulateFor(this.patientId, made.body);
    } catch (err) {
      if (mine !== this.seq) return;
      this.clear();
      const message = err instanceof ApiError ? err.message : String(err);
      this.body.replaceChildren(h('p', { class: 'field-error' }, `Preview: ${message}`));
      this.el.dataset.state = 'error';
      return;
    }
    if (mine !== this.seq || !this.el.isConnected) return;
    this.clear();
    const host = h('div', { class: 'chart-canvas' });
    const every = made.body.every ? `every ${made.body.every} for ${made.body.for}` : 'one dose';
    this.body.replaceChildren(host,
      h('p', { class: 'chart-note' },
        `${draft.dose} ${every} from ${made.body.at} on ${fmtDate(startDate)}, this regimen alone (other regimens ` +
        `and logged doses are not added), model ${s.substance} (${s.formulation}), times in ${this.tz}. ` +
        `A model prediction for this patient's age, sex, weight, smoking and current medicines` +
        (stepped ? '; the titration steps are not shown, only the starting dose. ' : '. ') +
        `References: ${s.references.join(', ')}.`),
      facts(s), noteList(s) ?? '');
    this.el.dataset.points = String(s.curve.time_h.length);
    this.el.dataset.state = 'ready';
    const origin = zonedToMs(startDate, String(made.body.at), this.tz) / 1000;
    this.observer = new ResizeObserver(() => {
      const width = Math.floor(host.clientWidth);
      if (width <= 0) return;
      if (!this.plot) {
        this.plot = plotCurve({ origin, tz: this.tz, unit: s.concentration_unit, curve: s.curve, endogenous: s.endogenous },
          host, width);
      } else if (Math.abs(this.plot.width - width) > 1) {
        this.plot.setSize({ width, height: this.plot.height });
      }
    });
    this.observer.observe(host);
  }

  private clear(): void {
    this.observer?.disconnect();
    this.observer = null;
    this.plot?.destroy();
    this.plot = null;
  }
}
