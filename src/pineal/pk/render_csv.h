// The curve as CSV: one row per grid point, in the display unit.
#pragma once

#include <string>

#include "pineal/pk/simulate.h"

namespace pineal::pk {

// Columns: time_h, clock, typical, then p5, p25, p50, p75, p95 with a population.
std::string RenderCsv(const SimulationResult& r);

}  // namespace pineal::pk
