// Masses as the API writes them ({value, unit}) and as people type them ("2.5 mg").
import type { Quantity } from '../types';

const TO_MG: Record<string, number> = { ug: 0.001, mcg: 0.001, 'µg': 0.001, mg: 1, g: 1000 };

export function toMg(q: Quantity | null | undefined): number | null {
  if (!q) return null;
  const f = TO_MG[q.unit];
  return f === undefined ? null : q.value * f;
}

export function fmtQuantity(q: Quantity | null | undefined): string {
  if (!q) return '';
  return `${Number(q.value.toPrecision(6))} ${q.unit}`;
}

// A unit that suits a series of masses given in mg: g for kratom, mg for melatonin.
export function massUnitFor(maxMg: number): { unit: string; perMg: number } {
  if (maxMg >= 1000) return { unit: 'g', perMg: 0.001 };
  if (maxMg > 0 && maxMg < 0.1) return { unit: 'ug', perMg: 1000 };
  return { unit: 'mg', perMg: 1 };
}
