// Parsers for each section of the knowledge base. Each reads one YAML entry,
// reports problems to the LintReport and appends what it could read.
// Internal to kb/.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "pineal/core/result.h"
#include "pineal/kb/entries.h"
#include "pineal/kb/lint_report.h"

namespace pineal::kb::catalog_yaml {

void ParseReference(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out);
void ParseSubstance(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out);
void ParseClass(const YAML::Node& node, const std::string& file, LintReport& report,
                CatalogData& out);
void ParseCondition(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out);
void ParseContraindication(const YAML::Node& node, const std::string& file, LintReport& report,
                           CatalogData& out);
void ParseInteraction(const YAML::Node& node, const std::string& file, LintReport& report,
                      CatalogData& out);
void ParseCombination(const YAML::Node& node, const std::string& file, LintReport& report,
                      CatalogData& out);
void ParseBandTable(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out);
void ParseObservationLimit(const YAML::Node& node, const std::string& file, LintReport& report,
                           CatalogData& out);
void ParseRegimenRule(const YAML::Node& node, const std::string& file, LintReport& report,
                      CatalogData& out);

}  // namespace pineal::kb::catalog_yaml

namespace pineal::kb {

// "15 mg/g" -> 15 (mg per g). Accepts any mass units on both sides
// ("1.5 %" is not accepted: write "15 mg/g").
Result<double> ParseContentMgPerG(std::string_view text);

}  // namespace pineal::kb
