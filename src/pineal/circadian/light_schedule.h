// Light at the eye (lux) over time as a step function: the models' light input.
// Built by painting intervals (sleep = dark, bright-light windows, ...) over a
// base level, or from measured wearable data (light_csv.h).
#pragma once

#include <map>
#include <vector>

#include "pineal/core/result.h"

namespace pineal::circadian {

struct LightStep {
  double start_h = 0;  // the level holds from here to the next step
  double lux = 0;
};

class LightSchedule {
 public:
  LightSchedule() : steps_{{0.0, 0.0}} {}  // darkness
  // Steps with strictly increasing start times and finite lux >= 0. Before
  // the first step the first level holds.
  static Result<LightSchedule> Make(std::vector<LightStep> steps);
  static LightSchedule Constant(double lux);

  double LuxAt(double t_h) const;
  // Index of the step in force at t_h (0 before the first step).
  size_t StepAt(double t_h) const;
  const std::vector<LightStep>& steps() const { return steps_; }

 private:
  explicit LightSchedule(std::vector<LightStep> steps) : steps_(std::move(steps)) {}
  std::vector<LightStep> steps_;
};

// Paints lux levels over intervals; later paint wins where intervals overlap.
class LightBuilder {
 public:
  explicit LightBuilder(double base_lux) { levels_[-1e300] = base_lux; }
  // Sets [from_h, to_h) to `lux`; ignored when to_h <= from_h.
  void Set(double from_h, double to_h, double lux);
  LightSchedule Build() const;

 private:
  std::map<double, double> levels_;
};

// A habitual day: awake at `wake_lux` from wake to sleep (clock hours, the
// sleep time may be past midnight or earlier than wake for day sleepers),
// `sleep_lux` otherwise.
struct SleepWakePattern {
  double wake_clock_h = 7.0;
  double sleep_clock_h = 23.0;
  double wake_lux = 250.0;
  double sleep_lux = 0.0;
  // Hours awake per day.
  double WakeHours() const;
};

// The pattern repeated over [from_h, to_h) for a clock `utc_offset_h` ahead
// of model time (0 when model time is local time).
LightSchedule SleepWakeLight(const SleepWakePattern& pattern, double from_h, double to_h,
                             double utc_offset_h = 0.0);

}  // namespace pineal::circadian
