// The engine entry point: a request in, curves, metrics and notes out.
#include "pineal/pk/simulate.h"

#include <gtest/gtest.h>

#include <cmath>

#include "pineal/kb/pk_model_loader.h"

namespace pineal::pk {
namespace {

const kb::PkCatalog& Catalog() {
  static const kb::PkCatalog catalog =
      *kb::LoadPkCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge/pk");
  return catalog;
}

SimulationRequest TenMgAt22(double age) {
  SimulationRequest r;
  r.substance = "melatonin";
  r.formulation = "ir";
  r.doses = {{0.0, 10.0, Route::kOral, 0.0, true}};
  r.start_clock_h = 22.0;
  r.wake_clock_h = 7.0;
  r.patient.age_years = age;
  return r;
}

// 10 mg IR at 22:00, 70 years old (exposure x2, melatonin.md s8): the 07:00
// residual is the one-compartment oral formula at t = 9 h with F x 2:
// C = 2 D ka / (V (ka - k)) (e^{-k (t - tlag)} - e^{-ka (t - tlag)}).
TEST(Simulate, NextMorningResidualForA70YearOld) {
  auto res = Simulate(Catalog(), TenMgAt22(70));
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  const double k = 600.0 / 650, ka = 2.0, s = 9.0 - 0.1;
  const double expected = 2 * 10 * ka / (650 * (ka - k)) * (std::exp(-k * s) - std::exp(-ka * s));
  EXPECT_DOUBLE_EQ(res->metrics.first_wake_h, 9.0);
  EXPECT_NEAR(res->metrics.first_wake_mg_per_l, expected, 1e-12 * expected);
  EXPECT_NEAR(*res->endogenous_peak_mg_per_l * 1e6, 29, 1e-9);  // R27, 70-90 y
  EXPECT_NEAR(*res->metrics.peak_to_endogenous_peak, res->metrics.peak.value_mg_per_l / 29e-6,
              1e-9);
  bool age_applied = false;
  for (const auto& n : res->params.notes) age_applied |= n.id == "age_65_plus";
  EXPECT_TRUE(age_applied);
  ASSERT_FALSE(res->sensitivity.empty());
  EXPECT_EQ(res->sensitivity[0].variant, "andersen2016");
}

TEST(Simulate, PopulationIsReproducibleAndThreadIndependent) {
  SimulationRequest r = TenMgAt22(70);
  r.subjects = 400;
  r.seed = 42;
  r.threads = 1;
  auto a = Simulate(Catalog(), r);
  r.threads = 3;
  auto b = Simulate(Catalog(), r);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->population->bands, b->population->bands);
  ASSERT_EQ(a->population->probes_mg_per_l.size(), 2u);
  EXPECT_EQ(a->population->probes_mg_per_l[0].at_percentiles,
            b->population->probes_mg_per_l[0].at_percentiles);
}

// Kratom 2 g three times a day for 14 days (15 mg/g: 30 mg per dose): after
// n doses the AUC over the last interval equals one dose's AUC(0 .. n tau), by
// superposition; with the textbook two-compartment oral coefficients
// (A, B, C for alpha, beta, ka) that is sum_i X_i / r_i (1 - e^{-r_i n tau}).
TEST(Simulate, KratomThreeTimesDailyForTwoWeeks) {
  SimulationRequest r;
  r.substance = "kratom";
  r.start_clock_h = 8.0;
  for (int i = 0; i < 42; ++i) r.doses.push_back({8.0 * i, 2000.0, Route::kOral, 0, true});
  auto res = Simulate(Catalog(), r);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  ASSERT_TRUE(res->metrics.interval_h.has_value());
  EXPECT_DOUBLE_EQ(*res->metrics.interval_h, 8.0);
  const double cl = 233, v1 = 600, q = 200, v2 = 7000, ka = 1.5, dose = 30.0, tau = 8.0;
  const double k10 = cl / v1, k12 = q / v1, k21 = q / v2, s = k10 + k12 + k21;
  const double root = std::sqrt(s * s - 4 * k10 * k21);
  const double al = (s + root) / 2, be = (s - root) / 2;
  const double f = dose * ka / v1;
  const double xa = f * (k21 - al) / ((ka - al) * (be - al));
  const double xb = f * (k21 - be) / ((ka - be) * (al - be));
  const double xc = f * (k21 - ka) / ((al - ka) * (be - ka));
  const double t = 42 * tau;
  const double auc = xa / al * (1 - std::exp(-al * t)) + xb / be * (1 - std::exp(-be * t)) +
                     xc / ka * (1 - std::exp(-ka * t));
  EXPECT_NEAR(res->metrics.auc_last_interval_mg_h_per_l, auc, 1e-9 * auc);
  // Average at steady state F D / (tau CL) lies between trough and peak.
  const double avg = dose / (tau * cl);
  EXPECT_LT(res->metrics.trough->value_mg_per_l, avg);
  EXPECT_GT(res->metrics.peak.value_mg_per_l, avg);
  ASSERT_EQ(res->sensitivity.size(), 1u);  // the 68 h terminal half-life case
  EXPECT_NEAR(res->sensitivity[0].metrics.terminal_half_life_h, 67.9, 1.0);
}

TEST(Simulate, MissedDoseLowersTheNextMorning) {
  SimulationRequest r = TenMgAt22(40);
  r.doses = {{0, 3, Route::kOral, 0, true}, {24, 3, Route::kOral, 0, true}};
  auto full = Simulate(Catalog(), r);
  r.doses[1].taken = false;
  auto missed = Simulate(Catalog(), r);
  ASSERT_TRUE(full.ok() && missed.ok());
  EXPECT_LT(missed->metrics.peak.value_mg_per_l, full->metrics.peak.value_mg_per_l * 1.000001);
  EXPECT_LT(missed->metrics.last_wake_mg_per_l, full->metrics.last_wake_mg_per_l);
}

TEST(Simulate, ClearErrors) {
  SimulationRequest r = TenMgAt22(40);
  r.substance = "valerian";
  auto a = Simulate(Catalog(), r);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("models: kratom, melatonin"), std::string::npos)
      << a.status().message();
  r = TenMgAt22(40);
  r.doses.clear();
  EXPECT_FALSE(Simulate(Catalog(), r).ok());
  r = TenMgAt22(40);
  r.doses[0].taken = false;
  EXPECT_NE(Simulate(Catalog(), r).status().message().find("missed"), std::string::npos);
  r = TenMgAt22(40);
  r.content_mg_per_g = 15;
  EXPECT_NE(Simulate(Catalog(), r).status().message().find("leaf products"), std::string::npos);
  r = TenMgAt22(40);
  r.formulation = "patch";
  EXPECT_NE(Simulate(Catalog(), r).status().message().find("allowed: ir, pr"), std::string::npos);
  r = TenMgAt22(240);
  EXPECT_EQ(Simulate(Catalog(), r).status().field(), "age_years");
}

TEST(Simulate, DefaultsAreReported) {
  SimulationRequest r;
  r.substance = "kratom";
  r.doses = {{0, 2000, Route::kOral, 0, true}};
  auto res = Simulate(Catalog(), r);
  ASSERT_TRUE(res.ok());
  bool content_note = false;
  for (const auto& n : res->params.notes) content_note |= n.id == "product_content";
  EXPECT_TRUE(content_note);
  EXPECT_LE(res->grid.count, 6001u);
  EXPECT_GE(res->grid.TimeAt(res->grid.count - 1), 2 * 45.0);  // shows the slow decline
}

}  // namespace
}  // namespace pineal::pk
