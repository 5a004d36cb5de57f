// Questionnaire schedule rules, as loaded from knowledge/rules/questionnaires.yaml:
// which instruments a patient is asked to answer, and when.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"

namespace pineal::kb {

// All set conditions must hold; a rule applies only while the patient has an
// active regimen (a programme is running).
struct QuestionnaireApplies {
  std::string substance;           // an active regimen of it; empty = any regimen
  std::optional<Mass> dose_above;  // that regimen's largest planned dose is above it
  std::string condition;           // condition id: recorded, or an active regimen's indication
};

struct QuestionnaireRule {
  std::string id;
  std::string title;
  QuestionnaireApplies applies;
  std::vector<std::string> instruments;  // instrument ids (knowledge/instruments/)
  // When: at the programme's start; every N days after the last answer; and
  // N days after a dose change (a new version of the matching regimen).
  bool at_start = false;
  std::optional<int> every_days;
  std::optional<int> after_change_days;
  // A questionnaire is offered this many days before its date, and an answer
  // given since then counts for it.
  int answer_window_days = 0;
  bool policy = false;
  std::vector<std::string> refs;
  std::string note;
};

struct QuestionnaireRuleSet {
  std::vector<QuestionnaireRule> rules;  // in file order
};

}  // namespace pineal::kb
