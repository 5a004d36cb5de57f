// Questionnaires as a schedule: which instruments a patient is asked to
// answer, and when, from the rules of knowledge/rules/questionnaires.yaml.
// Pure: the patient's conditions, active regimens, last answers and "today"
// are parameters.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pineal/core/time.h"
#include "pineal/kb/questionnaire_rules.h"
#include "pineal/records/regimen.h"

namespace pineal::monitor {

struct QuestionnaireFacts {
  // Condition id -> name, for the conditions the patient has (recorded, or
  // an active regimen's indication), each with the broader ones it is a kind of.
  std::map<std::string, std::string> conditions;
  // Regimens whose current version is not stopped.
  std::vector<const records::Regimen*> active;
  // Instrument id -> the patient's local date of the latest answer.
  std::map<std::string, LocalDate> last_answered;
};

enum class DueState { kUpcoming, kDue, kOverdue };

struct DueQuestionnaire {
  std::string instrument;  // instrument id
  LocalDate date{};        // when it is due
  LocalDate opens{};       // from when it is offered (and an answer counts)
  DueState state = DueState::kUpcoming;
  int days_overdue = 0;
  // The rule that set the date first, then every other rule asking for it.
  std::vector<const kb::QuestionnaireRule*> rules;
  std::string reason;  // the first rule's title and what made it apply
};

// The next date of each instrument the rules ask for, earliest first (then
// by instrument id). An instrument answered on or after its `opens` date is
// not due again until its next date.
std::vector<DueQuestionnaire> PlanQuestionnaires(const kb::QuestionnaireRuleSet& rules,
                                                 const QuestionnaireFacts& facts, LocalDate today);

std::string DueStateName(DueState s);

}  // namespace pineal::monitor
