// The jet-lag planner on recognisable trips. What a sleep physician expects
// (Eastman & Burgess 2009; Revell 2006; Herxheimer & Petrie 2002): eastward,
// advance before departure (earlier sleep, morning light), melatonin in the
// evening at the destination within 0.5-5 mg for at most 5 days, morning
// light there; westward, delay with evening light and no melatonin. Also the
// person's constraints, the dose-safety band and bad input.
#include <gtest/gtest.h>

#include "pineal/circadian/jetlag_planner.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

using testing::LocalHours;
using testing::Trip;

const JetLagPlan& NewYorkParis() {
  static const JetLagPlan* plan = [] {
    JetLagRequest r = Trip("America/New_York", "Europe/Paris", "2026-12-01T18:00:00-05:00",
                           "2026-12-02T07:15:00+01:00");
    r.cross_check = testing::LoadModel("fjk1999");
    auto p = PlanJetLag(r);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return new JetLagPlan(p.ok() ? *p : JetLagPlan{});
  }();
  return *plan;
}

TEST(PlannerTest, NewYorkParisIsAnAdvanceOfSixHours) {
  const JetLagPlan& p = NewYorkParis();
  EXPECT_DOUBLE_EQ(p.zone_shift_h, 6.0);  // EST (UTC-5) to CET (UTC+1) in December
  EXPECT_EQ(p.strategy.direction, ShiftDirection::kAdvance);
}

TEST(PlannerTest, NewYorkParisAdvancesSleepBeforeDeparture) {
  const JetLagPlan& p = NewYorkParis();
  ASSERT_GT(p.strategy.pre_days, 0);
  bool earlier = false;
  for (const PlanDay& d : p.days) {
    if (d.day < 0 && d.sleep && !d.sleep_in_flight) {
      const double bed = LocalHours(d.sleep->start, d.zone);
      earlier = earlier || (bed < 23.0 && bed >= 20.0);
    }
  }
  EXPECT_TRUE(earlier);
}

TEST(PlannerTest, NewYorkParisMelatoninInTheEveningAtDestinationWithinTheBand) {
  const JetLagPlan& p = NewYorkParis();
  int doses = 0;
  bool evening_at_destination = false;
  for (const PlanDay& d : p.days) {
    if (!d.melatonin) continue;
    ++doses;
    EXPECT_GE(d.melatonin->dose_mg, 0.5);
    EXPECT_LE(d.melatonin->dose_mg, 5.0);
    const double h = LocalHours(d.melatonin->time, d.zone);
    if (d.day >= 0 && d.zone == "Europe/Paris") {
      evening_at_destination = evening_at_destination || (h >= 17.0 && h < 23.0);
    }
  }
  EXPECT_GE(doses, 1);
  EXPECT_LE(doses, 5);  // at most 5 days per course
  EXPECT_TRUE(evening_at_destination);
}

TEST(PlannerTest, NewYorkParisMorningLightAtDestination) {
  const JetLagPlan& p = NewYorkParis();
  int mornings = 0;
  for (const PlanDay& d : p.days) {
    if (d.day < 1) continue;
    for (const Interval& i : d.seek_light) mornings += LocalHours(i.start, d.zone) < 12.0;
    for (const Interval& i : d.seek_light) EXPECT_LT(LocalHours(i.start, d.zone), 14.0);
  }
  EXPECT_GE(mornings, 1);
}

TEST(PlannerTest, NewYorkParisPlanBeatsNoPlan) {
  const JetLagPlan& p = NewYorkParis();
  ASSERT_TRUE(p.days_to_reentrain_with_plan && p.days_to_reentrain_without_plan);
  EXPECT_LT(*p.days_to_reentrain_with_plan, *p.days_to_reentrain_without_plan);
  // Without a plan, 6 h east takes about 6 days (field rule, circadian.md §5.4).
  EXPECT_NEAR(*p.days_to_reentrain_without_plan, 6, 1.5);
  EXPECT_FALSE(p.cross_check_model_id.empty());
}

TEST(PlannerTest, ProposedSleepRespectsTheConstraints) {
  const JetLagPlan& p = NewYorkParis();
  for (const PlanDay& d : p.days) {
    if (!d.sleep || d.sleep_in_flight) continue;
    const double bed = LocalHours(d.sleep->start, d.zone);
    const double wake = LocalHours(d.sleep->end, d.zone);
    EXPECT_TRUE(bed >= 21.0 || bed < 12.0) << FormatDate(d.date);  // earliest 21:00
    EXPECT_LE(wake, 9.0) << FormatDate(d.date);                    // latest 09:00
  }
}

