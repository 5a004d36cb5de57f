// Sleep-diary derivations computed by hand from Carney 2012's definitions
// (TIB = out of bed - into bed; TST = (final awakening - tried to sleep) - SOL
// - WASO; SE = TST / TIB x 100) and the rejections of impossible nights.
#include "pineal/monitor/sleep_diary.h"

#include <gtest/gtest.h>

#include "instrument_test_support.h"
#include "pineal/kb/instrument_catalog.h"

namespace pineal::monitor {
namespace {

const kb::SleepDiaryDef& Diary() {
  static const kb::SleepDiaryDef fallback;
  const auto& diary = testing::ShippedInstruments().sleep_diary;
  EXPECT_TRUE(diary.has_value());
  return diary ? *diary : fallback;
}

TimeOfDay T(const char* hhmm) { return ParseTimeOfDay(hhmm).value(); }

SleepDiaryEntry Entry(const char* bed, const char* tried, const char* wake, const char* up, int sol,
                      int waso) {
  SleepDiaryEntry e;
  e.into_bed = T(bed);
  e.tried_to_sleep = T(tried);
  e.final_awakening = T(wake);
  e.out_of_bed = T(up);
  e.sleep_onset_latency_min = sol;
  e.wake_after_sleep_onset_min = waso;
  return e;
}

std::vector<std::string> FlagIds(const SleepNight& n) {
  std::vector<std::string> ids;
  for (const auto& f : n.flags) ids.push_back(f.id);
  return ids;
}

TEST(SleepDiary, NightAcrossMidnight) {
  // TIB 23:10 -> 07:00 = 470 min; 23:30 -> 06:40 = 430 min; TST 430 - 25 - 20 = 385;
  // SE 385 / 470 = 81.9 % (< 85: disturbed).
  auto e = Entry("23:10", "23:30", "06:40", "07:00", 25, 20);
  e.awakenings = 2;
  e.quality = 3;
  auto n = DeriveSleepNight(Diary(), e);
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->time_in_bed_min, 470);
  EXPECT_EQ(n->total_sleep_time_min, 385);
  EXPECT_EQ(n->sleep_onset_latency_min, 25);
  EXPECT_EQ(n->wake_after_sleep_onset_min, 20);
  EXPECT_NEAR(n->sleep_efficiency_pct, 100.0 * 385 / 470, 1e-9);
  EXPECT_NEAR(n->sleep_efficiency_pct, 81.91, 0.01);
  EXPECT_TRUE(n->crosses_midnight);
  EXPECT_EQ(FlagIds(*n), std::vector<std::string>{"low_sleep_efficiency"});
  EXPECT_TRUE(n->disturbed());
}

TEST(SleepDiary, NightAfterMidnightOnly) {
  // 00:30 -> 07:30 = 420; 00:45 -> 07:15 = 390; TST 390 - 10 - 15 = 365; SE 86.9 %.
  auto n = DeriveSleepNight(Diary(), Entry("00:30", "00:45", "07:15", "07:30", 10, 15));
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->time_in_bed_min, 420);
  EXPECT_EQ(n->total_sleep_time_min, 365);
  EXPECT_NEAR(n->sleep_efficiency_pct, 86.905, 0.001);
  EXPECT_FALSE(n->crosses_midnight);
  EXPECT_FALSE(n->disturbed());
}

TEST(SleepDiary, ThresholdsAreStrict) {
  // SOL 30 and WASO 30 are not "> 30"; 22:00 -> 04:40 = 400, TST 400 - 60 = 340, SE exactly 85 %.
  auto edge = DeriveSleepNight(Diary(), Entry("22:00", "22:00", "04:40", "04:40", 30, 30));
  ASSERT_TRUE(edge.ok()) << edge.status().message();
  EXPECT_EQ(edge->total_sleep_time_min, 340);
  EXPECT_DOUBLE_EQ(edge->sleep_efficiency_pct, 85.0);
  EXPECT_TRUE(edge->flags.empty());
  // One minute more of each: 480 in bed, TST 480 - 62 = 418, SE 87.1 %.
  auto over = DeriveSleepNight(Diary(), Entry("22:00", "22:00", "06:00", "06:00", 31, 31));
  ASSERT_TRUE(over.ok());
  EXPECT_EQ(FlagIds(*over),
            (std::vector<std::string>{"long_sleep_onset_latency", "long_wake_after_sleep_onset"}));
  EXPECT_EQ(over->flags[0].value, 31);
  EXPECT_EQ(over->flags[0].threshold, 30);
}

