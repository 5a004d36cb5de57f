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

// Johns (ESS website, read in anon2019_ess_bands): 0-5 lower normal, 6-10
// higher normal, 11-12 mild, 13-15 moderate, 16-24 severe excessive sleepiness.
TEST(ScoreEss, BandEdges) {
  ExpectEdges("ess", {{"0,0,0,0,0,0,0,0", 0, "lower_normal"},
                      {"1,1,1,1,1,0,0,0", 5, "lower_normal"},
                      {"1,1,1,1,1,1,0,0", 6, "higher_normal"},
                      {"2,2,2,2,1,1,0,0", 10, "higher_normal"},
                      {"2,2,2,2,1,1,1,0", 11, "mild_eds"},
                      {"2,2,2,2,2,2,0,0", 12, "mild_eds"},
                      {"2,2,2,2,2,2,1,0", 13, "moderate_eds"},
                      {"3,3,3,3,3,0,0,0", 15, "moderate_eds"},
                      {"3,3,3,3,3,1,0,0", 16, "severe_eds"},
                      {"3,3,3,3,3,3,3,3", 24, "severe_eds"}});
  auto four = Score("ess", "4,0,0,0,0,0,0,0");
  ASSERT_FALSE(four.ok());
  EXPECT_EQ(four.status().field(), "reading");
}

// Krupp 1989: the FSS score is the mean of 9 answers (1-7); a mean of 4 or more
// is the usual cut-off (olivaramirez2021). Means by hand, rounded half up to 2
// decimals.
TEST(ScoreFss, MeanOfNineAnswersWithTheCutOffAtFour) {
  struct Case {
    const char* answers;
    double score;  // hand-computed mean, rounded
    int whole;
    const char* band;
  };
  for (const Case& c : {Case{"1,1,1,1,1,1,1,1,1", 1.00, 1, "below_cutoff"},
                        // 35 / 9 = 3.888... -> 3.89: still below 4.
                        Case{"4,4,4,4,4,4,4,4,3", 3.89, 3, "below_cutoff"},
                        // 36 / 9 = 4.00: at the cut-off.
                        Case{"4,4,4,4,4,4,4,4,4", 4.00, 4, "significant_fatigue"},
                        // 37 / 9 = 4.111... -> 4.11.
                        Case{"5,4,4,4,4,4,4,4,4", 4.11, 4, "significant_fatigue"},
                        // 47 / 9 = 5.222... -> 5.22.
                        Case{"7,6,5,5,5,5,5,5,4", 5.22, 5, "significant_fatigue"},
                        // 62 / 9 = 6.888... -> 6.89.
                        Case{"7,7,7,7,7,7,7,7,6", 6.89, 6, "significant_fatigue"},
                        Case{"7,7,7,7,7,7,7,7,7", 7.00, 7, "significant_fatigue"}}) {
    auto s = Score("fss", c.answers);
    ASSERT_TRUE(s.ok()) << c.answers << ": " << s.status().message();
    EXPECT_EQ(s->method, kb::ScoringMethod::kMean);
    EXPECT_EQ(s->decimals, 2);
    EXPECT_NEAR(s->score, c.score, 1e-9) << c.answers;
    EXPECT_EQ(s->total, c.whole) << c.answers;
    ASSERT_TRUE(s->band.has_value()) << c.answers;
    EXPECT_EQ(s->band->id, c.band) << c.answers;
    EXPECT_FALSE(s->prorated);
    EXPECT_EQ(s->min_total, 1);
    EXPECT_EQ(s->max_total, 7);
  }
  EXPECT_EQ(FormatScore(Score("fss", "4,4,4,4,4,4,4,4,3")->score, 2), "3.89");
  EXPECT_EQ(FormatScore(Score("fss", "4,4,4,4,4,4,4,4,4")->score, 2), "4.00");
  auto zero = Score("fss", "0,4,4,4,4,4,4,4,4");
  ASSERT_FALSE(zero.ok());
  EXPECT_NE(zero.status().message().find("allowed: 1, 2, 3, 4, 5, 6, 7"), std::string::npos);
  EXPECT_FALSE(Score("fss", "4,4,4,4,4,4,4,4").ok());  // 8 of 9 answers
}

