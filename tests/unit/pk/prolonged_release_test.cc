// Prolonged-release (PR) melatonin against the published check points of
// shared/clinical/melatonin.md s2 ("PR check points"), each test named after
// its check number and source. Every bound is the table's "Accept" column
// around an independently published value, never the model's own output.
// Absolute concentrations are compared only for checks 1-5 and 10; the other
// checks compare PR with IR within one study (scale-free), as the table says.
// Then the three solvers (exact propagation, textbook superposition, grid
// marcher, CVODE) must agree on the PR input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

#include "pineal/kb/pk_model_loader.h"
#include "pineal/pk/covariates.h"
#include "pineal/pk/exact_solution.h"
#include "pineal/pk/grid_subject.h"
#include "pineal/pk/metrics.h"
#include "pineal/pk/ode_solver.h"
#include "pineal/pk/simulate.h"
#include "pineal/pk/superposition.h"

namespace pineal::pk {
namespace {

constexpr double kPgPerMlPerMgPerL = 1e6;
constexpr double kPrScanStepH = 1.0 / 600;

const kb::PkCatalog& PrCatalog() {
  static const kb::PkCatalog catalog = [] {
    auto c = kb::LoadPkCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge/pk");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : kb::PkCatalog{};
  }();
  return catalog;
}

PopulationParams MelatoninTypical(const std::string& formulation, bool fed = false,
                                  std::optional<double> age_years = std::nullopt) {
  PatientCovariates patient;
  patient.fed = fed;
  patient.age_years = age_years;
  auto p =
      Individualize(*PrCatalog().FindModel("melatonin"), formulation, "", patient, std::nullopt);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : PopulationParams{};
}

// Doses as Simulate writes them: the formulation's route and fast fraction.
std::vector<DoseEvent> PrDoses(const PopulationParams& pop, double amount_mg, int nights = 1) {
  std::vector<DoseEvent> d =
      RegularDoses(0.0, 24.0, nights, amount_mg, pop.route, pop.zero_order_duration_h);
  for (auto& x : d) x.fast_fraction = pop.fast_fraction;
  return d;
}

struct PrPeak {
  double cmax_pg_per_ml;
  double tmax_h;
};

PrPeak PeakOf(const PopulationParams& pop, double amount_mg) {
  const Extremum e = FindPeak(pop.typical, PrDoses(pop, amount_mg), 0, 48, kPrScanStepH);
  return {e.value_mg_per_l * kPgPerMlPerMgPerL, e.time_h};
}

// Apparent terminal half-life as a study estimates it: a log-linear
// least-squares fit of C(t) over [t0, t1] (melatonin.md s2 uses 6-12 h).
double ApparentHalfLifeH(const PopulationParams& pop, double amount_mg, double t0, double t1) {
  const auto doses = PrDoses(pop, amount_mg);
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  int n = 0;
  for (double t = t0; t <= t1 + 1e-9; t += 0.1, ++n) {
    const double y = std::log(ConcentrationAt(pop.typical, doses, t));
    sx += t;
    sy += y;
    sxx += t * t;
    sxy += t * y;
  }
  const double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return -std::log(2.0) / slope;
}

double HoursAbovePgPerMl(const PopulationParams& pop, double amount_mg, double pg_per_ml) {
  return TimeAboveH(pop.typical, PrDoses(pop, amount_mg), pg_per_ml / kPgPerMlPerMgPerL, 0, 48,
                    kPrScanStepH);
}

void ExpectWithinFold(double value, double published, double fold) {
  EXPECT_GE(value, published / fold) << "published " << published << " x/: " << fold;
  EXPECT_LE(value, published * fold) << "published " << published << " x/: " << fold;
}

// Check 1, Circadin label (R15, quoted by R71): 2 mg fasted, Cmax 1,176 pg/mL,
// Tmax 0.75 h. Accept Cmax x/: 1.5, Tmax +/- 0.5 h.
TEST(MelatoninPrCheck1, CircadinR15Fasted2mg) {
  const PrPeak r = PeakOf(MelatoninTypical("pr"), 2.0);
  ExpectWithinFold(r.cmax_pg_per_ml, 1'176, 1.5);
  EXPECT_NEAR(r.tmax_h, 0.75, 0.5);
}

// Check 2, Circadin label (R15, quoted by R71): 2 mg fed, Cmax 1,020 pg/mL,
// Tmax 3.0 h. Accept Cmax x/: 1.5, Tmax +/- 0.75 h.
TEST(MelatoninPrCheck2, CircadinR15Fed2mg) {
  const PrPeak r = PeakOf(MelatoninTypical("pr", /*fed=*/true), 2.0);
  ExpectWithinFold(r.cmax_pg_per_ml, 1'020, 1.5);
  EXPECT_NEAR(r.tmax_h, 3.0, 0.75);
}

// Check 3, Ait Abdellah 2023 (R11): PR 1.9 mg, Cmax 1,151 +/- 565 pg/mL at
// 1.07 +/- 0.74 h (64 +/- 44 min). Accept mean +/- 1 SD. The study's fed or
// fasted state is not known; the default (fasted) model is used.
TEST(MelatoninPrCheck3, AitAbdellahR11_1_9mg) {
  const PrPeak r = PeakOf(MelatoninTypical("pr"), 1.9);
  EXPECT_NEAR(r.cmax_pg_per_ml, 1'151, 565);
  EXPECT_NEAR(r.tmax_h, 1.07, 0.74);
}

// Check 4, Slenyto SmPC (R16): 5 mg fasted, Cmax 1.73 ng/mL within 2 h.
// Accept Cmax x/: 1.6, Tmax <= 2 h (soft: Slenyto's food effect runs opposite
// to Circadin's).
TEST(MelatoninPrCheck4, SlenytoR16Fasted5mg) {
  const PrPeak r = PeakOf(MelatoninTypical("pr"), 5.0);
  ExpectWithinFold(r.cmax_pg_per_ml, 1'730, 1.6);
  EXPECT_LE(r.tmax_h, 2.0);
}

// Check 5, Slenyto SmPC (R16): 5 mg fed, Cmax 3.57 ng/mL within 3 h.
// Accept Cmax x/: 1.6, Tmax <= 3.5 h (soft).
TEST(MelatoninPrCheck5, SlenytoR16Fed5mg) {
  const PrPeak r = PeakOf(MelatoninTypical("pr", /*fed=*/true), 5.0);
  ExpectWithinFold(r.cmax_pg_per_ml, 3'570, 1.6);
  EXPECT_LE(r.tmax_h, 3.5);
}

// Check 6, manufacturer (R57): apparent terminal t1/2 3.5-4 h after 2 mg
// (log-linear fit 6-12 h). Accept 3-4.5 h. The IR disposition alone gives
// 45 min, so this half-life is the slow release showing through.
TEST(MelatoninPrCheck6, ManufacturerR57ApparentHalfLife) {
  const double t_half = ApparentHalfLifeH(MelatoninTypical("pr"), 2.0, 6.0, 12.0);
  EXPECT_GE(t_half, 3.0);
  EXPECT_LE(t_half, 4.5);
}

// Check 7, Slenyto SmPC (R16): F as for IR (~15%), so the PR AUC equals the IR
// AUC of 2 mg, 3,333 pg*h/mL (2 mg / CL/F 600 L/h, melatonin.md s1).
// Accept +/- 5% over 0-24 h.
TEST(MelatoninPrCheck7, SlenytoR16AucAsImmediateRelease) {
  const PopulationParams pr = MelatoninTypical("pr");
  const double auc = AucBetween(pr.typical, PrDoses(pr, 2.0), 0, 24) * kPgPerMlPerMgPerL;
  EXPECT_NEAR(auc, 3'333, 0.05 * 3'333);
}

// Check 8, Slenyto SmPC (R16): no accumulation. 2 mg nightly for 7 nights:
// Cmax of the 7th night over the 1st below 1.05.
TEST(MelatoninPrCheck8, SlenytoR16NoAccumulation) {
  const PopulationParams pr = MelatoninTypical("pr");
  const auto doses = PrDoses(pr, 2.0, 7);
  const double first = FindPeak(pr.typical, doses, 0, 24, kPrScanStepH).value_mg_per_l;
  const double seventh = FindPeak(pr.typical, doses, 144, 168, kPrScanStepH).value_mg_per_l;
  EXPECT_LT(seventh / first, 1.05);
}

// Check 9, Seiden 2019 (R12), scale-free: 5 mg continuous release vs IR, time
// above 1,000 pg/mL 6.7 vs 3.7 h where IR peaked at 23,352 pg/mL. The threshold
// is 4.3% (1,000 / 23,352) of the IR Cmax, so it keeps its place on the curve
// whatever the disposition; PR/IR 1.81. Accept 1.4-2.3.
// (Replaces "PR stays above 1,000 pg/mL longer than IR at 5 mg", which took
// R12's threshold out of its scale.)
TEST(MelatoninPrCheck9, SeidenR12TimeAboveRatio) {
  const PopulationParams ir = MelatoninTypical("ir"), pr = MelatoninTypical("pr");
  const double threshold = 1'000.0 / 23'352.0 * PeakOf(ir, 5.0).cmax_pg_per_ml;
  const double ratio =
      HoursAbovePgPerMl(pr, 5.0, threshold) / HoursAbovePgPerMl(ir, 5.0, threshold);
  EXPECT_GE(ratio, 1.4);
  EXPECT_LE(ratio, 2.3);
}

// Check 10, Gooneratne 2012 (R13), surge-sustained 4 mg in older adults (the
// >= 65 y exposure x2 applies): Cmax 3,999 pg/mL, Tmax 1.5 h, apparent t1/2
// 2.1 h, > 50 pg/mL for about 10 h. Accept Cmax x/: 1.5, Tmax +/- 0.5 h,
// t1/2 1.5-3 h (log-linear fit 6-12 h), time above 50 pg/mL 8-14 h.
TEST(MelatoninPrCheck10, GooneratneR13SurgeSustained4mgOlderAdults) {
  const PopulationParams sr = MelatoninTypical("surge_sustained", false, 70.0);
  ASSERT_DOUBLE_EQ(sr.exposure_applied, 2.0);
  const PrPeak r = PeakOf(sr, 4.0);
  ExpectWithinFold(r.cmax_pg_per_ml, 3'999, 1.5);
  EXPECT_NEAR(r.tmax_h, 1.5, 0.5);
  const double t_half = ApparentHalfLifeH(sr, 4.0, 6.0, 12.0);
  EXPECT_GE(t_half, 1.5);
  EXPECT_LE(t_half, 3.0);
  const double above = HoursAbovePgPerMl(sr, 4.0, 50.0);
  EXPECT_GE(above, 8.0);
  EXPECT_LE(above, 14.0);
}

// Check 11, Thanawala 2024 (R58), scale-free: sustained release 5 mg vs IR
// 5 mg in fasting adults, Cmax 11,447 vs 22,786 pg/mL (ratio 0.50), SR Tmax
// 1.26 h. Accept ratio 0.35-0.7, Tmax +/- 0.5 h.
TEST(MelatoninPrCheck11, ThanawalaR58SustainedVsImmediate5mg) {
  const PrPeak sr = PeakOf(MelatoninTypical("surge_sustained"), 5.0);
  const PrPeak ir = PeakOf(MelatoninTypical("ir"), 5.0);
  const double ratio = sr.cmax_pg_per_ml / ir.cmax_pg_per_ml;
  EXPECT_GE(ratio, 0.35);
  EXPECT_LE(ratio, 0.7);
  EXPECT_NEAR(sr.tmax_h, 1.26, 0.5);
}

// melatonin.md s2: the PR formulations use the dual first-order input with
// the fractions and rates stated there, and the fed lag only when fed.
TEST(MelatoninPr, FormulationsCarryTheDualInput) {
  const PopulationParams pr = MelatoninTypical("pr");
  EXPECT_EQ(pr.route, Route::kOralDualFirstOrder);
  EXPECT_DOUBLE_EQ(pr.fast_fraction, 0.60);
  EXPECT_DOUBLE_EQ(pr.typical.ka_slow_per_h, 0.17);
  EXPECT_DOUBLE_EQ(pr.typical.ka_per_h, 2.0);
  EXPECT_DOUBLE_EQ(pr.typical.tlag_h, 0.1);
  const PopulationParams fed = MelatoninTypical("pr", true);
  EXPECT_DOUBLE_EQ(fed.typical.tlag_h, 2.1);
  EXPECT_DOUBLE_EQ(fed.typical.ka_per_h, 1.5);
  EXPECT_DOUBLE_EQ(fed.exposure_applied, 1.0);  // no exposure multiplier for PR
  const PopulationParams sr = MelatoninTypical("surge_sustained");
  EXPECT_EQ(sr.route, Route::kOralDualFirstOrder);
  EXPECT_DOUBLE_EQ(sr.fast_fraction, 0.25);
  EXPECT_DOUBLE_EQ(sr.typical.ka_slow_per_h, 0.40);
}

// Food with a formulation that has no fed values is reported, not ignored.
TEST(MelatoninPr, FoodWithoutFedValuesIsReportedAsNotModelled) {
  const PopulationParams sr = MelatoninTypical("surge_sustained", true);
  EXPECT_DOUBLE_EQ(sr.typical.tlag_h, 0.1);
  bool reported = false;
  for (const auto& n : sr.notes) {
    reported |= n.kind == CovariateNote::Kind::kNotModelled && n.id == "food";
  }
  EXPECT_TRUE(reported);
  bool applied = false;
  for (const auto& n : MelatoninTypical("pr", true).notes) {
    applied |= n.kind == CovariateNote::Kind::kApplied && n.id == "food";
  }
  EXPECT_TRUE(applied);
}

// The simulation's summary reports the terminal half-life a PR study sees,
// the slow release showing through (check 6, R57: accept 3-4.5 h), and IR
// keeps its own (R2, R17: 30-60 min).
TEST(MelatoninPrCheck6, SummaryTerminalHalfLifeR57) {
  SimulationRequest r;
  r.substance = "melatonin";
  r.doses = {{0.0, 2.0}};
  r.formulation = "pr";
  auto pr = Simulate(PrCatalog(), r);
  ASSERT_TRUE(pr.ok()) << pr.status().ToString();
  EXPECT_GE(pr->metrics.terminal_half_life_h, 3.0);
  EXPECT_LE(pr->metrics.terminal_half_life_h, 4.5);
  r.formulation = "ir";
  auto ir = Simulate(PrCatalog(), r);
  ASSERT_TRUE(ir.ok()) << ir.status().ToString();
  EXPECT_GE(ir->metrics.terminal_half_life_h, 0.5);
  EXPECT_LE(ir->metrics.terminal_half_life_h, 1.0);
}

TEST(MelatoninPr, SimulateUsesTheDualRoute) {
  SimulationRequest r;
  r.substance = "melatonin";
  r.formulation = "pr";
  r.doses = {{0.0, 2.0}};
  r.start_clock_h = 22.0;
  auto res = Simulate(PrCatalog(), r);
  ASSERT_TRUE(res.ok()) << res.status().ToString();
  EXPECT_EQ(res->doses[0].route, Route::kOralDualFirstOrder);
  EXPECT_DOUBLE_EQ(res->doses[0].fast_fraction, 0.60);
}

// The three solvers on the PR input: nightly 2 mg for a week, fasted, fed and
// surge-sustained. Tolerances as the solver tests: superposition within 1e-12
// relative, the grid within 1e-12 of the peak, CVODE within 1e-6 relative.
void ExpectPrSolversAgree(const PopulationParams& pop) {
  const LinearPkParams& p = pop.typical;
  const auto doses = PrDoses(pop, 2.0, 7);
  // Points between the dose times: CVODE cannot restart for a step of rounding
  // size, as a point on a dose time plus lag would need.
  const GridSpec grid{0.05, 0.1, 1800};
  std::vector<double> t(grid.count), exact(grid.count), marched(grid.count);
  for (std::size_t i = 0; i < grid.count; ++i) t[i] = grid.TimeAt(i);
  ConcentrationsAt(p, doses, t, exact);
  const double peak = *std::max_element(exact.begin(), exact.end());
  ASSERT_GT(peak, 0.0);

  GridSubject g;
  g.Reset(p, doses, 1.0, grid);
  g.FillNext(marched.data(), marched.size());
  EXPECT_FALSE(g.uses_exact_path());

  OdeOptions tight;
  tight.rtol = 1e-11;
  tight.atol_mg = 1e-30;
  auto ode = SolveOde(OdeModel{p, 0.0, 0.0}, doses, t, tight);
  ASSERT_TRUE(ode.ok()) << ode.status().ToString();

  for (std::size_t i = 0; i < grid.count; ++i) {
    const double c = exact[i];
    EXPECT_NEAR(SuperpositionConcentration(p, doses, t[i]), c, 1e-12 * c + 1e-300) << t[i];
    EXPECT_NEAR(marched[i], c, 1e-12 * peak) << t[i];
    EXPECT_NEAR(ode->concentration_mg_per_l[i], c, std::max(1e-6 * c, 1e-30)) << t[i];
  }
}

TEST(MelatoninPrSolvers, ExactSuperpositionGridAndOdeAgree) {
  ExpectPrSolversAgree(MelatoninTypical("pr"));
  ExpectPrSolversAgree(MelatoninTypical("pr", /*fed=*/true));
  ExpectPrSolversAgree(MelatoninTypical("surge_sustained", false, 70.0));
}

}  // namespace
}  // namespace pineal::pk
