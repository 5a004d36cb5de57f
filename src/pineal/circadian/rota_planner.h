// The shift-rota planner: from a work rota, the main sleep of each day
// (after a night shift: the morning after it; before an early shift: moved
// earlier; after a late shift: moved later), then, as for jet lag, the light
// windows and melatonin that keep the body clock closest to where each day's
// sleep needs it, searched with the model against the rota with no plan.
// Pure; ParseRotaCsv reads the rota text the interfaces load.
#pragma once

#include <string_view>
#include <vector>

#include "pineal/circadian/plan_types.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

// "date,shift" rows: "2026-12-01,22:00-06:00" or "2026-12-01,off"; optional
// header, '#' comments; dates consecutive.
Result<std::vector<RotaShift>> ParseRotaCsv(std::string_view text);

Result<RotaPlan> PlanRota(const RotaRequest& request);

}  // namespace pineal::circadian
