// Scores of every instrument against hand-computed totals and the published
// band edges (scales.md), item flags, and every rejection.
#include "pineal/monitor/instrument_scoring.h"

#include <gtest/gtest.h>

#include "instrument_test_support.h"
#include "pineal/kb/instrument_catalog.h"
#include "pineal/monitor/answers_parse.h"

namespace pineal::monitor {
namespace {

Result<InstrumentScore> Score(std::string_view id, std::string_view answers) {
  const auto& def = testing::ShippedInstrument(id);
  auto parsed = ParseAnswers(def, answers);
  if (!parsed.ok()) return parsed.status();
  return ScoreInstrument(def, *parsed);
}

struct Edge {
  const char* answers;
  int total;
  const char* band;
};

void ExpectEdges(const char* id, const std::vector<Edge>& edges) {
  for (const Edge& e : edges) {
    auto s = Score(id, e.answers);
    ASSERT_TRUE(s.ok()) << id << " " << e.answers << ": " << s.status().message();
    EXPECT_EQ(s->total, e.total) << id << " " << e.answers;
    ASSERT_TRUE(s->band.has_value()) << id << " " << e.answers;
    EXPECT_EQ(s->band->id, e.band) << id << " total " << e.total;
    EXPECT_EQ(s->answered, static_cast<int>(testing::ShippedInstrument(id).items.size()));
    EXPECT_EQ(s->missing, 0);
  }
}

// Bastien 2001: 0-7 none, 8-14 subthreshold, 15-21 moderate, 22-28 severe.
TEST(ScoreIsi, BandEdges) {
  ExpectEdges("isi", {{"0,0,0,0,0,0,0", 0, "no_insomnia"},
                      {"1,1,1,1,1,1,1", 7, "no_insomnia"},
                      {"2,1,1,1,1,1,1", 8, "subthreshold"},
                      {"2,2,2,2,2,2,2", 14, "subthreshold"},
                      {"3,2,2,2,2,2,2", 15, "clinical_moderate"},
                      {"3,3,3,3,3,3,3", 21, "clinical_moderate"},
                      {"4,3,3,3,3,3,3", 22, "clinical_severe"},
                      {"4,4,4,4,4,4,4", 28, "clinical_severe"}});
}

// Kroenke 2001: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe.
TEST(ScorePhq9, BandEdges) {
  ExpectEdges("phq9", {{"1,1,1,1,0,0,0,0,0", 4, "minimal"},
                       {"1,1,1,1,1,0,0,0,0", 5, "mild"},
                       {"1,1,1,1,1,1,1,1,0", 8, "mild"},
                       {"2,2,2,2,1,0,0,0,0", 9, "mild"},
                       {"2,2,2,2,2,0,0,0,0", 10, "moderate"},
                       {"2,2,2,2,2,2,2,0,0", 14, "moderate"},
                       {"2,2,2,2,2,2,2,1,0", 15, "moderately_severe"},
                       {"3,3,3,3,3,2,2,0,0", 19, "moderately_severe"},
                       {"3,3,3,3,3,3,2,0,0", 20, "severe"},
                       {"3,3,3,3,3,3,3,3,3", 27, "severe"}});
}

TEST(ScorePhq9, Item9AboveZeroIsUrgentWhateverTheTotal) {
  auto s = Score("phq9", "0,0,0,0,0,0,0,0,1");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->total, 1);
  EXPECT_EQ(s->band->id, "minimal");
  ASSERT_EQ(s->flags.size(), 1u);
  EXPECT_EQ(s->flags[0].item_id, "item9");
  EXPECT_EQ(s->flags[0].level, "urgent");
  EXPECT_EQ(s->flags[0].value, 1);
  EXPECT_NE(s->flags[0].message.find("same-day"), std::string::npos);
}

TEST(ScorePhq9, Item9ZeroRaisesNoFlagEvenWhenSevere) {
  auto s = Score("phq9", "3,3,3,3,3,3,3,3,0");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total, 24);
  EXPECT_EQ(s->band->id, "severe");
  EXPECT_TRUE(s->flags.empty());
}

