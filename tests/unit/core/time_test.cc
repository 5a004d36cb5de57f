#include "pineal/core/time.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace pineal {
namespace {

using ::testing::HasSubstr;
using namespace std::chrono_literals;

// Expected instants are built with <chrono> calendar types, independently of
// the parser. Daylight-saving instants were checked against Python's zoneinfo
// (an independent reader of the same IANA data): the EU changes on the last
// Sunday of March/October at 01:00 UTC, the US on the second Sunday of March
// and the first Sunday of November at 02:00 local time.
Instant Utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return std::chrono::sys_days(std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d)) +
         std::chrono::hours(hh) + std::chrono::minutes(mm) + std::chrono::seconds(ss);
}

LocalDate Date(int y, unsigned m, unsigned d) {
  return std::chrono::year(y) / std::chrono::month(m) / std::chrono::day(d);
}

TimeOfDay At(int hh, int mm) { return TimeOfDay{hh * 60 + mm}; }

void ExpectInstant(std::string_view text, Instant expected) {
  SCOPED_TRACE(std::string(text));
  const Result<Instant> t = ParseInstant(text);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  EXPECT_EQ(FormatInstant(*t), FormatInstant(expected));
  EXPECT_EQ(t->time_since_epoch().count(), expected.time_since_epoch().count());
}

TEST(ParseInstantTest, UtcAndOffsets) {
  const Instant expected = Utc(2026, 11, 22, 7, 30);
  ExpectInstant("2026-11-22T07:30:00Z", expected);
  ExpectInstant("2026-11-22T07:30Z", expected);
  ExpectInstant("2026-11-22T07:30:00z", expected);
  ExpectInstant("2026-11-22 07:30:00Z", expected);
  ExpectInstant("2026-11-22T08:30:00+01:00", expected);
  ExpectInstant("2026-11-22T02:30:00-05:00", expected);
  ExpectInstant("2026-11-22T13:00:00+05:30", expected);
  ExpectInstant("2026-11-22T07:30:00+00:00", expected);
  ExpectInstant("2026-11-22T07:30:00.999Z", expected);  // fractions are dropped
  // An offset that crosses midnight changes the UTC date.
  ExpectInstant("2026-11-23T00:30:00+17:00", expected);
}

TEST(ParseInstantTest, KnownEpochSeconds) {
  // date -u -d 2026-11-22T07:30:00Z +%s
  EXPECT_EQ(ParseInstant("2026-11-22T07:30:00Z")->time_since_epoch().count(), 1795332600);
  EXPECT_EQ(ParseInstant("1970-01-01T00:00:00Z")->time_since_epoch().count(), 0);
  EXPECT_EQ(ParseInstant("1969-12-31T23:59:59Z")->time_since_epoch().count(), -1);
}

TEST(ParseInstantTest, RejectsATimeWithoutOffset) {
  const Result<Instant> t = ParseInstant("2026-11-22T07:30:00");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(t.status().message(), HasSubstr("no time zone offset"));
  EXPECT_THAT(t.status().message(), HasSubstr("2026-11-22T07:30:00Z"));  // the hint
}

TEST(ParseInstantTest, RejectsImpossibleDatesAndTimes) {
  EXPECT_THAT(ParseInstant("2026-02-30T10:00:00Z").status().message(),
              HasSubstr("'2026-02-30' is not a calendar date"));
  EXPECT_THAT(ParseInstant("2026-02-29T10:00:00Z").status().message(),
              HasSubstr("not a calendar date"));
  EXPECT_THAT(ParseInstant("2026-13-01T10:00:00Z").status().message(),
              HasSubstr("not a calendar date"));
  EXPECT_THAT(ParseInstant("2026-11-22T25:00:00Z").status().message(),
              HasSubstr("is not a valid time"));
  EXPECT_FALSE(ParseInstant("2026-11-22T24:00:00Z").ok());
  EXPECT_FALSE(ParseInstant("2026-11-22T07:60:00Z").ok());
  EXPECT_FALSE(ParseInstant("2026-11-22T07:30:60Z").ok());
  EXPECT_FALSE(ParseInstant("1799-12-31T00:00:00Z").ok());
}

