// Use cases, plans and simulation: pharmacokinetic simulations of a written
// regimen or of a patient's dose log, and the circadian plans (a trip, a
// shift rota) given to a patient.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pineal/app/prediction.h"
#include "pineal/app/simulation_spec.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

class Modelling : public UseCaseBase {
 public:
  Modelling(store::Store& store, const Clock& clock, Knowledge knowledge)
      : UseCaseBase(store, clock, knowledge) {}

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

  // Circadian plans given to a patient (a trip, a shift rota): stored as the
  // request and the planner's answer, never changed.
  Result<store::CircadianPlanRecord> SaveCircadianPlan(const Actor& actor, PatientId patient,
                                                       store::CircadianPlanRecord draft);
  Result<std::vector<store::CircadianPlanRecord>> ListCircadianPlans(const Actor& actor,
                                                                     PatientId patient);
  Result<store::CircadianPlanRecord> GetCircadianPlan(const Actor& actor, PatientId patient,
                                                      std::int64_t id);

 private:
  // The PK covariates of `patient` as of today.
  Result<pk::PatientCovariates> LoadCovariates(const records::Patient& patient);
};

}  // namespace pineal::app
