// A self-contained SVG figure of a simulation: log-scale concentration over
// time with the population band (5th-95th and 25th-75th percentiles), median,
// typical individual, the endogenous range and the doses.
#pragma once

#include <string>

#include "pineal/pk/render_common.h"
#include "pineal/pk/simulate.h"

namespace pineal::pk {

std::string RenderSvg(const SimulationResult& r, const RenderOptions& options);

}  // namespace pineal::pk
