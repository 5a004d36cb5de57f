#include "pineal/core/time.h"

#include <date/tz.h>

#include <cctype>
#include <cstdio>

namespace pineal {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

// Reads exactly `width` digits at text[pos].
bool ReadDigits(std::string_view text, size_t pos, size_t width, int* out) {
  if (pos + width > text.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
    v = v * 10 + (text[i] - '0');
  }
  *out = v;
  return true;
}

Result<LocalDate> ParseDatePrefix(std::string_view text, std::string_view what) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || !ReadDigits(text, 0, 4, &y) || text[4] != '-' ||
      !ReadDigits(text, 5, 2, &m) || text[7] != '-' || !ReadDigits(text, 8, 2, &d)) {
    return Status::InvalidArgument(
        std::string("'") + std::string(text) + "' is not a valid " + std::string(what) +
        "; expected " +
        (what == "date" ? "YYYY-MM-DD" : "YYYY-MM-DDTHH:MM[:SS]Z or an offset such as +01:00"));
  }
  LocalDate date{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                 std::chrono::day(static_cast<unsigned>(d))};
  if (!date.ok() || y < 1800 || y > 2200) {
    return Status::InvalidArgument("'" + std::string(text.substr(0, 10)) +
                                   "' is not a calendar date between 1800 and 2200");
  }
  return date;
}

}  // namespace

Result<Instant> ParseInstant(std::string_view text) {
  const std::string hint =
      "expected an ISO 8601 time with a zone, e.g. 2026-11-22T07:30:00Z or "
      "2026-11-22T08:30:00+01:00";
  auto bad = [&]() {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a valid time; " + hint);
  };
  PINEAL_ASSIGN_OR_RETURN(LocalDate date, ParseDatePrefix(text, "time"));
  if (text.size() < 16 || (text[10] != 'T' && text[10] != ' ')) return bad();
  int hh = 0, mm = 0, ss = 0;
  if (!ReadDigits(text, 11, 2, &hh) || text[13] != ':' || !ReadDigits(text, 14, 2, &mm)) {
    return bad();
  }
  size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!ReadDigits(text, pos + 1, 2, &ss)) return bad();
    pos += 3;
    // Fractions of a second are accepted and dropped.
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      size_t start = pos;
      while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) ++pos;
      if (pos == start) return bad();
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad();
  int offset_minutes = 0;
  if (pos >= text.size()) {
    return Status::InvalidArgument("'" + std::string(text) + "' has no time zone offset; " + hint);
  }
  if (text[pos] == 'Z' || text[pos] == 'z') {
    ++pos;
  } else if (text[pos] == '+' || text[pos] == '-') {
    int oh = 0, om = 0;
    if (!ReadDigits(text, pos + 1, 2, &oh) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !ReadDigits(text, pos + 4, 2, &om) || oh > 18 || om > 59) {
      return bad();
    }
    offset_minutes = (oh * 60 + om) * (text[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != text.size()) return bad();
  auto local = std::chrono::sys_days(date) + hours(hh) + minutes(mm) + seconds(ss);
  return Instant(local - minutes(offset_minutes));
}

namespace {

// `value`'s last `width` decimal digits at `out`.
void PutDigits(char* out, unsigned value, int width) {
  for (int i = width - 1; i >= 0; --i) {
    out[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
}

}  // namespace

std::string FormatInstant(Instant t) {
  auto day = std::chrono::floor<days>(t);
  LocalDate d(day);
  std::chrono::hh_mm_ss hms(t - day);
  const int year = static_cast<int>(d.year());
  const auto h = static_cast<unsigned>(hms.hours().count());
  const auto m = static_cast<unsigned>(hms.minutes().count());
  const auto s = static_cast<unsigned>(hms.seconds().count());
  if (year < 0 || year > 9999) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02u:%02u:%02uZ", year,
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()), h, m, s);
    return buf;
  }
  // Written digit by digit: every record in every answer carries instants,
  // and printf's format parsing cost more than the rest of the encoding.
  std::string out = "0000-00-00T00:00:00Z";
  PutDigits(&out[0], static_cast<unsigned>(year), 4);
  PutDigits(&out[5], static_cast<unsigned>(d.month()), 2);
  PutDigits(&out[8], static_cast<unsigned>(d.day()), 2);
  PutDigits(&out[11], h, 2);
  PutDigits(&out[14], m, 2);
  PutDigits(&out[17], s, 2);
  return out;
}

Result<LocalDate> ParseDate(std::string_view text) {
  if (text.size() != 10) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a valid date; expected YYYY-MM-DD");
  }
  return ParseDatePrefix(text, "date");
}

std::string FormatDate(LocalDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
  return buf;
}

Result<TimeOfDay> ParseTimeOfDay(std::string_view text) {
  int hh = 0, mm = 0;
  if (text.size() != 5 || !ReadDigits(text, 0, 2, &hh) || text[2] != ':' ||
      !ReadDigits(text, 3, 2, &mm) || hh > 23 || mm > 59) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a clock time; expected HH:MM from 00:00 to 23:59");
  }
  return TimeOfDay{hh * 60 + mm};
}

std::string FormatTimeOfDay(TimeOfDay t) {
  char buf[16];  // room for any int, so an out-of-range value cannot truncate
  std::snprintf(buf, sizeof buf, "%02d:%02d", t.minutes / 60, t.minutes % 60);
  return buf;
}

Status ValidateTimeZone(std::string_view name) {
  if (name.empty()) {
    return Status::InvalidArgument(
        "time zone is empty; expected an IANA name such as Europe/Paris");
  }
  try {
    (void)date::locate_zone(name);
  } catch (const std::exception&) {
    return Status::InvalidArgument("'" + std::string(name) +
                                   "' is not a known IANA time zone; expected a name such as "
                                   "Europe/Paris or America/New_York");
  }
  return Status::Ok();
}

int AgeInYears(LocalDate birth, LocalDate on) {
  int years = static_cast<int>(on.year()) - static_cast<int>(birth.year());
  if (std::chrono::month_day(on.month(), on.day()) <
      std::chrono::month_day(birth.month(), birth.day())) {
    --years;
  }
  return years;
}

LocalDate DateOf(Instant t) { return LocalDate(std::chrono::floor<days>(t)); }

Result<LocalDateTime> ToLocal(Instant t, std::string_view zone) {
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(zone));
  const date::time_zone* tz = date::locate_zone(zone);
  auto local = tz->to_local(t);
  auto day = date::floor<date::days>(local);
  auto since = std::chrono::duration_cast<minutes>(local - day);
  LocalDate d(std::chrono::sys_days(day.time_since_epoch()));
  return LocalDateTime{d, TimeOfDay{static_cast<int>(since.count())}};
}

Result<Instant> FromLocal(LocalDate d, TimeOfDay time, std::string_view zone) {
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(zone));
  const date::time_zone* tz = date::locate_zone(zone);
  date::local_seconds local{std::chrono::sys_days(d).time_since_epoch() + minutes(time.minutes)};
  auto info = tz->get_info(local);
  switch (info.result) {
    case date::local_info::unique: return Instant(local.time_since_epoch() - info.first.offset);
    case date::local_info::ambiguous: return Instant(local.time_since_epoch() - info.first.offset);
    case date::local_info::nonexistent:
      // In the gap: keep the pre-transition offset, which lands after the jump.
      return Instant(local.time_since_epoch() - info.first.offset);
  }
  return Status::Internal("unreachable time zone state");
}

}  // namespace pineal
