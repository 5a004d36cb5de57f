#include "pineal/pk/render_csv.h"

#include <fmt/format.h>

#include "pineal/pk/render_common.h"

namespace pineal::pk {

std::string RenderCsv(const SimulationResult& r) {
  const auto* bands = Bands(r);
  const std::string unit = r.display_unit;
  std::string out = fmt::format("time_h,clock,typical_{}", unit);
  if (bands) {
    for (const char* p : {"p5", "p25", "p50", "p75", "p95"}) out += fmt::format(",{}_{}", p, unit);
  }
  out += "\n";
  const double k = r.display_per_mg_per_l;
  for (std::size_t i = 0; i < r.grid.count; ++i) {
    out += fmt::format("{:.6g},{},{:.6g}", r.grid.TimeAt(i),
                       FormatClock(r.grid.TimeAt(i), r.start_clock_h, true),
                       r.typical_mg_per_l[i] * k);
    if (bands) {
      for (const auto& b : *bands) out += fmt::format(",{:.6g}", b[i] * k);
    }
    out += "\n";
  }
  return out;
}

}  // namespace pineal::pk
