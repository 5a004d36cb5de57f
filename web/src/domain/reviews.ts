// Follow-up review dates: how far off or overdue a review is, and what the
// clinician records about it.
import type { ReviewAction, ReviewItem } from '../types';
import { daysBetween } from '../time';

export type DueTone = 'overdue' | 'today' | 'soon' | 'later';

// "Overdue by 3 days", "Due today", "Due tomorrow", "Due in 12 days".
export function dueText(item: Pick<ReviewItem, 'date'>, today: string): { text: string; tone: DueTone } {
  const d = daysBetween(today, item.date);
  if (d < 0) return { text: `Overdue by ${-d} day${d === -1 ? '' : 's'}`, tone: 'overdue' };
  if (d === 0) return { text: 'Due today', tone: 'today' };
  if (d === 1) return { text: 'Due tomorrow', tone: 'soon' };
  return { text: `Due in ${d} days`, tone: d <= 7 ? 'soon' : 'later' };
}

export const ACTION_LABELS: Record<ReviewAction, string> = { done: 'Done', moved: 'Moved', cancelled: 'Cancelled' };

// What a review form needs before it is sent (the API checks the dates).
export function reviewProblem(action: ReviewAction, date: string, note: string): { field: string; message: string } | null {
  if (action !== 'cancelled' && !date) return { field: 'date', message: 'is required' };
  if (action !== 'done' && !note.trim()) return { field: 'note', message: 'is required' };
  return null;
}

// Overdue first, then by date.
export function sortReviews(items: ReviewItem[]): ReviewItem[] {
  return [...items].sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.date.localeCompare(b.date)
    || a.substance.localeCompare(b.substance));
}

// The API plans a few reviews ahead for each regimen: the next one of each
// (overdue first, then the soonest) with the later ones behind it.
export function nextByRegimen(items: ReviewItem[]): Array<[ReviewItem, ReviewItem[]]> {
  const by = new Map<number, ReviewItem[]>();
  for (const i of [...items].sort((a, b) => a.date.localeCompare(b.date))) {
    const list = by.get(i.regimen_id) ?? [];
    list.push(i);
    by.set(i.regimen_id, list);
  }
  const groups = [...by.values()].map((list): [ReviewItem, ReviewItem[]] => [list[0], list.slice(1)]);
  const firsts = sortReviews(groups.map(([n]) => n));
  return firsts.map((n) => groups.find(([g]) => g === n) as [ReviewItem, ReviewItem[]]);
}
