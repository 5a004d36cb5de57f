// Loading knowledge/rules/: the shipped rules load and cite defined
// references; broken fixtures (tests/data/rules_broken/<case>/) are rejected
// with a message naming the file, the entry and the problem.
#include <gtest/gtest.h>

#include <string>

#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/rules_loader.h"
#include "tests/support/broken_knowledge.h"

namespace pineal::kb {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(PINEAL_SOURCE_ROOT) + "/tests/data/rules_broken/" + name;
}

TEST(MonitoringRules, ShippedRulesLoad) {
  auto rules = LoadMonitoringRules(std::string(PINEAL_SOURCE_ROOT) + "/knowledge/rules");
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->adherence.on_time_tolerance_min, 60);
  EXPECT_EQ(rules->adherence.match_window_min, 360);
  EXPECT_DOUBLE_EQ(rules->adherence.threshold_percent, 80);
  EXPECT_DOUBLE_EQ(rules->alerts.adherence.threshold_percent, 80);
  // Every kind the brief asks for is present at least once.
  for (AlertKind kind :
       {AlertKind::kSideEffectGrade, AlertKind::kInstrumentItem, AlertKind::kInstrumentTotal,
        AlertKind::kUseRising, AlertKind::kNoImprovement, AlertKind::kAdherenceBelow,
        AlertKind::kNoCheckin, AlertKind::kDoseAboveMax}) {
    bool found = false;
    for (const auto& r : rules->alerts.rules) found = found || r.kind == kind;
    EXPECT_TRUE(found) << AlertKindName(kind);
  }
  ASSERT_FALSE(rules->followup.rules.empty());
  EXPECT_EQ(rules->followup.rules.front().id, "followup.default");
}

TEST(MonitoringRules, ShippedThresholdsMatchTheSources) {
  auto rules = LoadDefaultMonitoringRules();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  const auto find = [&](const std::string& id) -> const AlertRule* {
    for (const auto& r : rules->alerts.rules) {
      if (r.id == id) return &r;
    }
    return nullptr;
  };
  // scales.md: CTCAE grade 3 severe; PHQ-9 item 9 > 0; COWS >= 25 moderately
  // severe; ISI fall of 8 points (Morin 2011).
  ASSERT_NE(find("alert.side_effect.severe"), nullptr);
  EXPECT_EQ(find("alert.side_effect.severe")->Number("min_grade"), 3);
  EXPECT_EQ(find("alert.side_effect.severe")->severity, AlertSeverity::kUrgent);
  ASSERT_NE(find("alert.phq9.item9"), nullptr);
  EXPECT_EQ(find("alert.phq9.item9")->Number("min_value"), 1);
  EXPECT_EQ(find("alert.phq9.item9")->Text("item"), "item9");
  ASSERT_NE(find("alert.cows.severe"), nullptr);
  EXPECT_EQ(find("alert.cows.severe")->Number("min_total"), 25);
  ASSERT_NE(find("alert.isi.no_improvement"), nullptr);
  EXPECT_EQ(find("alert.isi.no_improvement")->Number("min_fall"), 8);
}

// The rules' references.yaml is merged into the safety catalog: it must not
// conflict with the other references.yaml files or break the catalog lint.
TEST(MonitoringRules, ReferencesMergeIntoTheCatalog) {
  const LintReport report = LintKnowledgeDir(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
  for (const auto& issue : report.issues()) {
    EXPECT_EQ(issue.file.find("rules/"), std::string::npos) << issue.ToString();
  }
}

TEST(MonitoringRules, ValidFixtureLoads) {
  auto rules = LoadMonitoringRules(Fixture("valid"));
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ(rules->alerts.rules.size(), 1u);
  EXPECT_EQ(rules->followup.rules.size(), 1u);
}

using Broken = ::pineal::testing::BrokenEntry;

class BrokenRules : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenRules, AreRejectedNamingFileEntryAndReason) {
  const Broken& b = GetParam();
  ::pineal::testing::ExpectRejected(b, LintMonitoringRules(Fixture(b.dir)),
                                    LoadMonitoringRules(Fixture(b.dir)));
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BrokenRules,
    ::testing::Values(
        Broken{"unknown_kind", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "'kind' is 'sideeffect_grade'; allowed: side_effect_grade, instrument_item"},
        Broken{"bad_severity", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "'severity' is 'critical'; allowed: urgent, warning, info"},
        Broken{"missing_param", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "missing parameter 'min_grade' for kind side_effect_grade"},
        Broken{"param_out_of_range", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "parameter 'min_grade' is 7; allowed range [1, 5]"},
        Broken{"unknown_param", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "unknown parameter 'max_grade' for kind side_effect_grade"},
        Broken{"unknown_placeholder", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "unknown placeholder '{grad}'"},
        Broken{"unknown_reference", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "cites reference 'nobody2020', which references.yaml does not define"},
        Broken{"no_refs_no_policy", "followup.yaml", "follow-up rule 'followup.default'",
               "cites no reference"},
        Broken{"bad_dose", "followup.yaml", "follow-up rule 'followup.default'",
               "applies.dose_above '10 mgg': '10 mgg': 'mgg' is not a unit"},
        Broken{"zero_interval", "followup.yaml", "follow-up rule 'followup.default'",
               "'interval_days' must be 1 to 3660 days, got 0"},
        Broken{"wrong_unit", "adherence.yaml", "adherence setting 'adherence.on_time_tolerance'",
               "adherence.on_time_tolerance must be given in min"},
        Broken{"missing_setting", "adherence.yaml", "", "missing setting 'adherence.threshold'"},
        Broken{"yaml_syntax", "followup.yaml", "", "YAML syntax error"},
        Broken{"missing_file", "followup.yaml", "", "cannot open the file"},
        Broken{"duplicate_id", "alerts.yaml", "alert rule 'alert.side_effect.severe'",
               "duplicate rule id"},
        Broken{"unknown_field", "followup.yaml", "follow-up rule 'followup.default'",
               "unknown field 'first_review_day'"}),
    [](const ::testing::TestParamInfo<Broken>& param_info) { return param_info.param.dir; });

}  // namespace
}  // namespace pineal::kb
