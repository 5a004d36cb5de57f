// The rules that place a day's interventions from the predicted body clock
// (model hours). Light: the PRC crossover is at CBTmin (Khalsa 2003), light
// after it advances and light in the hours before it delays, so
//  - to advance: seek bright light from max(wake, CBTmin) for `light_h`,
//    avoid light in the 6 h before a CBTmin;
//  - to delay: seek bright light in the last `light_h` of the 7..1 h before
//    the next CBTmin, avoid light in the 4 h after a CBTmin.
// Melatonin (advance only): the Burgess PRCs advance most for a pill some
// hours before DLMO; the pill goes at DLMO - before_dlmo_h, not earlier than
// 6 h after waking and not after bedtime unless pills in sleep are allowed;
// a time that ends up outside the advance zone (DLMO - 9 h .. DLMO + 3 h) is
// dropped.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "pineal/circadian/plan_types.h"

namespace pineal::circadian {

using Span = std::pair<double, double>;  // [first, second) in model hours

// A sleep shorter than this (h) is not planned as a sleep.
inline constexpr double kMinSleepH = 2.0;

// A clock time as hours after midnight.
inline double ClockH(TimeOfDay t) { return t.minutes / 60.0; }

struct DayInterventions {
  std::vector<Span> seek;
  std::vector<Span> avoid;
  std::optional<double> pill_h;
};

// The parts of `span` outside every span of `cut`.
std::vector<Span> Subtract(Span span, const std::vector<Span>& cut);

struct DayContext {
  double wake_h = 0, bed_h = 0;  // this wake episode
  double next_wake_h = 0;        // end of the following sleep
  double cbtmin_h = 0;           // predicted CBTmin nearest the wake-up
  double period_h = 24.2;        // to step to the next CBTmin
  double cbt_to_dlmo_h = 7.0;
  std::vector<Span> no_bright;  // e.g. flights: light cannot be sought there
};

DayInterventions LightWindows(const DayContext& day, ShiftDirection direction, double light_h);

std::optional<double> AdvancingPillTime(const DayContext& day, double before_dlmo_h,
                                        bool allow_in_sleep);

// For a delay (shift work): a pill half an hour before a sleep that starts in
// the melatonin delay zone (DLMO + 6 .. + 15 h, Burgess 2008), as before day
// sleep after a night shift (Sharkey & Eastman 2002); otherwise none.
std::optional<double> DelayingPillTime(const DayContext& day);

}  // namespace pineal::circadian
