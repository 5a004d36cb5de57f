// Integrates a circadian model through a light schedule and melatonin input,
// piecewise between input changes, and reads the phase markers off the
// trajectory as the papers define them:
//  - FJK99: CBTmin = local minimum of x (masked by light: bright light near
//    the minimum drags it to light onset), also recorded from the phase angle
//    atan2(-xc, x) = pi, which light does not mask; DLMO = CBTmin - 7 h.
//  - Hannay19 / Stowe25: CBTmin at psi = pi, DLMO at psi = 5 pi / 12; Stowe25
//    also records plasma melatonin rising through the DLMO threshold.
#pragma once

#include <array>
#include <vector>

#include "pineal/circadian/dopri5.h"
#include "pineal/circadian/light_schedule.h"
#include "pineal/circadian/melatonin_input.h"
#include "pineal/circadian/params.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

inline constexpr int kMaxDim = 6;

// FJK99: x, xc, n. Hannay19: R, psi, n. Stowe25: R, psi, n, H1, H2, H3 (pmol/L).
using StateVector = std::array<double, kMaxDim>;

int StateDim(ModelKind kind);
// A start on or near the limit cycle (entrain before reading phases).
StateVector DefaultInitialState(const Model& model);

struct Markers {
  std::vector<double> cbtmin_h;        // from the phase (unmasked)
  std::vector<double> dlmo_h;          // from the phase
  std::vector<double> x_min_h;         // FJK99 only: minima of x, the paper's CBTmin
  std::vector<double> plasma_onset_h;  // Stowe25 only: plasma rising through threshold
};

struct Sample {
  double t_h = 0;
  StateVector y{};
};

struct SimulationOptions {
  Dopri5Options solver;
  // Absolute tolerance of the melatonin compartments (Stowe25, pmol/L) when
  // solver.atol_per_component is empty; 1e-3 pmol/L = 0.0002 pg/mL, far below
  // any threshold, and spares the solver from tracking decaying tails to 1e-9.
  double melatonin_atol_pmol_per_l = 1e-3;
  std::vector<double> sample_times_h;  // sorted; the state is recorded there
  bool markers = true;
};

struct SimulationResult {
  StateVector final_state{};
  Markers markers;
  std::vector<Sample> samples;
  Dopri5Stats stats;
  double next_step_h = 0;  // pass as solver.h_initial to continue without a restart
};

// Integrates from t0_h to t1_h. Doses before t0_h are ignored. Fails on
// melatonin input for a model without a melatonin layer, or on solver failure.
Result<SimulationResult> Simulate(const Model& model, const StateVector& y0, double t0_h,
                                  double t1_h, const LightSchedule& light,
                                  const MelatoninInput& melatonin = {},
                                  const SimulationOptions& options = {});

// Phase angle of a state, in radians, increasing with time and equal to pi at
// CBTmin: atan2(-xc, x) for FJK99, psi for Hannay19/Stowe25 (unwrapped).
double PhaseAngle(const Model& model, const StateVector& y);

// Plasma melatonin (pg/mL, endogenous + gut) of a Stowe25 state; 0 otherwise.
double PlasmaPgPerMl(const Model& model, const StateVector& y);

}  // namespace pineal::circadian
