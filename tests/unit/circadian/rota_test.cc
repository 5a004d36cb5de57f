// The shift-rota planner: rota parsing and its errors; sleep placed after
// night shifts (end + commute), melatonin only before day sleep or in the
// evening and never inside a proposed sleep; the plan is never worse than no
// plan on the misalignment count it optimises.
#include <gtest/gtest.h>

#include "pineal/circadian/rota_planner.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

using testing::LocalHours;

constexpr const char* kRota =
    "date,shift\n"
    "2026-12-01,09:00-17:00\n"
    "2026-12-02,off\n"
    "2026-12-03,22:00-06:00\n"
    "2026-12-04,22:00-06:00\n"
    "2026-12-05,22:00-06:00\n"
    "2026-12-06,off\n"
    "2026-12-07,off\n"
    "2026-12-08,07:00-15:00\n";

const RotaPlan& NightRotaPlan() {
  static const RotaPlan* plan = [] {
    RotaRequest r;
    r.zone = "Europe/London";
    r.shifts = *ParseRotaCsv(kRota);
    r.model = testing::LoadModel("stowe2025");
    r.options.limits = testing::Limits();
    auto p = PlanRota(r);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return new RotaPlan(p.ok() ? *p : RotaPlan{});
  }();
  return *plan;
}

TEST(RotaTest, ParsesDaysOffAndShifts) {
  auto s = ParseRotaCsv(kRota);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->size(), 8u);
  EXPECT_FALSE((*s)[1].start.has_value());
  EXPECT_EQ((*s)[2].start->minutes, 22 * 60);
  EXPECT_EQ((*s)[2].end->minutes, 6 * 60);
}

TEST(RotaTest, ParseErrorsNameTheLine) {
  auto r = ParseRotaCsv("2026-12-01,09:00-17:00\n2026-12-03,off\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2: dates must be consecutive"), std::string::npos);
  r = ParseRotaCsv("2026-12-01,nights\n");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 1: shift must be"), std::string::npos);
  EXPECT_FALSE(ParseRotaCsv("2026-02-30,off\n").ok());
  EXPECT_FALSE(ParseRotaCsv("").ok());
}

TEST(RotaTest, SleepFollowsNightShiftsAfterTheCommute) {
  const RotaPlan& p = NightRotaPlan();
  ASSERT_EQ(p.days.size(), 8u);
  for (int i : {2, 3, 4}) {  // 22:00-06:00 shifts, commute 0.5 h
    ASSERT_TRUE(p.days[i].sleep.has_value());
    EXPECT_DOUBLE_EQ(LocalHours(p.days[i].sleep->start, p.zone), 6.5);
  }
  // Before the 07:00 shift on the 8th: up by 06:00.
  ASSERT_TRUE(p.days[6].sleep.has_value());
  EXPECT_LE(LocalHours(p.days[6].sleep->end, p.zone), 6.0);
}

TEST(RotaTest, MelatoninNeverInsideAProposedSleep) {
  for (const PlanDay& d : NightRotaPlan().days) {
    if (!d.melatonin) continue;
    EXPECT_GE(d.melatonin->dose_mg, 0.5);
    EXPECT_LE(d.melatonin->dose_mg, 5.0);
    for (const PlanDay& e : NightRotaPlan().days) {
      if (e.sleep) {
        EXPECT_FALSE(d.melatonin->time > e.sleep->start && d.melatonin->time < e.sleep->end);
      }
    }
  }
}

TEST(RotaTest, PlanIsNoWorseThanNoPlan) {
  EXPECT_LE(NightRotaPlan().misaligned_days_with_plan,
            NightRotaPlan().misaligned_days_without_plan);
  EXPECT_GT(NightRotaPlan().misaligned_days_without_plan, 0);  // night shifts do misalign
}

TEST(RotaTest, EarlyMorningShiftStartsAreRejectedWithAHint) {
  RotaRequest r;
  r.zone = "Europe/London";
  r.shifts = *ParseRotaCsv("2026-12-01,02:00-10:00\n");
  r.model = testing::LoadModel("stowe2025");
  r.options.limits = testing::Limits();
  auto p = PlanRota(r);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("list it on the previous date"), std::string::npos);
}

}  // namespace
}  // namespace pineal::circadian
