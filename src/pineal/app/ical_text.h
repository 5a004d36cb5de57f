// iCalendar (RFC 5545) text, pure: escaping, line folding and a small
// calendar of events, each line CRLF-terminated. Times are written in UTC
// ("...Z"), so a calendar shows them in its own zone and across DST changes
// without a VTIMEZONE; all-day events are dates.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/time.h"

namespace pineal::app::ical {

// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon and comma escaped
// with a backslash, a line break (CRLF, LF or CR) as "\n"; other control
// characters but tab are dropped, since TEXT may not hold them.
std::string EscapeText(std::string_view text);

// One content line (RFC 5545 §3.1): folded so that no line is longer than 75
// octets (a continuation starts with one space, which counts), never inside
// a UTF-8 sequence, and ended with CRLF.
std::string FoldLine(std::string_view content);

// 20270325T210000Z.
std::string UtcDateTime(Instant t);
// 20270325.
std::string DateValue(LocalDate d);

struct Event {
  std::string uid;  // stable across fetches, e.g. "dose-3-20270325T210000Z@pineal"
  // Either a start and end instant, or an all-day date.
  std::optional<Instant> start;
  std::optional<Instant> end;
  std::optional<LocalDate> date;
  std::string summary;
  std::string description;  // optional
  std::string
      alarm_trigger;  // a VALARM (ACTION:DISPLAY) with this TRIGGER, e.g. "PT0M"; none if empty
};

struct Calendar {
  std::string prodid;  // e.g. "-//pineal//calendar feed//EN"
  std::string name;    // X-WR-CALNAME
  Instant stamp{};     // DTSTAMP of every event: when the text was made
  std::vector<Event> events;
};

// The whole VCALENDAR: VERSION:2.0, CALSCALE:GREGORIAN, METHOD:PUBLISH.
std::string Format(const Calendar& calendar);

}  // namespace pineal::app::ical
