// Parsers for the monitoring rules in knowledge/rules/. Each reads one YAML
// entry, reports problems (file, line, entry) and appends what it could read.
// Internal to kb/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/kb/alert_rules.h"
#include "pineal/kb/followup_rules.h"
#include "pineal/kb/lint_report.h"
#include "pineal/kb/questionnaire_rules.h"
#include "pineal/kb/rules_adherence.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb::rules_yaml {

// The entry list of a rules file: a sequence, or a map {<section>: sequence}.
// Reports a missing file, YAML syntax errors and a wrong shape.
std::optional<YAML::Node> ReadEntryList(const std::string& path, std::string_view section,
                                        LintReport& report);

// Reference ids defined in the folder's references.yaml.
using KnownRefs = std::set<std::string>;

// Reads `refs` and `policy`; an entry needs refs, or `policy: true` when the
// sources give no number, or both. Each ref must be in `known`.
void ReadRefsAndPolicy(catalog_yaml::EntryReader& r, const KnownRefs& known,
                       std::vector<std::string>& refs, bool& policy);

// Which adherence settings the entries defined, to report missing ones.
struct AdherenceSeen {
  bool tolerance = false, window = false, threshold = false;
};
void ParseAdherenceSetting(const YAML::Node& node, const std::string& file, LintReport& report,
                           const KnownRefs& known, AdherenceSettings& out, AdherenceSeen& seen);

void ParseFollowupRule(const YAML::Node& node, const std::string& file, LintReport& report,
                       const KnownRefs& known, FollowupRuleSet& out);

void ParseQuestionnaireRule(const YAML::Node& node, const std::string& file, LintReport& report,
                            const KnownRefs& known, QuestionnaireRuleSet& out);

void ParseAlertRule(const YAML::Node& node, const std::string& file, LintReport& report,
                    const KnownRefs& known, AlertRuleSet& out);

}  // namespace pineal::kb::rules_yaml
