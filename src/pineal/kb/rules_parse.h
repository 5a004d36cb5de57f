// Parsers for the monitoring rules in knowledge/rules/. Each reads one YAML
// entry, reports problems (file, line, entry) and appends what it could read.
// Internal to kb/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/quantity.h"
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

// Calls `read(key, key_node, value)` for each condition of the rule's
// `applies` map (`{}` when the rule always applies), after reporting a
// missing map and values that are not single scalars.
using AppliesReader = std::function<void(const std::string& key, const YAML::Node& key_node,
                                         const YAML::Node& value)>;
void ForEachApplies(catalog_yaml::EntryReader& r, const AppliesReader& read);
// applies.substance and applies.dose_above, shared by the schedules; false
// for any other key. The caller checks that dose_above comes with a substance.
bool ReadSubstanceOrDose(catalog_yaml::EntryReader& r, const std::string& key,
                         const YAML::Node& value, std::string& substance,
                         std::optional<Mass>& dose_above);

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
