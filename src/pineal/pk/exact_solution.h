// The exact solution of a linear model for any dosing history, by propagating
// its state analytically from one input change to the next. Every term is
// non-negative, so concentrations are never negative, and the formulas stay
// exact when ka equals a disposition rate constant.
//
// Convention: the value at time t includes every input change at or before t.
#pragma once

#include <span>
#include <vector>

#include "pineal/pk/dosing.h"
#include "pineal/pk/inputs.h"
#include "pineal/pk/linear_model.h"

namespace pineal::pk {

class ExactState {
 public:
  explicit ExactState(const LinearPkParams& p);

  // Moves the state forward by dt >= 0 h without input changes; returns the
  // AUC (mg*h/L) over that interval.
  double Advance(double dt);
  void Apply(const InputChange& c);

  double ConcentrationMgPerL() const;
  double DepotMg() const { return depot_mg_ + depot_slow_mg_; }
  // Amount in the central and peripheral compartments together.
  double BodyMg() const;

 private:
  LinearPkParams p_;
  Disposition d_;
  double depot_mg_ = 0.0;
  double depot_slow_mg_ = 0.0;  // dual first-order doses: absorbed with ka_slow
  double rate_mg_per_h_ = 0.0;
  int active_infusions_ = 0;
  double y_[2] = {0.0, 0.0};  // contribution of each disposition mode to C, mg/L
};

// Walks the input changes of a dosing history in time order, keeping the
// exact state at the current time.
class ExactWalker {
 public:
  ExactWalker(const LinearPkParams& p, std::span<const DoseEvent> doses, double dose_scale);
  // From input changes already compiled for this individual (sorted by time).
  ExactWalker(const LinearPkParams& p, std::vector<InputChange> changes);
  // Moves to time t, applying every input change at or before t; returns the
  // AUC accumulated on the way. t must not decrease between calls.
  double MoveTo(double t);
  const ExactState& state() const { return state_; }

 private:
  ExactState state_;
  std::vector<InputChange> changes_;
  std::size_t next_ = 0;
  double now_ = 0.0;
};

// Concentrations (mg/L) at sorted `times_h`. `dose_scale` multiplies every dose.
void ConcentrationsAt(const LinearPkParams& p, std::span<const DoseEvent> doses,
                      std::span<const double> times_h, std::span<double> out,
                      double dose_scale = 1.0);
double ConcentrationAt(const LinearPkParams& p, std::span<const DoseEvent> doses, double t_h,
                       double dose_scale = 1.0);

// Exact AUC (mg*h/L) over [t0_h, t1_h].
double AucBetween(const LinearPkParams& p, std::span<const DoseEvent> doses, double t0_h,
                  double t1_h, double dose_scale = 1.0);

}  // namespace pineal::pk