TEST(ParseInstantTest, RejectsMalformedText) {
  for (std::string_view bad :
       {"", "2026-11-22", "2026-11-22T", "2026-11-22T7:30Z", "2026-11-22T07:30:00+0100",
        "2026-11-22T07:30:00+01", "2026-11-22T07:30:00+19:00", "2026-11-22T07:30:00Zjunk",
        "2026-11-22T07:30:00.Z", "2026/11/22T07:30:00Z", "22-11-2026T07:30:00Z",
        "2026-11-22X07:30:00Z"}) {
    SCOPED_TRACE(std::string(bad));
    const Result<Instant> t = ParseInstant(bad);
    ASSERT_FALSE(t.ok());
    EXPECT_EQ(t.status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(FormatInstantTest, AlwaysUtcWithSeconds) {
  EXPECT_EQ(FormatInstant(Utc(2026, 3, 29, 1, 0)), "2026-03-29T01:00:00Z");
  EXPECT_EQ(FormatInstant(Utc(1969, 12, 31, 23, 59, 59)), "1969-12-31T23:59:59Z");
  EXPECT_EQ(FormatInstant(*ParseInstant("2026-11-22T08:30:00+01:00")), "2026-11-22T07:30:00Z");
  // The four-digit years at both ends, and years beyond them in full.
  EXPECT_EQ(FormatInstant(Utc(1, 1, 1, 0, 0)), "0001-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(Utc(9999, 12, 31, 23, 59, 59)), "9999-12-31T23:59:59Z");
  EXPECT_EQ(FormatInstant(Utc(10000, 1, 1, 0, 0)), "10000-01-01T00:00:00Z");
  EXPECT_EQ(FormatInstant(Utc(-1, 12, 31, 12, 0)), "-001-12-31T12:00:00Z");
}

TEST(ParseDateTest, RealCalendarDatesOnly) {
  EXPECT_EQ(*ParseDate("2026-11-22"), Date(2026, 11, 22));
  EXPECT_EQ(*ParseDate("2028-02-29"), Date(2028, 2, 29));  // leap year
  EXPECT_EQ(*ParseDate("2000-02-29"), Date(2000, 2, 29));  // divisible by 400
  EXPECT_FALSE(ParseDate("1900-02-29").ok());              // divisible by 100 only
  EXPECT_FALSE(ParseDate("2026-02-29").ok());
  EXPECT_THAT(ParseDate("2026-02-30").status().message(), HasSubstr("not a calendar date"));
  EXPECT_FALSE(ParseDate("2026-04-31").ok());
  EXPECT_FALSE(ParseDate("2026-00-10").ok());
  EXPECT_THAT(ParseDate("2026-1-5").status().message(), HasSubstr("expected YYYY-MM-DD"));
  EXPECT_FALSE(ParseDate("2026-01-05 ").ok());
  EXPECT_FALSE(ParseDate("").ok());
  EXPECT_EQ(FormatDate(Date(2026, 3, 8)), "2026-03-08");
}

TEST(TimeOfDayTest, ParseAndFormat) {
  EXPECT_EQ(ParseTimeOfDay("22:00")->minutes, 22 * 60);
  EXPECT_EQ(ParseTimeOfDay("00:00")->minutes, 0);
  EXPECT_EQ(ParseTimeOfDay("23:59")->minutes, 23 * 60 + 59);
  EXPECT_EQ(ParseTimeOfDay("07:05")->minutes, 7 * 60 + 5);
  for (std::string_view bad : {"24:00", "7:05", "07:5", "07:60", "0705", "", "07:05 "}) {
    SCOPED_TRACE(std::string(bad));
    const Result<TimeOfDay> t = ParseTimeOfDay(bad);
    ASSERT_FALSE(t.ok());
    EXPECT_THAT(t.status().message(), HasSubstr("expected HH:MM from 00:00 to 23:59"));
  }
  EXPECT_EQ(FormatTimeOfDay(At(22, 0)), "22:00");
  EXPECT_EQ(FormatTimeOfDay(At(7, 5)), "07:05");
}

TEST(TimeZoneTest, ValidatesIanaNames) {
  EXPECT_TRUE(ValidateTimeZone("Europe/Paris").ok());
  EXPECT_TRUE(ValidateTimeZone("America/New_York").ok());
  EXPECT_TRUE(ValidateTimeZone("UTC").ok());
  EXPECT_THAT(ValidateTimeZone("Mars/Olympus_Mons").message(),
              HasSubstr("not a known IANA time zone"));
  EXPECT_THAT(ValidateTimeZone("").message(), HasSubstr("time zone is empty"));
  EXPECT_FALSE(ToLocal(Utc(2026, 1, 1, 0, 0), "Nowhere/Land").ok());
  EXPECT_FALSE(FromLocal(Date(2026, 1, 1), At(0, 0), "Nowhere/Land").ok());
}

TEST(FromLocalTest, ParisEveningDoseAcrossSpringForward) {
  // 22:00 every day: CET (+01:00) before 2026-03-29, CEST (+02:00) after.
  EXPECT_EQ(*FromLocal(Date(2026, 3, 28), At(22, 0), "Europe/Paris"), Utc(2026, 3, 28, 21, 0));
  EXPECT_EQ(*FromLocal(Date(2026, 3, 29), At(22, 0), "Europe/Paris"), Utc(2026, 3, 29, 20, 0));
}

TEST(FromLocalTest, ParisSpringForwardGapMovesForward) {
  // 02:30 does not exist on 2026-03-29 (02:00 -> 03:00): it becomes 03:30 CEST.
  const Instant t = *FromLocal(Date(2026, 3, 29), At(2, 30), "Europe/Paris");
  EXPECT_EQ(t, Utc(2026, 3, 29, 1, 30));
  const LocalDateTime local = *ToLocal(t, "Europe/Paris");
  EXPECT_EQ(local.date, Date(2026, 3, 29));
  EXPECT_EQ(local.time, At(3, 30));
}

TEST(FromLocalTest, ParisFallBackOverlapTakesTheEarlierInstant) {
  // 02:30 happens twice on 2026-10-25: first in CEST (00:30Z), then CET (01:30Z).
  EXPECT_EQ(*FromLocal(Date(2026, 10, 25), At(2, 30), "Europe/Paris"), Utc(2026, 10, 25, 0, 30));
  EXPECT_EQ(*FromLocal(Date(2026, 10, 24), At(22, 0), "Europe/Paris"), Utc(2026, 10, 24, 20, 0));
  EXPECT_EQ(*FromLocal(Date(2026, 10, 25), At(22, 0), "Europe/Paris"), Utc(2026, 10, 25, 21, 0));
}

TEST(FromLocalTest, NewYorkAcrossSpringForward) {
  // EST (-05:00) until 2026-03-08 02:00, then EDT (-04:00).
  EXPECT_EQ(*FromLocal(Date(2026, 3, 7), At(22, 0), "America/New_York"), Utc(2026, 3, 8, 3, 0));
  EXPECT_EQ(*FromLocal(Date(2026, 3, 8), At(22, 0), "America/New_York"), Utc(2026, 3, 9, 2, 0));
  // 02:30 does not exist: it becomes 03:30 EDT.
  EXPECT_EQ(*FromLocal(Date(2026, 3, 8), At(2, 30), "America/New_York"), Utc(2026, 3, 8, 7, 30));
}

TEST(FromLocalTest, NewYorkFallBackOverlapTakesTheEarlierInstant) {
  // 01:30 happens twice on 2026-11-01: EDT (05:30Z), then EST (06:30Z).
  EXPECT_EQ(*FromLocal(Date(2026, 11, 1), At(1, 30), "America/New_York"), Utc(2026, 11, 1, 5, 30));
}

TEST(ToLocalTest, AroundTransitionsAndMidnight) {
  auto local = [](Instant t, std::string_view zone) {
    const LocalDateTime l = *ToLocal(t, zone);
    return FormatDate(l.date) + " " + FormatTimeOfDay(l.time);
  };
  EXPECT_EQ(local(Utc(2026, 3, 29, 0, 59), "Europe/Paris"), "2026-03-29 01:59");
  EXPECT_EQ(local(Utc(2026, 3, 29, 1, 0), "Europe/Paris"), "2026-03-29 03:00");
  EXPECT_EQ(local(Utc(2026, 10, 25, 0, 30), "Europe/Paris"), "2026-10-25 02:30");
  EXPECT_EQ(local(Utc(2026, 10, 25, 1, 30), "Europe/Paris"), "2026-10-25 02:30");
  EXPECT_EQ(local(Utc(2026, 11, 22, 23, 30), "Europe/Paris"), "2026-11-23 00:30");
  EXPECT_EQ(local(Utc(2026, 11, 22, 3, 0), "America/New_York"), "2026-11-21 22:00");
  EXPECT_EQ(local(Utc(2026, 3, 8, 6, 59), "America/New_York"), "2026-03-08 01:59");
  EXPECT_EQ(local(Utc(2026, 3, 8, 7, 0), "America/New_York"), "2026-03-08 03:00");
  // Seconds are dropped, not rounded.
  EXPECT_EQ(local(Utc(2026, 11, 22, 7, 30, 59), "UTC"), "2026-11-22 07:30");
}

TEST(ToLocalTest, RoundTripsThroughFromLocalOnOrdinaryDays) {
  for (int minute = 0; minute < 24 * 60; minute += 17) {
    const Instant t = Utc(2026, 7, 14, 0, 0) + std::chrono::minutes(minute);
    for (std::string_view zone : {"Europe/Paris", "America/New_York", "Asia/Kolkata"}) {
      const LocalDateTime l = *ToLocal(t, zone);
      EXPECT_EQ(*FromLocal(l.date, l.time, zone), t) << zone << " " << minute;
    }
  }
}

TEST(AgeInYearsTest, AroundBirthdays) {
  const LocalDate birth = Date(2000, 6, 15);
  EXPECT_EQ(AgeInYears(birth, Date(2026, 6, 14)), 25);
  EXPECT_EQ(AgeInYears(birth, Date(2026, 6, 15)), 26);
  EXPECT_EQ(AgeInYears(birth, Date(2026, 6, 16)), 26);
  EXPECT_EQ(AgeInYears(birth, Date(2026, 1, 1)), 25);
  EXPECT_EQ(AgeInYears(birth, Date(2026, 12, 31)), 26);
  EXPECT_EQ(AgeInYears(birth, birth), 0);
  EXPECT_EQ(AgeInYears(birth, Date(2001, 6, 14)), 0);
  EXPECT_EQ(AgeInYears(birth, Date(2001, 6, 15)), 1);
}

TEST(AgeInYearsTest, LeapDayBirthdayCountsFromMarchFirstInCommonYears) {
  const LocalDate birth = Date(2004, 2, 29);
  EXPECT_EQ(AgeInYears(birth, Date(2026, 2, 28)), 21);
  EXPECT_EQ(AgeInYears(birth, Date(2026, 3, 1)), 22);
  EXPECT_EQ(AgeInYears(birth, Date(2028, 2, 28)), 23);
  EXPECT_EQ(AgeInYears(birth, Date(2028, 2, 29)), 24);
}

TEST(DateOfTest, UtcDate) {
  EXPECT_EQ(DateOf(Utc(2026, 11, 22, 23, 59, 59)), Date(2026, 11, 22));
  EXPECT_EQ(DateOf(Utc(2026, 11, 23, 0, 0)), Date(2026, 11, 23));
  EXPECT_EQ(DateOf(Utc(1969, 12, 31, 23, 59, 59)), Date(1969, 12, 31));
}

}  // namespace
}  // namespace pineal
