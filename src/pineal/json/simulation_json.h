// PK simulations as JSON, both ways: request bodies (and `pineal simulate
// --patient FILE`) into app::SimulationSpec, results into the document that
// POST /api/v1/simulate, the patient prediction and `pineal simulate
// --format json` return.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "pineal/app/prediction.h"
#include "pineal/app/simulation_spec.h"
#include "pineal/core/result.h"
#include "pineal/pk/simulate.h"

namespace pineal::codec {

// Concentrations are in result.display_unit (named in "concentration_unit"),
// times in hours from the first dose, AUCs in that unit times hours.
nlohmann::json SimulationJson(const pk::SimulationResult& result, const std::string& title);
std::string RenderSimulationJson(const pk::SimulationResult& result, const std::string& title);

// {"age_years": 70, "sex": "female", "weight_kg": 60, "smoker": false,
//  "comedications": ["fluvoxamine"], "hepatic_impairment": false, "fed": false,
//  "wake_time": "07:00"}; `field` names the object in messages.
Status CovariatesFromJson(const nlohmann::json& object, const std::string& field,
                          pk::PatientCovariates* covariates, std::string* wake_time);

// The body of POST /api/v1/simulate: {"substance", "dose", "formulation",
// "content", "at", "every", "for", "missed": [3, 5], "patient": {...},
// "wake", "variant", "threshold", "subjects", "seed"}.
Result<app::SimulationSpec> SimulationSpecFromJson(const nlohmann::json& body);

// The simulation document plus the patient's clock: origin, now, planned doses.
nlohmann::json PredictionJson(const app::PatientPrediction& prediction);

}  // namespace pineal::codec
