#include "pineal/safety/overrides.h"

#include <gtest/gtest.h>

namespace pineal::safety {
namespace {

Finding Make(std::string rule, std::string key, kb::Severity severity, bool proposed) {
  Finding f;
  f.rule_id = std::move(rule);
  f.key = std::move(key);
  f.severity = severity;
  f.involves_proposed = proposed;
  return f;
}

std::vector<Finding> Sample() {
  return {
      Make("ix.melatonin.fluvoxamine", "ix.melatonin.fluvoxamine|fluvoxamine+melatonin",
           kb::Severity::kMajor, true),
      Make("band.melatonin.adult.per_dose", "band.melatonin.adult.per_dose|melatonin|150 mg",
           kb::Severity::kContraindicated, true),
      Make("ix.melatonin.caffeine", "ix.melatonin.caffeine|caffeine+melatonin",
           kb::Severity::kMinor, true),
      // Major, but about the background list only: does not block.
      Make("ix.kratom.opioid_full_agonists", "ix.kratom.opioid_full_agonists|kratom_leaf+oxycodone",
           kb::Severity::kMajor, false),
  };
}

TEST(Overrides, WithoutOverridesTheBlockingFindingsRemain) {
  const auto eval = EvaluateOverrides(Sample(), {});
  ASSERT_EQ(eval.unresolved.size(), 2u);
  EXPECT_TRUE(eval.problems.empty());
  EXPECT_FALSE(eval.ok());
  EXPECT_EQ(eval.ToStatus().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(eval.ToStatus().message().find("ix.melatonin.fluvoxamine|"), std::string::npos);
}

TEST(Overrides, EachBlockingFindingNeedsItsOwnOverride) {
  const auto eval = EvaluateOverrides(
      Sample(), {{"ix.melatonin.fluvoxamine|fluvoxamine+melatonin",
                  "Psychiatrist aware; melatonin 0.5 mg only, review in one week"}});
  ASSERT_EQ(eval.unresolved.size(), 1u);
  EXPECT_EQ(eval.unresolved[0].rule_id, "band.melatonin.adult.per_dose");
  ASSERT_EQ(eval.applied.size(), 1u);
  EXPECT_EQ(eval.applied[0].finding_key, "ix.melatonin.fluvoxamine|fluvoxamine+melatonin");
  EXPECT_EQ(eval.applied[0].rule_id, "ix.melatonin.fluvoxamine");
  EXPECT_EQ(eval.applied[0].reason,
            "Psychiatrist aware; melatonin 0.5 mg only, review in one week");
}

TEST(Overrides, AllOverriddenIsOk) {
  const auto eval = EvaluateOverrides(
      Sample(), {{"ix.melatonin.fluvoxamine|fluvoxamine+melatonin", "Fluvoxamine stops on Friday"},
                 {"band.melatonin.adult.per_dose", "Approved research protocol 2026-14"}});
  EXPECT_TRUE(eval.ok());
  EXPECT_TRUE(eval.ToStatus().ok());
  ASSERT_EQ(eval.applied.size(), 2u);
  // In finding order, each with the reason of the override that names it.
  EXPECT_EQ(eval.applied[0].rule_id, "ix.melatonin.fluvoxamine");
  EXPECT_EQ(eval.applied[0].reason, "Fluvoxamine stops on Friday");
  EXPECT_EQ(eval.applied[1].finding_key, "band.melatonin.adult.per_dose|melatonin|150 mg");
  EXPECT_EQ(eval.applied[1].reason, "Approved research protocol 2026-14");
}

TEST(Overrides, TheFirstOverrideNamingAFindingIsTheOneApplied) {
  const auto eval = EvaluateOverrides(
      Sample(), {{"ix.melatonin.fluvoxamine", "By rule id: reviewed with the psychiatrist"},
                 {"ix.melatonin.fluvoxamine|fluvoxamine+melatonin", "By key: a second reason"}});
  ASSERT_EQ(eval.applied.size(), 1u);
  EXPECT_EQ(eval.applied[0].reason, "By rule id: reviewed with the psychiatrist");
}

TEST(Overrides, ShortReasonIsRejectedWithTheField) {
  const auto eval = EvaluateOverrides(
      Sample(), {{"ix.melatonin.fluvoxamine|fluvoxamine+melatonin", "  ok ok  "}});
  ASSERT_EQ(eval.problems.size(), 1u);
  EXPECT_EQ(eval.problems[0].code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(eval.problems[0].field(), "overrides[0].reason");
  EXPECT_EQ(eval.unresolved.size(), 2u);  // an invalid override covers nothing
}

TEST(Overrides, ReasonOfExactlyTenCharactersIsAccepted) {
  const auto eval = EvaluateOverrides(
      Sample(), {{"ix.melatonin.fluvoxamine|fluvoxamine+melatonin", " 0123456789 "}});
  EXPECT_TRUE(eval.problems.empty());
  EXPECT_EQ(eval.unresolved.size(), 1u);
}

TEST(Overrides, UnknownKeyIsRejected) {
  const auto eval = EvaluateOverrides(Sample(), {{"ix.nothing|x", "a long enough reason"}});
  ASSERT_EQ(eval.problems.size(), 1u);
  EXPECT_EQ(eval.problems[0].field(), "overrides[0].finding_key");
  EXPECT_NE(eval.problems[0].message().find("names no finding"), std::string::npos);
}

TEST(Overrides, NonBlockingFindingCannotBeOverridden) {
  for (const std::string key : {"ix.melatonin.caffeine|caffeine+melatonin",
                                "ix.kratom.opioid_full_agonists|kratom_leaf+oxycodone"}) {
    const auto eval = EvaluateOverrides(Sample(), {{key, "a long enough reason"}});
    ASSERT_EQ(eval.problems.size(), 1u) << key;
    EXPECT_NE(eval.problems[0].message().find("does not block"), std::string::npos);
  }
}

TEST(Overrides, NoFindingsNoOverridesIsOk) { EXPECT_TRUE(EvaluateOverrides({}, {}).ok()); }

}  // namespace
}  // namespace pineal::safety
