// Circadian plans and phase-response curves as JSON, both ways: request
// bodies into app specs, plans and curves into the documents the API and
// `pineal plan ... --format json` return.
#pragma once

#include <nlohmann/json.hpp>

#include "pineal/app/circadian_phase.h"
#include "pineal/app/circadian_plans.h"
#include "pineal/app/modelling.h"
#include "pineal/circadian/plan_types.h"
#include "pineal/core/result.h"

namespace pineal::codec {

nlohmann::json JetLagPlanJson(const circadian::JetLagPlan& plan);
nlohmann::json RotaPlanJson(const circadian::RotaPlan& plan);
// {"zone", "model", "days": [{"date", "dlmo", "cbtmin"}]}
nlohmann::json PhaseEstimateJson(const app::PhaseEstimate& estimate);
nlohmann::json PrcJson(const app::PrcResult& prc);

// {"from", "to", "depart", "arrive", "dlmo", "pre_days", "days", "cross_check",
//  + the common fields: "sleep", "earliest_bed", "latest_wake", "doses",
//  "melatonin_days", "no_melatonin", "no_light", "melatonin_in_sleep",
//  "indoor_lux", "bright_lux", "dim_lux", "model"}
// With `origin_required` false, "from" may be left out (empty).
Result<app::JetLagSpec> JetLagSpecFromJson(const nlohmann::json& body, bool origin_required = true);
// {"rota": "date,HH:MM-HH:MM\n...", "zone", "commute_h", + the common fields}
Result<app::ShiftSpec> ShiftSpecFromJson(const nlohmann::json& body, bool zone_required = true);

// POST /patients/{id}/plans/{kind} ("jetlag" or "shift"): the body of the
// stateless route with "from" (trip) or "zone" (rota) optional, plus an
// optional "title" and "overrides".
Result<app::PatientPlanRequest> PatientPlanRequestFromJson(const nlohmann::json& body,
                                                           std::string_view kind);
// The encoders SavePatientPlan stores plans with.
app::PlanEncoders PlanDocumentEncoders();

}  // namespace pineal::codec
