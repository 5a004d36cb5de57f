// Human-readable output of a simulation: a small log-scale terminal plot
// (typical individual, population band, endogenous range) and the metrics.
#pragma once

#include <string>

#include "pineal/pk/render_common.h"
#include "pineal/pk/simulate.h"

namespace pineal::pk {

std::string RenderText(const SimulationResult& r, const RenderOptions& options);

}  // namespace pineal::pk
