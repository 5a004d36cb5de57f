// Use cases, plans and simulation: pharmacokinetic simulations of a written
// regimen or of a patient's dose log, and the circadian plans (a trip, a
// shift rota) given to a patient.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "pineal/app/circadian_plans.h"
#include "pineal/app/prediction.h"
#include "pineal/app/regimen_writes.h"
#include "pineal/app/simulation_spec.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

// A circadian plan for a patient as a person asked for it. An empty origin
// (trip) or zone (rota) is the patient's own time zone.
struct PatientPlanRequest {
  std::variant<JetLagSpec, ShiftSpec> spec;
  std::string request_json;  // the request as given: kept to draw the plan again
  std::string title;         // empty: one is made from the request
  std::vector<safety::Override> overrides;
};

// How a plan becomes the document kept with it (the API's JSON); given by
// the caller, which owns the encoding.
struct PlanEncoders {
  std::function<std::string(const circadian::JetLagPlan&)> trip;
  std::function<std::string(const circadian::RotaPlan&)> rota;
};

class Modelling : public UseCaseBase {
 public:
  Modelling(store::Store& store, const Clock& clock, Knowledge knowledge, RegimenWrites& writes)
      : UseCaseBase(store, clock, knowledge), writes_(writes) {}

  // A simulation of a written regimen (any signed-in user); `title` receives
  // a description of it.
  Result<pk::SimulationResult> Simulate(const Actor& actor, const SimulationSpec& spec,
                                        std::string* title);
  // The same regimen as written, for one patient: the model's covariates
  // (age, weight, sex, smoking, current medicines, hepatic impairment) come
  // from their record, and the title names them.
  Result<pk::SimulationResult> SimulateForPatient(const Actor& actor, PatientId patient,
                                                  SimulationSpec spec, std::string* title);
  // The patient's record as the PK model's covariates.
  Result<pk::PatientCovariates> PatientCovariates(const Actor& actor, PatientId patient);
  // The patient's predicted concentrations from the dose log.
  Result<PatientPrediction> PredictConcentrations(const Actor& actor, PatientId patient,
                                                  const PredictionQuery& query);

  // Circadian plans given to a patient (a trip, a shift rota): planned,
  // screened like a regimen (the plan's melatonin counted with the patient's
  // regimens and medicines: a blocking finding stops it unless `overrides`
  // documents a clinician's reason; a contraindication cannot be overridden
  // in a plan), and stored as the request, the plan and the screening, never
  // changed. `report` receives the screening either way.
  Result<store::CircadianPlanRecord> SavePatientPlan(const Actor& actor, PatientId patient,
                                                     PatientPlanRequest request,
                                                     const PlanEncoders& encoders,
                                                     ScreeningReport* report);
  Result<std::vector<store::CircadianPlanRecord>> ListCircadianPlans(const Actor& actor,
                                                                     PatientId patient);
  Result<store::CircadianPlanRecord> GetCircadianPlan(const Actor& actor, PatientId patient,
                                                      std::int64_t id);

 private:
  // The PK covariates of `patient` as of today.
  Result<pk::PatientCovariates> LoadCovariates(const records::Patient& patient);

  RegimenWrites& writes_;
};

}  // namespace pineal::app
