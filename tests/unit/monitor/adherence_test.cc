// Adherence against hand-computed examples: on-time, late, skipped, missed and
// extra doses; amounts above the plan; DST days; every-other-day, weekly and
// titrated regimens; version changes; corrections; ISO weeks.
#include "pineal/monitor/adherence.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "adherence_test_support.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders
using records::DoseStatus;
using records::Frequency;

kb::AdherenceSettings Settings() {
  kb::AdherenceSettings s;
  s.on_time_tolerance_min = 60;
  s.match_window_min = 360;
  s.threshold_percent = 80;
  return s;
}

AdherenceReport Compute(const std::vector<records::Regimen>& regimens,
                        const std::vector<records::DoseEvent>& events, const char* zone,
                        const char* from, const char* to) {
  auto r = ComputeAdherence(regimens, events, zone, At(from), At(to), Settings());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : AdherenceReport{};
}

// Berlin in January is UTC+1: 22:00 local is 21:00Z.
TEST(Adherence, WeekOfNightlyDosesCountsEachOutcome) {
  const auto reg = MakeRegimen(7, "melatonin", {Version(1, "2026-01-01", Mg(3), {Clock(22)})});
  const std::vector<records::DoseEvent> events = {
      Taken(1, 7, "2026-01-05T21:10:00Z"),    // 10 min after: on time
      Taken(2, 7, "2026-01-06T22:30:00Z"),    // 90 min after: late
      Skipped(3, 7, "2026-01-07T21:00:00Z"),  // skipped
      /* 2026-01-08: nothing logged -> missed */
      Taken(4, 7, "2026-01-09T21:00:00Z", Mg(5)),  // above the planned 3 mg
      Taken(5, 7, "2026-01-10T20:00:00Z", Mg(3)),  // an hour early: on time
      Taken(6, 7, "2026-01-11T21:00:00Z"),         // on time
      WithStatus(Taken(7, 7, "2026-01-11T22:00:00Z"), DoseStatus::kExtra),  // logged extra
      Taken(8, 7, "2026-01-11T12:00:00Z"),  // 9 h from the nearest planned dose: extra
  };
  const auto r =
      Compute({reg}, events, "Europe/Berlin", "2026-01-04T23:00:00Z", "2026-01-11T23:00:00Z");
  EXPECT_EQ(r.total.planned, 7);
  EXPECT_EQ(r.total.taken, 5);
  EXPECT_EQ(r.total.taken_late, 1);
  EXPECT_EQ(r.total.skipped, 1);
  EXPECT_EQ(r.total.missed, 1);
  EXPECT_EQ(r.total.extra, 2);
  EXPECT_EQ(r.total.above_planned, 1);
  ASSERT_TRUE(r.total.percent_taken().has_value());
  EXPECT_NEAR(*r.total.percent_taken(), 500.0 / 7.0, 1e-9);  // 71.43 %

  ASSERT_EQ(r.days.size(), 7u);
  EXPECT_EQ(r.days[0].date, Day("2026-01-05"));
  EXPECT_EQ(r.days[3].counts.missed, 1);  // 2026-01-08
  EXPECT_EQ(r.days[6].counts.planned, 1);
  EXPECT_EQ(r.days[6].counts.extra, 2);  // 2026-01-11 (local)
  // 2026-01-05 is a Monday: the whole period is ISO week 2 of 2026.
  ASSERT_EQ(r.weeks.size(), 1u);
  EXPECT_EQ(r.weeks[0].iso_year, 2026);
  EXPECT_EQ(r.weeks[0].iso_week, 2);
  EXPECT_EQ(r.weeks[0].counts, r.total);
  ASSERT_EQ(r.regimens.size(), 1u);
  EXPECT_EQ(r.regimens[0].counts, r.total);
  ASSERT_EQ(r.doses.size(), 7u);
  EXPECT_EQ(r.doses[1].outcome, DoseOutcome::kTakenLate);
  EXPECT_EQ(r.doses[1].event_id, DoseEventId(2));
  EXPECT_EQ(r.doses[3].outcome, DoseOutcome::kMissed);
  EXPECT_EQ(r.extra_events.size(), 2u);
}

