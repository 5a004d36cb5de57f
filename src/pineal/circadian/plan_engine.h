// Closed-loop evaluation of a strategy over a sequence of days: each day the
// body clock predicted so far places that day's light windows and pill
// (plan_policy.h), then the model integrates through the day and the sleep
// after it. Shared by the jet-lag and shift-rota planners. Model hours.
#pragma once

#include <optional>
#include <vector>

#include "pineal/circadian/plan_policy.h"
#include "pineal/circadian/plan_types.h"
#include "pineal/circadian/simulate.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

struct EngineDay {
  double wake_h = 0, bed_h = 0, next_wake_h = 0;  // awake, then asleep until next_wake_h
  double target_cbtmin_h = 0;                     // where CBTmin should be for this day's schedule
  bool interventions = false;                     // may the plan act on this day?
  bool counts = false;          // part of the re-entrainment count (arrival onwards)
  std::vector<Span> no_bright;  // no bright light possible (flights)
};

// What the engine may do; a default EngineStrategy does nothing (baseline).
struct EngineStrategy {
  std::optional<ShiftDirection> direction;  // nullopt: follow the sign of the error
  double bright_light_h = 0;
  double dose_mg = 0;
  double dose_before_dlmo_h = 4.0;
  int max_doses = 0;
  bool allow_in_sleep = false;
  bool delay_pills = false;               // also pills for delays (shift work), before sleep
  bool pills_before_counted_days = true;  // false: pills only from the first counted day
  bool act = false;                       // false: the baseline (no interventions at all)
  // Replay these interventions (by day index) instead of deciding: runs one
  // plan's light through another model. Pills are dropped for models
  // without a melatonin layer.
  const std::vector<DayInterventions>* fixed = nullptr;
};

struct EngineDayResult {
  DayInterventions interventions;
  std::optional<double> cbtmin_h;  // nearest the target
  std::optional<double> dlmo_h;
  double error_h = 0;  // cbtmin - target, wrapped
};

struct EngineResult {
  std::vector<EngineDayResult> days;  // may stop early, see EngineStop
  int doses = 0;
  std::optional<int> days_to_reentrain;  // over counted days
  double error_sum_h = 0;                // sum |error| over counted days simulated
  bool complete = false;                 // all days simulated
};

// Optional early stops for a search: after `stable_days` counted days within
// tolerance with no intervention left, or once a counted day index exceeds
// `give_up_after` without being within tolerance.
struct EngineStop {
  int stable_days = 0;  // 0: never stop early for stability
  std::optional<int> give_up_after;
};

struct EngineInputs {
  const Model* model = nullptr;
  StateVector y0{};
  double t0_h = 0;  // y0's time; asleep (dark) until days[0].wake_h
  LightLevels light;
  double cbt_to_dlmo_h = 7.0;
  SimulationOptions sim;
};

Result<EngineResult> RunEngine(const EngineInputs& in, const std::vector<EngineDay>& days,
                               const EngineStrategy& strategy, const EngineStop& stop = {});

// Hours since the last CBTmin of a state, from its phase angle (a nominal
// 24.2 h cycle; for placing windows, not for reporting).
double HoursSinceCbtmin(const Model& model, const StateVector& y);

}  // namespace pineal::circadian
