// Titration proposals in words: what the step is, whether approving it
// changes the regimen, and how the decision reads afterwards.
import type { Proposal, ProposalAction } from '../types';

export const ACTION_LABELS: Record<ProposalAction, string> = {
  increase: 'Increase', decrease: 'Decrease', hold: 'Hold', taper: 'Taper', stop: 'Stop', refer: 'Refer',
};

export const STATUS_LABELS: Record<Proposal['status'], string> = {
  pending: 'Awaiting your decision', approved: 'Approved', rejected: 'Rejected', superseded: 'Superseded',
};

// Approving these saves a new regimen version; hold and refer change nothing.
export function changesRegimen(action: string): boolean {
  return ['increase', 'decrease', 'taper', 'stop'].includes(action);
}

// "Increase melatonin from 1 mg to 2 mg", "Hold melatonin at 1 mg", "Stop kratom".
export function proposalTitle(p: Pick<Proposal, 'action' | 'current_dose' | 'dose'>, substance: string): string {
  switch (p.action) {
    case 'increase':
    case 'decrease':
    case 'taper':
      return `${ACTION_LABELS[p.action]} ${substance} from ${p.current_dose} to ${p.dose}`;
    case 'hold':
      return `Hold ${substance} at ${p.current_dose}`;
    case 'stop':
      return `Stop ${substance}`;
    case 'refer':
      return `Refer: ${substance} at ${p.current_dose} needs a specialist’s review`;
    default:
      return `${p.action} ${substance}`;
  }
}

// "2 mg a day (1 dose a day)" when the daily dose differs from one dose.
export function dailyText(dose: string, daily: string, perDay: number): string {
  if (!daily || daily === dose || perDay <= 1) return dose;
  return `${dose} per dose, ${daily} a day (${perDay} doses)`;
}

// Pending first, then the newest.
export function sortProposals(items: Proposal[]): Proposal[] {
  return [...items].sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending')
    || Date.parse(b.created_at) - Date.parse(a.created_at) || b.id - a.id);
}

export const MIN_REASON = 10;

export function decisionReasonProblem(reason: string): string | null {
  if (!reason.trim()) return 'is required';
  return reason.trim().length < MIN_REASON ? `must have at least ${MIN_REASON} characters` : null;
}
