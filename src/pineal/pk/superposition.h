// Textbook closed forms: the concentration is the sum, over every dose taken,
// of the single-dose solution of the one- or two-compartment model (bolus,
// first-order absorption with lag, dual first-order absorption as the sum of
// two first-order doses, zero-order input). O(doses) per time point;
// written independently of exact_solution so each can check the other.
// The first-order formulas divide by (ka - lambda): they need ka to differ
// from the disposition rate constants, and ka_slow too for dual first-order
// doses (use exact_solution otherwise).
#pragma once

#include <span>

#include "pineal/pk/dosing.h"
#include "pineal/pk/linear_model.h"

namespace pineal::pk {

// Concentration (mg/L) at t_h.
double SuperpositionConcentration(const LinearPkParams& p, std::span<const DoseEvent> doses,
                                  double t_h);

}  // namespace pineal::pk
