// Exposure metrics of one individual from the exact solution: peak and
// trough, AUC, accumulation, approach to steady state, time above a threshold.
#pragma once

#include <span>

#include "pineal/pk/dosing.h"
#include "pineal/pk/linear_model.h"

namespace pineal::pk {

struct Extremum {
  double value_mg_per_l = 0.0;
  double time_h = 0.0;
};

// Highest (or lowest) concentration on [t0_h, t1_h]: a scan every
// `scan_step_h`, refined by golden-section search around the best point.
Extremum FindPeak(const LinearPkParams& p, std::span<const DoseEvent> doses, double t0_h,
                  double t1_h, double scan_step_h, double dose_scale = 1.0);
Extremum FindTrough(const LinearPkParams& p, std::span<const DoseEvent> doses, double t0_h,
                    double t1_h, double scan_step_h, double dose_scale = 1.0);

// Hours on [t0_h, t1_h] with C >= threshold; crossings located by bisection.
double TimeAboveH(const LinearPkParams& p, std::span<const DoseEvent> doses, double threshold,
                  double t0_h, double t1_h, double scan_step_h, double dose_scale = 1.0);

// Half-life of the slowest exponential of the curve once input has stopped:
// the smallest disposition rate, or an absorption rate that the doses use if
// it is slower (flip-flop kinetics: prolonged release's slow depot sets the
// terminal phase, about 4 h for melatonin PR where the disposition gives 45 min).
double ApparentTerminalHalfLifeH(const LinearPkParams& p, std::span<const DoseEvent> doses);

// AUC from the dose to infinity: (F *) D / CL, for any linear model.
double AucInfinity(const LinearPkParams& p, const DoseEvent& dose, double dose_scale = 1.0);

// Accumulation ratio of regular dosing every tau_h with `dose`:
// AUC(0..tau) at steady state / AUC(0..tau) after the first dose, which for a
// linear model is AUC(0..inf) / AUC(0..tau) of one dose. For a one-compartment
// IV bolus this is 1 / (1 - exp(-k tau)).
double AccumulationRatio(const LinearPkParams& p, const DoseEvent& dose, double tau_h);

// Time from the first dose of regular dosing until the AUC over a dosing
// interval reaches 90% of its steady-state value, taken continuously: the t at
// which one dose's AUC(0..t) reaches 90% of AUC(0..inf). For a one-compartment
// IV bolus this is ln(10) / k.
double TimeTo90PercentSteadyStateH(const LinearPkParams& p, const DoseEvent& dose);

// Regular dosing every tau_h, seen at the troughs (just before each dose):
// after n doses the trough is sum_{m=1..n} c(m tau) and at steady state
// sum_{m>=1} c(m tau), where c is one dose's curve. `time_to_90_h` is n * tau
// for the first n whose trough reaches 90% of steady state; `ratio` is the
// steady-state trough over the first trough. For a one-compartment IV bolus
// the ratio is 1 / (1 - exp(-k tau)) and n = ceil(ln 10 / (k tau)).
struct TroughApproach {
  double time_to_90_h = 0.0;
  double ratio = 1.0;
};
TroughApproach TroughAccumulation(const LinearPkParams& p, const DoseEvent& dose, double tau_h);

}  // namespace pineal::pk
