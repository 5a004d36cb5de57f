// Loading knowledge/protocols/: the shipped protocols load with the numbers
// of the sources, their references merge into the catalog, and broken
// fixtures (tests/data/protocols_broken/<case>/) are rejected with a message
// naming the file, the entry and the problem.
#include "pineal/kb/protocol_loader.h"

#include <gtest/gtest.h>

#include <string>

#include "pineal/kb/catalog_loader.h"
#include "tests/support/broken_knowledge.h"

namespace pineal::kb {
namespace {

std::string Fixture(const std::string& name) {
  return std::string(PINEAL_SOURCE_ROOT) + "/tests/data/protocols_broken/" + name;
}

Mass Mg(double v) { return *Mass::Make(v, "mg"); }
Mass G(double v) { return *Mass::Make(v, "g"); }

const ProtocolSet& Shipped() {
  static const ProtocolSet set = [] {
    auto r = LoadProtocols(std::string(PINEAL_SOURCE_ROOT) + "/knowledge/protocols");
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ProtocolSet{};
  }();
  return set;
}

TEST(Protocols, ShippedProtocolsLoad) {
  ASSERT_NE(Shipped().Find("protocol.melatonin.insomnia"), nullptr);
  ASSERT_NE(Shipped().Find("protocol.kratom.taper"), nullptr);
  auto by_default = LoadDefaultProtocols();
  ASSERT_TRUE(by_default.ok()) << by_default.status().ToString();
  EXPECT_EQ(by_default->protocols.size(), Shipped().protocols.size());
}

// melatonin.md section 8 (0.5-5 mg standard, >5-10 mg high), Circadin 2 mg
// from 55 years; scales.md: ISI fall >= 8 meaningful, < 8 remission.
TEST(Protocols, MelatoninNumbersMatchTheSources) {
  const Protocol* p = Shipped().Find("protocol.melatonin.insomnia");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, ProtocolKind::kLadder);
  EXPECT_EQ(p->substance, "melatonin");
  EXPECT_EQ(p->min_age_years, 18);
  ASSERT_EQ(p->ladders.size(), 2u);
  const Ladder& adult = p->ladders[0];
  EXPECT_FALSE(adult.min_age_years.has_value());
  ASSERT_EQ(adult.steps.size(), 5u);
  EXPECT_EQ(adult.steps.front(), Mg(0.5));
  EXPECT_EQ(adult.ceiling(), Mg(5));
  ASSERT_EQ(adult.explicit_steps.size(), 1u);
  EXPECT_EQ(adult.explicit_steps[0], Mg(10));
  const Ladder& older = p->ladders[1];
  EXPECT_EQ(older.min_age_years, 65);
  EXPECT_EQ(older.ceiling(), Mg(2));
  EXPECT_EQ(p->response.instrument, "ISI");
  EXPECT_EQ(p->response.min_fall, 8);
  EXPECT_EQ(p->response.remission_below, 8);
  EXPECT_EQ(p->response.source.refs.front(), "morin2011");
  EXPECT_FALSE(p->response.source.policy);
  EXPECT_EQ(p->side_effects.step_down_min_grade, 2);
  EXPECT_EQ(p->side_effects.stop_min_grade, 3);
  EXPECT_EQ(p->adherence.min_percent, 80);
  // Numbers no source gives are marked as clinic policy.
  EXPECT_TRUE(p->evaluation.source.policy);
  EXPECT_TRUE(p->remission.source.policy);
  EXPECT_TRUE(p->adherence.source.policy);
  bool pregnancy = false;
  for (const Caution& c : p->cautions) {
    pregnancy =
        pregnancy || (c.pregnant_or_breastfeeding && c.effect == CautionEffect::kNoIncrease);
  }
  EXPECT_TRUE(pregnancy);
}

// kratom.md sections 7-8: COWS 13-24 moderate (review), >= 25 urgent; no
// taper trials, so the taper numbers are policy.
TEST(Protocols, KratomNumbersMatchTheSources) {
  const Protocol* p = Shipped().Find("protocol.kratom.taper");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->kind, ProtocolKind::kTaper);
  EXPECT_EQ(p->withdrawal.instrument, "COWS");
  EXPECT_EQ(p->withdrawal.hold_at_or_above, 13);
  EXPECT_EQ(p->withdrawal.refer_at_or_above, 25);
  EXPECT_EQ(p->withdrawal.rising_instrument, "SOWS");
  EXPECT_DOUBLE_EQ(p->taper.reduce_fraction, 0.10);
  EXPECT_EQ(p->taper.step_days, 10);
  EXPECT_EQ(p->taper.stop_at_or_below_daily, G(1));
  EXPECT_EQ(p->taper.round_down_to, G(0.1));
  EXPECT_TRUE(p->taper.source.policy);
  EXPECT_FALSE(p->withdrawal.source.policy);
}

