// `pineal kb show|lint` and `pineal check`, run through CLI11 as a user would.
#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>

#include "pineal/cli/check_command.h"
#include "pineal/cli/kb_command.h"
#include "tests/support/cli_run.h"

namespace pineal::cli {
namespace {

::pineal::testing::CliOutcome RunCli(const std::vector<std::string>& args) {
  CLI::App app{"test", "pineal"};
  app.require_subcommand(1);
  RegisterKbCommand(app);
  RegisterCheckCommand(app);
  return ::pineal::testing::RunCli(app, args);
}

const std::string kKnowledge = std::string(PINEAL_SOURCE_ROOT) + "/knowledge";

std::string WriteTemp(const std::string& name, const std::string& content) {
  const auto dir = std::filesystem::temp_directory_path() / "pineal_kb_cli_test";
  std::filesystem::create_directories(dir);
  const auto path = dir / name;
  std::ofstream(path) << content;
  return path.string();
}

TEST(KbLint, RealKnowledgePasses) {
  const auto r = RunCli({"kb", "lint", kKnowledge});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ok: 0 error(s)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("substances"), std::string::npos);
}

TEST(KbLint, BrokenKnowledgeExitsTwoAndNamesFileAndLine) {
  const auto r = RunCli(
      {"kb", "lint", std::string(PINEAL_SOURCE_ROOT) + "/tests/data/kb_broken/gap_in_bands"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find("dose_bands.yaml:9: error: dose band table 'band.gamma.adult': per_dose: gap"),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("lint failed"), std::string::npos);
}

TEST(KbShow, SubstanceText) {
  const auto r = RunCli({"kb", "show", "Circadin", "--knowledge", kKnowledge});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Melatonin  (id melatonin"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("atc N05CH01"), std::string::npos);
  EXPECT_NE(r.out.find("band.melatonin.adult"), std::string::npos);
  EXPECT_NE(r.out.find("ix.melatonin.fluvoxamine"), std::string::npos);
  EXPECT_NE(r.out.find("ci.melatonin.pregnancy"), std::string::npos);
}

TEST(KbShow, SubstanceJson) {
  const auto r = RunCli({"kb", "show", "kratom", "--format", "json", "--knowledge", kKnowledge});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "kratom_leaf");
  EXPECT_EQ(j["potency"]["default_content_mg_per_g"], 15.0);
  bool has_combo = false;
  for (const auto& c : j["combinations"])
    has_combo = has_combo || c["id"] == "combo.kratom_opioid_depressant";
  EXPECT_TRUE(has_combo);
  EXPECT_FALSE(j["references"].empty());
}

TEST(KbShow, ClassAndUnknown) {
  const auto cls = RunCli({"kb", "show", "gabapentinoids", "--knowledge", kKnowledge});
  EXPECT_EQ(cls.exit_code, 0);
  EXPECT_NE(cls.out.find("Pregabalin"), std::string::npos);
  const auto unknown = RunCli({"kb", "show", "unobtainium", "--knowledge", kKnowledge});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("no substance or class named 'unobtainium'"), std::string::npos);
}

TEST(Check, TextReportGroupsBySeverityWithReferences) {
  const auto patient = WriteTemp("p1.json", R"({
    "age_years": 45, "weight_kg": 70, "sex": "female", "pregnant": false,
    "conditions": ["epilepsy"],
    "medications": ["Luvox 50 mg", {"name": "coffee", "kind": "exposure", "frequency": "tid"}],
    "now": "2026-03-01T08:00:00Z"})");
  const auto regimen = WriteTemp("r1.json", R"({"substance": "melatonin", "formulation": "ir",
    "dose": "3 mg", "indication": "insomnia"})");
  const auto r =
      RunCli({"check", "--patient", patient, "--regimen", regimen, "--knowledge", kKnowledge});
  // A blocking finding (the fluvoxamine interaction) exits 1 after the report.
  ASSERT_EQ(r.exit_code, 1) << r.err;
  const std::size_t major = r.out.find("\nMAJOR (1)\n");
  const std::size_t moderate = r.out.find("\nMODERATE (1)\n");
  const std::size_t minor = r.out.find("\nMINOR (1)\n");
  ASSERT_NE(major, std::string::npos) << r.out;
  ASSERT_NE(moderate, std::string::npos) << r.out;
  ASSERT_NE(minor, std::string::npos) << r.out;
  EXPECT_LT(major, moderate);
  EXPECT_LT(moderate, minor);
  EXPECT_NE(r.out.find("[BLOCKS] Melatonin with fluvoxamine"), std::string::npos);
  EXPECT_NE(r.out.find("Override key: ix.melatonin.fluvoxamine|fluvoxamine+melatonin"),
            std::string::npos);
  EXPECT_NE(r.out.find("haertter2000: "), std::string::npos);
  EXPECT_NE(r.out.find("1 blocking"), std::string::npos);
}

