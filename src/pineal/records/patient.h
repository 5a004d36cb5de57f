// A patient as the clinic records them.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/ids.h"
#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"

namespace pineal::records {

enum class Sex { kFemale, kMale, kOther, kUnknown };
enum class PregnancyStatus { kNotPregnant, kPregnant, kUnknown, kNotApplicable };

struct WeightRecord {
  BodyWeight weight;
  LocalDate measured_on;
};

struct Patient {
  PatientId id;
  std::string display_name;  // a name or a pseudonym
  std::optional<LocalDate> birth_date;
  Sex sex = Sex::kUnknown;
  std::optional<WeightRecord> weight;  // the latest; history lives in the store
  PregnancyStatus pregnancy = PregnancyStatus::kUnknown;
  bool breastfeeding = false;
  std::vector<std::string> conditions;
  bool smoker = false;
  std::string time_zone = "UTC";  // IANA name; schedules are evaluated in it
  std::string notes;
  int version = 0;  // bumped on every update; guards against lost updates
  Provenance provenance;
  Instant updated_at{};
};

// Checks every field; the Status names the offending field.
Status ValidatePatient(const Patient& p);

}  // namespace pineal::records
