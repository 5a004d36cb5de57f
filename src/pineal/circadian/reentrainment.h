// Re-entrainment after a sudden time-zone change with no intervention: the
// person keeps the same local sleep/wake times and light, so in body time the
// light schedule jumps by the shift. Daily phase error is the unmasked CBTmin
// in destination clock time minus the CBTmin the same schedule entrains to.
#pragma once

#include <optional>
#include <vector>

#include "pineal/circadian/light_schedule.h"
#include "pineal/circadian/params.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

// Re-entrained when the phase error stays within this (h) from then on.
inline constexpr double kReentrainedWithinH = 1.0;

// The first day (index into `daily_error_h`) from which every error is within
// `within_h`; nullopt if the last day is still outside.
std::optional<int> DaysToReentrain(const std::vector<double>& daily_error_h,
                                   double within_h = kReentrainedWithinH);

struct ZoneShiftScenario {
  double shift_h = 0;  // > 0: eastward (clock moves ahead), < 0: westward
  SleepWakePattern pattern{7.0, 23.0, 250.0, 0.0};
  int days = 30;
};

struct ZoneShiftResult {
  // error[d] for destination day d = 0 .. days-1 (day 0 = the day of travel);
  // > 0: the clock is later than the destination schedule needs.
  std::vector<double> daily_error_h;
  // Unwrapped errors: ends near 0 for orthodromic, near +-24 h for
  // antidromic re-entrainment (the clock went the long way round).
  std::vector<double> unwrapped_error_h;
  std::optional<int> days;  // DaysToReentrain(daily_error_h)
  bool antidromic = false;
};

Result<ZoneShiftResult> SimulateZoneShift(const Model& model, const ZoneShiftScenario& scenario);

}  // namespace pineal::circadian
