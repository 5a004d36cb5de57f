// The table of screening cases (cases.yaml): each case is its own test, named
// by its id, and checks the rule ids it expects, those it must not see, the
// top severity and (where given) whether the result blocks.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "case_file.h"
#include "pineal/safety/engine_rules.h"
#include "pineal/safety/screen.h"

namespace pineal::safety {
namespace {

using testing::ScreeningCase;

std::string Describe(const std::vector<Finding>& findings) {
  std::string out;
  for (const auto& f : findings) {
    out +=
        "  [" + std::string(kb::SeverityName(f.severity)) + "] " + f.rule_id + " (" + f.key + ")\n";
  }
  return out.empty() ? "  (no findings)\n" : out;
}

}  // namespace
}  // namespace pineal::safety

namespace pineal::safety::testing {
void PrintTo(const ScreeningCase& c, std::ostream* os) { *os << c.id; }
}  // namespace pineal::safety::testing

namespace pineal::safety {
namespace {

class ScreeningCases : public ::testing::TestWithParam<ScreeningCase> {};

TEST_P(ScreeningCases, MatchesTheTable) {
  const ScreeningCase& c = GetParam();
  const auto findings = Screen(testing::RealCatalog(), c.patient, c.regimens, c.now);
  std::set<std::string> fired;
  for (const auto& f : findings) fired.insert(f.rule_id);
  SCOPED_TRACE("findings:\n" + Describe(findings));
  for (const auto& id : c.expect) EXPECT_TRUE(fired.contains(id)) << "expected rule " << id;
  for (const auto& id : c.absent) EXPECT_FALSE(fired.contains(id)) << "unexpected rule " << id;
  const auto top = TopSeverity(findings);
  EXPECT_EQ(top.has_value(), c.top.has_value());
  if (top && c.top) {
    EXPECT_EQ(kb::SeverityName(*top), kb::SeverityName(*c.top));
  }
  if (c.blocking) {
    const bool blocking = std::any_of(findings.begin(), findings.end(),
                                      [](const Finding& f) { return f.blocking(); });
    EXPECT_EQ(blocking, *c.blocking);
  }
  // Every finding is complete enough for a clinician to act on.
  for (const auto& f : findings) {
    EXPECT_FALSE(f.title.empty()) << f.key;
    EXPECT_FALSE(f.message.empty()) << f.key;
    EXPECT_FALSE(f.action.empty()) << f.key;
    if (f.kind != FindingKind::kCouldNotEvaluate && f.kind != FindingKind::kDuplication) {
      EXPECT_FALSE(f.refs.empty()) << f.key << " cites nothing";
    }
    for (const auto& r : f.refs) {
      EXPECT_NE(testing::RealCatalog().FindReference(r), nullptr) << f.key << " cites " << r;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Table, ScreeningCases,
                         ::testing::ValuesIn(testing::LoadCases(testing::CasesPath())),
                         [](const ::testing::TestParamInfo<ScreeningCase>& param_info) {
                           return param_info.param.id;
                         });

// Traceability: every rule the engine can report is exercised by some case.
TEST(RuleCoverage, EveryRuleIdIsExpectedByACase) {
  std::set<std::string> expected;
  std::set<std::string> case_ids;
  for (const auto& c : testing::LoadCases(testing::CasesPath())) {
    expected.insert(c.expect.begin(), c.expect.end());
    EXPECT_TRUE(case_ids.insert(c.id).second) << "duplicate case id " << c.id;
  }
  const auto all = AllRuleIds(testing::RealCatalog());
  for (const auto& id : all) {
    EXPECT_TRUE(expected.contains(id)) << "rule " << id << " is not expected by any case";
  }
  // And the table names no rule that does not exist.
  for (const auto& id : expected) {
    EXPECT_TRUE(std::binary_search(all.begin(), all.end(), id)) << "unknown rule id " << id;
  }
  EXPECT_GE(case_ids.size(), 60u);
}

}  // namespace
}  // namespace pineal::safety
