// The parameter sets in knowledge/circadian against the tables of
// /work/shared/clinical/circadian.md (§2.2, §3, §4.2, §4.5) and the loader's
// checks on malformed data.
#include "pineal/circadian/params.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <numbers>

#include "pineal/kb/circadian_params.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

using testing::Catalog;
using testing::LoadModel;

TEST(ParamsTest, EverySetLoadsAsATypedModelAndCitesResolvableRefs) {
  ASSERT_GE(Catalog().parameter_sets.size(), 4u);
  for (const auto& set : Catalog().parameter_sets) {
    auto kind = ParseModelKind(set.equations);
    ASSERT_TRUE(kind.ok());
    auto m = MakeModel(set.id, set.title, *kind, set.Values(), set.refs);
    EXPECT_TRUE(m.ok()) << set.id << ": " << m.status().ToString();
  }
}

TEST(ParamsTest, Fjk1999OriginalParameters) {  // circadian.md §2.2, "FJK99 original"
  const Fjk99Params p = LoadModel("fjk1999").fjk;
  EXPECT_EQ(p.tau_x_h, 24.2);
  EXPECT_EQ(p.mu, 0.23);
  EXPECT_EQ(p.k, 0.55);
  EXPECT_EQ(p.g, 19.875);
  EXPECT_EQ(p.alpha0, 0.16);
  EXPECT_EQ(p.beta, 0.013);
  EXPECT_EQ(p.p, 0.6);
  EXPECT_EQ(p.i0_lux, 9500);
  EXPECT_EQ(p.lambda_per_h, 60);
  EXPECT_EQ(p.b, 0.4);
  EXPECT_EQ(p.period_correction, 0.99669);
  EXPECT_EQ(p.cbt_to_dlmo_h, 7.0);
}

TEST(ParamsTest, SerkhForger2014Refit) {  // circadian.md §2.2, "sf2014"
  const Fjk99Params p = LoadModel("sf2014").fjk;
  EXPECT_EQ(p.g, 33.75);
  EXPECT_EQ(p.alpha0, 0.05);
  EXPECT_EQ(p.beta, 0.0075);
  EXPECT_EQ(p.p, 0.5);
}

TEST(ParamsTest, Hannay2019Parameters) {  // circadian.md §3 table
  const Hannay19Params p = LoadModel("hannay2019").hannay;
  EXPECT_EQ(p.omega0_rad_per_h, 0.263524);
  EXPECT_NEAR(2 * std::numbers::pi / p.omega0_rad_per_h, 23.84, 0.005);
  EXPECT_EQ(p.k_coupling, 0.06358);
  EXPECT_EQ(p.gamma, 0.024);
  EXPECT_EQ(p.beta1, -0.09318);
  EXPECT_EQ(p.a1, 0.3855);
  EXPECT_EQ(p.a2, 0.1977);
  EXPECT_EQ(p.beta_l1, -0.0026);
  EXPECT_EQ(p.beta_l2, -0.957756);
  EXPECT_EQ(p.sigma, 0.0400692);
  EXPECT_EQ(p.g, 33.75);
  EXPECT_EQ(p.alpha0, 0.05);
  EXPECT_EQ(p.delta, 0.0075);
  EXPECT_EQ(p.p, 1.5);
  EXPECT_EQ(p.i0, 9325);
  EXPECT_DOUBLE_EQ(p.cbtmin_phase_rad, std::numbers::pi);
  EXPECT_DOUBLE_EQ(p.dlmo_phase_rad, 5 * std::numbers::pi / 12);
}

