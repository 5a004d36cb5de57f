// Use cases: a PK simulation of a regimen as written, for nobody in
// particular or for one patient (their covariates from the record).
#include <fmt/format.h>

#include "pineal/app/patient_covariates.h"
#include "pineal/app/screening.h"
#include "pineal/app/modelling.h"

namespace pineal::app {

Result<pk::SimulationResult> Modelling::Simulate(const Actor& actor, const SimulationSpec& spec,
                                                 std::string* title) {
  (void)actor;  // any signed-in user; the HTTP layer has authenticated them
  if (knowledge_.pk == nullptr) {
    return Status::Unavailable("the PK models of the knowledge base are not loaded");
  }
  if (auto dose = Mass::Parse(spec.dose); dose.ok() && knowledge_.safety != nullptr) {
    PINEAL_RETURN_IF_ERROR(
        CheckPlausibleDose(*knowledge_.safety, spec.substance, *dose, spec.field_prefix + "dose"));
  }
  PINEAL_ASSIGN_OR_RETURN(pk::SimulationRequest request, BuildSimulationRequest(spec, title));
  return pk::Simulate(*knowledge_.pk, request);
}

// Today's covariates: the medicines current today, the age reached today.
Result<pk::PatientCovariates> Modelling::LoadCovariates(const records::Patient& p) {
  PINEAL_ASSIGN_OR_RETURN(auto medications, store_.ListMedications(p.id));
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime local_now, ToLocal(clock_.Now(), p.time_zone));
  return CovariatesOf(p, medications, knowledge_.safety, local_now.date);
}

Result<pk::PatientCovariates> Modelling::PatientCovariates(const Actor& actor, PatientId patient) {
  auto result = [&]() -> Result<pk::PatientCovariates> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
    return LoadCovariates(p);
  }();
  WithholdIfUnaudited(result, RecordAudit(actor, "covariates.view", patient, result.status()));
  return result;
}

Result<pk::SimulationResult> Modelling::SimulateForPatient(const Actor& actor, PatientId patient,
                                                           SimulationSpec spec,
                                                           std::string* title) {
  auto result = [&]() -> Result<pk::SimulationResult> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
    PINEAL_ASSIGN_OR_RETURN(spec.patient, LoadCovariates(p));
    PINEAL_ASSIGN_OR_RETURN(pk::SimulationResult out, Simulate(actor, spec, title));
    if (title != nullptr) *title = fmt::format("{}: {}", p.display_name, *title);
    return out;
  }();
  WithholdIfUnaudited(
      result, RecordAudit(actor, "simulation.view", patient, result.status(), spec.substance));
  return result;
}

}  // namespace pineal::app
