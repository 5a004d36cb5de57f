// Shared fixtures for the pk tests: parameter sets and dosing histories.
#pragma once

#include <vector>

#include "pineal/pk/dosing.h"
#include "pineal/pk/linear_model.h"

namespace pineal::pk::testing {

inline LinearPkParams OneCmt(double cl = 600, double v = 650, double ka = 2.0, double tlag = 0.1,
                             double f = 1.0) {
  LinearPkParams p;
  p.compartments = 1;
  p.cl_l_per_h = cl;
  p.v1_l = v;
  p.ka_per_h = ka;
  p.tlag_h = tlag;
  p.f = f;
  p.ka_slow_per_h = 0.23;  // used by dual first-order doses only
  return p;
}

inline LinearPkParams TwoCmt(double cl = 233, double v1 = 600, double q = 200, double v2 = 7000,
                             double ka = 1.5, double tlag = 0.0, double f = 1.0) {
  LinearPkParams p = OneCmt(cl, v1, ka, tlag, f);
  p.compartments = 2;
  p.q_l_per_h = q;
  p.v2_l = v2;
  return p;
}

// An irregular history: doses at uneven times, two missed, one extra, all routes.
inline std::vector<DoseEvent> MixedHistory() {
  return {
      {0.0, 3.0, Route::kOral, 0.0, true},
      {7.3, 2.0, Route::kIvBolus, 0.0, true},
      {12.5, 2.0, Route::kOralDualFirstOrder, 0.0, true, 0.6},
      {20.0, 3.0, Route::kOral, 0.0, false},                     // missed
      {21.0, 2.0, Route::kOralDualFirstOrder, 0.0, false, 0.6},  // missed
      {23.9, 5.0, Route::kOralZeroOrder, 8.0, true},
      {30.05, 1.0, Route::kIvInfusion, 2.5, true},
      {31.0, 3.0, Route::kOral, 0.0, true},
      {48.0, 3.0, Route::kOral, 0.0, false},  // missed
      {49.7, 4.0, Route::kOral, 0.0, true},
  };
}

}  // namespace pineal::pk::testing