TEST(PlannerTest, ParisNewYorkDelaysWithEveningLightAndNoMelatonin) {
  auto p = PlanJetLag(Trip("Europe/Paris", "America/New_York", "2026-12-01T10:00:00+01:00",
                           "2026-12-01T12:30:00-05:00"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_DOUBLE_EQ(p->zone_shift_h, -6.0);
  EXPECT_EQ(p->strategy.direction, ShiftDirection::kDelay);
  EXPECT_EQ(p->strategy.dose_mg, 0.0);
  int evening = 0;
  for (const PlanDay& d : p->days) {
    EXPECT_FALSE(d.melatonin.has_value());
    if (d.day < 0) continue;
    for (const Interval& i : d.seek_light) evening += LocalHours(i.end, d.zone) >= 15.0;
  }
  EXPECT_GE(evening, 1);
  ASSERT_TRUE(p->days_to_reentrain_with_plan && p->days_to_reentrain_without_plan);
  EXPECT_LE(*p->days_to_reentrain_with_plan, *p->days_to_reentrain_without_plan);
}

TEST(PlannerTest, ZoneShiftFollowsDaylightSavingRules) {
  // EU clocks went back on 25 Oct 2026, US clocks on 1 Nov 2026: London to
  // New York is -4 h in between and -5 h after.
  auto before = PlanJetLag(Trip("Europe/London", "America/New_York", "2026-10-29T10:00:00Z",
                                "2026-10-29T13:00:00-04:00"));
  auto after = PlanJetLag(Trip("Europe/London", "America/New_York", "2026-11-05T10:00:00Z",
                               "2026-11-05T13:00:00-05:00"));
  ASSERT_TRUE(before.ok() && after.ok());
  EXPECT_DOUBLE_EQ(before->zone_shift_h, -4.0);
  EXPECT_DOUBLE_EQ(after->zone_shift_h, -5.0);
}

TEST(PlannerTest, DosesOutsideTheJetLagBandAreRejected) {
  JetLagRequest r = Trip("America/New_York", "Europe/Paris", "2026-12-01T18:00:00-05:00",
                         "2026-12-02T07:15:00+01:00");
  r.options.dose_options_mg = {3.0, 10.0};
  auto p = PlanJetLag(r);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("10 mg is outside the jet-lag band 0.5-5 mg"),
            std::string::npos);
  r.options.dose_options_mg = {0.5};
  r.options.max_melatonin_days = 7;
  p = PlanJetLag(r);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("1-5"), std::string::npos);
}

TEST(PlannerTest, BadTripsGetClearErrors) {
  auto p = PlanJetLag(Trip("America/New_York", "Europe/Paris", "2026-12-02T18:00:00-05:00",
                           "2026-12-02T07:15:00+01:00"));
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("arrival must be after departure"), std::string::npos);
  JetLagRequest r = Trip("America/New_York", "Mars/Olympus", "2026-12-01T18:00:00-05:00",
                         "2026-12-02T07:15:00+01:00");
  EXPECT_FALSE(PlanJetLag(r).ok());
  r = Trip("America/New_York", "Europe/Paris", "2026-12-01T18:00:00-05:00",
           "2026-12-02T07:15:00+01:00");
  r.model = testing::LoadModel("fjk1999");  // no melatonin layer
  p = PlanJetLag(r);
  ASSERT_FALSE(p.ok());
  EXPECT_NE(p.status().message().find("no melatonin input"), std::string::npos);
  r.options.allow_melatonin = false;
  EXPECT_TRUE(PlanJetLag(r).ok());
}

TEST(PlannerTest, TwoThreadsGiveTheSamePlan) {
  JetLagRequest r = Trip("America/Los_Angeles", "Europe/London", "2026-12-01T16:00:00-08:00",
                         "2026-12-02T10:30:00+00:00");
  r.max_pre_days = 1;
  r.days_after_arrival = 6;
  auto one = PlanJetLag(r);
  r.threads = 2;
  auto two = PlanJetLag(r);
  ASSERT_TRUE(one.ok() && two.ok());
  EXPECT_EQ(one->candidates_evaluated, two->candidates_evaluated);
  EXPECT_EQ(one->strategy.pre_days, two->strategy.pre_days);
  EXPECT_EQ(one->strategy.dose_mg, two->strategy.dose_mg);
  EXPECT_EQ(one->strategy.dose_before_dlmo_h, two->strategy.dose_before_dlmo_h);
  EXPECT_EQ(one->strategy.bright_light_h, two->strategy.bright_light_h);
  ASSERT_EQ(one->days.size(), two->days.size());
  for (size_t i = 0; i < one->days.size(); ++i) {
    EXPECT_EQ(one->days[i].with_plan.error_h, two->days[i].with_plan.error_h);
  }
}

TEST(PlannerTest, NoTimeZoneChangeNeedsNoPlan) {
  auto p = PlanJetLag(Trip("Europe/Paris", "Europe/Berlin", "2026-12-01T10:00:00+01:00",
                           "2026-12-01T11:30:00+01:00"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  for (const PlanDay& d : p->days) {
    EXPECT_TRUE(d.seek_light.empty() && d.avoid_light.empty() && !d.melatonin);
  }
  EXPECT_EQ(p->days_to_reentrain_with_plan, 0);
}

}  // namespace
}  // namespace pineal::circadian