// BPI user guide: severity = mean of worst, least, average, now; interference =
// mean of the 7 interference items. Means by hand.
TEST(ScoreBpi, SeverityIsTheScoreAndInterferenceASubscore) {
  // Severity 8, 2, 5, 4 = 19 / 4 = 4.75; interference 3+5+2+6+1+7+4 = 28 / 7 = 4.00.
  auto s = Score("bpi_sf", "8,2,5,4,3,5,2,6,1,7,4");
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_NEAR(s->score, 4.75, 1e-9);
  EXPECT_EQ(s->total, 4);
  EXPECT_EQ(s->raw_sum, 47);
  EXPECT_FALSE(s->band.has_value());
  ASSERT_EQ(s->subscores.size(), 2u);
  EXPECT_EQ(s->subscores[0].id, "severity");
  EXPECT_NEAR(s->subscores[0].score, 4.75, 1e-9);
  EXPECT_EQ(s->subscores[0].raw_sum, 19);
  EXPECT_EQ(s->subscores[0].total, 4);
  EXPECT_EQ(s->subscores[1].id, "interference");
  EXPECT_NEAR(s->subscores[1].score, 4.00, 1e-9);
  EXPECT_EQ(s->subscores[1].raw_sum, 28);
  EXPECT_EQ(s->subscores[1].total, 4);
  EXPECT_EQ(s->subscores[1].method, kb::ScoringMethod::kMean);

  // Severity 7+3+6+5 = 21 / 4 = 5.25; interference 1 / 7 = 0.142... -> 0.14.
  auto t = Score("bpi_sf", "7,3,6,5,0,0,0,0,0,0,1");
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_NEAR(t->score, 5.25, 1e-9);
  EXPECT_NEAR(t->subscores[1].score, 0.14, 1e-9);
  EXPECT_EQ(t->subscores[1].total, 0);
  // Interference does not move the stored score.
  auto u = Score("bpi_sf", "7,3,6,5,10,10,10,10,10,10,10");
  ASSERT_TRUE(u.ok());
  EXPECT_NEAR(u->score, 5.25, 1e-9);
  EXPECT_NEAR(u->subscores[1].score, 10.0, 1e-9);

  // Every item is needed (stricter than the guide's 4 of 7 interference items).
  auto missing = Score("bpi_sf", "7,3,6,5,1,1,1,1,1,1,");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "enjoyment");
  EXPECT_FALSE(Score("bpi_sf", "11,3,6,5,1,1,1,1,1,1,1").ok());
}

// Adan & Almirall 1991 (as encoded; see rmeq.yaml): 4-7 definitely evening,
// 8-11 moderately evening, 12-17 neither, 18-21 moderately morning, 22-25
// definitely morning. Item 5 answers 0, 2, 4 or 6.
TEST(ScoreRmeq, BandEdges) {
  ExpectEdges("rmeq", {{"1,1,1,1,0", 4, "definitely_evening"},
                       {"1,1,1,2,2", 7, "definitely_evening"},
                       {"1,1,1,1,4", 8, "moderately_evening"},
                       {"3,2,2,2,2", 11, "moderately_evening"},
                       {"3,3,2,2,2", 12, "neither"},
                       {"4,3,3,3,4", 17, "neither"},
                       {"4,3,4,3,4", 18, "moderately_morning"},
                       {"5,3,4,3,6", 21, "moderately_morning"},
                       {"5,4,4,3,6", 22, "definitely_morning"},
                       {"5,4,5,5,6", 25, "definitely_morning"}});
  auto odd = Score("rmeq", "3,2,3,3,3");
  ASSERT_FALSE(odd.ok());
  EXPECT_EQ(odd.status().field(), "self_rated_type");
  EXPECT_NE(odd.status().message().find("allowed: 0, 2, 4, 6"), std::string::npos);
  EXPECT_FALSE(Score("rmeq", "3,5,3,3,2").ok());  // item 2 answers 1-4
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
  def.subscales = {{"a", "first", kb::ScoringMethod::kSum, 0},
                   {"b", "second", kb::ScoringMethod::kSum, 0}};
  def.items[0].subscale = def.items[2].subscale = "a";
  def.items[1].subscale = def.items[3].subscale = "b";
  auto s = ScoreInstrument(def, {{"q1", 3}, {"q2", 1}, {"q3", 2}, {"q4", 0}});
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(s->subscores.size(), 2u);
  EXPECT_EQ(s->subscores[0].total, 5);  // q1 + q3
  EXPECT_EQ(s->subscores[1].total, 1);  // q2 + q4
  EXPECT_EQ(s->total, 6);
}

// -------------------------------------------------------- mean scoring rules

TEST(ScoreMean, RoundsHalfUpWithoutFloatingPoint) {
  EXPECT_EQ(RoundedMeanUnits(35, 9, 2), 389);  // 3.888...
  EXPECT_EQ(RoundedMeanUnits(36, 9, 2), 400);
  EXPECT_EQ(RoundedMeanUnits(1, 8, 2), 13);  // 0.125 -> 0.13
  EXPECT_EQ(RoundedMeanUnits(3, 8, 2), 38);  // 0.375 -> 0.38
  EXPECT_EQ(RoundedMeanUnits(1, 4, 1), 3);   // 0.25 -> 0.3
  EXPECT_EQ(RoundedMeanUnits(5, 2, 0), 3);   // 2.5 -> 3
  EXPECT_EQ(RoundedMeanUnits(4, 3, 0), 1);   // 1.33 -> 1
  EXPECT_EQ(RoundedMeanUnits(0, 7, 3), 0);
  EXPECT_EQ(FormatScore(3.89, 2), "3.89");
  EXPECT_EQ(FormatScore(4, 2), "4.00");
  EXPECT_EQ(FormatScore(0.3, 1), "0.3");
  EXPECT_EQ(FormatScore(7, 0), "7");
}

