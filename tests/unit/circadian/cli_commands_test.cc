// The plan and circadian commands: rendering of each format from the
// command-line options, and clear messages for bad input.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "pineal/cli/circadian_command.h"
#include "pineal/cli/plan_command.h"

namespace pineal::cli {
namespace {

const Instant kNow = *ParseInstant("2026-11-20T12:00:00Z");

JetLagCommandOptions NewYorkParis() {
  JetLagCommandOptions o;
  o.spec.from = "America/New_York";
  o.spec.to = "Europe/Paris";
  o.spec.depart = "2026-12-01 18:00";
  o.spec.arrive = "2026-12-02 07:15";
  o.spec.pre_days = 1;
  o.spec.days = 5;
  return o;
}

TEST(CliCommandsTest, JetLagTextAndJson) {
  JetLagCommandOptions o = NewYorkParis();
  auto text = RunJetLagCommand(o, kNow);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_NE(text->find("(+6.0 h, eastward)"), std::string::npos);
  o.out.format = "json";
  auto js = RunJetLagCommand(o, kNow);
  ASSERT_TRUE(js.ok());
  const auto j = nlohmann::json::parse(*js);
  EXPECT_EQ(j["origin"], "America/New_York");
  EXPECT_EQ(j["strategy"]["direction"], "advance");
  EXPECT_EQ(j["model"]["id"], "stowe2025");
  ASSERT_TRUE(j["days"].is_array());
  EXPECT_TRUE(j["days"][0].contains("with_plan"));
  // Departure 18:00 in New York in December is 23:00 UTC.
  EXPECT_NE(js->find("2026-12-01T23:00:00Z"), std::string::npos);
}

TEST(CliCommandsTest, JetLagCalendarAndSvg) {
  JetLagCommandOptions o = NewYorkParis();
  o.out.format = "ics";
  auto ics = RunJetLagCommand(o, kNow);
  ASSERT_TRUE(ics.ok());
  EXPECT_EQ(ics->rfind("BEGIN:VCALENDAR", 0), 0u);
  o.out.format = "svg";
  auto svg = RunJetLagCommand(o, kNow);
  ASSERT_TRUE(svg.ok());
  EXPECT_EQ(svg->rfind("<svg", 0), 0u);
}

TEST(CliCommandsTest, BadOptionsSayWhatIsWrong) {
  JetLagCommandOptions o = NewYorkParis();
  o.spec.depart = "tomorrow evening";
  auto r = RunJetLagCommand(o, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--depart"), std::string::npos);
  o = NewYorkParis();
  o.spec.common.doses = "3 mg,12 mg";
  r = RunJetLagCommand(o, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("outside the jet-lag band"), std::string::npos);
  o = NewYorkParis();
  o.spec.common.doses = "3";
  r = RunJetLagCommand(o, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("--doses"), std::string::npos);
  o = NewYorkParis();
  o.spec.common.sleep = "23:00";
  EXPECT_FALSE(RunJetLagCommand(o, kNow).ok());
  o = NewYorkParis();
  o.out.format = "pdf";
  r = RunJetLagCommand(o, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("text, json, ics or svg"), std::string::npos);
  o = NewYorkParis();
  o.spec.common.model = "nobody2000";
  r = RunJetLagCommand(o, kNow);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("known: "), std::string::npos);
}

TEST(CliCommandsTest, ShiftRotaFromAFile) {
  const auto path = std::filesystem::temp_directory_path() / "pineal_rota_test.csv";
  std::ofstream(path) << "date,shift\n2026-12-01,off\n2026-12-02,22:00-06:00\n2026-12-03,off\n";
  ShiftCommandOptions o;
  o.rota_file = path.string();
  o.spec.zone = "Europe/London";
  auto text = RunShiftCommand(o, kNow);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_NE(text->find("Misaligned days"), std::string::npos);
  o.out.format = "json";
  auto js = RunShiftCommand(o, kNow);
  ASSERT_TRUE(js.ok());
  EXPECT_EQ(nlohmann::json::parse(*js)["days"].size(), 3u);
  o.rota_file = "/nonexistent/rota.csv";
  auto bad = RunShiftCommand(o, kNow);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cannot read"), std::string::npos);
  std::filesystem::remove(path);
}

TEST(CliCommandsTest, MelatoninPrcAsCsv) {
  PrcCommandOptions o;
  o.spec.dose = "3 mg";
  o.spec.step_h = 6;
  o.format = "csv";
  auto csv = RunPrcCommand(o);
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  EXPECT_EQ(csv->rfind("stimulus_h,shift_h\n", 0), 0u);
  EXPECT_EQ(std::count(csv->begin(), csv->end(), '\n'), 1 + 5);  // -12, -6, 0, 6, 12
  o.spec.dose = "3 g";
  auto big = RunPrcCommand(o);
  ASSERT_FALSE(big.ok());
  EXPECT_NE(big.status().message().find("0.3-5 mg"), std::string::npos);
  o.spec.dose = "";
  EXPECT_FALSE(RunPrcCommand(o).ok());  // neither --dose nor --light
}

}  // namespace
}  // namespace pineal::cli

namespace pineal::cli {
namespace {

TEST(CliCommandsTest, PhaseFromWearableLightMatchesTheEntrainedClock) {
  // Three days of 250 lux 07:00-23:00 (dark otherwise), sampled every 30 min,
  // in London in winter (UTC): FJK99 entrained CBTmin 04:35 (circadian.md §2.3).
  const auto path = std::filesystem::temp_directory_path() / "pineal_lux_test.csv";
  {
    std::ofstream f(path);
    f << "time,lux\n";
    for (int i = 0; i < 3 * 48; ++i) {
      const int day = 1 + i / 48, minute = (i % 48) * 30;
      const int hour = minute / 60;
      f << fmt::format("2026-12-{:02d}T{:02d}:{:02d}:00Z,{}\n", day, hour, minute % 60,
                       hour >= 7 && hour < 23 ? 250 : 0);
    }
  }
  PhaseCommandOptions o;
  o.light_csv = path.string();
  o.zone = "Europe/London";
  o.format = "json";
  auto out = RunPhaseCommand(o);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto j = nlohmann::json::parse(*out);
  ASSERT_GE(j["days"].size(), 2u);
  for (const auto& d : j["days"]) {
    const std::string c = d["cbtmin"];
    const int minutes = std::stoi(c.substr(0, 2)) * 60 + std::stoi(c.substr(3));
    EXPECT_NEAR(minutes, 4 * 60 + 35, 6) << c;
  }
  o.zone = "Nowhere/City";
  EXPECT_FALSE(RunPhaseCommand(o).ok());
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace pineal::cli
