// What a patient can report in the check-in. Codes are the observation
// `code` of kind side_effect; the list follows the effects reported with
// melatonin and kratom (/shared/clinical/scales.md, "Side-effect grading").

export const SIDE_EFFECTS: Array<[code: string, label: string]> = [
  ['headache', 'Headache'],
  ['dizziness', 'Dizziness'],
  ['nausea', 'Nausea'],
  ['next_morning_grogginess', 'Next-morning grogginess'],
  ['vivid_dreams', 'Vivid dreams'],
  ['anxiety', 'Anxiety'],
  ['palpitations', 'Palpitations / irregular heartbeat'],
  ['low_blood_sugar', 'Low blood sugar symptoms'],
  ['constipation', 'Constipation'],
  ['itching', 'Itching'],
  ['other', 'Other (describe)'],
];

// CTCAE v5.0 grades. A patient reports 1-4; grade 5 (death) is recorded by
// the clinic, never self-reported, but charts show the whole scale.
export const GRADES: Array<[grade: number, label: string]> = [
  [1, 'Mild: noticeable, no treatment needed'],
  [2, 'Moderate: limits some everyday activities'],
  [3, 'Severe: limits self-care or needs medical attention'],
  [4, 'Life-threatening: needs urgent help'],
];

export const GRADE_NAMES = ['', 'mild', 'moderate', 'severe', 'life-threatening', 'death'];

export function sideEffectLabel(code: string): string {
  const found = SIDE_EFFECTS.find(([c]) => c === code);
  return found ? found[1].replace(' (describe)', '') : code.replace(/_/g, ' ');
}
