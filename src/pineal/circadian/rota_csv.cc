#include <string>

#include "pineal/circadian/rota_planner.h"
#include "pineal/core/text.h"

namespace pineal::circadian {
namespace {

Status LineError(int line, const std::string& what) {
  return Status::InvalidArgument("rota line " + std::to_string(line) + ": " + what,
                                 "rota[" + std::to_string(line) + "]");
}

}  // namespace

Result<std::vector<RotaShift>> ParseRotaCsv(std::string_view text) {
  std::vector<RotaShift> out;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    const std::string_view line = TrimBlanks(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      return LineError(line_no, "expected 'date,HH:MM-HH:MM' or 'date,off'");
    }
    const std::string_view date_text = TrimBlanks(line.substr(0, comma));
    const std::string_view shift = TrimBlanks(line.substr(comma + 1));
    if (out.empty() && date_text == "date") continue;  // header
    auto date = ParseDate(date_text);
    if (!date.ok()) return LineError(line_no, date.status().message());
    if (!out.empty() && std::chrono::sys_days(*date) !=
                            std::chrono::sys_days(out.back().date) + std::chrono::days(1)) {
      return LineError(line_no, "dates must be consecutive (one row per day)");
    }
    RotaShift s;
    s.date = *date;
    if (shift != "off") {
      const size_t dash = shift.find('-');
      if (dash == std::string_view::npos) {
        return LineError(line_no,
                         "shift must be 'HH:MM-HH:MM' or 'off', got '" + std::string(shift) + "'");
      }
      auto start = ParseTimeOfDay(TrimBlanks(shift.substr(0, dash)));
      auto end = ParseTimeOfDay(TrimBlanks(shift.substr(dash + 1)));
      if (!start.ok()) return LineError(line_no, start.status().message());
      if (!end.ok()) return LineError(line_no, end.status().message());
      if (*start == *end) return LineError(line_no, "a shift cannot start and end at once");
      s.start = *start;
      s.end = *end;
    }
    out.push_back(s);
  }
  if (out.empty()) return Status::InvalidArgument("the rota has no days", "rota");
  if (out.size() > 120) return Status::InvalidArgument("a rota may span at most 120 days", "rota");
  return out;
}

}  // namespace pineal::circadian
