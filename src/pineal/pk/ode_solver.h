// ODE path (SUNDIALS CVODE, BDF with a dense direct solver) for models the
// closed forms do not cover: Michaelis-Menten elimination from the central
// compartment, alongside the linear one. It also cross-checks the closed forms.
// Doses and zero-order starts/stops are discontinuities: the integrator stops
// at each one, applies it and restarts.
#pragma once

#include <array>
#include <span>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/pk/dosing.h"
#include "pineal/pk/linear_model.h"

namespace pineal::pk {

struct OdeModel {
  // Structure, volumes, ka, tlag and f; linear.cl_l_per_h is the linear part
  // of elimination and may be 0 when vmax_mg_per_h > 0.
  LinearPkParams linear;
  double vmax_mg_per_h = 0.0;  // saturable elimination Vmax * C / (Km + C)
  double km_mg_per_l = 0.0;
};

struct OdeOptions {
  double rtol = 1e-10;
  double atol_mg = 1e-14;  // absolute tolerance on every amount
  long max_steps = 200000;
};

// Amounts (mg) in the depot, central and peripheral compartments, the
// cumulative amount eliminated and the slow depot of dual first-order doses:
// their sum is what has entered the model.
struct OdeSolution {
  std::vector<double> concentration_mg_per_l;
  std::vector<std::array<double, 5>> amounts_mg;
  long steps = 0;
};

// Values at sorted `times_h`; the value at t includes every input at or before t.
Result<OdeSolution> SolveOde(const OdeModel& model, std::span<const DoseEvent> doses,
                             std::span<const double> times_h, const OdeOptions& options = {});

}  // namespace pineal::pk
