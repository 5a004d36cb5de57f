// Colours drawn on canvas (CSS variables do not reach a canvas).
import type { Tone } from '../data/instruments';

export const COLORS = {
  primary: '#1f6f8b',
  taken: '#2f7d4f',
  skipped: '#c07a12',
  unrecorded: '#b8c2cc',
  extra: '#6a4c93',
  latency: '#c07a12',
  total: '#1f6f8b',
  efficiency: '#2f7d4f',
  grid: '#e3e8ee',
  axis: '#52606d',
};

// Series colours for several lines on one chart, distinguishable in greyscale too.
export const SERIES = ['#1f6f8b', '#c0392b', '#2f7d4f', '#6a4c93', '#c07a12', '#3d5a80', '#8d6e63', '#00838f',
  '#ad1457', '#5d6d7e', '#827717'];

export const TONE_FILL: Record<Tone, string> = {
  none: 'rgba(47, 125, 79, 0.08)',
  mild: 'rgba(230, 180, 40, 0.14)',
  moderate: 'rgba(230, 126, 34, 0.16)',
  severe: 'rgba(192, 57, 43, 0.16)',
  'very-severe': 'rgba(142, 36, 70, 0.20)',
};
