#include "pineal/pk/render_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace pineal::pk {

std::string FormatNumber(double v) {
  if (!std::isfinite(v)) return "n/a";
  if (v == 0) return "0";
  const double a = std::fabs(v);
  const int digits = static_cast<int>(std::floor(std::log10(a)));
  const int decimals = std::max(0, 2 - digits);
  const double rounded = std::round(v / std::pow(10.0, digits - 2)) * std::pow(10.0, digits - 2);
  std::string s = fmt::format("{:.{}f}", rounded, decimals);
  // Thousands separators in the integer part.
  const auto dot = s.find('.');
  const std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  const std::size_t int_begin = s[0] == '-' ? 1 : 0;
  std::string out = s.substr(0, int_begin);
  for (std::size_t i = int_begin; i < int_end; ++i) {
    if (i > int_begin && (int_end - i) % 3 == 0) out.push_back(',');
    out.push_back(s[i]);
  }
  out.append(s, int_end, std::string::npos);
  return out;
}

std::string FormatTick(double v) {
  std::string s = FormatNumber(v);
  if (s.find('.') == std::string::npos) return s;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

std::string FormatConcentration(double mg_per_l, const SimulationResult& r) {
  return FormatNumber(mg_per_l * r.display_per_mg_per_l) + " " + r.display_unit;
}

std::string FormatClock(double t_h, double start_clock_h, bool with_day) {
  const double total = start_clock_h + t_h;
  const auto minutes = static_cast<long long>(std::llround(total * 60.0));
  const long long day = minutes / (24 * 60);
  const long long in_day = minutes % (24 * 60);
  const std::string clock = fmt::format("{:02d}:{:02d}", in_day / 60, in_day % 60);
  return with_day ? fmt::format("day {} {}", day + 1, clock) : clock;
}

std::string FormatDuration(double h) {
  if (!std::isfinite(h)) return "n/a";
  if (h < 1.0) return fmt::format("{:.0f} min", h * 60.0);
  if (h < 72.0) return fmt::format("{:.1f} h", h);
  return fmt::format("{:.1f} d", h / 24.0);
}

const std::vector<std::vector<double>>* Bands(const SimulationResult& r) {
  if (!r.population || r.population->bands.size() != 5) return nullptr;
  return &r.population->bands;
}

LogRange PlotRange(const SimulationResult& r) {
  double hi = *std::max_element(r.typical_mg_per_l.begin(), r.typical_mg_per_l.end());
  if (const auto* b = Bands(r))
    hi = std::max(hi, *std::max_element((*b)[4].begin(), (*b)[4].end()));
  if (r.endogenous_peak_mg_per_l) hi = std::max(hi, *r.endogenous_peak_mg_per_l);
  hi = std::pow(10.0, std::ceil(std::log10(hi * 1.05)));
  // Down to four decades below the top, or less where even the 5th
  // percentile stays higher after the first hours.
  double lowest = hi;
  const auto* b = Bands(r);
  const std::vector<double>& low = b ? (*b)[0] : r.typical_mg_per_l;
  for (std::size_t i = 0; i < low.size(); ++i) {
    if (r.grid.TimeAt(i) >= r.metrics.peak_first_interval.time_h && low[i] > 0) {
      lowest = std::min(lowest, low[i]);
    }
  }
  double lo = std::max(hi * 1e-4, lowest / 2);
  if (r.endogenous_day_mg_per_l) lo = std::min(lo, *r.endogenous_day_mg_per_l / 3.0);
  lo = std::pow(10.0, std::floor(std::log10(lo)));
  return {lo, hi};
}

std::vector<std::string> NoteLines(const SimulationResult& r) {
  std::vector<std::string> lines;
  for (const auto& n : r.params.notes) {
    std::string refs;
    for (const auto& id : n.refs) refs += (refs.empty() ? " [" : ", ") + id;
    if (!refs.empty()) refs += "]";
    lines.push_back(fmt::format("{}: {}{}", NoteKindName(n.kind), n.message, refs));
  }
  return lines;
}

}  // namespace pineal::pk
