#include <fmt/format.h>

#include <string>

#include "pineal/circadian/plan_format.h"

namespace pineal::circadian {
namespace {

// UTC date-time in iCalendar basic form: 20261201T180000Z.
std::string IcsTime(Instant t) {
  std::string iso = FormatInstant(t);  // 2026-12-01T18:00:00Z
  std::string out;
  for (char c : iso) {
    if (c != '-' && c != ':') out += c;
  }
  return out;
}

// RFC 5545 §3.1: content lines longer than 75 octets are folded with CRLF
// and a space. Never splits a UTF-8 sequence.
std::string Line(const std::string& content) {
  std::string out;
  size_t col = 0;
  for (size_t i = 0; i < content.size();) {
    const auto c = static_cast<unsigned char>(content[i]);
    const size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (col + len > 75) {
      out += "\r\n ";
      col = 1;
    }
    out += content.substr(i, len);
    col += len;
    i += len;
  }
  return out + "\r\n";
}

// TEXT values escape backslash, semicolon and comma (RFC 5545 §3.3.11).
std::string Text(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == ';' || c == ',') out += '\\';
    out += c;
  }
  return out;
}

void Event(std::string& out, const std::string& uid, Instant stamp, const Interval& when,
           const std::string& summary, const std::string& description) {
  out += "BEGIN:VEVENT\r\n";
  out += "UID:" + uid + "@pineal\r\n";
  out += "DTSTAMP:" + IcsTime(stamp) + "\r\n";
  out += "DTSTART:" + IcsTime(when.start) + "\r\n";
  out += "DTEND:" + IcsTime(when.end) + "\r\n";
  out += Line("SUMMARY:" + Text(summary));
  if (!description.empty()) out += Line("DESCRIPTION:" + Text(description));
  out += "END:VEVENT\r\n";
}

}  // namespace

std::string FormatJetLagIcs(const JetLagPlan& p, Instant stamp) {
  return FormatPlanIcs(p.days, p.origin_zone + " to " + p.destination_zone, stamp);
}

std::string FormatPlanIcs(const std::vector<PlanDay>& days, const std::string& trip,
                          Instant stamp) {
  std::string out =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//pineal//circadian plan//EN\r\n"
      "CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\n";
  for (const PlanDay& d : days) {
    const std::string base = fmt::format("plan-{}-{}", FormatDate(d.date), d.day + 100);
    if (d.sleep) {
      Event(out, base + "-sleep", stamp, *d.sleep, "Sleep (plan)", "Planned sleep window, " + trip);
    }
    for (size_t i = 0; i < d.seek_light.size(); ++i) {
      Event(out, fmt::format("{}-seek-{}", base, i), stamp, d.seek_light[i], "Seek bright light",
            "Outdoors or a light box (" + trip + ")");
    }
    for (size_t i = 0; i < d.avoid_light.size(); ++i) {
      Event(out, fmt::format("{}-avoid-{}", base, i), stamp, d.avoid_light[i], "Avoid bright light",
            "Stay in dim light or wear dark glasses (" + trip + ")");
    }
    if (d.melatonin) {
      const Interval at{d.melatonin->time, d.melatonin->time + std::chrono::minutes(15)};
      Event(out, base + "-melatonin", stamp, at,
            fmt::format("Melatonin {:g} mg", d.melatonin->dose_mg),
            "Immediate release, as planned with your clinician (" + trip + ")");
    }
  }
  out += "END:VCALENDAR\r\n";
  return out;
}

}  // namespace pineal::circadian
