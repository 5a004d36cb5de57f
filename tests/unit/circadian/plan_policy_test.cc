// The window rules against their definitions (plan_policy.h): light after
// CBTmin advances and light in the hours before it delays (Khalsa 2003); the
// pill goes some hours before DLMO but never after bedtime unless allowed.
#include "pineal/circadian/plan_policy.h"

#include <gtest/gtest.h>

namespace pineal::circadian {
namespace {

DayContext Day(double cbtmin_h) {
  DayContext d;
  d.wake_h = 7;
  d.bed_h = 23;
  d.next_wake_h = 31;
  d.cbtmin_h = cbtmin_h;
  d.period_h = 24.2;
  return d;
}

TEST(PlanPolicyTest, AdvanceSeeksLightFromWakeWhenCbtminIsPast) {
  const DayInterventions i = LightWindows(Day(4.5), ShiftDirection::kAdvance, 3);
  ASSERT_EQ(i.seek.size(), 1u);
  EXPECT_DOUBLE_EQ(i.seek[0].first, 7);
  EXPECT_DOUBLE_EQ(i.seek[0].second, 10);
  // The next CBTmin (28.7) puts the delay zone at 22.7-28.7: the last 0.3 h
  // of the evening is a sliver (< 30 min) and is dropped.
  EXPECT_TRUE(i.avoid.empty());
}

TEST(PlanPolicyTest, AdvanceAvoidsLightUntilALateCbtmin) {
  // Six hours east: CBTmin at 10:30 local.
  const DayInterventions i = LightWindows(Day(10.5), ShiftDirection::kAdvance, 3);
  ASSERT_EQ(i.seek.size(), 1u);
  EXPECT_DOUBLE_EQ(i.seek[0].first, 10.5);
  EXPECT_DOUBLE_EQ(i.seek[0].second, 13.5);
  ASSERT_EQ(i.avoid.size(), 1u);
  EXPECT_DOUBLE_EQ(i.avoid[0].first, 7);
  EXPECT_DOUBLE_EQ(i.avoid[0].second, 10.5);
}

TEST(PlanPolicyTest, DelaySeeksEveningLightAndAvoidsTheMorning) {
  // Six hours west: CBTmin at 22:30 local, the previous one at 22:30 - 24.2.
  const DayInterventions i = LightWindows(Day(-1.7), ShiftDirection::kDelay, 3);
  ASSERT_EQ(i.seek.size(), 1u);
  EXPECT_NEAR(i.seek[0].second, 22.5 - 1.0, 1e-9);  // ends an hour before CBTmin
  EXPECT_NEAR(i.seek[0].first, 18.5, 1e-9);
  for (const Span& a : i.avoid) EXPECT_TRUE(a.second <= i.seek[0].first || a.first >= 22.5);
}

TEST(PlanPolicyTest, NoBrightLightOnTheFlight) {
  DayContext d = Day(10.5);
  d.no_bright = {{9.0, 12.0}};
  const DayInterventions i = LightWindows(d, ShiftDirection::kAdvance, 3);
  ASSERT_EQ(i.seek.size(), 1u);
  EXPECT_DOUBLE_EQ(i.seek[0].first, 12.0);
  EXPECT_DOUBLE_EQ(i.seek[0].second, 13.5);
}

TEST(PlanPolicyTest, AdvancingPillBeforeDlmoButNotAfterBedtime) {
  // CBTmin 04:30 -> DLMO 21:42 this evening; 5 h before is 16:42.
  auto p = AdvancingPillTime(Day(4.5), 5.0, false);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(*p, 4.5 + 24.2 - 7 - 5, 1e-9);
  // Six hours east: DLMO 03:42; 5 h before = 22:42 fits before bed.
  p = AdvancingPillTime(Day(10.5), 5.0, false);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(*p, 22.7, 1e-9);
  // 4 h before = 23:42 is after bedtime: capped at bedtime - 15 min.
  p = AdvancingPillTime(Day(10.5), 4.0, false);
  ASSERT_TRUE(p.has_value());
  EXPECT_DOUBLE_EQ(*p, 22.75);
  // Asked to allow pills in sleep, the model's best time is kept.
  p = AdvancingPillTime(Day(10.5), 3.0, true);
  ASSERT_TRUE(p.has_value());
  EXPECT_NEAR(*p, 10.5 + 24.2 - 7 - 3, 1e-9);
}

TEST(PlanPolicyTest, DelayingPillOnlyBeforeADaySleep) {
  DayContext night_worker = Day(4.5);
  night_worker.wake_h = 15;
  night_worker.bed_h = 30.5;  // 06:30 after a night shift
  auto p = DelayingPillTime(night_worker);
  ASSERT_TRUE(p.has_value());
  EXPECT_DOUBLE_EQ(*p, 30.0);
  EXPECT_FALSE(DelayingPillTime(Day(4.5)).has_value());  // 22:30 is too near DLMO
}

TEST(PlanPolicyTest, SubtractSplitsSpans) {
  const auto parts = Subtract({0, 10}, {{2, 3}, {5, 12}});
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0], (Span{0, 2}));
  EXPECT_EQ(parts[1], (Span{3, 5}));
}

}  // namespace
}  // namespace pineal::circadian