TEST(SleepDiary, NightWithoutSleepHasZeroTotalSleep) {
  // Tried at 23:00, awake until 05:00: SOL covers the whole period.
  auto n = DeriveSleepNight(Diary(), Entry("23:00", "23:00", "05:00", "05:00", 360, 0));
  ASSERT_TRUE(n.ok()) << n.status().message();
  EXPECT_EQ(n->total_sleep_time_min, 0);
  EXPECT_EQ(n->sleep_efficiency_pct, 0.0);
}

void ExpectRejected(const SleepDiaryEntry& e, const std::string& field, const std::string& text) {
  auto n = DeriveSleepNight(Diary(), e);
  ASSERT_FALSE(n.ok()) << text;
  EXPECT_EQ(n.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(n.status().field(), field) << n.status().message();
  EXPECT_NE(n.status().message().find(text), std::string::npos) << n.status().message();
}

TEST(SleepDiaryRejects, OutOfBedBeforeFinalAwakening) {
  ExpectRejected(Entry("23:10", "23:30", "06:40", "06:30", 25, 20), "out_of_bed",
                 "times out of order (into bed 23:10, tried to sleep 23:30, final awakening 06:40, "
                 "out of bed 06:30): out of bed (06:30) comes before final awakening (06:40)");
}

TEST(SleepDiaryRejects, TriedToSleepJustBeforeIntoBed) {
  // Two steps back on the clock; the 70-minute one is the typing error, not the night.
  ExpectRejected(Entry("23:10", "22:00", "06:40", "07:00", 25, 20), "tried_to_sleep",
                 "tried to sleep (22:00) comes before into bed (23:10)");
}

TEST(SleepDiaryRejects, TriedToSleepBeforeIntoBed) {
  // Read as the next evening, the night would span 30 h 30 min.
  ExpectRejected(Entry("01:00", "00:30", "07:00", "07:30", 10, 10), "tried_to_sleep",
                 "span 30 h 30 min from into bed to out of bed, more than the 20 h 0 min");
}

TEST(SleepDiaryRejects, OutOfBedNextEvening) {
  // 23:00 -> 22:00 next day = 23 h in bed.
  ExpectRejected(Entry("23:00", "23:30", "06:00", "22:00", 10, 10), "out_of_bed",
                 "span 23 h 0 min");
}

TEST(SleepDiaryRejects, NoTimeInBed) {
  ExpectRejected(Entry("23:00", "23:00", "23:00", "23:00", 0, 0), "out_of_bed", "no time in bed");
}

TEST(SleepDiaryRejects, AwakeLongerThanTheNight) {
  // 23:00 -> 01:00 is 120 min; SOL 100 + WASO 30 = 130.
  ExpectRejected(
      Entry("23:00", "23:00", "01:00", "01:00", 100, 30), "sleep_onset_latency",
      "(130 min) is longer than the time from trying to sleep to final awakening (120 min)");
}

TEST(SleepDiaryRejects, NegativeMinutes) {
  ExpectRejected(Entry("23:00", "23:00", "07:00", "07:00", -5, 0), "sleep_onset_latency",
                 "sleep-onset latency is -5 min; allowed: 0 to 1440");
  ExpectRejected(Entry("23:00", "23:00", "07:00", "07:00", 5, -1), "wake_after_sleep_onset",
                 "wake after sleep onset is -1 min");
}

TEST(SleepDiaryRejects, AwakeTimeWithoutAwakenings) {
  auto e = Entry("23:00", "23:00", "07:00", "07:00", 5, 10);
  e.awakenings = 0;
  ExpectRejected(e, "awakenings", "0 awakenings but 10 min awake after sleep onset");
}

TEST(SleepDiaryRejects, QualityOutsideOneToFive) {
  auto e = Entry("23:00", "23:00", "07:00", "07:00", 5, 0);
  e.quality = 6;
  ExpectRejected(e, "quality", "sleep quality is 6; allowed: 1 to 5");
  e.quality = 0;
  ExpectRejected(e, "quality", "sleep quality is 0; allowed: 1 to 5");
}

}  // namespace
}  // namespace pineal::monitor
