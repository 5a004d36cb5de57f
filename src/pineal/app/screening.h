// Screening a patient's regimens: what the engine is told about the patient
// (from the store) and about a regimen (from its version).
#pragma once

#include <vector>

#include "pineal/core/clock.h"
#include "pineal/kb/catalog.h"
#include "pineal/records/dose_event.h"
#include "pineal/records/medication.h"
#include "pineal/records/observation.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"
#include "pineal/safety/finding.h"
#include "pineal/safety/overrides.h"
#include "pineal/safety/patient_snapshot.h"

namespace pineal::app {

// The outcome of screening a proposed regimen change.
struct ScreeningReport {
  std::vector<safety::Finding> findings;
  safety::OverrideEvaluation evaluation;
  bool blocked() const { return !evaluation.ok(); }
  // OK; or the first bad override; or FailedPrecondition on "overrides" when
  // blocking findings stand without one.
  Status Verdict() const;
};

// A dose that cannot be meant (above the substance's plausible_dose in the
// knowledge base) is an input error on `field`, never a screening result.
// A substance the catalog does not know passes: screening reports it.
Status CheckPlausibleDose(const kb::Catalog& catalog, const std::string& substance,
                          const Mass& dose, const std::string& field);
// A vital sign outside the knowledge base's plausible range for its code, or
// in a unit with no range, is an input error on "value" or "unit" (codes the
// knowledge base has no range for pass).
Status CheckPlausibleObservation(const kb::Catalog& catalog, const records::Observation& o);
// The same for a regimen version: its dose and every titration step.
Status CheckPlausibleDoses(const kb::Catalog& catalog, const std::string& substance,
                           const records::RegimenVersion& version);

// The patient as the engine sees them on `today`: current medicines, the
// other active regimens (as things they take) and the last week's doses.
safety::PatientSnapshot SnapshotOf(const records::Patient& patient,
                                   const std::vector<records::MedicationEntry>& medications,
                                   const std::vector<records::Regimen>& other_regimens,
                                   const std::vector<records::DoseEvent>& recent_doses,
                                   LocalDate today);

// A regimen version as a proposal. Titration steps count: the version is
// screened at its highest planned dose.
safety::ProposedRegimen ProposalOf(const std::string& substance,
                                   const records::RegimenVersion& version);

// The audit detail of a version: the overrides it carries, with their reasons.
std::string OverrideDetail(const records::RegimenVersion& version);

// What is stored with a regimen version.
std::vector<records::RecordedFinding> RecordFindings(const std::vector<safety::Finding>& findings);

}  // namespace pineal::app

namespace pineal::app {

// `pineal check`: a snapshot and proposals screened against the catalog as of
// the clock's time, with no store and no account (the caller's own data). An
// implausible dose is an error on "<list_name>[i].dose", not a result.
Result<std::vector<safety::Finding>> ScreenStandalone(
    const kb::Catalog& catalog, const safety::PatientSnapshot& patient,
    const std::vector<safety::ProposedRegimen>& regimens, const Clock& clock,
    const std::string& list_name = "regimens");
// The doses of proposed regimens checked with CheckPlausibleDose.
Status CheckPlausibleProposals(const kb::Catalog& catalog,
                               const std::vector<safety::ProposedRegimen>& regimens,
                               const std::string& list_name);

}  // namespace pineal::app
