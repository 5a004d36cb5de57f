// One night of the Consensus Sleep Diary (Carney et al. 2012): from the
// morning entry derive time in bed, total sleep time, sleep-onset latency,
// wake after sleep onset and sleep efficiency, and the disturbed-sleep flags
// of the diary definition. Clock times may cross midnight once. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/core/time.h"
#include "pineal/kb/instrument_diary.h"

namespace pineal::monitor {

struct SleepDiaryEntry {
  TimeOfDay into_bed;
  TimeOfDay tried_to_sleep;
  TimeOfDay final_awakening;
  TimeOfDay out_of_bed;
  int sleep_onset_latency_min = 0;
  int wake_after_sleep_onset_min = 0;
  std::optional<int> awakenings;
  std::optional<int> quality;  // 1 very poor .. 5 very good
};

struct SleepDiaryFlag {
  std::string id;       // threshold id: "low_sleep_efficiency"
  std::string measure;  // "sleep_efficiency"
  std::string label;
  double value = 0;
  double threshold = 0;
  bool above = true;  // raised because value > threshold (else value < threshold)
};

struct SleepNight {
  int time_in_bed_min = 0;
  int total_sleep_time_min = 0;
  int sleep_onset_latency_min = 0;
  int wake_after_sleep_onset_min = 0;
  double sleep_efficiency_pct = 0;
  std::optional<int> awakenings;
  std::optional<int> quality;
  bool crosses_midnight = false;
  std::vector<SleepDiaryFlag> flags;

  bool disturbed() const { return !flags.empty(); }
  // The value of a derived measure by id ("total_sleep_time"), if known.
  std::optional<double> Measure(std::string_view measure_id) const;
};

// Errors (InvalidArgument, field() = the entry field): times out of order
// (the night may cross midnight once), a night longer than the definition's
// entry limit, zero time in bed, negative minutes or counts, sleep-onset
// latency plus wake after sleep onset longer than the sleep period, awake
// minutes with zero awakenings, a quality outside the rating's range.
Result<SleepNight> DeriveSleepNight(const kb::SleepDiaryDef& def, const SleepDiaryEntry& entry);

}  // namespace pineal::monitor
