// Use cases: circadian plans kept in a patient's record.
#include "pineal/app/modelling.h"

namespace pineal::app {

Result<store::CircadianPlanRecord> Modelling::SaveCircadianPlan(const Actor& actor,
                                                                PatientId patient,
                                                                store::CircadianPlanRecord draft) {
  auto result = AuditedWrite<store::CircadianPlanRecord>(
      actor, "circadian_plan.create", patient,
      [&]() -> Result<store::CircadianPlanRecord> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        if (draft.kind != "jetlag" && draft.kind != "shift") {
          return Status::InvalidArgument("must be jetlag or shift", "kind");
        }
        if (draft.title.size() > 200)
          return Status::InvalidArgument("at most 200 characters", "title");
        draft.patient_id = patient;
        draft.provenance = NewProvenance(actor);
        PINEAL_ASSIGN_OR_RETURN(std::int64_t id, store_.InsertCircadianPlan(draft));
        return store_.GetCircadianPlan(patient, id);
      },
      [&] { return draft.kind; });
  return result;
}

Result<std::vector<store::CircadianPlanRecord>> Modelling::ListCircadianPlans(const Actor& actor,
                                                                              PatientId patient) {
  auto result = [&]() -> Result<std::vector<store::CircadianPlanRecord>> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    return store_.ListCircadianPlans(patient);
  }();
  RecordAudit(actor, "circadian_plan.list", patient, result.status());
  return result;
}

Result<store::CircadianPlanRecord> Modelling::GetCircadianPlan(const Actor& actor,
                                                               PatientId patient, std::int64_t id) {
  auto result = [&]() -> Result<store::CircadianPlanRecord> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    return store_.GetCircadianPlan(patient, id);
  }();
  RecordAudit(actor, "circadian_plan.read", patient, result.status());
  return result;
}

}  // namespace pineal::app
