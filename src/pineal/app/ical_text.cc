// iCalendar text (see ical_text.h).
#include "pineal/app/ical_text.h"

#include <chrono>

namespace pineal::app::ical {

std::string EscapeText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one break
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default:
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\t') || c == 0x7f) break;
        out += c;
    }
  }
  return out;
}

std::string FoldLine(std::string_view content) {
  std::string out;
  out.reserve(content.size() + content.size() / 74 * 3 + 2);
  size_t col = 0;
  for (size_t i = 0; i < content.size();) {
    const auto c = static_cast<unsigned char>(content[i]);
    size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > content.size()) len = content.size() - i;  // a cut sequence stays whole
    if (col + len > 75) {
      out += "\r\n ";
      col = 1;
    }
    out.append(content.substr(i, len));
    col += len;
    i += len;
  }
  out += "\r\n";
  return out;
}

std::string UtcDateTime(Instant t) {
  std::string out;
  for (char c : FormatInstant(t)) {  // 2027-03-25T21:00:00Z
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

std::string DateValue(LocalDate d) {
  std::string out;
  for (char c : FormatDate(d)) {
    if (c != '-') out += c;
  }
  return out;
}

namespace {

void Property(std::string& out, std::string_view name_and_params, std::string_view value) {
  std::string line(name_and_params);
  line += ':';
  line += value;
  out += FoldLine(line);
}

void WriteEvent(std::string& out, const Event& e, Instant stamp) {
  out += "BEGIN:VEVENT\r\n";
  Property(out, "UID", e.uid);
  Property(out, "DTSTAMP", UtcDateTime(stamp));
  if (e.date) {
    const LocalDate next{std::chrono::sys_days(*e.date) + std::chrono::days(1)};
    Property(out, "DTSTART;VALUE=DATE", DateValue(*e.date));
    Property(out, "DTEND;VALUE=DATE", DateValue(next));
  } else {
    if (e.start) Property(out, "DTSTART", UtcDateTime(*e.start));
    if (e.end) Property(out, "DTEND", UtcDateTime(*e.end));
  }
  Property(out, "SUMMARY", EscapeText(e.summary));
  if (!e.description.empty()) Property(out, "DESCRIPTION", EscapeText(e.description));
  if (!e.alarm_trigger.empty()) {
    out += "BEGIN:VALARM\r\n";
    out += "ACTION:DISPLAY\r\n";
    Property(out, "DESCRIPTION", EscapeText(e.summary));
    Property(out, "TRIGGER", e.alarm_trigger);
    out += "END:VALARM\r\n";
  }
  out += "END:VEVENT\r\n";
}

}  // namespace

std::string Format(const Calendar& calendar) {
  std::string out;
  out.reserve(256 + calendar.events.size() * 320);
  out += "BEGIN:VCALENDAR\r\n";
  out += "VERSION:2.0\r\n";
  Property(out, "PRODID", calendar.prodid);
  out += "CALSCALE:GREGORIAN\r\n";
  out += "METHOD:PUBLISH\r\n";
  Property(out, "X-WR-CALNAME", EscapeText(calendar.name));
  for (const Event& e : calendar.events) WriteEvent(out, e, calendar.stamp);
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace pineal::app::ical