// Spitzer 2006: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe.
TEST(ScoreGad7, BandEdges) {
  ExpectEdges("gad7", {{"1,1,1,1,0,0,0", 4, "minimal"},
                       {"1,1,1,1,1,0,0", 5, "mild"},
                       {"3,3,3,0,0,0,0", 9, "mild"},
                       {"3,3,3,1,0,0,0", 10, "moderate"},
                       {"2,2,2,2,2,2,2", 14, "moderate"},
                       {"3,2,2,2,2,2,2", 15, "severe"},
                       {"3,3,3,3,3,3,3", 21, "severe"}});
}

// Wesson & Ling 2003: 0-4 none, 5-12 mild, 13-24 moderate, 25-36 moderately severe, > 36 severe.
TEST(ScoreCows, BandEdges) {
  ExpectEdges("cows", {{"0,0,0,0,0,0,0,0,0,0,0", 0, "no_active_withdrawal"},
                       {"4,0,0,0,0,0,0,0,0,0,0", 4, "no_active_withdrawal"},
                       {"4,1,0,0,0,0,0,0,0,0,0", 5, "mild"},
                       {"4,4,3,1,0,0,0,0,0,0,0", 12, "mild"},
                       {"4,4,3,2,0,0,0,0,0,0,0", 13, "moderate"},
                       {"4,4,5,5,4,2,0,0,0,0,0", 24, "moderate"},
                       {"4,4,5,5,4,2,1,0,0,0,0", 25, "moderately_severe"},
                       {"4,4,5,5,4,4,5,4,1,0,0", 36, "moderately_severe"},
                       {"4,4,5,5,4,4,5,4,2,0,0", 37, "severe"},
                       {"4,4,5,5,4,4,5,4,4,4,5", 48, "severe"}});
}

TEST(ScoreCows, RestingPulseOfThreeIsNotAnAllowedScore) {
  auto s = Score("cows", "3,0,0,0,0,0,0,0,0,0,0");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().field(), "resting_pulse");
  EXPECT_NE(s.status().message().find(
                "item 'resting_pulse' (1): 3 is not an allowed answer; allowed: 0, 1, 2, 4"),
            std::string::npos)
      << s.status().message();
}

TEST(ScoreCows, GoosefleshAllowsOnlyZeroThreeFive) {
  auto s = Score("cows", "gooseflesh=4");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("allowed: 0, 3, 5"), std::string::npos)
      << s.status().message();
}

// Akerstedt 1990: >= 7 marked sleepiness.
TEST(ScoreKss, SixIsBelowAndSevenIsMarkedSleepiness) {
  ExpectEdges("kss", {{"1", 1, "below_marked"},
                      {"6", 6, "below_marked"},
                      {"7", 7, "marked_sleepiness"},
                      {"9", 9, "marked_sleepiness"}});
  auto zero = Score("kss", "0");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("allowed: 1, 2, 3, 4, 5, 6, 7, 8, 9"), std::string::npos);
}

// Serlin 1995 cut points: 0 none, 1-3 mild, 4-6 moderate, 7-10 severe.
TEST(ScorePainNrs, BandEdges) {
  ExpectEdges("pain_nrs", {{"0", 0, "no_pain"},
                           {"1", 1, "mild"},
                           {"3", 3, "mild"},
                           {"4", 4, "moderate"},
                           {"6", 6, "moderate"},
                           {"7", 7, "severe"},
                           {"10", 10, "severe"}});
  EXPECT_FALSE(Score("pain_nrs", "11").ok());
}

TEST(ScoreSows, TotalWithoutBand) {
  // 0+1+2+3+4 three times, then 4: 30 + 4 = 34.
  auto s = Score("sows", "0,1,2,3,4,0,1,2,3,4,0,1,2,3,4,4");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->total, 34);
  EXPECT_FALSE(s->band.has_value());
  EXPECT_EQ(s->max_total, 64);
}

TEST(ScoreErrors, MissingAnswerIsRejectedNamingTheItem) {
  auto s = Score("isi", "1,1,,1,1,1,1");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().field(), "item3");
  EXPECT_NE(s.status().message().find(
                "ISI: 1 of 7 items unanswered (item3); every item must be answered"),
            std::string::npos)
      << s.status().message();
}

