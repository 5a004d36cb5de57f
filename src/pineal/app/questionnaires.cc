// Use case: the questionnaires a patient is asked to answer, from the rules
// of knowledge/rules/questionnaires.yaml (monitor::PlanQuestionnaires), the
// patient's conditions, active regimens and latest answers.
#include "pineal/app/monitoring.h"

namespace pineal::app {
namespace {

// The catalogue's condition ids for `name`, with the broader ones; none when
// the name is not in the catalogue.
bool AddCondition(const kb::Catalog& catalog, const std::string& name,
                  std::map<std::string, std::string>& out) {
  const auto c = catalog.ResolveCondition(name);
  if (!c) return false;
  for (kb::ConditionIndex i : catalog.ConditionAndBroader(*c)) {
    const kb::Condition& condition = catalog.conditions()[i];
    out.emplace(condition.id, condition.name);
  }
  return true;
}

}  // namespace

Result<PatientQuestionnaires> Monitoring::PlanPatientQuestionnaires(
    const records::Patient& p, const std::vector<records::Regimen>& regimens) {
  if (knowledge_.rules == nullptr || knowledge_.instruments == nullptr ||
      knowledge_.safety == nullptr) {
    return Status::Unavailable("the questionnaire rules are not loaded");
  }
  PINEAL_ASSIGN_OR_RETURN(
      auto answers, store_.ListObservationsOfKinds(p.id, {records::ObservationKind::kInstrument}));
  PatientQuestionnaires out;
  PINEAL_ASSIGN_OR_RETURN(out.today, TodayFor(p));

  monitor::QuestionnaireFacts facts;
  for (const auto& name : p.conditions) {
    if (!AddCondition(*knowledge_.safety, name, facts.conditions)) {
      out.notes.push_back("the condition '" + name +
                          "' is not in the catalogue, so no questionnaire is planned for it; "
                          "record it under a known name");
    }
  }
  for (const auto& r : regimens) {
    if (r.current().status == records::RegimenStatus::kStopped) continue;
    facts.active.push_back(&r);
    const std::string& indication = r.current().indication;
    if (!indication.empty() && !AddCondition(*knowledge_.safety, indication, facts.conditions)) {
      out.notes.push_back("the indication '" + indication + "' of the " + r.substance +
                          " regimen is not in the catalogue, so no questionnaire is planned "
                          "for it; record it under a known name");
    }
  }
  if (facts.active.empty()) {
    out.notes.push_back("no active regimen: questionnaires are scheduled while a programme runs");
  }
  for (const auto& o : answers) {
    const kb::InstrumentDef* def = knowledge_.instruments->Find(o.code);
    if (def == nullptr) continue;
    PINEAL_ASSIGN_OR_RETURN(LocalDateTime local, ToLocal(o.observed_at, p.time_zone));
    auto [it, fresh] = facts.last_answered.try_emplace(def->id, local.date);
    if (!fresh && std::chrono::sys_days(it->second) < std::chrono::sys_days(local.date)) {
      it->second = local.date;
    }
  }
  for (auto& due :
       monitor::PlanQuestionnaires(knowledge_.rules->questionnaires, facts, out.today)) {
    const kb::InstrumentDef* def = knowledge_.instruments->Find(due.instrument);
    if (def == nullptr) return Status::Internal("no instrument '" + due.instrument + "'");
    out.items.push_back({std::move(due), def});
  }
  return out;
}

Result<PatientQuestionnaires> Monitoring::Questionnaires(const Actor& actor, PatientId patient) {
  return AuditedRead<PatientQuestionnaires>(
      actor, "questionnaire.schedule", patient, [&]() -> Result<PatientQuestionnaires> {
        PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
        PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
        PINEAL_ASSIGN_OR_RETURN(auto regimens, store_.ListRegimens(patient));
        return PlanPatientQuestionnaires(p, regimens);
      });
}

}  // namespace pineal::app
