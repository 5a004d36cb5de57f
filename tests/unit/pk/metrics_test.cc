// Exposure metrics against textbook closed forms.
#include "pineal/pk/metrics.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "pineal/pk/exact_solution.h"
#include "test_models.h"

namespace pineal::pk {
namespace {

using testing::OneCmt;
using testing::TwoCmt;

const DoseEvent kIv{0.0, 5.0, Route::kIvBolus, 0.0, true};
const DoseEvent kOral{0.0, 3.0, Route::kOral, 0.0, true};

// Accumulation ratio of an IV bolus every tau: 1 / (1 - e^{-k tau}).
TEST(Metrics, AccumulationRatioIvBolus) {
  const LinearPkParams p = OneCmt(10, 50, 1, 0);  // k = 0.2
  for (double tau : {2.0, 6.0, 24.0}) {
    EXPECT_NEAR(AccumulationRatio(p, kIv, tau), 1.0 / (1.0 - std::exp(-0.2 * tau)),
                1e-12 / (1.0 - std::exp(-0.2 * tau)))
        << tau;
  }
}

// The terminal phase is the slowest exponential: ln 2 / k when absorption is
// faster, ln 2 / ka_slow when a dual dose's slow depot is slower (flip-flop),
// ln 2 / ka for a slow first-order dose; an IV bolus has no absorption.
TEST(Metrics, ApparentTerminalHalfLifeIsTheSlowestRate) {
  LinearPkParams p = OneCmt(600, 650, 2.0, 0.1);  // k = 0.923 /h
  p.ka_slow_per_h = 0.17;
  const double ln2 = std::log(2.0);
  EXPECT_NEAR(ApparentTerminalHalfLifeH(p, std::vector<DoseEvent>{kOral}), ln2 * 650 / 600, 1e-12);
  const std::vector<DoseEvent> dual = {{0, 2, Route::kOralDualFirstOrder, 0, true, 0.6}};
  EXPECT_NEAR(ApparentTerminalHalfLifeH(p, dual), ln2 / 0.17, 1e-12);
  const std::vector<DoseEvent> all_fast = {{0, 2, Route::kOralDualFirstOrder, 0, true, 1.0}};
  EXPECT_NEAR(ApparentTerminalHalfLifeH(p, all_fast), ln2 * 650 / 600, 1e-12);
  p.ka_per_h = 0.5;
  EXPECT_NEAR(ApparentTerminalHalfLifeH(p, std::vector<DoseEvent>{kOral}), ln2 / 0.5, 1e-12);
  EXPECT_NEAR(ApparentTerminalHalfLifeH(p, std::vector<DoseEvent>{kIv}), ln2 * 650 / 600, 1e-12);
}

// Oral one compartment: AUC(0..tau) = F D ka / (V (ka - k)) [(1 - e^{-k tau})/k -
// (1 - e^{-ka tau})/ka]; the ratio is (F D / CL) / AUC(0..tau).
TEST(Metrics, AccumulationRatioOralOneCompartment) {
  const LinearPkParams p = OneCmt(600, 650, 2.0, 0.0, 0.15);
  const double k = 600.0 / 650, ka = 2.0, tau = 1.5;
  const double auc_tau = 0.15 * 3.0 * ka / (650 * (ka - k)) *
                         ((1 - std::exp(-k * tau)) / k - (1 - std::exp(-ka * tau)) / ka);
  const double expected = (0.15 * 3.0 / 600) / auc_tau;
  EXPECT_NEAR(AccumulationRatio(p, kOral, tau), expected, 1e-12 * expected);
}

// Continuous approach to steady state: 90% after ln(10)/k = 3.32 half-lives.
TEST(Metrics, TimeTo90PercentOfSteadyStateIvBolus) {
  const LinearPkParams p = OneCmt(10, 50, 1, 0);
  EXPECT_NEAR(TimeTo90PercentSteadyStateH(p, kIv), std::log(10.0) / 0.2, 1e-8);
}

// With two compartments part of each dose leaves in the fast phase, so 90% is
// reached before 3.32 terminal half-lives; t solves
// sum_j w_j (1 - e^{-lambda_j t}) / lambda_j = 0.9 / CL, checked by putting
// the result into the textbook macro-constant formula.
TEST(Metrics, TimeTo90PercentOfSteadyStateTwoCompartment) {
  const LinearPkParams p = TwoCmt(233, 600, 200, 7000, 1.5, 0.0);
  const double k10 = 233.0 / 600, k12 = 200.0 / 600, k21 = 200.0 / 7000;
  const double s = k10 + k12 + k21, root = std::sqrt(s * s - 4 * k10 * k21);
  const double al = (s + root) / 2, be = (s - root) / 2;
  const double a = (al - k21) / (600 * (al - be)), b = (k21 - be) / (600 * (al - be));
  const double t = TimeTo90PercentSteadyStateH(p, {0, 1.0, Route::kIvBolus, 0, true});
  const double auc = a * (1 - std::exp(-al * t)) / al + b * (1 - std::exp(-be * t)) / be;
  EXPECT_NEAR(auc, 0.9 / 233, 1e-9 / 233);
  EXPECT_LT(t, std::log(10.0) / be);
}

// IV bolus: C >= Cth while t <= ln(C0 / Cth) / k.
TEST(Metrics, TimeAboveThresholdIvBolus) {
  const LinearPkParams p = OneCmt(10, 50, 1, 0);
  const std::vector<DoseEvent> d = {kIv};
  const double c0 = 0.1, th = 0.01;
  EXPECT_NEAR(TimeAboveH(p, d, th, 0.0, 48.0, 0.5), std::log(c0 / th) / 0.2, 1e-9);
}

// Oral one compartment: tmax = tlag + ln(ka/k)/(ka - k) and, at tmax,
// C = (F D / V) e^{-k (tmax - tlag)}.
TEST(Metrics, PeakOfOralOneCompartment) {
  const LinearPkParams p = OneCmt(600, 650, 2.0, 0.1, 0.15);
  const double k = 600.0 / 650, ka = 2.0;
  const double t_peak = std::log(ka / k) / (ka - k);
  const Extremum e = FindPeak(p, std::vector<DoseEvent>{kOral}, 0.0, 24.0, 1.0 / 60);
  EXPECT_NEAR(e.time_h, 0.1 + t_peak, 1e-6);
  const double cmax = 0.15 * 3.0 / 650 * std::exp(-k * t_peak);
  EXPECT_NEAR(e.value_mg_per_l, cmax, 1e-12 * cmax);
}

// Trough at steady state, oral, no lag: the multiple-dose formula at s = tau.
TEST(Metrics, TroughAtSteadyState) {
  const LinearPkParams p = OneCmt(100, 650, 2.0, 0.0, 1.0);
  const double k = 100.0 / 650, ka = 2.0, tau = 12.0;
  const auto d = RegularDoses(0, tau, 60, 3.0);
  const double expected = 3.0 * ka / (650 * (ka - k)) *
                          (std::exp(-k * tau) / (1 - std::exp(-k * tau)) -
                           std::exp(-ka * tau) / (1 - std::exp(-ka * tau)));
  const Extremum e = FindTrough(p, d, 58.5 * tau, 59 * tau + 0.5, 1.0 / 60);
  EXPECT_NEAR(e.value_mg_per_l, expected, 1e-9 * expected);
  EXPECT_NEAR(e.time_h, 59 * tau, 1e-6);
}

// IV bolus: steady-state trough / first trough = 1 / (1 - e^{-k tau}); the
// trough after n doses is (1 - e^{-n k tau}) of steady state, 90% from
// n = ceil(ln 10 / (k tau)).
TEST(Metrics, TroughAccumulationIvBolus) {
  const LinearPkParams p = OneCmt(10, 50, 1, 0);  // k = 0.2
  for (double tau : {1.0, 5.0, 24.0}) {
    const TroughApproach a = TroughAccumulation(p, kIv, tau);
    EXPECT_NEAR(a.ratio, 1.0 / (1.0 - std::exp(-0.2 * tau)), 1e-12 * a.ratio) << tau;
    EXPECT_DOUBLE_EQ(a.time_to_90_h, std::ceil(std::log(10.0) / (0.2 * tau)) * tau) << tau;
  }
}

TEST(Metrics, AucInfinityIsBioavailableDoseOverClearance) {
  const LinearPkParams p = TwoCmt(40, 80, 25, 200, 1.1, 0.3, 0.6);
  EXPECT_DOUBLE_EQ(AucInfinity(p, kOral), 0.6 * 3.0 / 40);
  EXPECT_DOUBLE_EQ(AucInfinity(p, kIv), 5.0 / 40);
}

}  // namespace
}  // namespace pineal::pk
