// Exogenous melatonin in the Stowe model: the dose curve against the plasma
// peaks listed in circadian.md §4.5 (0.3 mg -> 137, 0.5 -> 216, 1 -> 404,
// 3 -> 1,094, 5 -> 1,902 pg/mL), the gut amount against its closed form,
// formulations, and a plasma curve fed from outside (as from the PK engine)
// against the same doses given as pills.
#include "pineal/circadian/melatonin_input.h"

#include <gtest/gtest.h>

#include <cmath>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/simulate.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

using testing::Stowe;

// Peak plasma (pg/mL) of a pill taken while the pineal is off: the phase
// starts 0.9 rad past switch-off (synthesis e^-13.6 of its maximum) and stays
// outside the window for ~11 h; the endogenous compartments start empty.
double PeakPgPerMl(double dose_mg, Formulation f = Formulation::kImmediateRelease) {
  MelatoninInput in;
  in.doses.push_back({0.5, dose_mg, f});
  SimulationOptions opt;
  for (int i = 0; i <= 1900; ++i) opt.sample_times_h.push_back(0.5 + 0.005 * i);
  StateVector y0 = DefaultInitialState(Stowe());
  y0[1] = Stowe().melatonin.psi_off_rad + 0.9;
  auto r = Simulate(Stowe(), y0, 0, 10.5, LightSchedule::Constant(0), in, opt);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  double peak = 0;
  for (const Sample& s : r->samples) peak = std::max(peak, PlasmaPgPerMl(Stowe(), s.y));
  return peak;
}

TEST(MelatoninInputTest, PlasmaPeaksMatchTheFittedDoseCurve) {
  // The listed peaks; 2 % covers rounding and the pulse-vs-bolus difference.
  const std::pair<double, double> peaks[] = {
      {0.3, 137}, {0.5, 216}, {1, 404}, {3, 1094}, {5, 1902}};
  for (const auto& [dose, pg] : peaks)
    EXPECT_NEAR(PeakPgPerMl(dose), pg, 0.02 * pg) << dose << " mg";
}

TEST(MelatoninInputTest, GutAmountIsTheGaussianPulseArea) {
  // Peak rate 962.48 d^3 - 6316.5 d^2 + 66719 d + 1975.9; area = 0.1121 x peak.
  const double d = 3.0;
  const double peak_rate = 962.48 * d * d * d - 6316.5 * d * d + 66719 * d + 1975.9;
  auto a = GutAmountPmolPerL(Stowe().melatonin, d);
  ASSERT_TRUE(a.ok());
  EXPECT_NEAR(*a, 0.1121 * peak_rate, 0.001 * peak_rate);
}

TEST(MelatoninInputTest, DosesOutsideTheFittedRangeAreRejected) {
  for (double d : {0.1, 6.0, -1.0, std::nan("")}) {
    auto a = GutAmountPmolPerL(Stowe().melatonin, d);
    ASSERT_FALSE(a.ok()) << d;
    EXPECT_NE(a.status().message().find("0.3-5 mg"), std::string::npos);
  }
  auto g = MakeGutInput(Stowe().melatonin, {{1.0, 3.0, Formulation::kImmediateRelease},
                                            {2.0, 9.0, Formulation::kImmediateRelease}});
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.status().field(), "doses[1].dose");
}

TEST(MelatoninInputTest, ProlongedReleaseSpreadsTheSameAmount) {
  auto g = MakeGutInput(Stowe().melatonin, {{1.0, 2.0, Formulation::kProlongedRelease}});
  ASSERT_TRUE(g.ok());
  ASSERT_EQ(g->infusions.size(), 1u);
  const GutInfusion& i = g->infusions[0];
  EXPECT_NEAR(i.end_h - i.start_h, 8.0, 1e-12);
  EXPECT_NEAR(i.rate_pmol_per_l_per_h * 8.0, *GutAmountPmolPerL(Stowe().melatonin, 2.0), 1e-6);
  EXPECT_LT(PeakPgPerMl(2.0, Formulation::kProlongedRelease), 0.5 * PeakPgPerMl(2.0));
  EXPECT_EQ(*ParseFormulation("pr"), Formulation::kProlongedRelease);
  EXPECT_FALSE(ParseFormulation("gummy").ok());
}

TEST(MelatoninInputTest, ExternalPlasmaCurveActsLikeTheSamePill) {
  // Closed form of a bolus D into the gut: plasma
  // D ka / (kc - ka) (exp(-ka t) - exp(-kc t)), ka = beta_AP, kc = beta_CP.
  const MelatoninParams& p = Stowe().melatonin;
  const double pill = 17.0, dose = 3.0;
  const double amount = *GutAmountPmolPerL(p, dose);
  std::vector<double> t, c;
  for (double h = 0; h <= 16; h += 0.05) {
    const double ka = p.beta_ap_per_h, kc = p.beta_cp_per_h;
    t.push_back(pill + p.dose_lag_h + h);
    c.push_back(amount * ka / (kc - ka) * (std::exp(-ka * h) - std::exp(-kc * h)) /
                p.pmol_per_l_per_pg_per_ml);
  }
  auto curve = PlasmaCurve::Make(t, c, p.pmol_per_l_per_pg_per_ml);
  ASSERT_TRUE(curve.ok());
  const SleepWakePattern pattern{7, 23, 250, 0};
  auto y0 = EntrainedState(Stowe(), pattern);
  ASSERT_TRUE(y0.ok());
  const LightSchedule light = SleepWakeLight(pattern, 0, 96);
  MelatoninInput pills, fed;
  pills.doses.push_back({pill, dose, Formulation::kImmediateRelease});
  fed.exogenous_plasma = &*curve;
  auto a = Simulate(Stowe(), *y0, 0, 96, light, pills);
  auto b = Simulate(Stowe(), *y0, 0, 96, light, fed);
  auto none = Simulate(Stowe(), *y0, 0, 96, light);
  ASSERT_TRUE(a.ok() && b.ok() && none.ok());
  const double shift_pill = none->markers.cbtmin_h.back() - a->markers.cbtmin_h.back();
  const double shift_fed = none->markers.cbtmin_h.back() - b->markers.cbtmin_h.back();
  EXPECT_GT(shift_pill, 0.2);  // an evening pill advances
  EXPECT_NEAR(shift_fed, shift_pill, 0.02);
}

TEST(MelatoninInputTest, LightOnlyModelsRefuseMelatonin) {
  MelatoninInput in;
  in.doses.push_back({1, 3, Formulation::kImmediateRelease});
  const Model m = testing::LoadModel("fjk1999");
  auto r = Simulate(m, DefaultInitialState(m), 0, 24, LightSchedule::Constant(0), in);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no melatonin input"), std::string::npos);
}

}  // namespace
}  // namespace pineal::circadian
