// The models in knowledge/pk against the published numbers gathered in
// shared/clinical/melatonin.md and kratom.md. Each test names its source.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "pineal/kb/pk_model_loader.h"
#include "pineal/pk/covariates.h"
#include "pineal/pk/endogenous.h"
#include "pineal/pk/exact_solution.h"
#include "pineal/pk/metrics.h"

namespace pineal::pk {
namespace {

constexpr double kPgPerMl = 1e6;  // per mg/L
constexpr double kNgPerMl = 1e3;

const kb::PkCatalog& Catalog() {
  static const kb::PkCatalog catalog = [] {
    auto c = kb::LoadPkCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge/pk");
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    return c.ok() ? *c : kb::PkCatalog{};
  }();
  return catalog;
}

PopulationParams Typical(const std::string& model, const std::string& formulation,
                         const PatientCovariates& patient = {}, const std::string& variant = "",
                         std::optional<double> content = std::nullopt) {
  auto p = Individualize(*Catalog().FindModel(model), formulation, variant, patient, content);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  return p.ok() ? *p : PopulationParams{};
}

struct SingleDose {
  Extremum peak;
  double auc_mg_h_per_l;
  double half_life_h;
};

SingleDose SingleDoseOf(const PopulationParams& pop, double amount_mg) {
  const std::vector<DoseEvent> d = {{0.0, amount_mg, pop.route, pop.zero_order_duration_h, true}};
  return {FindPeak(pop.typical, d, 0, 48, 1.0 / 600, pop.dose_scale),
          AucInfinity(pop.typical, d[0], pop.dose_scale), TerminalHalfLifeH(pop.typical)};
}

// melatonin.md s1, recommended model: "per mg Cmax ~ 790 pg/mL,
// AUC ~ 100,000 pg*min/mL; Tmax 49 min; t1/2 45 min".
TEST(MelatoninMd_S1, RecommendedModelPerMg) {
  const SingleDose r = SingleDoseOf(Typical("melatonin", "ir"), 1.0);
  EXPECT_NEAR(r.peak.value_mg_per_l * kPgPerMl, 790, 0.01 * 790);
  EXPECT_NEAR(r.peak.time_h * 60, 49, 1.0);
  EXPECT_NEAR(r.half_life_h * 60, 45, 1.0);
  EXPECT_NEAR(r.auc_mg_h_per_l * kPgPerMl * 60, 100'000, 0.01 * 100'000);
}

// melatonin.md s1: "0.1 mg -> 80 pg/mL (physiological, as R10); 10 mg -> 7,900;
// 100 mg -> 79,000 (near R2)"; dose-proportional 0.1-10 mg (R10, R17).
TEST(MelatoninMd_S1, DoseProportionalPeaks) {
  const auto pop = Typical("melatonin", "ir");
  EXPECT_NEAR(SingleDoseOf(pop, 0.1).peak.value_mg_per_l * kPgPerMl, 80, 0.02 * 80);
  EXPECT_NEAR(SingleDoseOf(pop, 10).peak.value_mg_per_l * kPgPerMl, 7'900, 0.02 * 7'900);
  EXPECT_NEAR(SingleDoseOf(pop, 100).peak.value_mg_per_l * kPgPerMl, 79'000, 0.02 * 79'000);
}

// melatonin.md s1, calibration to R1 (Andersen 2016, 10 mg, 12 men): "Cmax
// 2,760 pg/mL, Tmax 41 min, t1/2 53.7 min, AUC 281,538 pg*min/mL", inside the
// published median (IQR): Cmax 3,551 (2,501-8,058), Tmax 41 +/- 18 min,
// t1/2 54 +/- 7 min, AUC 281,538 (232,696-546,285).
TEST(MelatoninMd_S1, AndersenCalibrationR1) {
  const SingleDose r = SingleDoseOf(Typical("melatonin", "ir", {}, "andersen2016"), 10.0);
  EXPECT_NEAR(r.peak.value_mg_per_l * kPgPerMl, 2'760, 0.01 * 2'760);
  EXPECT_NEAR(r.peak.time_h * 60, 41, 1.0);
  EXPECT_NEAR(r.half_life_h * 60, 53.7, 0.2);
  EXPECT_NEAR(r.auc_mg_h_per_l * kPgPerMl * 60, 281'538, 0.001 * 281'538);
  EXPECT_GT(r.peak.value_mg_per_l * kPgPerMl, 2'501);
}

// melatonin.md s4 (R18): fluvoxamine raised AUC 17-fold with t1/2 unchanged;
// on F = 0.15 that needs F = 2.55, which the model cannot represent: capped at
// F = 1 (x6.67) and reported.
TEST(MelatoninMd_S4, FluvoxamineFoldChangeIsCappedAndReported) {
  PatientCovariates patient;
  patient.comedications = {"Fluvoxamine"};
  const auto pop = Typical("melatonin", "ir", patient);
  EXPECT_DOUBLE_EQ(pop.exposure_requested, 17.0);
  EXPECT_NEAR(pop.exposure_applied, 1.0 / 0.15, 1e-12);
  bool reported = false;
  for (const auto& n : pop.notes) {
    if (n.kind == CovariateNote::Kind::kCapped) {
      reported = n.message.find("x17") != std::string::npos &&
                 n.message.find("lower bound") != std::string::npos;
    }
  }
  EXPECT_TRUE(reported);
  const auto base = Typical("melatonin", "ir");
  EXPECT_NEAR(SingleDoseOf(pop, 5).auc_mg_h_per_l / SingleDoseOf(base, 5).auc_mg_h_per_l,
              1.0 / 0.15, 1e-9);
  EXPECT_DOUBLE_EQ(SingleDoseOf(pop, 5).half_life_h, SingleDoseOf(base, 5).half_life_h);
}

// melatonin.md s4: caffeine AUC +120% (R21), smoking halves exposure (R17, R22),
// t1/2 unchanged; both representable, so applied as stated.
TEST(MelatoninMd_S4, CaffeineAndSmokingMultiplyExposure) {
  const auto base = SingleDoseOf(Typical("melatonin", "ir"), 3).auc_mg_h_per_l;
  PatientCovariates caffeine;
  caffeine.comedications = {"caffeine"};
  EXPECT_NEAR(SingleDoseOf(Typical("melatonin", "ir", caffeine), 3).auc_mg_h_per_l / base, 2.2,
              1e-12);
  PatientCovariates smoker;
  smoker.smoker = true;
  EXPECT_NEAR(SingleDoseOf(Typical("melatonin", "ir", smoker), 3).auc_mg_h_per_l / base, 0.5,
              1e-12);
}

// melatonin.md s4 (R17): oestrogen contraceptives x4-5, by any of their names;
// with female sex (x3, R53) the product x13.5 exceeds F = 1 and is capped.
TEST(MelatoninMd_S4, ContraceptiveAliasAndCombinedCap) {
  PatientCovariates p;
  p.sex = "female";
  p.comedications = {"ethinylestradiol"};
  const auto pop = Typical("melatonin", "ir", p);
  EXPECT_DOUBLE_EQ(pop.exposure_requested, 13.5);
  EXPECT_NEAR(pop.exposure_applied, 1.0 / 0.15, 1e-12);
}

// melatonin.md s1 (R17): food may almost double IR absorption; for PR food
// delays absorption (s2) with no exposure multiplier.
TEST(MelatoninMd_S1, FoodDoublesImmediateReleaseOnly) {
  PatientCovariates fed;
  fed.fed = true;
  EXPECT_DOUBLE_EQ(Typical("melatonin", "ir", fed).exposure_applied, 2.0);
  EXPECT_DOUBLE_EQ(Typical("melatonin", "pr", fed).exposure_applied, 1.0);
}

// melatonin.md s4 (R24, R25): cirrhosis raises levels by an unquantified amount:
// a flag, never a silent multiplier.
TEST(MelatoninMd_S4, HepaticImpairmentIsAFlag) {
  PatientCovariates p;
  p.hepatic_impairment = true;
  const auto pop = Typical("melatonin", "ir", p);
  EXPECT_DOUBLE_EQ(pop.exposure_applied, 1.0);
  bool flagged = false;
  for (const auto& n : pop.notes) flagged |= n.kind == CovariateNote::Kind::kFlag;
  EXPECT_TRUE(flagged);
}

// melatonin.md s2 (PR vs IR): see prolonged_release_test.cc, one test per
// published check point.

// melatonin.md s3 (R27): night serum 1-3 y 330, 15-20 y 63, 70-90 y 29 pg/mL.
TEST(MelatoninMd_S3, EndogenousNocturnalPeakByAge) {
  const auto& e = *Catalog().FindModel("melatonin")->endogenous;
  EXPECT_NEAR(NocturnalPeakMgPerL(e, 2) * kPgPerMl, 330, 1e-9);
  EXPECT_NEAR(NocturnalPeakMgPerL(e, 17) * kPgPerMl, 63, 1e-9);
  EXPECT_NEAR(NocturnalPeakMgPerL(e, 75) * kPgPerMl, 29, 1e-9);
  EXPECT_NEAR(NocturnalPeakMgPerL(e, 45) * kPgPerMl, 63 - 25.0 / 50 * (63 - 29), 1e-9);
  EXPECT_NEAR(e.day_mg_per_l * kPgPerMl, 10, 1e-9);
}

// melatonin.md s3 [D]: against a ~60 pg/mL young-adult peak, 0.1-0.3 mg gives
// 1-4x, 1 mg ~13x, 10 mg 60-130x.
TEST(MelatoninMd_S3, RatiosToTheYoungAdultPeak) {
  const auto pop = Typical("melatonin", "ir");
  const double peak = NocturnalPeakMgPerL(*Catalog().FindModel("melatonin")->endogenous, 18);
  auto ratio = [&](double mg) { return SingleDoseOf(pop, mg).peak.value_mg_per_l / peak; };
  EXPECT_GE(ratio(0.1), 1.0);
  EXPECT_LE(ratio(0.3), 4.0);
  EXPECT_NEAR(ratio(1.0), 13, 1.0);
  EXPECT_GE(ratio(10), 60);
  EXPECT_LE(ratio(10), 130);
}

// kratom.md s2, Tanna 2022 (R10): 2 g tea = 39 mg mitragynine (19.5 mg/g,
// R12): Cmax 32.6 ng/mL (81.9 nM; range 50-177 nM), Tmax 1 h (0.75-1.5),
// t1/2 45.3 h (31.9-50.2), AUC 420 nM*h; mitragynine 398.5 g/mol.
TEST(KratomMd_S2, TannaSingleDose) {
  const auto pop = Typical("kratom", "leaf", {}, "", 19.5);
  const SingleDose r = SingleDoseOf(pop, 2000.0);  // mg of leaf
  EXPECT_NEAR(r.peak.value_mg_per_l * kNgPerMl, 32.6, 0.05 * 32.6);
  EXPECT_GE(r.peak.time_h, 0.75);
  EXPECT_LE(r.peak.time_h, 1.5);
  EXPECT_GE(r.half_life_h, 31.9);
  EXPECT_LE(r.half_life_h, 50.2);
  const double auc_nm_h = r.auc_mg_h_per_l * kNgPerMl / 398.5 * 1000;
  EXPECT_NEAR(auc_nm_h, 420, 0.02 * 420);
}

// kratom.md s0: the terminal half-life is 23-68 h (R9-R11), never "3.5 h".
TEST(KratomMd_S0, TerminalHalfLifeIsDaysNotHours) {
  const double t_half = TerminalHalfLifeH(Typical("kratom", "leaf").typical);
  EXPECT_GE(t_half, 23.0);
  EXPECT_LE(t_half, 68.0);
  const double long_t_half =
      TerminalHalfLifeH(Typical("kratom", "leaf", {}, "huestis2024_repeated").typical);
  EXPECT_NEAR(long_t_half, 67.9, 1.0);  // R11, after 15 daily doses
}

// kratom.md s1/s8: dose = grams x mg/g; default 15 mg/g with its uncertainty.
TEST(KratomMd_S8, DoseIsGramsTimesContent) {
  const auto pop = Typical("kratom", "leaf");
  EXPECT_DOUBLE_EQ(pop.content_mg_per_g.value(), 15.0);
  EXPECT_DOUBLE_EQ(2000 * pop.dose_scale, 30.0);
  EXPECT_DOUBLE_EQ(pop.omega.dose, 0.4);
}

}  // namespace
}  // namespace pineal::pk
