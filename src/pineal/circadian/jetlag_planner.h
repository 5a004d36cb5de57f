// The jet-lag planner: for a trip, proposes per day the sleep window, when to
// seek and avoid bright light and (for eastward trips) when to take how much
// melatonin, within the person's constraints and the dose-safety limits, by
// searching candidate strategies with the model for the fewest predicted days
// to re-entrain; and shows the predicted phase each day with and without the
// plan. Pure: no I/O; http/ and cli/ call it.
#pragma once

#include "pineal/circadian/plan_types.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

Result<JetLagPlan> PlanJetLag(const JetLagRequest& request);

// The plan one given strategy makes for the trip, without a search (what-if
// views, and comparing strategies across trips).
Result<JetLagPlan> EvaluateJetLagStrategy(const JetLagRequest& request, const Strategy& strategy);

// Checks the melatonin options against the jet-lag limits (dose band, days
// per course) and the model; shared with the rota planner.
Status ValidatePlanOptions(const PlanOptions& options, const Model& model);

}  // namespace pineal::circadian
