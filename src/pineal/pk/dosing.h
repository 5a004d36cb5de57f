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
  // fast_fraction of the dose into the absorption depot (ka), the rest into a
  // slow depot (ka_slow): prolonged-release tablets that release part of the
  // dose at once and the rest over hours. F and tlag apply to both parts.
  kOralDualFirstOrder,
};

struct DoseEvent {
  double time_h = 0.0;
  double amount_mg = 0.0;
  Route route = Route::kOral;
  double duration_h = 0.0;  // zero-order routes only
  // A planned dose that was not taken stays in the list for the record and
  // contributes nothing.
  bool taken = true;
  // Dual first-order route only: the share of the dose absorbed with ka, in [0, 1].
  double fast_fraction = 1.0;
};

// `count` doses of `amount_mg` every `interval_h` from `first_h`.
std::vector<DoseEvent> RegularDoses(double first_h, double interval_h, int count, double amount_mg,
                                    Route route = Route::kOral, double duration_h = 0.0);

// Checks that times are finite and non-decreasing, amounts finite and >= 0,
// zero-order routes have a positive duration and dual first-order routes a
// fast fraction within [0, 1]. The Status names the dose.
Status ValidateDoses(std::span<const DoseEvent> doses);

// Sorts by time, keeping the order of doses given at the same time.
void SortDoses(std::vector<DoseEvent>& doses);

bool IsZeroOrder(Route route);
// Oral routes: F and tlag apply.
bool IsOral(Route route);
const char* RouteName(Route route);

}  // namespace pineal::pk