TEST(Check, JsonOutput) {
  const auto patient = WriteTemp("p2.json", R"({"age_years": 30, "weight_kg": 60,
    "medications": ["oxycodone", "diazepam"],
    "regimens": [{"substance": "kratom", "dose": "2 g", "indication": "pain"}]})");
  const auto r = RunCli({"check", "--patient", patient, "--format", "json", "--knowledge",
                         kKnowledge, "--now", "2026-03-01T08:00:00Z"});
  ASSERT_EQ(r.exit_code, 1) << r.err;  // contraindicated: blocks
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["top_severity"], "contraindicated");
  EXPECT_EQ(j["blocking"], true);
  EXPECT_EQ(j["findings"][0]["rule_id"], "combo.kratom_opioid_depressant");
  EXPECT_EQ(j["findings"][0]["kind"], "combination");
  EXPECT_TRUE(j["references"].contains("olsen2019"));
}

TEST(Check, QuietPatient) {
  const auto patient =
      WriteTemp("p3.json", R"({"age_years": 40, "weight_kg": 70, "pregnant": false})");
  const auto regimen = WriteTemp(
      "r3.json", R"([{"substance": "melatonin", "dose": "1 mg", "indication": "insomnia"}])");
  const auto r =
      RunCli({"check", "--patient", patient, "--regimen", regimen, "--knowledge", kKnowledge});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Safety screening: 0 findings"), std::string::npos) << r.out;
}

// Not saying whether a 30-year-old woman is pregnant is not "no": the
// pregnancy rule of melatonin cannot be ruled out, and that blocks.
TEST(Check, AnUnrecordedPregnancyStatusIsAFindingThatBlocks) {
  const auto patient =
      WriteTemp("p9.json", R"({"age_years": 30, "weight_kg": 60, "sex": "female"})");
  const auto regimen = WriteTemp("r9.json", R"({"substance": "melatonin", "dose": "1 mg",
    "indication": "insomnia"})");
  const auto r = RunCli({"check", "--patient", patient, "--regimen", regimen, "--format", "json",
                         "--knowledge", kKnowledge, "--now", "2026-03-01T08:00:00Z"});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["findings"][0]["rule_id"], "engine.pregnancy_unknown") << r.out;
  EXPECT_EQ(j["blocking"], true);

  const auto wrong = WriteTemp("p10.json", R"({"age_years": 30, "pregnant": "no"})");
  const auto bad = RunCli({"check", "--patient", wrong, "--knowledge", kKnowledge});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("pregnant: must be true, false or \"unknown\""), std::string::npos)
      << bad.err;
}

TEST(Check, AFindingThatDoesNotBlockExitsZero) {
  // Melatonin with coffee and epilepsy only: moderate and minor findings.
  const auto patient = WriteTemp("p7.json", R"({"age_years": 45, "weight_kg": 70,
    "pregnant": false, "conditions": ["epilepsy"],
    "medications": [{"name": "coffee", "kind": "exposure"}]})");
  const auto regimen = WriteTemp("r7.json", R"({"substance": "melatonin", "dose": "3 mg",
    "indication": "insomnia"})");
  const auto r = RunCli({"check", "--patient", patient, "--regimen", regimen, "--knowledge",
                         kKnowledge, "--now", "2026-03-01T08:00:00Z"});
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("0 blocking"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Safety screening: 0 findings"), std::string::npos) << r.out;
}

TEST(Check, BadInputExitsTwoWithTheField) {
  const auto patient = WriteTemp("p4.json", R"({"age_years": 40})");
  const auto regimen = WriteTemp("r4.json", R"({"substance": "melatonin", "dose": "three mg"})");
  const auto r =
      RunCli({"check", "--patient", patient, "--regimen", regimen, "--knowledge", kKnowledge});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("regimen.dose"), std::string::npos) << r.err;

  const auto bad_json = WriteTemp("p5.json", "{not json");
  const auto r2 = RunCli({"check", "--patient", bad_json});
  EXPECT_EQ(r2.exit_code, 2);
  EXPECT_NE(r2.err.find("is not valid JSON"), std::string::npos) << r2.err;

  const auto r3 = RunCli({"check", "--patient", "/nonexistent/p.json"});
  EXPECT_EQ(r3.exit_code, 2);
  EXPECT_NE(r3.err.find("cannot open patient file"), std::string::npos);

  const auto bad_med = WriteTemp("p6.json", R"({"medications": [{"dose": "5 mg"}]})");
  const auto r4 = RunCli({"check", "--patient", bad_med});
  EXPECT_EQ(r4.exit_code, 2);
  EXPECT_NE(r4.err.find("medications[0].name: is required"), std::string::npos) << r4.err;

  // A dose no one can mean is bad input too (exit 2), not a screening.
  const auto grams = WriteTemp("r8.json", R"({"substance": "melatonin", "dose": "900 g"})");
  const auto r5 =
      RunCli({"check", "--patient", patient, "--regimen", grams, "--knowledge", kKnowledge});
  EXPECT_EQ(r5.exit_code, 2) << r5.out;
  EXPECT_NE(r5.err.find("regimens[0].dose: 900 g is not a plausible dose of Melatonin"),
            std::string::npos)
      << r5.err;
  EXPECT_EQ(r5.out.find("Safety screening"), std::string::npos) << r5.out;
}

}  // namespace
}  // namespace pineal::cli
