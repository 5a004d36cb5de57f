// The ODE path for a nonlinear model (Michaelis-Menten elimination) against
// known limits and the exact implicit solution of the IV-bolus case.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "pineal/pk/exact_solution.h"
#include "pineal/pk/ode_solver.h"
#include "test_models.h"

namespace pineal::pk {
namespace {

using testing::OneCmt;
using testing::TwoCmt;

OdeOptions MichaelisMentenTolerances() {
  OdeOptions o;
  o.rtol = 1e-11;
  o.atol_mg = 1e-25;
  return o;
}

// One-compartment IV bolus with saturable elimination has the implicit exact
// solution Km ln(C0 / C) + (C0 - C) = (Vmax / V) t (e.g. Rowland & Tozer).
TEST(MichaelisMenten, IvBolusSatisfiesTheImplicitSolution) {
  LinearPkParams p = OneCmt(0.0, 40.0, 1.0, 0.0);
  p.cl_l_per_h = 0.0;
  const double vmax = 30.0, km = 2.0, dose = 400.0, c0 = dose / 40.0;  // C0 = 5 Km
  std::vector<double> t = {0.5, 1, 2, 4, 8, 16};
  auto sol = SolveOde(OdeModel{p, vmax, km}, {{{0, dose, Route::kIvBolus, 0, true}}}, t,
                      MichaelisMentenTolerances());
  ASSERT_TRUE(sol.ok()) << sol.status().ToString();
  for (std::size_t i = 0; i < t.size(); ++i) {
    const double c = sol->concentration_mg_per_l[i];
    const double lhs = km * std::log(c0 / c) + (c0 - c);
    EXPECT_NEAR(lhs, vmax / 40.0 * t[i], 1e-8 * (vmax / 40.0 * t[i])) << t[i];
  }
}

// Far below Km elimination is linear with CL = Vmax / Km; the relative
// difference is of the order of C / Km.
TEST(MichaelisMenten, SmallDosesApproachTheLinearModel) {
  const double vmax = 100.0, km = 1.0;
  for (const LinearPkParams& lin :
       {OneCmt(vmax / km, 650, 2.0, 0.1), TwoCmt(vmax / km, 600, 200, 7000, 1.5, 0.0)}) {
    LinearPkParams p = lin;
    p.cl_l_per_h = 0.0;
    const auto doses = RegularDoses(0, 24, 3, 0.01);  // C stays below 1e-5 Km
    std::vector<double> t;
    for (double x = 0.25; x < 80; x += 0.5) t.push_back(x);
    auto sol = SolveOde(OdeModel{p, vmax, km}, doses, t, MichaelisMentenTolerances());
    ASSERT_TRUE(sol.ok());
    std::vector<double> linear(t.size());
    ConcentrationsAt(lin, doses, t, linear);
    double cmax = 0;
    for (double c : linear) cmax = std::max(cmax, c);
    ASSERT_LT(cmax, 1e-4 * km);
    for (std::size_t i = 0; i < t.size(); ++i) {
      EXPECT_NEAR(sol->concentration_mg_per_l[i], linear[i], 2.0 * (cmax / km) * linear[i] + 1e-20)
          << t[i];
    }
  }
}

// Saturation shows: a tenfold dose far above Km gives much more than tenfold
// exposure late after the dose.
TEST(MichaelisMenten, HighDosesAreMoreThanProportional) {
  LinearPkParams p = OneCmt(0.0, 40.0, 1.0, 0.0);
  std::vector<double> t = {6.0};
  auto low = SolveOde(OdeModel{p, 30.0, 2.0}, {{{0, 40, Route::kIvBolus, 0, true}}}, t,
                      MichaelisMentenTolerances());
  auto high = SolveOde(OdeModel{p, 30.0, 2.0}, {{{0, 400, Route::kIvBolus, 0, true}}}, t,
                       MichaelisMentenTolerances());
  ASSERT_TRUE(low.ok() && high.ok());
  EXPECT_GT(high->concentration_mg_per_l[0], 10.0 * low->concentration_mg_per_l[0]);
}

TEST(MichaelisMenten, MassBalance) {
  LinearPkParams p = TwoCmt(5.0, 60, 20, 150, 1.3, 0.2, 0.7);
  const auto doses = RegularDoses(0, 12, 4, 50.0);
  std::vector<double> t = {1, 10, 30, 60};
  auto sol = SolveOde(OdeModel{p, 40.0, 0.5}, doses, t, MichaelisMentenTolerances());
  ASSERT_TRUE(sol.ok());
  const double given[] = {50 * 0.7, 50 * 0.7, 150 * 0.7, 200 * 0.7};
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto& a = sol->amounts_mg[i];
    EXPECT_NEAR(a[0] + a[1] + a[2] + a[3], given[i], 1e-9 * given[i]) << t[i];
  }
}

TEST(OdeSolver, RejectsInvalidModels) {
  LinearPkParams p = OneCmt();
  EXPECT_FALSE(SolveOde(OdeModel{p, 10.0, 0.0}, {}, std::vector<double>{1.0}).ok());
  p.v1_l = -1;
  EXPECT_FALSE(SolveOde(OdeModel{p, 0, 0}, {}, std::vector<double>{1.0}).ok());
}

TEST(OdeSolver, TooFewStepsIsAnErrorNotACrash) {
  OdeOptions o;
  o.max_steps = 2;
  auto sol =
      SolveOde(OdeModel{OneCmt(), 0, 0}, RegularDoses(0, 24, 2, 3.0), std::vector<double>{30.0}, o);
  ASSERT_FALSE(sol.ok());
  EXPECT_NE(sol.status().message().find("CVODE"), std::string::npos);
}

}  // namespace
}  // namespace pineal::pk
