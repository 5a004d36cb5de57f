#include "pineal/pk/exact_solution.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "pineal/core/check.h"
#include "pineal/pk/exp_math.h"

namespace pineal::pk {

ExactState::ExactState(const LinearPkParams& p) : p_(p), d_(Decompose(p)) {}

double ExactState::Advance(double dt) {
  PINEAL_DCHECK(dt >= 0, "ExactState::Advance needs dt >= 0");
  if (dt <= 0) return 0.0;
  const double ka = p_.ka_per_h;
  const double ks = p_.ka_slow_per_h;
  double change_over_lambda = 0.0;
  for (int j = 0; j < d_.modes; ++j) {
    const double lambda = d_.lambda[j];
    const double w = d_.weight[j];
    const double before = y_[j];
    y_[j] = before * std::exp(-lambda * dt) + depot_mg_ * ka * w * DiffExp(lambda, ka, dt) +
            rate_mg_per_h_ * w * OneMinusExpOver(lambda, dt);
    // The slow depot adds its own term only when it holds something, so models
    // without one do not pay for the exp.
    if (depot_slow_mg_ != 0.0) y_[j] += depot_slow_mg_ * ks * w * DiffExp(lambda, ks, dt);
    change_over_lambda += (y_[j] - before) / lambda;
  }
  // Mass balance: the body gains what is absorbed and infused and loses CL*AUC;
  // the body amount carried by mode j is CL * y_j / lambda_j.
  double absorbed = depot_mg_ * -std::expm1(-ka * dt);
  depot_mg_ *= std::exp(-ka * dt);
  if (depot_slow_mg_ != 0.0) {
    absorbed += depot_slow_mg_ * -std::expm1(-ks * dt);
    depot_slow_mg_ *= std::exp(-ks * dt);
  }
  const double auc = (absorbed + rate_mg_per_h_ * dt) / p_.cl_l_per_h - change_over_lambda;
  return std::max(auc, 0.0);
}

void ExactState::Apply(const InputChange& c) {
  depot_mg_ += c.depot_mg;
  depot_slow_mg_ += c.depot_slow_mg;
  for (int j = 0; j < d_.modes; ++j) y_[j] += c.bolus_mg * d_.weight[j];
  active_infusions_ += c.active_infusions_delta;
  // Exactly zero once every infusion has stopped, whatever the rounding of the steps.
  rate_mg_per_h_ = active_infusions_ == 0 ? 0.0 : rate_mg_per_h_ + c.rate_mg_per_h;
}

double ExactState::ConcentrationMgPerL() const {
  double c = 0.0;
  for (int j = 0; j < d_.modes; ++j) c += y_[j];
  return c;
}

double ExactState::BodyMg() const {
  double a = 0.0;
  for (int j = 0; j < d_.modes; ++j) a += p_.cl_l_per_h * y_[j] / d_.lambda[j];
  return a;
}

ExactWalker::ExactWalker(const LinearPkParams& p, std::span<const DoseEvent> doses,
                         double dose_scale)
    : state_(p) {
  CompileInputs(p, doses, dose_scale, changes_);
  now_ = changes_.empty() ? 0.0 : changes_.front().time_h;
}

ExactWalker::ExactWalker(const LinearPkParams& p, std::vector<InputChange> changes)
    : state_(p), changes_(std::move(changes)) {
  now_ = changes_.empty() ? 0.0 : changes_.front().time_h;
}

double ExactWalker::MoveTo(double t) {
  double auc = 0.0;
  while (next_ < changes_.size() && changes_[next_].time_h <= t) {
    const double tc = changes_[next_].time_h;
    if (tc > now_) {
      auc += state_.Advance(tc - now_);
      now_ = tc;
    }
    state_.Apply(changes_[next_++]);
  }
  if (t > now_) {
    auc += state_.Advance(t - now_);
    now_ = t;
  }
  return auc;
}

void ConcentrationsAt(const LinearPkParams& p, std::span<const DoseEvent> doses,
                      std::span<const double> times_h, std::span<double> out, double dose_scale) {
  PINEAL_CHECK(out.size() == times_h.size(), "ConcentrationsAt: output size mismatch");
  ExactWalker w(p, doses, dose_scale);
  for (std::size_t i = 0; i < times_h.size(); ++i) {
    PINEAL_DCHECK(i == 0 || times_h[i] >= times_h[i - 1], "times must be sorted");
    w.MoveTo(times_h[i]);
    out[i] = w.state().ConcentrationMgPerL();
  }
}

double ConcentrationAt(const LinearPkParams& p, std::span<const DoseEvent> doses, double t_h,
                       double dose_scale) {
  double c = 0.0;
  ConcentrationsAt(p, doses, std::span<const double>(&t_h, 1), std::span<double>(&c, 1),
                   dose_scale);
  return c;
}

double AucBetween(const LinearPkParams& p, std::span<const DoseEvent> doses, double t0_h,
                  double t1_h, double dose_scale) {
  if (!(t1_h > t0_h)) return 0.0;
  ExactWalker w(p, doses, dose_scale);
  w.MoveTo(t0_h);
  return w.MoveTo(t1_h);
}

}  // namespace pineal::pk
