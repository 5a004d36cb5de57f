// A plan for one substance. A regimen never changes in place: every change is
// a new version, and the old versions keep what they were.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/ids.h"
#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"

namespace pineal::records {

enum class RegimenStatus { kActive, kStopped };
enum class Frequency { kDaily, kEveryOtherDay, kWeekly, kAsNeeded };

// "Start low, go slow": from `after_days` after the version's start, take `dose`.
struct TitrationStep {
  int after_days = 0;
  Mass dose;
};

struct RegimenVersion {
  int version = 0;
  RegimenStatus status = RegimenStatus::kActive;
  std::string formulation;  // ir, pr, powder, extract, ...
  Mass dose;                // per administration
  std::vector<TimeOfDay> times_of_day;  // one per dose on a dosing day
  Frequency frequency = Frequency::kDaily;
  std::string indication;
  LocalDate start_date{};
  std::optional<LocalDate> end_date;
  std::vector<TitrationStep> titration;
  std::string reason;  // why this version was made
  Provenance provenance;
};

struct Regimen {
  RegimenId id;
  PatientId patient_id;
  std::string substance;
  std::vector<RegimenVersion> versions;  // oldest first; never empty

  const RegimenVersion& current() const { return versions.back(); }
};

Status ValidateRegimenVersion(const RegimenVersion& v);
Status ValidateSubstanceName(const std::string& substance);

}  // namespace pineal::records
