// The writes of regimen versions, shared by the regimen use cases and by an
// approved titration proposal (monitoring): every new version is screened
// against the patient's record, and a blocking finding stops it unless an
// override documents a clinician's reason. These run inside the caller's
// transaction: no authorisation, no audit of their own.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/app/screening.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

// What screening reads about a patient from the store.
struct ScreeningInputs {
  records::Patient patient;
  std::vector<records::MedicationEntry> medications;
  std::vector<records::Regimen> regimens;
  std::vector<records::DoseEvent> recent_doses;
};

// A second clinician's signature on a pending version's overridden hard stops.
struct Cosignature {
  std::string reason;
  std::string protocol;  // a research protocol or consent record; may be empty
};

class RegimenWrites : private UseCaseBase {
 public:
  RegimenWrites(store::Store& store, const Clock& clock, Knowledge knowledge)
      : UseCaseBase(store, clock, knowledge) {}

  Result<ScreeningInputs> LoadScreeningInputs(PatientId patient);
  // Screens `proposal` for `patient` and checks `overrides`; `excluding` is
  // left out of the patient's active regimens.
  Result<ScreeningReport> Screen(PatientId patient, const safety::ProposedRegimen& proposal,
                                 std::optional<RegimenId> excluding,
                                 const std::vector<safety::Override>& overrides);
  // Appends `draft` as the version after `base_version`, screened; returns the
  // regimen as stored.
  Result<records::Regimen> AppendRevision(const Actor& actor, PatientId patient,
                                          const records::Regimen& current, int base_version,
                                          records::RegimenVersion& draft,
                                          const std::vector<safety::Override>& overrides,
                                          ScreeningReport* report);
  // Appends a stopped version (stopping removes a risk: not screened).
  Result<records::Regimen> AppendStop(const Actor& actor, PatientId patient,
                                      const records::Regimen& current, int base_version,
                                      std::optional<LocalDate> end_date, std::string reason);
  // Appends the pending current version again, co-signed by `actor` (not the
  // clinician who overrode its hard stops) and screened again: active unless
  // screening now blocks.
  Result<records::Regimen> AppendCosigned(const Actor& actor, PatientId patient,
                                          const records::Regimen& current, int base_version,
                                          const Cosignature& sign, ScreeningReport* report);
  // Runs the screening of a new version, records it on the version, and
  // fails with FailedPrecondition when a blocking finding stands. The version
  // is pending when an overridden hard stop lacks its co-signature.
  Status ScreenVersion(const Actor& actor, PatientId patient, const std::string& substance,
                       std::optional<RegimenId> replacing, records::RegimenVersion& version,
                       const std::vector<safety::Override>& overrides, ScreeningReport* report);
};

}  // namespace pineal::app
