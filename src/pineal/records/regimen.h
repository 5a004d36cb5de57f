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

// kPending: a hard stop (a contraindicated finding) was overridden and waits
// for a second clinician's co-signature; nothing is scheduled until then.
enum class RegimenStatus { kActive, kStopped, kPending };
enum class Frequency { kDaily, kEveryOtherDay, kWeekly, kAsNeeded };

// "Start low, go slow": from `after_days` after the version's start, take `dose`.
struct TitrationStep {
  int after_days = 0;
  Mass dose;
};

// A screening finding as recorded with the version it was raised for.
struct RecordedFinding {
  std::string rule_id;
  std::string key;  // identifies the finding for overrides
  std::string kind;
  std::string severity;  // contraindicated, major, moderate, minor, info
  bool blocking = false;
  std::string title, message, mechanism, action;
  std::vector<std::string> refs;
};

// A clinician's documented decision to go ahead despite a blocking finding.
struct RecordedOverride {
  std::string finding_key;
  std::string rule_id;
  std::string reason;
  std::string decided_by;
  Instant decided_at{};
};

// A second clinician's signature on another's override of a hard stop,
// optionally under a research protocol or a consent record.
struct RecordedCosignature {
  std::string finding_key;
  std::string reason;
  std::string protocol;  // e.g. a protocol or consent record id; may be empty
  std::string signed_by;
  Instant signed_at{};
};

struct RegimenVersion {
  int version = 0;
  RegimenStatus status = RegimenStatus::kActive;
  std::string formulation;              // ir, pr, powder, extract, ...
  Mass dose;                            // per administration
  std::vector<TimeOfDay> times_of_day;  // one per dose on a dosing day
  Frequency frequency = Frequency::kDaily;
  std::string indication;
  LocalDate start_date{};
  std::optional<LocalDate> end_date;
  std::vector<TitrationStep> titration;
  // For products of variable strength (kratom): assayed mg of the active
  // alkaloid per g of product, when known.
  std::optional<double> content_mg_per_g;
  std::string reason;  // why this version was made
  Provenance provenance;
  // Filled in when the version is made; never changed afterwards.
  std::vector<RecordedFinding> findings;
  std::vector<RecordedOverride> overrides;
  std::vector<RecordedCosignature> cosignatures;
};

struct Regimen {
  RegimenId id;
  PatientId patient_id;
  std::string substance;
  std::vector<RegimenVersion> versions;  // oldest first; never empty

  const RegimenVersion& current() const { return versions.back(); }
};

// Planned administrations per day, on average over the dosing pattern: the
// times of a dosing day (at least one) times the share of days that are
// dosing days. As needed counts as if every listed time were used.
double AverageDosesPerDay(const RegimenVersion& v);

Status ValidateRegimenVersion(const RegimenVersion& v);
Status ValidateSubstanceName(const std::string& substance);

}  // namespace pineal::records
