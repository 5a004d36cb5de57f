// Score ranges and severity bands of the monitoring instruments, kept in one
// table so they can later be served by the API from knowledge/. Sources are in
// /shared/clinical/scales.md; a band's `to` is inclusive.

export type Tone = 'none' | 'mild' | 'moderate' | 'severe' | 'very-severe';

export interface Band {
  from: number;
  to: number;
  label: string;
  tone: Tone;
}

export interface Instrument {
  code: string;
  short: string;
  name: string;
  min: number;
  max: number;
  higherIsWorse: boolean;
  bands: Band[];
  source: string;
}

export const INSTRUMENTS: Instrument[] = [
  {
    code: 'ISI', short: 'ISI', name: 'Insomnia Severity Index', min: 0, max: 28, higherIsWorse: true,
    source: 'Bastien, Vallières & Morin 2001, Sleep Med 2:297',
    bands: [
      { from: 0, to: 7, label: 'no clinically significant insomnia', tone: 'none' },
      { from: 8, to: 14, label: 'subthreshold', tone: 'mild' },
      { from: 15, to: 21, label: 'moderate', tone: 'moderate' },
      { from: 22, to: 28, label: 'severe', tone: 'severe' },
    ],
  },
  {
    code: 'PHQ-9', short: 'PHQ-9', name: 'Patient Health Questionnaire-9', min: 0, max: 27, higherIsWorse: true,
    source: 'Kroenke, Spitzer & Williams 2001, J Gen Intern Med 16:606',
    bands: [
      { from: 0, to: 4, label: 'minimal', tone: 'none' },
      { from: 5, to: 9, label: 'mild', tone: 'mild' },
      { from: 10, to: 14, label: 'moderate', tone: 'moderate' },
      { from: 15, to: 19, label: 'moderately severe', tone: 'severe' },
      { from: 20, to: 27, label: 'severe', tone: 'very-severe' },
    ],
  },
  {
    code: 'GAD-7', short: 'GAD-7', name: 'Generalized Anxiety Disorder-7', min: 0, max: 21, higherIsWorse: true,
    source: 'Spitzer et al. 2006, Arch Intern Med 166:1092',
    bands: [
      { from: 0, to: 4, label: 'minimal', tone: 'none' },
      { from: 5, to: 9, label: 'mild', tone: 'mild' },
      { from: 10, to: 14, label: 'moderate', tone: 'moderate' },
      { from: 15, to: 21, label: 'severe', tone: 'severe' },
    ],
  },
  {
    code: 'COWS', short: 'COWS', name: 'Clinical Opiate Withdrawal Scale', min: 0, max: 48, higherIsWorse: true,
    source: 'Wesson & Ling 2003, J Psychoactive Drugs 35:253',
    bands: [
      { from: 0, to: 4, label: 'no active withdrawal', tone: 'none' },
      { from: 5, to: 12, label: 'mild', tone: 'mild' },
      { from: 13, to: 24, label: 'moderate', tone: 'moderate' },
      { from: 25, to: 36, label: 'moderately severe', tone: 'severe' },
      { from: 37, to: 48, label: 'severe', tone: 'very-severe' },
    ],
  },
  {
    // No standard severity bands: the total and its trend are shown.
    code: 'SOWS', short: 'SOWS', name: 'Subjective Opiate Withdrawal Scale', min: 0, max: 64, higherIsWorse: true,
    source: 'Handelsman et al. 1987, Am J Drug Alcohol Abuse 13:293',
    bands: [],
  },
  {
    code: 'KSS', short: 'KSS', name: 'Karolinska Sleepiness Scale', min: 1, max: 9, higherIsWorse: true,
    source: 'Åkerstedt & Gillberg 1990, Int J Neurosci 52:29',
    bands: [
      { from: 1, to: 6, label: 'alert to some signs of sleepiness', tone: 'none' },
      { from: 7, to: 9, label: 'marked sleepiness', tone: 'moderate' },
    ],
  },
  {
    code: 'pain_nrs', short: 'NRS', name: 'Pain numeric rating scale', min: 0, max: 10, higherIsWorse: true,
    source: 'Serlin et al. 1995, Pain 61:277',
    bands: [
      { from: 0, to: 0, label: 'no pain', tone: 'none' },
      { from: 1, to: 3, label: 'mild', tone: 'mild' },
      { from: 4, to: 6, label: 'moderate', tone: 'moderate' },
      { from: 7, to: 10, label: 'severe', tone: 'severe' },
    ],
  },
];

export function instrument(code: string): Instrument | undefined {
  return INSTRUMENTS.find((i) => i.code.toLowerCase() === code.toLowerCase());
}

export function bandOf(inst: Instrument, score: number): Band | undefined {
  // Scores between two whole-number bands (a half point) belong to the lower one.
  return inst.bands.find((b) => score >= b.from && score < b.to + 1);
}
