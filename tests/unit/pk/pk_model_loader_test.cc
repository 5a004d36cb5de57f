// The population PK models in knowledge/pk load, validate and cite references
// that exist; malformed documents are rejected with messages that name the
// file, the entry and the problem.
#include "pineal/kb/pk_model_loader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace pineal::kb {
namespace {

std::string KnowledgePk() { return std::string(PINEAL_SOURCE_ROOT) + "/knowledge/pk"; }

TEST(PkModelLoader, LoadsTheKnowledgeBase) {
  auto catalog = LoadPkCatalog(KnowledgePk());
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  const PkModelSpec* mel = catalog->FindModel("melatonin");
  const PkModelSpec* kr = catalog->FindModel("kratom");
  ASSERT_NE(mel, nullptr);
  ASSERT_NE(kr, nullptr);
  EXPECT_EQ(mel->structure, PkStructure::kOneCompartment);
  EXPECT_EQ(kr->structure, PkStructure::kTwoCompartment);
  EXPECT_DOUBLE_EQ(mel->display_per_mg_per_l, 1e6);  // pg/mL
  EXPECT_DOUBLE_EQ(kr->display_per_mg_per_l, 1e3);   // ng/mL
  ASSERT_NE(mel->FindFormulation("pr"), nullptr);
  EXPECT_EQ(mel->FindFormulation("pr")->input, PkInput::kDualFirstOrder);
  ASSERT_TRUE(mel->FindFormulation("pr")->fed.has_value());
  ASSERT_NE(mel->FindFormulation("surge_sustained"), nullptr);
  EXPECT_EQ(mel->FindFormulation("surge_sustained")->input, PkInput::kDualFirstOrder);
  ASSERT_TRUE(kr->product_content.has_value());
}

// melatonin.md s8: CL/F CV 80-100% (midpoint 90%), V/F CV 40%; omega^2 = ln(1 + CV^2).
TEST(PkModelLoader, ConvertsCvToOmega) {
  auto catalog = LoadPkCatalog(KnowledgePk());
  ASSERT_TRUE(catalog.ok());
  const PkModelSpec& mel = *catalog->FindModel("melatonin");
  EXPECT_NEAR(mel.FindParameter("v1")->bsv.omega, std::sqrt(std::log(1 + 0.4 * 0.4)), 1e-15);
  EXPECT_NEAR(mel.FindParameter("cl")->bsv.omega, std::sqrt(std::log(1 + 0.9 * 0.9)), 1e-15);
  // kratom.md s2 states omega directly.
  EXPECT_DOUBLE_EQ(catalog->FindModel("kratom")->FindParameter("cl")->bsv.omega, 0.55);
}

TEST(PkModelLoader, EveryReferenceHasAuthorsAndJournal) {
  auto catalog = LoadPkCatalog(KnowledgePk());
  ASSERT_TRUE(catalog.ok());
  for (const auto& r : catalog->references) {
    EXPECT_FALSE(r.authors.empty()) << r.id;
    EXPECT_FALSE(r.journal.empty()) << r.id;
  }
}

const char* kMinimal = R"(
id: test
substance: test
analyte: test
display_unit: ng/mL
structure: one_compartment
reference_weight_kg: 70
refs: [a]
parameters:
  - {name: cl, value: 10, unit: L/h, refs: [a]}
  - {name: v1, value: 50, unit: L, bsv: {cv_percent: 30}, refs: [a]}
  - {name: ka, value: 1, unit: 1/h, refs: [a]}
bioavailability: {typical: 1.0, refs: [a]}
formulations:
  - {id: ir, label: oral, input: first_order, refs: [a]}
)";

std::string Replace(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return text.replace(at, from.size(), to);
}

void ExpectError(const std::string& yaml, const std::string& fragment) {
  auto m = ParsePkModel(yaml, "test.yaml");
  ASSERT_FALSE(m.ok()) << "accepted: " << yaml;
  EXPECT_NE(m.status().message().find("test.yaml"), std::string::npos) << m.status().message();
  EXPECT_NE(m.status().message().find(fragment), std::string::npos) << m.status().message();
}

