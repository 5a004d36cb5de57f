// JSON <-> safety types, shared by the API and the check/kb commands.
//
// Patient snapshot (all fields optional except where noted):
//   {"age_years": 45, "weight_kg": 70, "sex": "female|male|other|unknown",
//    "pregnant": false, "breastfeeding": false, "smoker": false,
//    "conditions": ["epilepsy", "liver disease"],
//    "medications": ["Luvox 50 mg",
//                    {"name": "kratom powder", "dose": "3 g", "frequency": "daily",
//                     "kind": "medicine|supplement|exposure|therapy"}],
//    "recent_doses": [{"substance": "melatonin", "amount": "3 mg",
//                      "taken_at": "2026-03-01T22:00:00Z"}],
//    "regimens": [<regimen>, ...],            (optional, same as --regimen)
//    "now": "2026-03-02T08:00:00Z"}           (optional screening time)
// Regimen (one object, or a list; "substance" and "dose" required):
//   {"substance": "melatonin", "formulation": "ir", "dose": "3 mg",
//    "doses_per_day": 1, "indication": "insomnia", "content_mg_per_g": 15,
//    "duration_days": 5, "label": "regimen 12"}
// Overrides: [{"finding_key": "<key or rule id>", "reason": "at least 10 characters"}]
// Errors are InvalidArgument with field() set to the JSON path ("medications[2].dose");
// unknown fields are errors too, so a misspelt key never reads as "no findings".
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/catalog.h"
#include "pineal/safety/finding.h"
#include "pineal/safety/overrides.h"
#include "pineal/safety/patient_snapshot.h"

namespace pineal::codec {

// Decoders: strict (unknown fields are errors naming their path).
Result<safety::ProposedRegimen> RegimenFromJson(const nlohmann::json& j,
                                                const std::string& path = "");
// One regimen object or a list of them.
Result<std::vector<safety::ProposedRegimen>> RegimensFromJson(const nlohmann::json& j,
                                                              const std::string& path = "regimens");
Result<safety::PatientSnapshot> PatientFromJson(const nlohmann::json& j);
Result<std::vector<safety::Override>> OverridesFromJson(const nlohmann::json& j);

// Encoders.
nlohmann::json ReferenceToJson(const kb::Reference& r);
nlohmann::json FindingToJson(const safety::Finding& f);
// {"top_severity", "blocking", "findings": [...], "references": {id: {...}}}
nlohmann::json ScreeningToJson(const std::vector<safety::Finding>& findings,
                               const kb::Catalog& catalog);
nlohmann::json OverrideEvaluationToJson(const safety::OverrideEvaluation& e);
// Everything the knowledge base says about one substance (for `pineal kb show`
// and GET /api/v1/kb/substances/{name}).
nlohmann::json SubstanceToJson(const kb::Catalog& catalog, kb::SubstanceIndex s);

}  // namespace pineal::codec
