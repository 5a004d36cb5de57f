// A circadian plan made for a patient, as stored: the request and the
// planner's answer as the API documents them (JSON text the store does not
// read), so what the patient was given can be shown again unchanged, and the
// screening of its melatonin with the overrides a clinician gave.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pineal/core/ids.h"
#include "pineal/records/provenance.h"
#include "pineal/records/regimen.h"

namespace pineal::store {

struct CircadianPlanRecord {
  std::int64_t id = 0;
  PatientId patient_id;
  std::string kind;  // "jetlag" or "shift"
  std::string title;
  std::string request_json;
  std::string plan_json;
  std::vector<records::RecordedFinding> findings;
  std::vector<records::RecordedOverride> overrides;
  records::Provenance provenance;
};

}  // namespace pineal::store
