// `pineal kb lint` on broken knowledge directories (tests/data/kb_broken/):
// each has one defect and must be rejected with a message that names the
// file, the line and the problem.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "pineal/kb/catalog_loader.h"

namespace pineal::kb {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(PINEAL_SOURCE_ROOT) + "/tests/data/kb_broken/" + name;
}

struct Broken {
  std::string dir;
  std::string file;     // path suffix of the file the error must name
  int line;             // the line it must name
  std::string message;  // text the error must contain
};

void PrintTo(const Broken& b, std::ostream* os) { *os << b.dir; }

class BrokenKnowledge : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenKnowledge, IsRejectedWithFileLineAndReason) {
  const Broken& b = GetParam();
  const LintReport report = LintKnowledgeDir(Fixture(b.dir));
  ASSERT_FALSE(report.ok()) << "lint accepted " << b.dir;
  bool found = false;
  for (const auto& issue : report.issues()) {
    if (issue.level != LintIssue::Level::kError) continue;
    if (issue.message.find(b.message) == std::string::npos) continue;
    found = true;
    EXPECT_TRUE(issue.file.ends_with(b.file)) << issue.ToString();
    EXPECT_EQ(issue.line, b.line) << issue.ToString();
  }
  EXPECT_TRUE(found) << "no error containing \"" << b.message << "\" in:\n" << report.ToString();
  // Loading refuses the same directory, with the same explanation.
  auto catalog = LoadCatalog(Fixture(b.dir));
  ASSERT_FALSE(catalog.ok());
  EXPECT_EQ(catalog.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(catalog.status().message().find(b.message), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, BrokenKnowledge,
    ::testing::Values(
        Broken{"missing_reference", "/interactions.yaml", 1, "unknown reference 'nosuch1999'"},
        Broken{"duplicate_id", "/substances.yaml", 10, "duplicate id 'alpha'"},
        Broken{"overlapping_bands", "/dose_bands.yaml", 9,
               "overlap: band starting at 4 mg begins before the previous band ends at 5 mg"},
        Broken{"gap_in_bands", "/dose_bands.yaml", 9, "gap between 5 mg and 6 mg"},
        Broken{"unknown_class_in_rule", "/combinations.yaml", 1,
               "unknown substance or class 'hypnotics' in 'slots[1].any_of'"},
        Broken{"unknown_substance_in_rule", "/interactions.yaml", 1,
               "unknown substance or class 'delta' in 'a'"},
        Broken{"unparseable_quantity", "/dose_bands.yaml", 10, "unparseable quantity '10 mgg'"},
        Broken{"wrong_unit_quantity", "/dose_bands.yaml", 8, "unparseable quantity '5 mg/kg'"},
        Broken{"missing_refs", "/contraindications.yaml", 1, "cites no reference"},
        // The unclosed '[' on line 4 is detected where the next key starts.
        Broken{"yaml_syntax", "/interactions.yaml", 5, "YAML syntax error"},
        Broken{"unknown_field", "/interactions.yaml", 5, "unknown field 'likelyhood'"},
        Broken{"conflicting_reference", "/pk/references.yaml", 2,
               "duplicate reference id with different content (year differs"},
        Broken{"bounded_last_band", "/dose_bands.yaml", 10, "it must have no 'to'"},
        // Known systems only; the error names the file, the line and the entry.
        Broken{"unknown_code_system", "/conditions.yaml", 6,
               "code '573.9': code system 'icd9cm' is not one of icd10cm, snomedct"},
        Broken{"bad_severity", "/contraindications.yaml", 4,
               "'severity' is 'catastrophic'; allowed: info, minor, moderate, major, "
               "contraindicated"}),
    [](const ::testing::TestParamInfo<Broken>& param_info) { return param_info.param.dir; });

TEST(BrokenKnowledge, AnUnknownCodeSystemNamesTheEntry) {
  const LintReport report = LintKnowledgeDir(Fixture("unknown_code_system"));
  ASSERT_EQ(report.error_count(), 1u) << report.ToString();
  EXPECT_EQ(report.issues()[0].entry, "condition 'liver'");
}

TEST(ValidKnowledge, MinimalFixturePassesLint) {
  const LintReport report = LintKnowledgeDir(Fixture("valid"));
  EXPECT_TRUE(report.ok()) << report.ToString();
  EXPECT_EQ(report.warning_count(), 0u) << report.ToString();
  auto catalog = LoadCatalog(Fixture("valid"));
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  EXPECT_EQ(catalog->substances().size(), 3u);
  // Condition codes are read with every field; `is_a` makes the broader
  // condition part of the narrower one's closure.
  const auto liver = catalog->ConditionIndexOf("liver");
  const auto cirrhosis = catalog->ConditionIndexOf("cirrhosis");
  ASSERT_TRUE(liver && cirrhosis);
  const auto& codes = catalog->condition(*liver).codes;
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(codes[0].system, "icd10cm");
  EXPECT_EQ(codes[0].code, "K76.9");
  EXPECT_EQ(codes[0].version, "FY2026");
  EXPECT_EQ(codes[0].display, "Liver disease, unspecified");
  EXPECT_EQ(codes[0].confidence, "M");
  EXPECT_EQ(codes[0].note, "unverified");
  EXPECT_EQ(codes[1].system, "snomedct");
  EXPECT_EQ(codes[1].code, "235856003");
  EXPECT_TRUE(catalog->condition(*cirrhosis).codes.empty());
  const auto closure = catalog->ConditionAndBroader(*cirrhosis);
  EXPECT_EQ(
      std::vector<ConditionIndex>(closure.begin(), closure.end()),
      (std::vector<ConditionIndex>{std::min(*liver, *cirrhosis), std::max(*liver, *cirrhosis)}));
  const auto own = catalog->ConditionAndBroader(*liver);
  EXPECT_EQ(std::vector<ConditionIndex>(own.begin(), own.end()),
            std::vector<ConditionIndex>{*liver});
}

TEST(ValidKnowledge, AgreeingNestedReferencesMerge) {
  const LintReport report = LintKnowledgeDir(Fixture("agreeing_nested_reference"));
  EXPECT_TRUE(report.ok()) << report.ToString();
  auto catalog = LoadCatalog(Fixture("agreeing_nested_reference"));
  ASSERT_TRUE(catalog.ok()) << catalog.status().ToString();
  ASSERT_NE(catalog->FindReference("lee2018"), nullptr);
  // The top-level entry wins and keeps its title.
  EXPECT_EQ(catalog->FindReference("smith2020")->title, "A controlled study");
  EXPECT_EQ(catalog->references().size(), 3u);
}

TEST(ValidKnowledge, MissingDirectoryIsAnError) {
  const LintReport report = LintKnowledgeDir(Fixture("does_not_exist"));
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(report.Mentions("is not a directory"));
}

}  // namespace
}  // namespace pineal::kb