TEST(ScoreErrors, ItemsNotNamedAreMissing) {
  auto s = Score("phq9", "item1=2,item9=0");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find(
                "7 of 9 items unanswered (item2, item3, item4, item5, item6, item7, item8)"),
            std::string::npos)
      << s.status().message();
}

TEST(ScoreErrors, UnknownItemIsRejected) {
  auto s = ScoreInstrument(testing::ShippedInstrument("gad7"), {{"item8", 1}});
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().field(), "item8");
  EXPECT_NE(s.status().message().find("GAD-7: unknown item 'item8'; items are item1, item2"),
            std::string::npos)
      << s.status().message();
}

TEST(ScoreErrors, DuplicateItemIsRejected) {
  auto s = Score("kss", "sleepiness=3,1=4");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("item 'sleepiness' (1) is answered twice"), std::string::npos)
      << s.status().message();
}

// ------------------------------------------- rules no shipped instrument uses

kb::InstrumentDef SmallDef(int n_items, int max_missing, kb::MissingAction action) {
  kb::InstrumentDef d;
  d.id = "test";
  d.code = "TEST";
  for (int i = 1; i <= n_items; ++i) {
    d.items.push_back({"q" + std::to_string(i), i, "", std::nullopt, {0, 1, 2, 3}, {}, ""});
  }
  d.min_total = 0;
  d.max_total = 3 * n_items;
  d.missing = {max_missing, action, ""};
  return d;
}

TEST(ScoreProrate, ScalesTheAnsweredSumToAllItemsRoundingHalfUp) {
  const auto def = SmallDef(4, 1, kb::MissingAction::kProrate);
  // 3 + 2 + 2 = 7 over 3 of 4 items: 7 x 4 / 3 = 9.33 -> 9.
  auto s = ScoreInstrument(def, {{"q1", 3}, {"q2", 2}, {"q3", 2}, {"q4", std::nullopt}});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_EQ(s->raw_sum, 7);
  EXPECT_EQ(s->total, 9);
  EXPECT_TRUE(s->prorated);
  EXPECT_EQ(s->missing_items, std::vector<std::string>{"q4"});
  // 3 + 3 + 2 = 8: 8 x 4 / 3 = 10.67 -> 11.
  EXPECT_EQ(ScoreInstrument(def, {{"q1", 3}, {"q2", 3}, {"q3", 2}})->total, 11);
  // 1 over 2 of 3 items: 1.5 -> 2.
  EXPECT_EQ(
      ScoreInstrument(SmallDef(3, 1, kb::MissingAction::kProrate), {{"q1", 1}, {"q2", 0}})->total,
      2);
  // Two missing is more than the rule allows.
  auto two = ScoreInstrument(def, {{"q1", 3}, {"q2", 3}});
  ASSERT_FALSE(two.ok());
  EXPECT_NE(two.status().message().find("at most 1 may be left out"), std::string::npos);
}

TEST(ScoreReject, AllowedMissingKeepsTheRawSum) {
  auto s = ScoreInstrument(SmallDef(4, 1, kb::MissingAction::kReject),
                           {{"q1", 3}, {"q2", 3}, {"q3", 2}});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->total, 8);
  EXPECT_FALSE(s->prorated);
  EXPECT_EQ(s->missing, 1);
}

TEST(ScoreSubscales, SumTheirOwnItems) {
  auto def = SmallDef(4, 0, kb::MissingAction::kReject);
  def.subscales = {{"a", "first"}, {"b", "second"}};
  def.items[0].subscale = def.items[2].subscale = "a";
  def.items[1].subscale = def.items[3].subscale = "b";
  auto s = ScoreInstrument(def, {{"q1", 3}, {"q2", 1}, {"q3", 2}, {"q4", 0}});
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->subscores.size(), 2u);
  EXPECT_EQ(s->subscores[0].total, 5);  // q1 + q3
  EXPECT_EQ(s->subscores[1].total, 1);  // q2 + q4
  EXPECT_EQ(s->total, 6);
}

}  // namespace
}  // namespace pineal::monitor
