// JSON output of `pineal simulate`: the metrics, notes and the curve.
#pragma once

#include <string>

#include "pineal/pk/simulate.h"

namespace pineal::cli {

// Concentrations are in result.display_unit (named in "concentration_unit"),
// times in hours from the first dose, AUCs in that unit times hours.
std::string RenderSimulationJson(const pk::SimulationResult& result, const std::string& title);

}  // namespace pineal::cli