// Spring forward in Berlin on Sunday 2026-03-29: 02:00 CET -> 03:00 CEST.
TEST(Adherence, SpringForwardDayUsesSummerTimeAndMovesGapTimes) {
  const auto reg =
      MakeRegimen(1, "melatonin", {Version(1, "2026-03-01", Mg(1), {Clock(2, 30), Clock(22)})});
  auto plan =
      PlannedDoses(reg, "Europe/Berlin", At("2026-03-27T23:00:00Z"), At("2026-03-29T22:00:00Z"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->size(), 4u);
  EXPECT_EQ((*plan)[0].at, At("2026-03-28T01:30:00Z"));  // 02:30 CET
  EXPECT_EQ((*plan)[1].at, At("2026-03-28T21:00:00Z"));  // 22:00 CET
  EXPECT_EQ((*plan)[2].at, At("2026-03-29T01:30:00Z"));  // 02:30 is in the gap: 03:30 CEST
  EXPECT_EQ((*plan)[3].at, At("2026-03-29T20:00:00Z"));  // 22:00 CEST

  // 23:30 CEST is 90 min after 22:00 CEST: late. Read as CET it would be on time.
  const auto r = Compute({reg}, {Taken(1, 1, "2026-03-29T21:30:00Z")}, "Europe/Berlin",
                         "2026-03-29T12:00:00Z", "2026-03-29T22:00:00Z");
  EXPECT_EQ(r.total.planned, 1);
  EXPECT_EQ(r.total.taken_late, 1);
}

// Fall back in Berlin on Sunday 2026-10-25: 02:30 happens twice; the earlier wins.
TEST(Adherence, FallBackDayTakesTheEarlierOfTwoClockTimes) {
  const auto reg =
      MakeRegimen(1, "melatonin", {Version(1, "2026-10-01", Mg(1), {Clock(2, 30), Clock(22)})});
  auto plan =
      PlannedDoses(reg, "Europe/Berlin", At("2026-10-24T22:00:00Z"), At("2026-10-25T23:00:00Z"));
  ASSERT_TRUE(plan.ok());
  ASSERT_EQ(plan->size(), 2u);
  EXPECT_EQ((*plan)[0].at, At("2026-10-25T00:30:00Z"));  // 02:30 CEST
  EXPECT_EQ((*plan)[1].at, At("2026-10-25T21:00:00Z"));  // 22:00 CET
}

TEST(Adherence, EveryOtherDayCountsFromTheVersionStart) {
  const auto reg = MakeRegimen(
      1, "melatonin", {Version(1, "2026-03-02", Mg(1), {Clock(8)}, Frequency::kEveryOtherDay)});
  const auto r = Compute({reg}, {Taken(1, 1, "2026-03-04T08:05:00Z")}, "UTC",
                         "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z");
  // 2, 4, 6 and 8 March.
  ASSERT_EQ(r.doses.size(), 4u);
  EXPECT_EQ(r.doses[1].dose.date, Day("2026-03-04"));
  EXPECT_EQ(r.doses[3].dose.date, Day("2026-03-08"));
  EXPECT_EQ(r.total.taken, 1);
  EXPECT_EQ(r.total.missed, 3);
  EXPECT_NEAR(*r.total.percent_taken(), 25.0, 1e-12);
}

TEST(Adherence, WeeklyAndAsNeeded) {
  const auto weekly = MakeRegimen(
      1, "melatonin", {Version(1, "2026-03-02", Mg(1), {Clock(8)}, Frequency::kWeekly)});
  const auto prn =
      MakeRegimen(2, "kratom", {Version(1, "2026-03-02", G(2), {}, Frequency::kAsNeeded)});
  auto kratom_dose = Taken(5, 2, "2026-03-10T10:00:00Z", G(2));
  kratom_dose.substance = "kratom";
  const auto r =
      Compute({weekly, prn}, {kratom_dose}, "UTC", "2026-03-02T00:00:00Z", "2026-03-30T00:00:00Z");
  EXPECT_EQ(r.regimens[0].counts.planned, 4);  // 2, 9, 16, 23 March
  EXPECT_EQ(r.regimens[1].counts.planned, 0);  // as needed plans nothing
  EXPECT_EQ(r.regimens[1].counts.extra, 1);
  EXPECT_FALSE(r.regimens[1].counts.percent_taken().has_value());
}

TEST(Adherence, TitrationStepRaisesThePlannedDose) {
  auto v = Version(1, "2026-03-01", Mg(1), {Clock(22)});
  v.titration = {{3, Mg(2)}};  // from 4 March: 2 mg
  const auto reg = MakeRegimen(1, "melatonin", {v});
  const auto r = Compute({reg},
                         {Taken(1, 1, "2026-03-02T22:00:00Z", Mg(2)),   // planned 1 mg: above
                          Taken(2, 1, "2026-03-04T22:00:00Z", Mg(2))},  // planned 2 mg
                         "UTC", "2026-03-01T00:00:00Z", "2026-03-06T00:00:00Z");
  ASSERT_EQ(r.doses.size(), 5u);
  EXPECT_EQ(r.doses[2].dose.dose, Mg(1));  // 3 March
  EXPECT_EQ(r.doses[3].dose.dose, Mg(2));  // 4 March
  EXPECT_TRUE(r.doses[1].above_planned);
  EXPECT_FALSE(r.doses[3].above_planned);
  EXPECT_EQ(r.total.above_planned, 1);
}

TEST(Adherence, LaterVersionsReplaceEarlierOnesAndStoppingEndsThePlan) {
  auto v1 = Version(1, "2026-03-01", Mg(3), {Clock(22)});
  auto v2 = Version(2, "2026-03-04", Mg(3), {Clock(8)});
  auto v3 = v2;  // stopping copies the plan, as the app does
  v3.version = 3;
  v3.status = records::RegimenStatus::kStopped;
  v3.end_date = Day("2026-03-06");
  const auto reg = MakeRegimen(1, "melatonin", {v1, v2, v3});
  const auto r = Compute({reg}, {}, "UTC", "2026-03-01T00:00:00Z", "2026-03-10T00:00:00Z");
  ASSERT_EQ(r.doses.size(), 6u);
  EXPECT_EQ(r.doses[2].dose.at, At("2026-03-03T22:00:00Z"));
  EXPECT_EQ(r.doses[3].dose.at, At("2026-03-04T08:00:00Z"));
  EXPECT_EQ(r.doses[5].dose.at, At("2026-03-06T08:00:00Z"));  // end_date is the last day
  EXPECT_EQ(r.doses[5].dose.version, 3);
}

TEST(Adherence, CorrectionsReplaceTheEventsTheyCorrect) {
  const auto reg = MakeRegimen(1, "melatonin", {Version(1, "2026-03-01", Mg(3), {Clock(22)})});
  auto first = Taken(1, 1, "2026-03-01T22:00:00Z");
  auto fix = Skipped(2, 1, "2026-03-01T22:00:00Z");
  fix.corrects = DoseEventId(1);
  auto r = Compute({reg}, {first, fix}, "UTC", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
  EXPECT_EQ(r.total.taken, 0);
  EXPECT_EQ(r.total.skipped, 1);

  auto refix = Taken(3, 1, "2026-03-01T23:30:00Z");  // corrects the correction: late
  refix.corrects = DoseEventId(2);
  r = Compute({reg}, {first, fix, refix}, "UTC", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z");
  EXPECT_EQ(r.total.taken, 1);
  EXPECT_EQ(r.total.taken_late, 1);
  EXPECT_EQ(r.total.skipped, 0);
  EXPECT_EQ(r.doses[0].event_id, DoseEventId(3));
}

TEST(Adherence, EventsMatchByRegimenIdElseBySubstance) {
  const auto mel = MakeRegimen(1, "melatonin", {Version(1, "2026-03-01", Mg(3), {Clock(22)})});
  const auto other = MakeRegimen(2, "melatonin", {Version(1, "2026-03-01", Mg(3), {Clock(8)})});
  auto by_name = Taken(1, 0, "2026-03-01T22:00:00Z");
  by_name.substance = "Melatonin";  // no regimen id: first melatonin regimen in force
  auto kratom = Taken(2, 0, "2026-03-01T22:00:00Z");
  kratom.substance = "kratom";  // no kratom regimen: not counted
  auto for_other = Taken(3, 2, "2026-03-01T08:00:00Z");
  const auto r = Compute({mel, other}, {by_name, kratom, for_other}, "UTC", "2026-03-01T00:00:00Z",
                         "2026-03-02T00:00:00Z");
  EXPECT_EQ(r.regimens[0].counts.taken, 1);
  EXPECT_EQ(r.regimens[1].counts.taken, 1);
  EXPECT_EQ(r.total.extra, 0);
}

TEST(Adherence, UnknownZoneAndEmptyPeriodAreErrors) {
  const auto reg = MakeRegimen(1, "melatonin", {Version(1, "2026-03-01", Mg(3), {Clock(22)})});
  EXPECT_FALSE(ComputeAdherence({reg}, {}, "Mars/Olympus", At("2026-03-01T00:00:00Z"),
                                At("2026-03-02T00:00:00Z"), Settings())
                   .ok());
  EXPECT_FALSE(ComputeAdherence({reg}, {}, "UTC", At("2026-03-02T00:00:00Z"),
                                At("2026-03-02T00:00:00Z"), Settings())
                   .ok());
}

TEST(IsoWeek, KnownDates) {
  EXPECT_EQ(IsoWeek(Day("2026-01-01")), std::make_pair(2026, 1));   // Thursday
  EXPECT_EQ(IsoWeek(Day("2026-01-04")), std::make_pair(2026, 1));   // Sunday
  EXPECT_EQ(IsoWeek(Day("2026-01-05")), std::make_pair(2026, 2));   // Monday
  EXPECT_EQ(IsoWeek(Day("2024-12-30")), std::make_pair(2025, 1));   // Monday of 2025-W01
  EXPECT_EQ(IsoWeek(Day("2027-01-01")), std::make_pair(2026, 53));  // 2026 has 53 weeks
  EXPECT_EQ(IsoWeek(Day("2021-01-03")), std::make_pair(2020, 53));
}

// Logging one more taken dose never lowers the percent of planned doses taken.
RC_GTEST_PROP(AdherenceProperty, AddingATakenDoseNeverLowersPercentTaken, ()) {
  const auto reg =
      MakeRegimen(1, "melatonin", {Version(1, "2026-03-01", Mg(3), {Clock(8), Clock(20)})});
  const Instant from = At("2026-03-01T00:00:00Z");
  const Instant to = At("2026-03-08T00:00:00Z");
  const auto offsets = *rc::gen::container<std::vector<int>>(rc::gen::inRange(0, 7 * 24 * 60));
  const auto skipped =
      *rc::gen::container<std::vector<bool>>(offsets.size(), rc::gen::arbitrary<bool>());
  std::vector<records::DoseEvent> events;
  for (std::size_t i = 0; i < offsets.size(); ++i) {
    records::DoseEvent e;
    e.id = DoseEventId(static_cast<std::int64_t>(i) + 1);
    e.regimen_id = RegimenId(1);
    e.substance = "melatonin";
    const Instant t = from + std::chrono::minutes(offsets[i]);
    if (skipped[i]) {
      e.status = DoseStatus::kSkipped;
      e.planned_at = t;
    } else {
      e.taken_at = t;
    }
    events.push_back(e);
  }
  auto before = ComputeAdherence({reg}, events, "UTC", from, to, Settings());
  RC_ASSERT(before.ok());
  records::DoseEvent added;
  added.id = DoseEventId(100000);
  added.regimen_id = RegimenId(1);
  added.substance = "melatonin";
  added.taken_at = from + std::chrono::minutes(*rc::gen::inRange(0, 7 * 24 * 60));
  events.push_back(added);
  auto after = ComputeAdherence({reg}, events, "UTC", from, to, Settings());
  RC_ASSERT(after.ok());
  RC_ASSERT(after->total.planned == before->total.planned);
  RC_ASSERT(after->total.taken >= before->total.taken);
}

// "2026-10-DDTHH:MM:00Z", kept alive for the builders.
const char* Utc(int day, int hour, int minute) {
  static std::vector<std::string> keep;
  char buf[32];
  std::snprintf(buf, sizeof buf, "2026-10-%02dT%02d:%02d:00Z", day, hour, minute);
  keep.emplace_back(buf);
  return keep.back().c_str();
}

// A month of nightly 22:00 doses in Berlin across the end of summer time
// (Sunday 2026-10-25, 03:00 CEST -> 02:00 CET): 22:00 is 20:00Z up to the
// 24th and 21:00Z from the 25th. Scripted: taken at 22:05 local every night
// except the 3rd (nothing logged: missed), the 10th (skipped) and the 17th
// (23:45: late); worked out by hand: 31 planned, 29 taken, 1 late, 1 missed,
// 1 skipped, 29/31 = 93.55 %.
TEST(Adherence, AMonthAcrossTheEndOfSummerTime) {
  const auto reg = MakeRegimen(3, "melatonin", {Version(1, "2026-10-01", Mg(2), {Clock(22)})});
  std::vector<records::DoseEvent> events;
  for (int day = 1; day <= 31; ++day) {
    const int utc_hour = day < 25 ? 20 : 21;  // CEST (UTC+2), then CET (UTC+1)
    if (day == 3) continue;
    if (day == 10) {
      events.push_back(Skipped(100 + day, 3, Utc(day, utc_hour, 0)));
    } else if (day == 17) {
      events.push_back(Taken(100 + day, 3, Utc(day, utc_hour + 1, 45), Mg(2)));
    } else {
      events.push_back(Taken(100 + day, 3, Utc(day, utc_hour, 5), Mg(2)));
    }
  }
  // 2026-10-01 00:00 CEST to 2026-11-01 00:00 CET.
  const auto r =
      Compute({reg}, events, "Europe/Berlin", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z");
  EXPECT_EQ(r.total.planned, 31);
  EXPECT_EQ(r.total.taken, 29);
  EXPECT_EQ(r.total.taken_late, 1);
  EXPECT_EQ(r.total.missed, 1);
  EXPECT_EQ(r.total.skipped, 1);
  EXPECT_EQ(r.total.extra, 0);
  EXPECT_NEAR(*r.total.percent_taken(), 2900.0 / 31.0, 1e-9);
  ASSERT_EQ(r.days.size(), 31u);
  // The 25th has 25 hours; its dose at 22:05 CET (21:05Z) is on time.
  EXPECT_EQ(r.days[24].date, Day("2026-10-25"));
  EXPECT_EQ(r.days[24].counts.taken, 1);
  EXPECT_EQ(r.days[24].counts.taken_late, 0);
  EXPECT_EQ(r.days[16].counts.taken_late, 1);  // the 17th
  // ISO weeks: 2026-10-01 is a Thursday of week 40 (4 days), weeks 41-43
  // are whole, week 44 has 26-31 October (6 days).
  ASSERT_EQ(r.weeks.size(), 5u);
  EXPECT_EQ(r.weeks[0].iso_week, 40);
  EXPECT_EQ(r.weeks[0].counts.planned, 4);
  EXPECT_EQ(r.weeks[0].counts.missed, 1);
  EXPECT_EQ(r.weeks[1].counts.skipped, 1);
  EXPECT_EQ(r.weeks[2].counts.taken_late, 1);
  EXPECT_EQ(r.weeks[3].counts.planned, 7);
  EXPECT_EQ(r.weeks[3].counts.taken, 7);
  EXPECT_EQ(r.weeks[4].iso_week, 44);
  EXPECT_EQ(r.weeks[4].counts.planned, 6);
}

}  // namespace
}  // namespace pineal::monitor
