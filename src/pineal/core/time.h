// Instants, calendar dates, clock times and IANA zones, parsed strictly.
// Instants are UTC; a patient's zone turns them into local clock times.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "pineal/core/result.h"

namespace pineal {

using Instant = std::chrono::sys_seconds;
using LocalDate = std::chrono::year_month_day;

// One minute of the day, 00:00 to 23:59.
struct TimeOfDay {
  int minutes = 0;  // since midnight
  auto operator<=>(const TimeOfDay&) const = default;
};

// "2026-11-22T07:30:00Z", "2026-11-22T08:30:00+01:00", "2026-11-22T07:30Z".
// A time without an offset is rejected: it would be ambiguous.
Result<Instant> ParseInstant(std::string_view text);
std::string FormatInstant(Instant t);  // always "YYYY-MM-DDTHH:MM:SSZ"

// "2026-11-22"; a real calendar date.
Result<LocalDate> ParseDate(std::string_view text);
std::string FormatDate(LocalDate d);

// "22:00" or "07:05".
Result<TimeOfDay> ParseTimeOfDay(std::string_view text);
std::string FormatTimeOfDay(TimeOfDay t);

// Checks that `name` is an IANA zone known to the system tz database.
Status ValidateTimeZone(std::string_view name);

// Whole years between `birth` and `on` (age on a date).
int AgeInYears(LocalDate birth, LocalDate on);

// The UTC date of an instant.
LocalDate DateOf(Instant t);

// The local date and clock time of an instant in an IANA zone.
struct LocalDateTime {
  LocalDate date;
  TimeOfDay time;
};
Result<LocalDateTime> ToLocal(Instant t, std::string_view zone);
// The instant of a local clock time in a zone. In a gap (spring forward) the
// clock time is moved forward by the gap; in an overlap the earlier instant wins.
Result<Instant> FromLocal(LocalDate date, TimeOfDay time, std::string_view zone);

}  // namespace pineal
