// Light schedules: painting intervals, daily sleep/wake patterns across a
// clock offset, and wearable CSV parsing with its error messages.
#include <gtest/gtest.h>

#include "pineal/circadian/light_csv.h"
#include "pineal/circadian/light_schedule.h"

namespace pineal::circadian {
namespace {

TEST(LightScheduleTest, LaterPaintWinsAndTheBaseResumes) {
  LightBuilder b(250);
  b.Set(10, 20, 0);
  b.Set(12, 14, 5000);
  const LightSchedule s = b.Build();
  EXPECT_EQ(s.LuxAt(9.99), 250);
  EXPECT_EQ(s.LuxAt(10), 0);
  EXPECT_EQ(s.LuxAt(12.5), 5000);
  EXPECT_EQ(s.LuxAt(14), 0);
  EXPECT_EQ(s.LuxAt(20), 250);
}

TEST(LightScheduleTest, MakeRejectsUnorderedOrNegativeSteps) {
  EXPECT_FALSE(LightSchedule::Make({{0, 10}, {0, 20}}).ok());
  EXPECT_FALSE(LightSchedule::Make({{0, -1}}).ok());
  EXPECT_FALSE(LightSchedule::Make({}).ok());
}

TEST(LightScheduleTest, SleepWakePatternFollowsTheClockOffset) {
  const SleepWakePattern p{7, 23, 250, 0};
  const LightSchedule home = SleepWakeLight(p, 0, 72);
  EXPECT_EQ(home.LuxAt(6.9), 0);
  EXPECT_EQ(home.LuxAt(7.0), 250);
  EXPECT_EQ(home.LuxAt(22.9), 250);
  EXPECT_EQ(home.LuxAt(23.0), 0);
  // A clock 6 h ahead (e.g. Paris vs New York): wake at 07:00 local = 01:00 here.
  const LightSchedule paris = SleepWakeLight(p, 0, 72, 6.0);
  EXPECT_EQ(paris.LuxAt(24 + 0.9), 0);
  EXPECT_EQ(paris.LuxAt(24 + 1.0), 250);
  EXPECT_EQ(paris.LuxAt(24 + 17.0), 0);
  EXPECT_DOUBLE_EQ(p.WakeHours(), 16.0);
  EXPECT_DOUBLE_EQ((SleepWakePattern{17, 9, 100, 0}).WakeHours(), 16.0);  // day sleeper
}

TEST(LightCsvTest, ParsesSamplesRelativeToTheOrigin) {
  const Instant origin = *ParseInstant("2026-12-01T00:00:00Z");
  auto s = ParseLuxCsv(
      "time,lux\n# wearable\n2026-12-01T07:00:00+01:00,120\n2026-12-01T06:30:00Z,800.5\n", origin);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->LuxAt(6.0), 120);    // 07:00+01:00 = 06:00Z
  EXPECT_EQ(s->LuxAt(6.6), 800.5);  // from 06:30Z
  EXPECT_EQ(s->LuxAt(6.9), 0);      // after the last sample's 15 min
}

TEST(LightCsvTest, ErrorsNameTheLineAndTheProblem) {
  const Instant origin = *ParseInstant("2026-12-01T00:00:00Z");
  auto r = ParseLuxCsv("2026-12-01T07:00:00Z,bright\n", origin);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 1: lux must be a number"), std::string::npos);
  r = ParseLuxCsv("2026-12-01T07:00:00,10\n", origin);  // no offset
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 1"), std::string::npos);
  r = ParseLuxCsv("2026-12-01T07:00:00Z,10\n2026-12-01T12:00:00Z,10\n", origin);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("gap of"), std::string::npos);
  r = ParseLuxCsv("2026-12-01T07:00:00Z,10\n2026-12-01T06:00:00Z,10\n", origin);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("times must increase"), std::string::npos);
  EXPECT_FALSE(ParseLuxCsv("# nothing\n", origin).ok());
}

}  // namespace
}  // namespace pineal::circadian
