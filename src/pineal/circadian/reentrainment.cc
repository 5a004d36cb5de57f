#include "pineal/circadian/reentrainment.h"

#include <cmath>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/phase.h"
#include "pineal/circadian/simulate.h"

namespace pineal::circadian {

std::optional<int> DaysToReentrain(const std::vector<double>& daily_error_h, double within_h) {
  std::optional<int> first;
  for (size_t d = 0; d < daily_error_h.size(); ++d) {
    if (std::abs(daily_error_h[d]) <= within_h) {
      if (!first) first = static_cast<int>(d);
    } else {
      first.reset();
    }
  }
  return first;
}

Result<ZoneShiftResult> SimulateZoneShift(const Model& model, const ZoneShiftScenario& s) {
  if (!std::isfinite(s.shift_h) || std::abs(s.shift_h) > 12.0 || s.days < 2 || s.days > 400) {
    return Status::InvalidArgument("zone shift must be within +-12 h over 2-400 days", "shift_h");
  }
  PINEAL_ASSIGN_OR_RETURN(StateVector y0, EntrainedState(model, s.pattern));
  // Target: the entrained CBTmin clock hour on the home schedule.
  const double end = 24.0 * (s.days + 1);
  PINEAL_ASSIGN_OR_RETURN(SimulationResult home,
                          Simulate(model, y0, 0.0, 48.0, SleepWakeLight(s.pattern, 0.0, 48.0)));
  const auto ref = FirstIn(home.markers.cbtmin_h, 24.0, 48.0);
  if (!ref) return Status::Internal("no entrained CBTmin");
  const double target_clock = *ref - 24.0;
  // Body time t; destination clock = t + shift.
  PINEAL_ASSIGN_OR_RETURN(
      SimulationResult r,
      Simulate(model, y0, 0.0, end, SleepWakeLight(s.pattern, 0.0, end, s.shift_h)));
  ZoneShiftResult out;
  double unwrapped = WrapHours(std::fmod(*ref, 24.0) + s.shift_h - target_clock);
  for (int d = 0; d < s.days; ++d) {
    // The CBTmin of destination day d: the one nearest its target (a
    // lengthened cycle can leave a 24 h window without one).
    const double centre = 24.0 * d + target_clock - s.shift_h;
    const auto c = Nearest(r.markers.cbtmin_h, centre);
    if (!c) return Status::Internal("no CBTmin on day " + std::to_string(d));
    const double err = WrapHours(*c - centre);
    unwrapped += WrapHours(err - unwrapped);
    out.daily_error_h.push_back(err);
    out.unwrapped_error_h.push_back(unwrapped);
  }
  out.days = DaysToReentrain(out.daily_error_h);
  out.antidromic = std::abs(out.unwrapped_error_h.back()) > 12.0;
  return out;
}

}  // namespace pineal::circadian
