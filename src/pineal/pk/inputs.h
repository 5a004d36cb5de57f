// Turns dose events into the changes they make to a linear model's inputs:
// depot additions at t + tlag (to the slow depot too for dual first-order
// doses), central boluses, and zero-order rate steps
// (start and stop). Missed doses are dropped here.
#pragma once

#include <span>
#include <vector>

#include "pineal/pk/dosing.h"
#include "pineal/pk/linear_model.h"

namespace pineal::pk {

struct InputChange {
  double time_h = 0.0;
  double depot_mg = 0.0;           // added to the absorption depot (ka)
  double depot_slow_mg = 0.0;      // added to the slow depot (ka_slow)
  double bolus_mg = 0.0;           // added to the central compartment
  double rate_mg_per_h = 0.0;      // change of the zero-order input rate
  int active_infusions_delta = 0;  // +1 at a start, -1 at a stop
  bool oral = false;               // oral routes: tlag and F apply
};

// Sorted by time (stable). `dose_scale` multiplies every amount (content factor).
void CompileInputs(const LinearPkParams& p, std::span<const DoseEvent> doses, double dose_scale,
                   std::vector<InputChange>& out);

// A change compiled with tlag 0, f 1 and dose scale 1, as it applies to an
// individual with parameters `p` and `dose_scale`.
InputChange Individualized(const InputChange& shared, const LinearPkParams& p, double dose_scale);

// True when individual lags cannot reorder `changes` (all oral or none oral),
// so one compiled list can serve every subject of a population.
bool OrderIndependentOfLag(std::span<const InputChange> changes);

}  // namespace pineal::pk
