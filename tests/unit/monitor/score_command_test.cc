// `pineal score`, run through CLI11 as a user would: text, JSON and errors
// (stderr, exit code 2).
#include "pineal/cli/score_command.h"

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/cli_run.h"

namespace pineal::cli {
namespace {

::pineal::testing::CliOutcome RunCli(std::vector<std::string> args) {
  CLI::App app{"test", "pineal"};
  app.require_subcommand(1);
  RegisterScoreCommand(app);
  args.insert(args.begin(), "score");
  return ::pineal::testing::RunCli(app, args);
}

bool Has(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

TEST(ScoreCommand, TextShowsTotalBandFlagsAndReference) {
  const auto r = RunCli({"PHQ-9", "--answers", "1,1,1,1,1,1,1,1,1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "Total: 9 (range 0-27)")) << r.out;
  EXPECT_TRUE(Has(r.out, "Band: mild (5-9; severity mild)")) << r.out;
  EXPECT_TRUE(Has(r.out, "Flag URGENT: Thoughts of self-harm")) << r.out;
  EXPECT_TRUE(Has(r.out, "[item9 = 1]")) << r.out;
  EXPECT_TRUE(Has(r.out, "Reference: Kroenke K, Spitzer RL, Williams JB (2001).")) << r.out;
  EXPECT_TRUE(Has(r.out, "PMID 11556941")) << r.out;
}

TEST(ScoreCommand, ByIdCaseInsensitiveWithNamedAnswers) {
  const auto r =
      RunCli({"ISI", "--answers", "item1=4,item2=4,item3=4,item4=4,item5=4,item6=4,item7=0"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "Total: 24")) << r.out;
  EXPECT_TRUE(Has(r.out, "clinical insomnia (severe)")) << r.out;
  EXPECT_TRUE(Has(r.out, "Flags: none")) << r.out;
}

TEST(ScoreCommand, SowsPrintsNoBand) {
  const auto r = RunCli({"sows", "--answers", "1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "Total: 16 (range 0-64)")) << r.out;
  EXPECT_TRUE(Has(r.out, "Band: none (No standard severity bands")) << r.out;
}

TEST(ScoreCommand, Json) {
  const auto r = RunCli({"cows", "--answers", "4,4,3,2,0,0,0,0,0,0,0", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["instrument"], "cows");
  EXPECT_EQ(j["code"], "COWS");
  EXPECT_EQ(j["total"], 13);
  EXPECT_EQ(j["band"]["id"], "moderate");
  EXPECT_EQ(j["band"]["severity"], "moderate");
  EXPECT_EQ(j["codes"]["total"]["code"], "pineal:cows-total");
  EXPECT_EQ(j["answered"], 11);
  EXPECT_TRUE(j["flags"].empty());
}

TEST(ScoreCommand, ListsInstruments) {
  const auto text = RunCli({"--list"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* id : {"bpi_sf", "cows", "ess", "fss", "gad7", "isi", "kss", "pain_nrs", "phq9",
                         "rmeq", "sows", "sleep-diary"}) {
    EXPECT_TRUE(Has(text.out, id)) << id;
  }
  const auto json = RunCli({"--list", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto j = nlohmann::json::parse(json.out);
  EXPECT_EQ(j["instruments"].size(), 11u);
  EXPECT_EQ(j["sleep_diary"]["id"], "sleep-diary");
}

TEST(ScoreCommand, SleepDiaryText) {
  const auto r =
      RunCli({"sleep-diary", "--bed", "23:10", "--tried", "23:30", "--sol", "25", "--wake", "06:40",
              "--up", "07:00", "--waso", "20", "--awakenings", "2", "--quality", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Has(r.out, "Time in bed: 470 min (7 h 50 min)")) << r.out;
  EXPECT_TRUE(Has(r.out, "Total sleep time: 385 min (6 h 25 min)")) << r.out;
  EXPECT_TRUE(Has(r.out, "Sleep efficiency: 81.9%")) << r.out;
  EXPECT_TRUE(Has(r.out, "Flag: sleep efficiency below 85%")) << r.out;
  EXPECT_TRUE(Has(r.out, "Reference: Carney CE, et al. (2012).")) << r.out;
}

TEST(ScoreCommand, SleepDiaryJson) {
  const auto r = RunCli({"sleep-diary", "--bed", "23:10", "--tried", "23:30", "--sol", "25",
                         "--wake", "06:40", "--up", "07:00", "--waso", "20", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["measures"]["total_sleep_time"]["value"], 385);
  EXPECT_EQ(j["measures"]["total_sleep_time"]["loinc"], "93832-4");
  EXPECT_EQ(j["measures"]["time_in_bed"]["code"], "time_in_bed");
  EXPECT_NEAR(j["measures"]["sleep_efficiency"]["value"].get<double>(), 81.915, 0.001);
  EXPECT_EQ(j["disturbed"], true);
  EXPECT_EQ(j["flags"][0]["id"], "low_sleep_efficiency");
}

void ExpectError(const std::vector<std::string>& args, const std::string& message) {
  const auto r = RunCli(args);
  EXPECT_EQ(r.exit_code, 2) << r.out;
  EXPECT_TRUE(r.out.empty()) << r.out;
  EXPECT_TRUE(Has(r.err, "pineal score: " + message)) << r.err;
}

TEST(ScoreCommand, ErrorsGoToStderrWithExitCodeTwo) {
  ExpectError({"cows", "--answers", "3,0,0,0,0,0,0,0,0,0,0"},
              "COWS: item 'resting_pulse' (1): 3 is not an allowed answer; allowed: 0, 1, 2, 4");
  ExpectError({"nosuch", "--answers", "1"},
              "no instrument 'nosuch'; known: bpi_sf, cows, ess, fss, gad7");
  ExpectError({"isi"}, "ISI needs --answers");
  ExpectError({"isi", "--answers", "1,1,1"}, "ISI: 3 answer(s) given for 7 items");
  ExpectError({"isi", "--answers", "1,1,1,1,1,1,1", "--format", "xml"},
              "--format is 'xml'; allowed: text, json");
  ExpectError({"kss", "--answers", "5", "--bed", "23:00"},
              "--bed belongs to sleep-diary, not to KSS");
  ExpectError({"sleep-diary", "--bed", "23:00", "--tried", "23:10", "--wake", "06:00", "--up",
               "06:30", "--waso", "5"},
              "sleep-diary needs --sol");
  ExpectError({"sleep-diary", "--bed", "25:00", "--tried", "23:10", "--sol", "5", "--wake", "06:00",
               "--up", "06:30", "--waso", "5"},
              "--bed: '25:00' is not a clock time");
  ExpectError({"sleep-diary", "--bed", "23:10", "--tried", "23:30", "--sol", "25", "--wake",
               "06:40", "--up", "06:30", "--waso", "20"},
              "sleep diary: times out of order");
  ExpectError({}, "name an instrument");
}

}  // namespace
}  // namespace pineal::cli
