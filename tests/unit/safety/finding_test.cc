#include "pineal/safety/finding.h"

#include <gtest/gtest.h>

#include "pineal/safety/engine_rules.h"

namespace pineal::safety {
namespace {

Finding Make(std::string key, kb::Severity s, std::string message = "m") {
  Finding f;
  f.rule_id = key.substr(0, key.find('|'));
  f.key = std::move(key);
  f.severity = s;
  f.message = std::move(message);
  return f;
}

TEST(Findings, SortedMostSevereFirstAndDeduplicatedByKey) {
  std::vector<Finding> f = {Make("b|1", kb::Severity::kMinor), Make("a|1", kb::Severity::kMajor),
                            Make("b|1", kb::Severity::kModerate, "other"),
                            Make("c|1", kb::Severity::kContraindicated)};
  SortAndDeduplicate(f);
  ASSERT_EQ(f.size(), 3u);
  EXPECT_EQ(f[0].key, "c|1");
  EXPECT_EQ(f[1].key, "a|1");
  EXPECT_EQ(f[2].key, "b|1");
  EXPECT_EQ(f[2].severity, kb::Severity::kModerate);  // the more severe duplicate is kept
}

TEST(Findings, TopSeverity) {
  EXPECT_FALSE(TopSeverity({}).has_value());
  EXPECT_EQ(TopSeverity({Make("a|1", kb::Severity::kMinor), Make("b|1", kb::Severity::kMajor)}),
            kb::Severity::kMajor);
}

TEST(Findings, BlockingNeedsMajorAndProposed) {
  Finding f = Make("a|1", kb::Severity::kMajor);
  EXPECT_FALSE(f.blocking());
  f.involves_proposed = true;
  EXPECT_TRUE(f.blocking());
  f.severity = kb::Severity::kModerate;
  EXPECT_FALSE(f.blocking());
}

TEST(EngineRules, IdsAreUniqueAndSorted) {
  const auto rules = EngineRules();
  for (std::size_t i = 1; i < rules.size(); ++i) EXPECT_LT(rules[i - 1].id, rules[i].id);
}

}  // namespace
}  // namespace pineal::safety
