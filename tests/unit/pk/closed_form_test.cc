// The closed forms against independent values: the CVODE solution of the same
// ODEs (relative error < 1e-6), textbook steady-state formulas, dose linearity,
// superposition and mass balance.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pineal/pk/exact_solution.h"
#include "pineal/pk/ode_solver.h"
#include "pineal/pk/superposition.h"
#include "test_models.h"

namespace pineal::pk {
namespace {

using testing::MixedHistory;
using testing::OneCmt;
using testing::TwoCmt;

std::vector<double> Times(double t0, double t1, double step) {
  std::vector<double> t;
  for (double x = t0; x <= t1 + 1e-12; x += step) t.push_back(x);
  return t;
}

OdeOptions Tight() {
  OdeOptions o;
  o.rtol = 1e-11;
  o.atol_mg = 1e-30;
  return o;
}

void ExpectOdeAgrees(const LinearPkParams& p, const std::vector<DoseEvent>& doses, double t1) {
  const std::vector<double> t = Times(0.0, t1, 0.37);
  std::vector<double> exact(t.size());
  ConcentrationsAt(p, doses, t, exact);
  auto ode = SolveOde(OdeModel{p, 0.0, 0.0}, doses, t, Tight());
  ASSERT_TRUE(ode.ok()) << ode.status().ToString();
  for (std::size_t i = 0; i < t.size(); ++i) {
    // Relative 1e-6; values below 1e-12 of the peak are rounding-level zeros.
    const double tol = std::max(1e-6 * exact[i], 1e-30);
    EXPECT_NEAR(ode->concentration_mg_per_l[i], exact[i], tol) << "t = " << t[i];
  }
}

TEST(ClosedFormVsOde, OneCompartmentOralWithLag) {
  ExpectOdeAgrees(OneCmt(), RegularDoses(0, 24, 5, 3.0), 130);
}
TEST(ClosedFormVsOde, TwoCompartmentOralWithLag) {
  ExpectOdeAgrees(TwoCmt(233, 600, 200, 7000, 1.5, 0.25), RegularDoses(0, 8, 12, 30.0), 200);
}
TEST(ClosedFormVsOde, OneCompartmentIvBolusAndInfusion) {
  std::vector<DoseEvent> d = {{0, 10, Route::kIvBolus, 0, true},
                              {5, 20, Route::kIvInfusion, 4, true}};
  ExpectOdeAgrees(OneCmt(10, 50, 1, 0), d, 30);
}
TEST(ClosedFormVsOde, TwoCompartmentZeroOrderRelease) {
  ExpectOdeAgrees(TwoCmt(50, 100, 30, 300, 1.2, 0.5),
                  RegularDoses(0, 24, 3, 2.0, Route::kOralZeroOrder, 8.0), 90);
}
// Prolonged-release melatonin (melatonin.md s2): 60% with ka, the rest with
// ka_slow 0.17 /h, nightly for a week, fasted and with the fed lag.
TEST(ClosedFormVsOde, DualFirstOrderInput) {
  auto doses = RegularDoses(0, 24, 7, 2.0, Route::kOralDualFirstOrder);
  for (auto& d : doses) d.fast_fraction = 0.6;
  LinearPkParams p = OneCmt(600, 650, 2.0, 0.1);
  p.ka_slow_per_h = 0.17;
  ExpectOdeAgrees(p, doses, 180);
  p.ka_per_h = 1.5;
  p.tlag_h = 2.1;
  ExpectOdeAgrees(p, doses, 180);
  LinearPkParams two = TwoCmt(50, 100, 30, 300, 1.2, 0.5);
  two.ka_slow_per_h = 0.17;
  ExpectOdeAgrees(two, doses, 180);
}
TEST(ClosedFormVsOde, IrregularHistoryWithMissedDosesAllRoutes) {
  ExpectOdeAgrees(TwoCmt(40, 80, 25, 200, 1.1, 0.3, 0.6), MixedHistory(), 80);
  ExpectOdeAgrees(OneCmt(40, 80, 1.1, 0.3, 0.6), MixedHistory(), 80);
}
// ka equal to k: the textbook formula divides by zero; the exact path must not.
TEST(ClosedFormVsOde, AbsorptionRateEqualToEliminationRate) {
  const LinearPkParams p = OneCmt(50, 100, 0.5, 0.0);  // k = ka = 0.5 /h
  ExpectOdeAgrees(p, RegularDoses(0, 12, 4, 10.0), 60);
  // Limit of the one-compartment oral formula: C = D ka t e^{-k t} / V.
  const std::vector<DoseEvent> one = {{0, 10, Route::kOral, 0, true}};
  for (double t : {0.5, 2.0, 7.0}) {
    EXPECT_NEAR(ConcentrationAt(p, one, t), 10 * 0.5 * t * std::exp(-0.5 * t) / 100, 1e-14 * 0.1);
  }
}

TEST(ClosedForms, TextbookSuperpositionMatchesExactPropagation) {
  for (const LinearPkParams& p :
       {OneCmt(40, 80, 1.1, 0.3, 0.6), TwoCmt(40, 80, 25, 200, 1.1, 0.3, 0.6)}) {
    const auto doses = MixedHistory();
    for (double t : Times(0, 90, 0.61)) {
      const double a = ConcentrationAt(p, doses, t);
      EXPECT_NEAR(SuperpositionConcentration(p, doses, t), a, 1e-12 * a + 1e-300) << t;
    }
  }
}

// A dual first-order dose is two first-order doses of the split amounts, one
// absorbed with ka and one with ka_slow (the textbook Bateman function twice).
TEST(ClosedForms, DualFirstOrderIsTwoSplitFirstOrderDoses) {
  for (LinearPkParams p : {OneCmt(600, 650, 2.0, 0.1, 0.8), TwoCmt(40, 80, 25, 200, 1.1, 0.3)}) {
    p.ka_slow_per_h = 0.17;
    std::vector<DoseEvent> dual = {{1.0, 5.0, Route::kOralDualFirstOrder, 0.0, true, 0.6}};
    LinearPkParams slow = p;
    slow.ka_per_h = p.ka_slow_per_h;
    const std::vector<DoseEvent> fast_part = {{1.0, 3.0, Route::kOral, 0.0, true}};
    const std::vector<DoseEvent> slow_part = {{1.0, 2.0, Route::kOral, 0.0, true}};
    for (double t : Times(0, 40, 0.29)) {
      const double want = ConcentrationAt(p, fast_part, t) + ConcentrationAt(slow, slow_part, t);
      EXPECT_NEAR(ConcentrationAt(p, dual, t), want, 1e-12 * want + 1e-300) << t;
      EXPECT_NEAR(SuperpositionConcentration(p, dual, t), want, 1e-12 * want + 1e-300) << t;
    }
    // All fast is the IR dose; all slow is an IR dose with ka_slow.
    dual[0].fast_fraction = 1.0;
    const std::vector<DoseEvent> ir = {{1.0, 5.0, Route::kOral, 0.0, true}};
    EXPECT_NEAR(ConcentrationAt(p, dual, 3.0), ConcentrationAt(p, ir, 3.0), 1e-15);
    dual[0].fast_fraction = 0.0;
    EXPECT_NEAR(ConcentrationAt(p, dual, 3.0), ConcentrationAt(slow, ir, 3.0), 1e-15);
  }
}

// Two-compartment macro-constants (Vieta): alpha + beta = k10 + k12 + k21,
// alpha * beta = k10 * k21; C(0) after a bolus is D / V1.
TEST(ClosedForms, TwoCompartmentDecomposition) {
  const LinearPkParams p = TwoCmt(233, 600, 200, 7000);
  const Disposition d = Decompose(p);
  const double k10 = 233.0 / 600, k12 = 200.0 / 600, k21 = 200.0 / 7000;
  EXPECT_NEAR(d.lambda[0] + d.lambda[1], k10 + k12 + k21, 1e-15);
  EXPECT_NEAR(d.lambda[0] * d.lambda[1], k10 * k21, 1e-17);
  EXPECT_NEAR(d.weight[0] + d.weight[1], 1.0 / 600, 1e-18);
  EXPECT_GT(d.weight[1], 0.0);
}

TEST(ClosedForms, DoseLinearity) {
  const LinearPkParams p = TwoCmt(40, 80, 25, 200, 1.1, 0.3);
  auto doses = MixedHistory();
  auto doubled = doses;
  for (auto& d : doubled) d.amount_mg *= 2;
  for (double t : Times(0, 80, 0.5)) {
    const double c = ConcentrationAt(p, doses, t);
    EXPECT_NEAR(ConcentrationAt(p, doubled, t), 2 * c, 1e-14 * c) << t;
  }
}

TEST(ClosedForms, SuperpositionOfTwoHistories) {
  const LinearPkParams p = OneCmt(40, 80, 1.1, 0.3);
  const auto a = MixedHistory();
  const auto b = RegularDoses(3.3, 11, 6, 2.0);
  std::vector<DoseEvent> both = a;
  both.insert(both.end(), b.begin(), b.end());
  SortDoses(both);
  for (double t : Times(0, 80, 0.7)) {
    const double sum = ConcentrationAt(p, a, t) + ConcentrationAt(p, b, t);
    EXPECT_NEAR(ConcentrationAt(p, both, t), sum, 1e-13 * sum) << t;
  }
}

// IV bolus every tau: just after dose n, C = (D/V) (1 - r^n) / (1 - r), r = e^{-k tau}.
TEST(SteadyState, IvBolusGeometricSeries) {
  const LinearPkParams p = OneCmt(10, 50, 1, 0);
  const double k = 0.2, tau = 6, r = std::exp(-k * tau);
  std::vector<DoseEvent> d = RegularDoses(0, tau, 40, 5.0, Route::kIvBolus);
  for (int n : {1, 2, 5, 40}) {
    const double expected = 5.0 / 50 * (1 - std::pow(r, n)) / (1 - r);
    EXPECT_NEAR(ConcentrationAt(p, d, (n - 1) * tau), expected, 1e-13 * expected) << n;
  }
}

// Oral one-compartment at steady state (Gibaldi & Perrier):
// C(s) = F D ka / (V (ka - k)) [e^{-k s}/(1 - e^{-k tau}) - e^{-ka s}/(1 - e^{-ka tau})].
TEST(SteadyState, OralOneCompartmentMultipleDoseFormula) {
  const LinearPkParams p = OneCmt(600, 650, 2.0, 0.0, 0.5);
  const double k = 600.0 / 650, ka = 2.0, tau = 4.0;
  const auto d = RegularDoses(0, tau, 200, 3.0);
  for (double s : {0.1, 0.7, 2.0, 3.9}) {
    const double expected = 0.5 * 3.0 * ka / (650 * (ka - k)) *
                            (std::exp(-k * s) / (1 - std::exp(-k * tau)) -
                             std::exp(-ka * s) / (1 - std::exp(-ka * tau)));
    EXPECT_NEAR(ConcentrationAt(p, d, 199 * tau + s), expected, 1e-12 * expected) << s;
  }
}

// A long zero-order input reaches the plateau R / CL, for one or two compartments.
TEST(SteadyState, InfusionPlateauIsRateOverClearance) {
  const std::vector<DoseEvent> inf = {{0, 1000, Route::kIvInfusion, 1000, true}};
  EXPECT_NEAR(ConcentrationAt(OneCmt(20, 50, 1, 0), inf, 900), 1.0 / 20, 1e-12);
  EXPECT_NEAR(ConcentrationAt(TwoCmt(20, 50, 10, 100, 1, 0), inf, 900), 1.0 / 20, 1e-12);
}

// Mass balance: CL x AUC(0..inf) = F x dose, for any linear model and history.
TEST(MassBalance, ClearanceTimesAucEqualsBioavailableDose) {
  for (const LinearPkParams& p :
       {OneCmt(40, 80, 1.1, 0.3, 0.6), TwoCmt(40, 80, 25, 200, 1.1, 0.3, 0.6)}) {
    const auto doses = MixedHistory();
    double entered = 0.0;
    for (const auto& d : doses) {
      if (!d.taken) continue;
      entered += d.amount_mg * (IsOral(d.route) ? p.f : 1.0);
    }
    const double auc = AucBetween(p, doses, 0.0, 2000.0);
    EXPECT_NEAR(p.cl_l_per_h * auc, entered, 1e-10 * entered);
  }
}

// The ODE's five amounts (depot, central, peripheral, eliminated, slow depot)
// add up to what has entered at every time.
TEST(MassBalance, OdeAmountsAddUpToInput) {
  const LinearPkParams p = TwoCmt(40, 80, 25, 200, 1.1, 0.3, 0.6);
  const auto doses = MixedHistory();
  const auto t = Times(0, 80, 1.3);
  auto ode = SolveOde(OdeModel{p, 0, 0}, doses, t, Tight());
  ASSERT_TRUE(ode.ok());
  for (std::size_t i = 0; i < t.size(); ++i) {
    double entered = 0.0;
    for (const auto& d : doses) {
      if (!d.taken) continue;
      const bool oral = IsOral(d.route);
      const double start = d.time_h + (oral ? p.tlag_h : 0.0);
      double fraction = 1.0;
      if (d.route == Route::kOralZeroOrder || d.route == Route::kIvInfusion) {
        fraction = std::clamp((t[i] - start) / d.duration_h, 0.0, 1.0);
      } else if (t[i] < start) {
        fraction = 0.0;
      }
      entered += d.amount_mg * (oral ? p.f : 1.0) * fraction;
    }
    const auto& a = ode->amounts_mg[i];
    EXPECT_NEAR(a[0] + a[1] + a[2] + a[3] + a[4], entered, 1e-9 * entered + 1e-15) << t[i];
  }
}

}  // namespace
}  // namespace pineal::pk