// protocols/references.yaml joins the catalog's references: it must not
// conflict with the other references.yaml files or break the catalog lint.
TEST(Protocols, ReferencesMergeIntoTheCatalog) {
  const LintReport report = LintKnowledgeDir(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
  for (const auto& issue : report.issues()) {
    EXPECT_EQ(issue.file.find("protocols/"), std::string::npos) << issue.ToString();
  }
}

TEST(Protocols, ValidFixtureLoads) {
  auto set = LoadProtocols(Fixture("valid"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  ASSERT_EQ(set->protocols.size(), 2u);
  EXPECT_EQ(set->protocols[0].id, "protocol.test.ladder");  // ladder.yaml sorts first
  EXPECT_EQ(set->protocols[1].taper.round_down_to, G(0.1));
  EXPECT_EQ(set->references.size(), 2u);
}

TEST(Protocols, MissingDirectoryIsAnError) {
  auto set = LoadProtocols(Fixture("no_such_case"));
  ASSERT_FALSE(set.ok());
  EXPECT_NE(set.status().message().find("is not a directory"), std::string::npos);
}

using Broken = ::pineal::testing::BrokenEntry;

class BrokenProtocols : public ::testing::TestWithParam<Broken> {};

TEST_P(BrokenProtocols, AreRejectedNamingFileEntryAndReason) {
  const Broken& b = GetParam();
  ::pineal::testing::ExpectRejected(b, LintProtocols(Fixture(b.dir)),
                                    LoadProtocols(Fixture(b.dir)));
}

const char kLadder[] = "protocol 'protocol.test.ladder'";
const char kTaper[] = "protocol 'protocol.test.taper'";

INSTANTIATE_TEST_SUITE_P(
    Cases, BrokenProtocols,
    ::testing::Values(
        Broken{"yaml_syntax", "ladder.yaml", "", "YAML syntax error"},
        Broken{"unknown_field", "ladder.yaml", kLadder,
               "unknown field 'ladders[0].explicit_stepz' (allowed: id, min_age_years, steps"},
        Broken{"unknown_reference", "taper.yaml", kTaper,
               "'withdrawal.refs' cites reference 'nobody2020', which references.yaml does not "
               "define"},
        Broken{"no_refs_no_policy", "ladder.yaml", kLadder,
               "'remission' cites no reference: give 'refs' or mark a clinic policy default"},
        Broken{"bad_dose", "ladder.yaml", kLadder, "'ladders[0].steps' item '1 mgg'"},
        Broken{"not_ascending", "ladder.yaml", kLadder,
               "'ladders[0].steps' must ascend strictly: '500 ug' is not above '1 mg'"},
        Broken{"explicit_below_ceiling", "ladder.yaml", kLadder,
               "'ladders[0].explicit_steps' must start above the ceiling (the last step, 1 mg)"},
        Broken{"unknown_kind", "ladder.yaml", kLadder,
               "'kind' is 'staircase'; allowed: ladder, taper"},
        Broken{"missing_section", "ladder.yaml", kLadder, "missing section 'response'"},
        Broken{"section_of_other_kind", "taper.yaml", kTaper,
               "'remission' belongs to a ladder, not a taper"},
        Broken{"out_of_range", "taper.yaml", kTaper,
               "'taper.reduce_percent' must be 1 to 50, got 80"},
        Broken{"fraction_days", "ladder.yaml", kLadder,
               "'evaluation.window_days' must be a whole number, got 28.5"},
        Broken{"duplicate_id", "taper.yaml", kLadder, "duplicate protocol id (first defined in "},
        Broken{"bad_id", "taper.yaml", "protocol 'taper.kratom'",
               "id must start with 'protocol.', got 'taper.kratom'"},
        Broken{"no_default_ladder", "ladder.yaml", kLadder,
               "one ladder must have no 'min_age_years' (the default ladder)"},
        Broken{"bad_effect", "ladder.yaml", kLadder,
               "'cautions[0].effect' is 'warn'; allowed: no_increase, refer"},
        Broken{"refer_not_above_hold", "taper.yaml", kTaper,
               "'withdrawal.refer_at_or_above' must be above 'withdrawal.hold_at_or_above'"},
        Broken{"no_increase_in_taper", "taper.yaml", kTaper,
               "a taper never increases: 'no_increase' has no effect; use refer"},
        Broken{"missing_references", "references.yaml", "", "cannot open the file"},
        Broken{"grades_inverted", "ladder.yaml", kLadder,
               "'side_effects.stop_min_grade' must be above 'side_effects.step_down_min_grade'"}),
    [](const ::testing::TestParamInfo<Broken>& param_info) { return param_info.param.dir; });

}  // namespace
}  // namespace pineal::kb
