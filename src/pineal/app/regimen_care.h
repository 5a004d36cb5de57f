// Use cases, regimens and screening. A change never edits a version: it
// appends a new one built on `base_version` (409 if another change came
// first). Every new version is screened; a blocking finding (major or
// contraindicated) stops it unless `overrides` documents a clinician's reason
// for it. The screening is stored with the version and reported in `report`
// either way.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/app/regimen_change.h"
#include "pineal/app/regimen_writes.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

// A new regimen as the caller describes it; the version number, provenance
// and status are filled in by the use case.
struct RegimenDraft {
  std::string substance;
  records::RegimenVersion version;
};

class RegimenCare : public UseCaseBase {
 public:
  RegimenCare(store::Store& store, const Clock& clock, Knowledge knowledge, RegimenWrites& writes)
      : UseCaseBase(store, clock, knowledge), writes_(writes) {}

  Result<records::Regimen> CreateRegimen(const Actor& actor, PatientId patient, RegimenDraft draft,
                                         const std::vector<safety::Override>& overrides,
                                         ScreeningReport* report);
  Result<records::Regimen> ReviseRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                         int base_version, records::RegimenVersion draft,
                                         const std::vector<safety::Override>& overrides,
                                         ScreeningReport* report);
  // The same, from the fields a request changes: applied onto the current
  // version inside the transaction.
  Result<records::Regimen> ReviseRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                         int base_version, const RegimenVersionChange& change,
                                         const std::vector<safety::Override>& overrides,
                                         ScreeningReport* report);
  // A second clinician co-signs a version pending for an overridden hard
  // stop; `base_version` is that pending version.
  Result<records::Regimen> CosignRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                         int base_version, const Cosignature& sign,
                                         ScreeningReport* report);
  Result<records::Regimen> StopRegimen(const Actor& actor, PatientId patient, RegimenId id,
                                       int base_version, std::optional<LocalDate> end_date,
                                       std::string reason);
  Result<records::Regimen> GetRegimen(const Actor& actor, PatientId patient, RegimenId id);
  Result<std::vector<records::Regimen>> ListRegimens(const Actor& actor, PatientId patient);

  // Screens a regimen before it is proposed (nothing is stored). With
  // `replacing`, that regimen's current version is left out of the patient's list.
  Result<ScreeningReport> ScreenProposal(const Actor& actor, PatientId patient,
                                         const std::string& substance,
                                         const records::RegimenVersion& draft,
                                         std::optional<RegimenId> replacing);
  // Re-screens the patient's active regimens against today's record.
  Result<std::vector<safety::Finding>> ScreenCurrent(const Actor& actor, PatientId patient);
  // Screens a snapshot that is not in the store (the stateless API).
  Result<std::vector<safety::Finding>> ScreenSnapshot(
      const Actor& actor, const safety::PatientSnapshot& patient,
      const std::vector<safety::ProposedRegimen>& regimens);
  const kb::Catalog* catalog() const { return knowledge_.safety; }

 private:
  RegimenWrites& writes_;
};

}  // namespace pineal::app
