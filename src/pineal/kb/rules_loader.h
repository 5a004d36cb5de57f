// Loads the monitoring rules of knowledge/rules/ (adherence.yaml,
// followup.yaml, questionnaires.yaml, alerts.yaml, references.yaml) and validates them: known
// fields and kinds, parameter types and ranges, message placeholders, and
// that every cited reference id is defined in the folder's references.yaml.
// Every message names the file, the line and the entry.
#pragma once

#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/alert_rules.h"
#include "pineal/kb/entries.h"
#include "pineal/kb/followup_rules.h"
#include "pineal/kb/lint_report.h"
#include "pineal/kb/questionnaire_rules.h"
#include "pineal/kb/rules_adherence.h"

namespace pineal::kb {

struct MonitoringRules {
  std::vector<Reference> references;
  AdherenceSettings adherence;
  FollowupRuleSet followup;
  QuestionnaireRuleSet questionnaires;
  AlertRuleSet alerts;  // alerts.adherence is a copy of `adherence`
};

// Every problem found in `dir` (empty report when the rules are valid).
LintReport LintMonitoringRules(const std::string& dir);

// The rules of `dir`, or InvalidArgument listing every problem.
Result<MonitoringRules> LoadMonitoringRules(const std::string& dir);

// LoadMonitoringRules(KnowledgeDir() + "/rules").
Result<MonitoringRules> LoadDefaultMonitoringRules();

}  // namespace pineal::kb