TEST(PkModelLoader, MinimalModelParses) {
  auto m = ParsePkModel(kMinimal, "test.yaml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->parameters.size(), 3u);
}

TEST(PkModelLoader, RejectsWrongUnitWithoutConverting) {
  ExpectError(Replace(kMinimal, "unit: 1/h", "unit: 1/min"), "ka must be given in 1/h");
}
TEST(PkModelLoader, RejectsUnknownKeys) {
  ExpectError(Replace(kMinimal, "reference_weight_kg: 70", "reference_weight_kg: 70\nwieght: 3"),
              "wieght: unknown key");
}
TEST(PkModelLoader, RejectsMissingParameter) {
  ExpectError(Replace(kMinimal, "  - {name: ka, value: 1, unit: 1/h, refs: [a]}\n", ""),
              "missing 'ka'");
}
TEST(PkModelLoader, RejectsParameterWithoutReference) {
  ExpectError(Replace(kMinimal, "{name: cl, value: 10, unit: L/h, refs: [a]}",
                      "{name: cl, value: 10, unit: L/h}"),
              "parameters[0] (cl).refs");
}
TEST(PkModelLoader, RejectsNegativeValue) {
  ExpectError(Replace(kMinimal, "value: 50", "value: -50"), "must be > 0");
}
TEST(PkModelLoader, RejectsBothCvAndOmega) {
  ExpectError(Replace(kMinimal, "{cv_percent: 30}", "{cv_percent: 30, omega: 0.3}"),
              "exactly one of cv_percent and omega");
}
TEST(PkModelLoader, RejectsBioavailabilityAboveOne) {
  ExpectError(Replace(kMinimal, "typical: 1.0", "typical: 1.5"), "must be in (0, 1]");
}
TEST(PkModelLoader, RejectsZeroOrderWithoutDuration) {
  ExpectError(Replace(kMinimal, "input: first_order", "input: zero_order"), "duration_h");
}
const char* kDual = R"(
  - id: pr
    label: prolonged
    input: dual_first_order
    fast_fraction: 0.6
    ka_slow_per_h: 0.17
    refs: [a]
    fed: {overrides: {tlag: 2.1, ka: 1.5}, refs: [b]}
)";

// The minimal model with a lag, and a PR formulation that changes it when fed.
std::string DualModel() {
  const std::string ka = "  - {name: ka, value: 1, unit: 1/h, refs: [a]}\n";
  return Replace(kMinimal, ka, ka + "  - {name: tlag, value: 0.1, unit: h, refs: [a]}\n") + kDual;
}

TEST(PkModelLoader, DualFirstOrderWithFedValues) {
  auto m = ParsePkModel(DualModel(), "test.yaml");
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  const PkFormulationSpec& f = *m->FindFormulation("pr");
  EXPECT_EQ(f.input, PkInput::kDualFirstOrder);
  EXPECT_DOUBLE_EQ(f.fast_fraction, 0.6);
  EXPECT_DOUBLE_EQ(f.ka_slow_per_h, 0.17);
  ASSERT_TRUE(f.fed.has_value());
  EXPECT_EQ(f.fed->overrides,
            (std::vector<std::pair<std::string, double>>{{"tlag", 2.1}, {"ka", 1.5}}));
  // The fed values cite their own sources, which must exist too.
  std::vector<PkReference> refs = {{"a", "X", 2000, "", "J", "", "", ""}};
  EXPECT_NE(CheckPkReferences(*m, refs).message().find("'b' is cited"), std::string::npos);
}
TEST(PkModelLoader, RejectsDualFirstOrderWithoutItsValues) {
  const std::string dual = DualModel();
  ExpectError(Replace(dual, "    ka_slow_per_h: 0.17\n", ""), "ka_slow_per_h");
  ExpectError(Replace(dual, "fast_fraction: 0.6", "fast_fraction: 1.2"), "within 0..1");
  ExpectError(Replace(dual, "ka_slow_per_h: 0.17", "ka_slow_per_h: 0"), "must be > 0");
  ExpectError(Replace(kMinimal, "input: first_order", "input: first_order, fast_fraction: 0.5"),
              "only for dual_first_order input");
  ExpectError(Replace(kMinimal, "input: first_order", "input: weibull"),
              "allowed: first_order, zero_order, dual_first_order");
}
TEST(PkModelLoader, RejectsFedValuesOfUnknownParametersOrWithoutReference) {
  const std::string dual = DualModel();
  ExpectError(Replace(dual, "{tlag: 2.1, ka: 1.5}", "{tlag: 2.1, q: 1.5}"),
              "fed.overrides.q: is not a parameter");
  ExpectError(Replace(dual, ", refs: [b]}", "}"), "fed.refs");
}
TEST(PkModelLoader, RejectsUnknownStructure) {
  ExpectError(Replace(kMinimal, "one_compartment", "three_compartment"), "structure");
}
TEST(PkModelLoader, RejectsBadYaml) { ExpectError("id: [unclosed", "YAML error"); }

TEST(PkModelLoader, RejectsCitationsOfUndefinedReferences) {
  auto m = ParsePkModel(kMinimal, "test.yaml");
  ASSERT_TRUE(m.ok());
  std::vector<PkReference> refs = {{"b", "X", 2000, "", "J", "", "", ""}};
  const Status s = CheckPkReferences(*m, refs);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("'a' is cited but not defined"), std::string::npos);
  refs.push_back({"a", "Y", 2001, "", "J", "", "", ""});
  EXPECT_TRUE(CheckPkReferences(*m, refs).ok());
}

TEST(PkModelLoader, RejectsMalformedReferenceIds) {
  auto r = ParsePkReferences(
      "references:\n  - {id: Smith2020, authors: S, year: 2020, journal: J}\n", "refs.yaml");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("lower-case"), std::string::npos);
}

}  // namespace
}  // namespace pineal::kb
