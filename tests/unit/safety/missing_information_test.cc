// Missing or unrecognised information is a finding that says what to record:
// unknown conditions and substances name the closest catalogue entries, a
// missing age asks for the date of birth, and a condition that implies a
// broader one (is_a) is named as recorded.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "case_file.h"
#include "pineal/safety/engine_rules.h"
#include "pineal/safety/screen.h"

namespace pineal::safety {
namespace {

const Instant kNow = *ParseInstant("2026-03-01T08:00:00Z");

PatientSnapshot Adult() {
  PatientSnapshot p;
  p.age_years = 40;
  p.weight_kg = 70;
  p.sex = Sex::kFemale;
  return p;
}

ProposedRegimen Melatonin3mg() {
  ProposedRegimen r;
  r.substance = "melatonin";
  r.formulation = "ir";
  r.dose = *Mass::Make(3, "mg");
  r.indication = "insomnia";
  return r;
}

const Finding* FindRule(const std::vector<Finding>& findings, std::string_view rule) {
  auto it = std::find_if(findings.begin(), findings.end(),
                         [&](const Finding& f) { return f.rule_id == rule; });
  return it == findings.end() ? nullptr : &*it;
}

bool Contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

TEST(MissingInformation, AMisspeltConditionOffersTheClosestEntry) {
  PatientSnapshot p = Adult();
  p.conditions = {"fibromyalga"};
  const auto findings = Screen(testing::RealCatalog(), p, {Melatonin3mg()}, kNow);
  const Finding* f = FindRule(findings, rules::kUnknownCondition);
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(Contains(f->action, "Did you mean: Fibromyalgia")) << f->action;
  EXPECT_TRUE(Contains(f->action, "Record the condition")) << f->action;
  EXPECT_TRUE(Contains(f->message, "'fibromyalga'")) << f->message;
}

TEST(MissingInformation, AnUnrelatedConditionStillSaysWhatToRecord) {
  PatientSnapshot p = Adult();
  p.conditions = {"gout"};
  const auto findings = Screen(testing::RealCatalog(), p, {Melatonin3mg()}, kNow);
  const Finding* f = FindRule(findings, rules::kUnknownCondition);
  ASSERT_NE(f, nullptr);
  EXPECT_FALSE(Contains(f->action, "Did you mean")) << f->action;
  EXPECT_TRUE(Contains(f->action, "Record the condition under a name")) << f->action;
}

TEST(MissingInformation, AMisspeltMedicineOrRegimenSubstanceOffersTheClosestEntries) {
  PatientSnapshot p = Adult();
  MedicationEntry m;
  m.name = "fluvoxamin 50 mg";
  p.medications = {m};
  ProposedRegimen r = Melatonin3mg();
  r.substance = "melatonn";
  const auto findings = Screen(testing::RealCatalog(), p, {r}, kNow);
  int unknown = 0;
  for (const Finding& f : findings) {
    if (f.rule_id != rules::kUnknownSubstance) continue;
    ++unknown;
    if (Contains(f.key, "fluvoxamin")) {
      EXPECT_TRUE(Contains(f.action, "Did you mean: Fluvoxamine")) << f.action;
    } else {
      // Never read as melatonin: it blocks until recorded under a known name.
      EXPECT_TRUE(f.blocking());
      EXPECT_TRUE(Contains(f.action, "Did you mean: Melatonin")) << f.action;
    }
    EXPECT_TRUE(Contains(f.action, "with its dose and how often it is taken")) << f.action;
  }
  EXPECT_EQ(unknown, 2);
}

TEST(MissingInformation, AMissingAgeAsksForTheDateOfBirth) {
  PatientSnapshot p = Adult();
  p.age_years.reset();
  const auto findings = Screen(testing::RealCatalog(), p, {Melatonin3mg()}, kNow);
  const Finding* f = FindRule(findings, rules::kMissingAge);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->kind, FindingKind::kCouldNotEvaluate);
  EXPECT_TRUE(Contains(f->action, "date of birth")) << f->action;
}

TEST(MissingInformation, ABroaderConditionIsNamedAsRecorded) {
  PatientSnapshot p = Adult();
  p.conditions = {"opioid use disorder in remission"};
  ProposedRegimen r;
  r.substance = "kratom";
  r.dose = *Mass::Make(2, "g");
  r.indication = "pain";
  const auto findings = Screen(testing::RealCatalog(), p, {r}, kNow);
  const Finding* f = FindRule(findings, "ci.kratom.substance_use_disorder");
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(Contains(f->message,
                       "Substance use disorder (recorded: Opioid use disorder in "
                       "remission)"))
      << f->message;
  // Recorded under the broad name itself: no "recorded" note.
  p.conditions = {"substance use disorder"};
  const auto direct = Screen(testing::RealCatalog(), p, {r}, kNow);
  const Finding* g = FindRule(direct, "ci.kratom.substance_use_disorder");
  ASSERT_NE(g, nullptr);
  EXPECT_FALSE(Contains(g->message, "recorded:")) << g->message;
}

}  // namespace
}  // namespace pineal::safety
