#include "pineal/circadian/light_csv.h"

#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "pineal/core/text.h"

namespace pineal::circadian {
namespace {

Status LineError(int line, const std::string& what) {
  return Status::InvalidArgument("light CSV line " + std::to_string(line) + ": " + what,
                                 "light_csv[" + std::to_string(line) + "]");
}

}  // namespace

Result<LightSchedule> ParseLuxCsv(std::string_view text, Instant origin,
                                  const LuxCsvOptions& options) {
  std::vector<LightStep> steps;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = TrimBlanks(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    const size_t comma = line.find(',');
    if (comma == std::string_view::npos) {
      return LineError(line_no, "expected 'time,lux', got '" + std::string(line) + "'");
    }
    const std::string_view time_text = TrimBlanks(line.substr(0, comma));
    const std::string_view lux_text = TrimBlanks(line.substr(comma + 1));
    if (steps.empty() && line_no == 1 && (time_text == "time" || time_text == "timestamp")) {
      continue;  // header
    }
    auto instant = ParseInstant(time_text);
    if (!instant.ok()) return LineError(line_no, instant.status().message());
    double lux = 0;
    const auto [end, ec] = std::from_chars(lux_text.data(), lux_text.data() + lux_text.size(), lux);
    if (ec != std::errc() || end != lux_text.data() + lux_text.size() || !std::isfinite(lux) ||
        lux < 0) {
      return LineError(line_no, "lux must be a number >= 0, got '" + std::string(lux_text) + "'");
    }
    const double t_h = std::chrono::duration<double, std::ratio<3600>>(*instant - origin).count();
    if (!steps.empty()) {
      if (t_h <= steps.back().start_h) return LineError(line_no, "times must increase");
      if (t_h - steps.back().start_h > options.max_gap_h) {
        return LineError(line_no, "gap of " + std::to_string(t_h - steps.back().start_h) +
                                      " h since the previous sample exceeds the allowed " +
                                      std::to_string(options.max_gap_h) + " h");
      }
    }
    steps.push_back({t_h, lux});
  }
  if (steps.empty()) return Status::InvalidArgument("light CSV has no samples", "light_csv");
  steps.push_back({steps.back().start_h + options.last_sample_h, options.after_lux});
  return LightSchedule::Make(std::move(steps));
}

}  // namespace pineal::circadian
