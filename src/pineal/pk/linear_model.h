// Linear one- and two-compartment disposition with first-order (one or two
// depots) or zero-order input: individual parameters and their decomposition into exponential
// modes.
#pragma once

#include "pineal/core/status.h"

namespace pineal::pk {

// Parameters of one individual, in h, mg, L. For oral models CL and V are
// apparent (CL/F, V/F) and `f` is the fraction of an oral dose that reaches
// the central compartment relative to them (1 unless an exposure multiplier
// or a content factor applies).
struct LinearPkParams {
  int compartments = 1;        // 1 or 2
  double cl_l_per_h = 1.0;     // elimination clearance from the central compartment
  double v1_l = 1.0;           // central volume
  double q_l_per_h = 0.0;      // intercompartmental clearance (2 compartments)
  double v2_l = 0.0;           // peripheral volume (2 compartments)
  double ka_per_h = 1.0;       // first-order absorption rate constant
  double ka_slow_per_h = 1.0;  // the slow depot of dual first-order doses
  double tlag_h = 0.0;         // absorption lag of oral doses
  double f = 1.0;              // multiplies oral doses
};

// The Status names the offending parameter.
Status ValidateParams(const LinearPkParams& p);

// Concentration after a unit bolus (1 mg) into the central compartment:
// C(t) = sum_j weight[j] * exp(-lambda[j] t), with lambda[0] >= lambda[1] > 0
// and weight[j] > 0 (mg/L per mg).
struct Disposition {
  int modes = 1;
  double lambda[2] = {0.0, 0.0};  // 1/h
  double weight[2] = {0.0, 0.0};  // 1/L
};

Disposition Decompose(const LinearPkParams& p);

// ln 2 / the smallest disposition rate constant.
double TerminalHalfLifeH(const LinearPkParams& p);

}  // namespace pineal::pk
