#include "pineal/circadian/light_schedule.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace pineal::circadian {

Result<LightSchedule> LightSchedule::Make(std::vector<LightStep> steps) {
  if (steps.empty()) return Status::InvalidArgument("light schedule has no steps", "light");
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string at = "light[" + std::to_string(i) + "]";
    if (!std::isfinite(steps[i].start_h) || (i > 0 && steps[i].start_h <= steps[i - 1].start_h)) {
      return Status::InvalidArgument(at + ": step times must be finite and strictly increasing",
                                     at);
    }
    if (!std::isfinite(steps[i].lux) || steps[i].lux < 0) {
      return Status::InvalidArgument(at + ": lux must be a finite number >= 0", at);
    }
  }
  return LightSchedule(std::move(steps));
}

LightSchedule LightSchedule::Constant(double lux) {
  return LightSchedule(std::vector<LightStep>{{0.0, lux}});
}

size_t LightSchedule::StepAt(double t_h) const {
  const auto it = std::upper_bound(steps_.begin(), steps_.end(), t_h,
                                   [](double t, const LightStep& s) { return t < s.start_h; });
  return it == steps_.begin() ? 0 : static_cast<size_t>(it - steps_.begin()) - 1;
}

double LightSchedule::LuxAt(double t_h) const { return steps_[StepAt(t_h)].lux; }

void LightBuilder::Set(double from_h, double to_h, double lux) {
  if (!(to_h > from_h)) return;
  // The level that must resume at to_h.
  auto after = levels_.upper_bound(to_h);
  const double resume = std::prev(after)->second;
  levels_.erase(levels_.lower_bound(from_h), after);
  levels_[from_h] = lux;
  levels_[to_h] = resume;
}

LightSchedule LightBuilder::Build() const {
  std::vector<LightStep> steps;
  for (const auto& [t, lux] : levels_) {
    if (!steps.empty() && steps.back().lux == lux) continue;  // merge equal neighbours
    steps.push_back({t, lux});
  }
  auto made = LightSchedule::Make(std::move(steps));
  return *made;
}

double SleepWakePattern::WakeHours() const {
  double h = std::fmod(sleep_clock_h - wake_clock_h, 24.0);
  if (h <= 0) h += 24.0;
  return h;
}

LightSchedule SleepWakeLight(const SleepWakePattern& p, double from_h, double to_h,
                             double utc_offset_h) {
  LightBuilder b(p.sleep_lux);
  // Model time of the wake-up on the clock day containing from_h, one day early.
  const double day0 = std::floor((from_h + utc_offset_h) / 24.0) - 1.0;
  for (double d = day0; 24.0 * d - utc_offset_h + p.wake_clock_h < to_h; d += 1.0) {
    const double wake = 24.0 * d - utc_offset_h + p.wake_clock_h;
    b.Set(std::max(wake, from_h), std::min(wake + p.WakeHours(), to_h), p.wake_lux);
  }
  return b.Build();
}

}  // namespace pineal::circadian