TEST(ParamsTest, Stowe2025InheritsHannayAndCarriesItsFit) {  // §4.2, §4.5
  const Model m = LoadModel("stowe2025");
  ASSERT_EQ(m.kind, ModelKind::kStowe25);
  EXPECT_EQ(m.hannay.k_coupling, 0.06358);
  const MelatoninParams& p = m.melatonin;
  EXPECT_NEAR(p.beta_ip_per_h, 7.83e-4 * 3600, 1e-9);
  EXPECT_NEAR(p.beta_cp_per_h, 3.35e-4 * 3600, 1e-9);
  EXPECT_NEAR(p.beta_ap_per_h, 1.62e-4 * 3600, 1e-9);
  EXPECT_NEAR(p.synthesis_pmol_per_l_per_h, 0.101 * 3600, 1e-9);
  EXPECT_EQ(p.psi_on_rad, 1.2566);
  EXPECT_EQ(p.psi_off_rad, 3.6128);
  EXPECT_EQ(p.suppression_m, 4.7887);
  EXPECT_EQ(p.m_max, 0.019513);
  EXPECT_EQ(p.h_sat_pmol_per_l, 301);
  EXPECT_EQ(p.sigma_m_pmol_per_l, 17.5);
  EXPECT_EQ(p.b1, -1.00356684);
  EXPECT_EQ(p.theta_m1, -0.01949989);
  EXPECT_EQ(p.b2, -0.56044428);
  EXPECT_EQ(p.theta_m2, 0.60146017);
  EXPECT_EQ(p.epsilon, 0.07781353);
  EXPECT_NEAR(p.dose_pulse_sd_h * std::sqrt(2 * std::numbers::pi), 0.1121, 5e-5);
}

TEST(ParamsTest, JetLagLimitsFromMelatoninFacts) {  // melatonin.md §6, §8
  const auto& l = Catalog().jetlag_limits;
  EXPECT_EQ(l.min_dose_mg.value, 0.5);
  EXPECT_EQ(l.max_dose_mg.value, 5);
  EXPECT_EQ(l.max_days_per_course.value, 5);
}

TEST(ParamsTest, MakeModelRejectsMissingUnknownAndNonPositive) {
  std::map<std::string, double> v = Catalog().FindSet("fjk1999")->Values();
  auto missing = v;
  missing.erase("mu");
  auto r = MakeModel("x", "x", ModelKind::kFjk99, missing, {"forger1999"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("missing parameter 'mu'"), std::string::npos);
  auto unknown = v;
  unknown["gee"] = 1;
  r = MakeModel("x", "x", ModelKind::kFjk99, unknown, {"forger1999"});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("unknown parameter 'gee'"), std::string::npos);
  auto negative = v;
  negative["tau_x_h"] = -24;
  EXPECT_FALSE(MakeModel("x", "x", ModelKind::kFjk99, negative, {"forger1999"}).ok());
  EXPECT_FALSE(MakeModel("x", "x", ModelKind::kFjk99, v, {}).ok());  // no reference
}

TEST(ParamsTest, ParserNamesTheFileAndTheProblem) {
  auto r = kb::ParseCircadianParameterSet(
      "id: a\nequations: fjk99\ntitle: t\nrefs: [forger1999]\nparameters:\n  mu: {value: x, refs: "
      "[forger1999]}\n",
      "a.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("a.yaml: parameters.mu.value"), std::string::npos);
  r = kb::ParseCircadianParameterSet("id: a\nequations: vdp\ntitle: t\nrefs: [x]\nparameters: {}\n",
                                     "b.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("unknown equations 'vdp'"), std::string::npos);
  r = kb::ParseCircadianParameterSet(
      "id: a\nequations: fjk99\ntitle: t\nrefs: [x]\ncolour: red\n"
      "parameters:\n  mu: {value: 1, refs: [x]}\n",
      "c.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("colour"), std::string::npos);
}

TEST(ParamsTest, CatalogRejectsAnUnresolvedReference) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "pineal_circadian_params_test";
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path src(PINEAL_SOURCE_ROOT "/knowledge/circadian");
  for (const char* f : {"references.yaml", "jetlag_limits.yaml", "fjk1999.yaml"}) {
    fs::copy_file(src / f, dir / f);
  }
  std::ofstream(dir / "bad.yaml") << "id: bad\nequations: fjk99\ntitle: t\nrefs: [nobody1999]\n"
                                     "parameters:\n  mu: {value: 0.2, refs: [forger1999]}\n";
  auto c = kb::LoadCircadianCatalog(dir.string());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("reference 'nobody1999' is not defined"), std::string::npos);
  fs::remove_all(dir);
}

}  // namespace
}  // namespace pineal::circadian