kb::InstrumentDef MeanDef(int n_items, int decimals, int max_missing) {
  kb::InstrumentDef d = SmallDef(n_items, max_missing, kb::MissingAction::kProrate);
  d.method = kb::ScoringMethod::kMean;
  d.decimals = decimals;
  d.min_total = 0;
  d.max_total = 3;
  d.bands = {{"low", 0, 1, "low", kb::SeverityLevel::kNone},
             {"high", 2, 3, "high", kb::SeverityLevel::kModerate}};
  return d;
}

TEST(ScoreMean, BandsHoldTheWholePartOfTheRoundedMean) {
  const auto def = MeanDef(4, 2, 0);
  // 1 + 2 + 2 + 2 = 7 / 4 = 1.75: band low (0-1 holds 0.00-1.99).
  auto s = ScoreInstrument(def, {{"q1", 1}, {"q2", 2}, {"q3", 2}, {"q4", 2}});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_NEAR(s->score, 1.75, 1e-9);
  EXPECT_EQ(s->total, 1);
  EXPECT_EQ(s->band->id, "low");
  // 8 / 4 = 2.00: band high.
  auto t = ScoreInstrument(def, {{"q1", 2}, {"q2", 2}, {"q3", 2}, {"q4", 2}});
  EXPECT_NEAR(t->score, 2.0, 1e-9);
  EXPECT_EQ(t->band->id, "high");
  // 0 decimals: 7 / 4 = 1.75 -> 2, band high.
  auto u = ScoreInstrument(MeanDef(4, 0, 0), {{"q1", 1}, {"q2", 2}, {"q3", 2}, {"q4", 2}});
  EXPECT_NEAR(u->score, 2.0, 1e-9);
  EXPECT_EQ(u->total, 2);
  EXPECT_EQ(u->band->id, "high");
}

TEST(ScoreMean, AllowedMissingAveragesTheAnsweredItems) {
  const auto def = MeanDef(4, 2, 1);
  // 3 + 2 + 2 = 7 over 3 answered: 2.333... -> 2.33.
  auto s = ScoreInstrument(def, {{"q1", 3}, {"q2", 2}, {"q3", 2}, {"q4", std::nullopt}});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_NEAR(s->score, 2.33, 1e-9);
  EXPECT_TRUE(s->prorated);
  EXPECT_EQ(s->raw_sum, 7);
  EXPECT_FALSE(ScoreInstrument(def, {{"q1", 3}, {"q2", 2}}).ok());  // 2 missing
}

TEST(ScoreMean, ASubscaleScoredInstrumentUsesOnlyThatSubscale) {
  auto def = MeanDef(4, 1, 0);
  def.subscales = {{"a", "first", kb::ScoringMethod::kMean, 1},
                   {"b", "second", kb::ScoringMethod::kSum, 0}};
  def.score_subscale = "a";
  def.items[0].subscale = def.items[1].subscale = "a";
  def.items[2].subscale = def.items[3].subscale = "b";
  // a: (3 + 2) / 2 = 2.5; b: 1 + 0 = 1 (a sum).
  auto s = ScoreInstrument(def, {{"q1", 3}, {"q2", 2}, {"q3", 1}, {"q4", 0}});
  ASSERT_TRUE(s.ok()) << s.status().message();
  EXPECT_NEAR(s->score, 2.5, 1e-9);
  EXPECT_EQ(s->total, 2);
  EXPECT_EQ(s->band->id, "high");
  EXPECT_NEAR(s->subscores[0].score, 2.5, 1e-9);
  EXPECT_EQ(s->subscores[1].total, 1);
  EXPECT_NEAR(s->subscores[1].score, 1.0, 1e-9);
  EXPECT_EQ(s->raw_sum, 6);
}

TEST(ScoreSum, ScoreEqualsTheTotal) {
  auto s = Score("phq9", "1,1,1,1,1,1,1,1,0");
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->method, kb::ScoringMethod::kSum);
  EXPECT_EQ(s->total, 8);
  EXPECT_NEAR(s->score, 8.0, 1e-9);
  EXPECT_EQ(s->decimals, 0);
}

}  // namespace
}  // namespace pineal::monitor
