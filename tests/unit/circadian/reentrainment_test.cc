// Re-entrainment after a time-zone change without intervention (box 16:8 at
// 250 lux, the same local schedule at the destination), against:
//  - the values an independent reference implementation gives for the same
//    models (circadian.md §0.6): 8 h east 7-9 days; 8 h west 8.5-10.5 days;
//    10,000 lux days, 8 h east 4-5 days; orthodromic up to 9 h;
//  - the field rule (§5.4, soft): about one day per time zone eastward.
// Re-entrained = phase within 1 h from then on. Tolerance +-1 day (the facts
// file does not state its criterion).
#include "pineal/circadian/reentrainment.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace pineal::circadian {
namespace {

int Days(const char* id, double shift_h, double lux = 250.0) {
  ZoneShiftScenario s;
  s.shift_h = shift_h;
  s.pattern.wake_lux = lux;
  auto r = SimulateZoneShift(testing::LoadModel(id), s);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r.ok() && r->days.has_value()) << id << " " << shift_h;
  return r.ok() ? r->days.value_or(1000) : 1000;
}

const char* const kModels[] = {"fjk1999", "sf2014", "hannay2019"};

TEST(ReentrainmentTest, EightHoursEastTakesSevenToNineDays) {
  for (const char* id : kModels) {
    EXPECT_GE(Days(id, 8), 7 - 1) << id;
    EXPECT_LE(Days(id, 8), 9 + 1) << id;
  }
}

TEST(ReentrainmentTest, EightHoursWestTakesEightAndAHalfToTenAndAHalfDays) {
  for (const char* id : kModels) {
    EXPECT_GE(Days(id, -8), 8.5 - 1) << id;
    EXPECT_LE(Days(id, -8), 10.5 + 1) << id;
  }
}

TEST(ReentrainmentTest, BrightDaysEightHoursEastTakeFourToFiveDays) {
  for (const char* id : kModels) {
    EXPECT_GE(Days(id, 8, 10000), 4 - 1) << id;
    EXPECT_LE(Days(id, 8, 10000), 5 + 1) << id;
  }
}

TEST(ReentrainmentTest, OrthodromicUpToNineHours) {
  for (const char* id : kModels) {
    for (double shift : {3.0, 6.0, 9.0, -3.0, -6.0, -9.0}) {
      ZoneShiftScenario s;
      s.shift_h = shift;
      auto r = SimulateZoneShift(testing::LoadModel(id), s);
      ASSERT_TRUE(r.ok());
      EXPECT_FALSE(r->antidromic) << id << " " << shift;
    }
  }
}

TEST(ReentrainmentTest, AboutOneDayPerZoneEastward) {
  // Field rule: 6 h east -> about 6 days (soft: +-1.5 days).
  for (const char* id : kModels) EXPECT_NEAR(Days(id, 6), 6, 1.5) << id;
}

TEST(ReentrainmentTest, DaysToReentrainNeedsToStayWithin) {
  EXPECT_EQ(DaysToReentrain({3, 0.5, 2, 0.9, 0.2}), 3);
  EXPECT_EQ(DaysToReentrain({0.1, 0.2}), 0);
  EXPECT_FALSE(DaysToReentrain({0.1, 2}).has_value());
}

}  // namespace
}  // namespace pineal::circadian
