// Turns a trip into the planner's days: the sleep episodes at home (shifted
// on pre-departure days), on the plane (the destination's night, when a
// flight spans it) and at the destination, and the wake episodes between
// them, in model hours from a local midnight at home.
#pragma once

#include <string>
#include <vector>

#include "pineal/circadian/plan_engine.h"
#include "pineal/circadian/plan_types.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

struct TripFrame {
  Instant t0;            // model time 0: local midnight at home on first_date
  LocalDate first_date;  // first day shown (home)
  std::string origin, destination;
  Instant depart, arrive;     // first departure, last arrival
  std::vector<Span> flights;  // model hours
  double zone_shift_h = 0;    // destination minus origin UTC offset at arrival
  double habitual_bed_h = 23, habitual_wake_h = 7;  // clock hours
  int pre_days_max = 0;
  int days_after_arrival = 0;

  double Hours(Instant t) const;
  Instant At(double hours) const;
};

// Validates the trip and fixes the frame.
Result<TripFrame> MakeTripFrame(const JetLagRequest& request);

struct TripDay {
  EngineDay engine;
  int day = 0;  // relative to the arrival day
  LocalDate date;
  std::string zone;
  bool travel = false;
};

// The days of a trip for `pre_days` of sleep shifted by `shift_per_day_h` in
// `direction` (0 pre-days: the habitual schedule), with the destination
// target CBTmin at clock hour `target_cbtmin_clock_h` (destination time).
Result<std::vector<TripDay>> TripDays(const TripFrame& frame, const PlanOptions& options,
                                      int pre_days, double shift_per_day_h,
                                      ShiftDirection direction, double target_cbtmin_clock_h);

}  // namespace pineal::circadian
