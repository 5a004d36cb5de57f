// Observation codes of kind sleep_diary (Consensus Sleep Diary, Carney et al.
// 2012, Sleep 35:287). Local codes; total sleep time also has LOINC 93832-4.
export const SLEEP = {
  efficiency: { code: 'sleep_efficiency', unit: '%', label: 'Sleep efficiency' },
  total: { code: 'total_sleep_time', unit: 'min', label: 'Total sleep time' },
  latency: { code: 'sleep_onset_latency', unit: 'min', label: 'Sleep-onset latency' },
  waso: { code: 'wake_after_sleep_onset', unit: 'min', label: 'Awake after sleep onset' },
  awakenings: { code: 'number_of_awakenings', unit: '{count}', label: 'Awakenings' },
} as const;

// Thresholds in common use for disturbed sleep (same source).
export const DISTURBED = { latencyMin: 30, wasoMin: 30, efficiencyPct: 85 };
