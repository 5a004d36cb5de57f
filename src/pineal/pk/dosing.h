// Dosing as an explicit, time-sorted event list: single doses, regular
// schedules, a patient's real dose log, missed doses. Times are hours from the
// simulation origin (t = 0); amounts are mg of the analyte.
#pragma once

#include <span>
#include <vector>

#include "pineal/core/status.h"

namespace pineal::pk {

enum class Route {
  kOral,           // bolus into the absorption depot (F, tlag, ka apply)
  kOralZeroOrder,  // released into the central compartment at a constant rate
                   // over duration_h (prolonged release; F and tlag apply)
  kIvBolus,        // into the central compartment at once
  kIvInfusion,     // into the central compartment over duration_h
};

struct DoseEvent {
  double time_h = 0.0;
  double amount_mg = 0.0;
  Route route = Route::kOral;
  double duration_h = 0.0;  // zero-order routes only
  // A planned dose that was not taken stays in the list for the record and
  // contributes nothing.
  bool taken = true;
};

// `count` doses of `amount_mg` every `interval_h` from `first_h`.
std::vector<DoseEvent> RegularDoses(double first_h, double interval_h, int count, double amount_mg,
                                    Route route = Route::kOral, double duration_h = 0.0);

// Checks that times are finite and non-decreasing, amounts finite and >= 0,
// and zero-order routes have a positive duration. The Status names the dose.
Status ValidateDoses(std::span<const DoseEvent> doses);

// Sorts by time, keeping the order of doses given at the same time.
void SortDoses(std::vector<DoseEvent>& doses);

bool IsZeroOrder(Route route);
const char* RouteName(Route route);

}  // namespace pineal::pk
