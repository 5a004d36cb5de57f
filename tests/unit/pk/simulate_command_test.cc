// `pineal simulate` through CLI11: options, outputs and error handling.
#include "pineal/cli/simulate_command.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_run.h"

namespace pineal::cli {
namespace {

using Outcome = ::pineal::testing::CliOutcome;

Outcome RunCommand(std::vector<std::string> args) {
  CLI::App app{"test", "pineal"};
  RegisterSimulateCommand(app);
  args.insert(args.begin(), "simulate");
  return ::pineal::testing::RunCli(app, args);
}

std::string WriteTemp(const std::string& name, const std::string& text) {
  const std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

TEST(SimulateCommand, JsonForTenMilligramsAtTenPmAged70) {
  const std::string patient = WriteTemp("p70.json", R"({"age_years": 70, "sex": "male"})");
  const Outcome o = RunCommand({"--substance", "melatonin", "--dose", "10 mg", "--at", "22:00",
                                "--patient", patient, "--subjects", "300", "--format", "json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const auto j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["concentration_unit"], "pg/mL");
  EXPECT_DOUBLE_EQ(j["metrics"]["typical"]["first_wake_h"].get<double>(), 9.0);
  const auto& pop = j["metrics"]["population"]["first_wake_concentration"];
  EXPECT_LE(pop["p5"].get<double>(), pop["p95"].get<double>());
  EXPECT_EQ(j["curve"]["time_h"].size(), j["curve"]["p50"].size());
  EXPECT_DOUBLE_EQ(j["endogenous"]["night_peak"].get<double>(), 29.0);
}

TEST(SimulateCommand, KratomContentAsPercent) {
  const Outcome o =
      RunCommand({"--substance", "kratom", "--dose", "2 g", "--content", "1.5%", "--every", "8h",
                  "--for", "14d", "--subjects", "0", "--format", "json"});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  const auto j = nlohmann::json::parse(o.out);
  EXPECT_DOUBLE_EQ(j["content_mg_per_g"].get<double>(), 15.0);
  EXPECT_EQ(j["doses"].size(), 42u);
  EXPECT_EQ(j["concentration_unit"], "ng/mL");
  EXPECT_FALSE(j["metrics"].contains("population"));
}

TEST(SimulateCommand, TextSvgAndCsv) {
  for (const char* format : {"text", "svg", "csv"}) {
    const Outcome o =
        RunCommand({"--substance", "melatonin", "--dose", "2 mg", "--formulation", "pr", "--every",
                    "24h", "--for", "3d", "--missed", "2", "--subjects", "50", "--format", format});
    ASSERT_EQ(o.exit_code, 0) << o.err;
    EXPECT_FALSE(o.out.empty());
  }
}

TEST(SimulateCommand, WritesToAFile) {
  const std::string path = ::testing::TempDir() + "plot.svg";
  const Outcome o = RunCommand({"--substance", "melatonin", "--dose", "3 mg", "--subjects", "20",
                                "--format", "svg", "-o", path});
  ASSERT_EQ(o.exit_code, 0) << o.err;
  std::ifstream in(path);
  std::string first;
  std::getline(in, first);
  EXPECT_EQ(first.rfind("<svg", 0), 0u);
}

void ExpectError(std::vector<std::string> args, const std::string& fragment) {
  const Outcome o = RunCommand(std::move(args));
  EXPECT_EQ(o.exit_code, 2);
  EXPECT_NE(o.err.find(fragment), std::string::npos) << o.err;
  EXPECT_TRUE(o.out.empty());
}

TEST(SimulateCommand, ClearErrors) {
  ExpectError({"--substance", "melatonin", "--dose", "10 mL"}, "--dose");
  ExpectError({"--substance", "melatonin", "--dose", "3 mg", "--at", "25:00"}, "--at");
  ExpectError({"--substance", "melatonin", "--dose", "3 mg", "--format", "pdf"},
              "not one of text, json, csv, svg");
  ExpectError({"--substance", "melatonin", "--dose", "3 mg", "--content", "15 mg/g"},
              "leaf products");
  ExpectError({"--substance", "kratom", "--dose", "2 g", "--content", "15 mg/kg"}, "mg/g or %");
  ExpectError({"--substance", "melatonin", "--dose", "3 mg", "--every", "24h", "--for", "2d",
               "--missed", "3"},
              "doses 1 to 2");
  ExpectError({"--substance", "melatonin", "--dose", "3 mg", "--for", "2d"}, "needs --every");
  ExpectError({"--substance", "aspirin", "--dose", "3 mg"}, "no PK model");
  const std::string bad = WriteTemp("bad.json", R"({"age": 70})");
  ExpectError({"--substance", "melatonin", "--dose", "3 mg", "--patient", bad},
              "'age' is not a known field");
  const std::string wrong = WriteTemp("wrong.json", R"({"age_years": "old"})");
  ExpectError({"--substance", "melatonin", "--dose", "3 mg", "--patient", wrong},
              "'age_years' must be a number");
}

TEST(SimulateCommand, MissingRequiredOptionIsAParseError) {
  const Outcome o = RunCommand({"--dose", "3 mg"});
  EXPECT_NE(o.exit_code, 0);
}

}  // namespace
}  // namespace pineal::cli
