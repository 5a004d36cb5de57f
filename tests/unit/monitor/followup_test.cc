// Review schedules by hand: rules written here (so the arithmetic is visible)
// and the shipped followup.yaml.
#include "pineal/monitor/followup.h"

#include <gtest/gtest.h>

#include "adherence_test_support.h"
#include "pineal/kb/rules_loader.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders

kb::FollowupRule Rule(const char* id, int first, int interval) {
  kb::FollowupRule r;
  r.id = id;
  r.title = id;
  r.first_review_days = first;
  r.interval_days = interval;
  r.policy = true;
  return r;
}

kb::FollowupRuleSet HandRules() {
  kb::FollowupRuleSet set;
  set.rules.push_back(Rule("followup.default", 28, 91));
  auto high = Rule("followup.high", 14, 28);
  high.applies.substance = "melatonin";
  high.applies.dose_above = Mg(5);
  set.rules.push_back(high);
  auto old = Rule("followup.old", 21, 56);
  old.applies.min_age_years = 65;
  set.rules.push_back(old);
  auto preg = Rule("followup.preg", 7, 14);
  preg.applies.pregnant_or_breastfeeding = true;
  set.rules.push_back(preg);
  return set;
}

records::Patient Adult() {
  records::Patient p;
  p.birth_date = Day("1980-06-15");
  p.pregnancy = records::PregnancyStatus::kNotPregnant;
  p.time_zone = "Europe/Berlin";
  return p;
}

records::Regimen Mel(double dose_mg, const char* start = "2026-01-01") {
  return MakeRegimen(1, "melatonin", {Version(1, start, Mg(dose_mg), {Clock(22)})});
}

FollowupSchedule Plan(const kb::FollowupRuleSet& rules, const records::Patient& p,
                      const records::Regimen& r, const std::vector<ReviewRecord>& reviews,
                      const char* today, int count = 3) {
  auto s = PlanReviews(rules, p, r, reviews, Day(today), count);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? *s : FollowupSchedule{};
}

TEST(Followup, DefaultRuleFirstReviewThenInterval) {
  const auto s = Plan(HandRules(), Adult(), Mel(3), {}, "2026-01-10");
  ASSERT_EQ(s.due.size(), 3u);
  EXPECT_EQ(s.due[0].date, Day("2026-01-29"));  // 1 Jan + 28 d
  EXPECT_EQ(s.due[1].date, Day("2026-04-30"));  // + 91 d
  EXPECT_EQ(s.due[2].date, Day("2026-07-30"));  // + 91 d
  EXPECT_EQ(s.due[0].rule_id, "followup.default");
  EXPECT_FALSE(s.due[0].overdue);
  EXPECT_EQ(s.applicable_rules, std::vector<std::string>{"followup.default"});
}

TEST(Followup, HighDoseComesSoonerAndMoreOften) {
  const auto s = Plan(HandRules(), Adult(), Mel(10), {}, "2026-01-02");
  EXPECT_EQ(s.applicable_rules, (std::vector<std::string>{"followup.default", "followup.high"}));
  ASSERT_EQ(s.due.size(), 3u);
  EXPECT_EQ(s.due[0].date, Day("2026-01-15"));  // + 14 d
  EXPECT_EQ(s.due[1].date, Day("2026-02-12"));  // + 28 d
  EXPECT_EQ(s.due[0].rule_id, "followup.high");
  EXPECT_NE(s.due[0].reason.find("10 mg per dose is above 5 mg"), std::string::npos)
      << s.due[0].reason;
}

TEST(Followup, ExactlyAtTheDoseThresholdDoesNotApply) {
  const auto s = Plan(HandRules(), Adult(), Mel(5), {}, "2026-01-02");
  EXPECT_EQ(s.applicable_rules, std::vector<std::string>{"followup.default"});
}

TEST(Followup, TitrationStepCountsTowardsTheDose) {
  auto r = Mel(3);
  r.versions[0].titration = {{14, Mg(6)}};
  const auto s = Plan(HandRules(), Adult(), r, {}, "2026-01-02");
  EXPECT_EQ(s.due.at(0).rule_id, "followup.high");
}

TEST(Followup, OlderAdultFirstFromOneRuleIntervalFromAnother) {
  auto p = Adult();
  p.birth_date = Day("1960-01-02");  // 66 on 2026-01-02
  // old: first 21, interval 56; default: first 28, interval 91 -> 21 then 56.
  const auto s = Plan(HandRules(), p, Mel(3), {}, "2026-01-02");
  ASSERT_EQ(s.due.size(), 3u);
  EXPECT_EQ(s.due[0].date, Day("2026-01-22"));
  EXPECT_EQ(s.due[1].date, Day("2026-03-19"));
  EXPECT_EQ(s.due[1].rule_id, "followup.old");
}

TEST(Followup, AgeRuleNotEvaluatedWithoutBirthDateSaysSo) {
  auto p = Adult();
  p.birth_date.reset();
  const auto s = Plan(HandRules(), p, Mel(3), {}, "2026-01-02");
  EXPECT_EQ(s.due.at(0).rule_id, "followup.default");
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_NE(s.notes[0].find("followup.old not evaluated: birth date unknown"), std::string::npos);
}

TEST(Followup, PregnancyOrBreastfeeding) {
  auto p = Adult();
  p.breastfeeding = true;
  const auto s = Plan(HandRules(), p, Mel(3), {}, "2026-01-02");
  EXPECT_EQ(s.due.at(0).date, Day("2026-01-08"));  // + 7
  EXPECT_EQ(s.due.at(1).date, Day("2026-01-22"));  // + 14
  EXPECT_NE(s.due[0].reason.find("breastfeeding"), std::string::npos);
}

TEST(Followup, DoneReviewRestartsTheIntervalFromTheDayItWasDone) {
  const std::vector<ReviewRecord> reviews = {
      {1, Day("2026-01-29"), ReviewState::kDone, Day("2026-01-31"), std::nullopt, ""}};
  const auto s = Plan(HandRules(), Adult(), Mel(3), reviews, "2026-02-01");
  EXPECT_EQ(s.due.at(0).date, Day("2026-05-02"));  // 31 Jan + 91
}

TEST(Followup, MovedReviewKeepsItsRecordAndShiftsTheNext) {
  const std::vector<ReviewRecord> reviews = {
      {4, Day("2026-01-29"), ReviewState::kMoved, std::nullopt, Day("2026-02-05"), "away"}};
  const auto s = Plan(HandRules(), Adult(), Mel(3), reviews, "2026-01-20");
  EXPECT_EQ(s.due.at(0).date, Day("2026-02-05"));
  EXPECT_EQ(s.due[0].planned, Day("2026-01-29"));
  EXPECT_EQ(s.due[0].review_id, 4);
  EXPECT_EQ(s.due.at(1).date, Day("2026-05-07"));  // 5 Feb + 91
}

TEST(Followup, CancelledReviewIsSkipped) {
  const std::vector<ReviewRecord> reviews = {
      {2, Day("2026-01-29"), ReviewState::kCancelled, std::nullopt, std::nullopt, "not needed"}};
  const auto s = Plan(HandRules(), Adult(), Mel(3), reviews, "2026-01-20");
  EXPECT_EQ(s.due.at(0).date, Day("2026-04-30"));
}

TEST(Followup, OverdueReviewIsFlaggedAndLaterOnesCountFromToday) {
  const auto s = Plan(HandRules(), Adult(), Mel(3), {}, "2026-03-01");
  EXPECT_EQ(s.due.at(0).date, Day("2026-01-29"));
  EXPECT_TRUE(s.due[0].overdue);
  EXPECT_EQ(s.due[0].days_overdue, 31);            // 29 Jan -> 1 Mar
  EXPECT_EQ(s.due.at(1).date, Day("2026-05-31"));  // 1 Mar + 91
  EXPECT_FALSE(s.due[1].overdue);
}

TEST(Followup, LateDoneReviewCompletesTheOverdueOne) {
  const std::vector<ReviewRecord> reviews = {
      {1, Day("2026-01-29"), ReviewState::kDone, Day("2026-02-20"), std::nullopt, ""}};
  const auto s = Plan(HandRules(), Adult(), Mel(3), reviews, "2026-03-01");
  EXPECT_EQ(s.due.at(0).date, Day("2026-05-22"));  // 20 Feb + 91
  EXPECT_FALSE(s.due[0].overdue);
}

// Version 2 starts on 1 March: its first review is 28 days later. Version 1's
// review of 29 January was never done; the change does not clear it.
TEST(Followup, NewVersionRestartsTheScheduleButKeepsTheOverdueReview) {
  auto r = Mel(3);
  r.versions.push_back(Version(2, "2026-03-01", Mg(3), {Clock(21)}));
  const auto s = Plan(HandRules(), Adult(), r, {}, "2026-03-02");
  ASSERT_EQ(s.due.size(), 3u);
  EXPECT_EQ(s.due[0].date, Day("2026-01-29"));
  EXPECT_TRUE(s.due[0].overdue);
  EXPECT_EQ(s.due[0].days_overdue, 32);
  EXPECT_EQ(s.due[0].reason.rfind("Carried over from an earlier version: followup.default", 0), 0u)
      << s.due[0].reason;
  EXPECT_EQ(s.due[1].date, Day("2026-03-29"));
  EXPECT_FALSE(s.due[1].overdue);
}

// Done before the change: nothing is carried over.
TEST(Followup, AReviewDoneBeforeTheChangeIsNotCarriedOver) {
  auto r = Mel(3);
  r.versions.push_back(Version(2, "2026-03-01", Mg(3), {Clock(21)}));
  ReviewRecord done{1, Day("2026-01-29"), ReviewState::kDone, Day("2026-01-30"), {}, ""};
  const auto s = Plan(HandRules(), Adult(), r, {done}, "2026-03-02");
  EXPECT_EQ(s.due.at(0).date, Day("2026-03-29"));
}

// Done by a person after the change: it closes the carried review and does
// not count as the new version's first review.
TEST(Followup, ACarriedReviewIsClosedOnlyByItsOwnRecord) {
  auto r = Mel(3);
  r.versions.push_back(Version(2, "2026-03-01", Mg(3), {Clock(21)}));
  ReviewRecord done{1, Day("2026-01-29"), ReviewState::kDone, Day("2026-03-03"), {}, ""};
  const auto s = Plan(HandRules(), Adult(), r, {done}, "2026-03-04");
  ASSERT_FALSE(s.due.empty());
  EXPECT_EQ(s.due[0].date, Day("2026-03-29"));
  EXPECT_FALSE(s.due[0].overdue);
}

TEST(Followup, StoppedRegimenHasNoReviews) {
  auto r = Mel(3);
  auto stopped = r.versions[0];
  stopped.version = 2;
  stopped.status = records::RegimenStatus::kStopped;
  stopped.end_date = Day("2026-02-01");
  r.versions.push_back(stopped);
  const auto s = Plan(HandRules(), Adult(), r, {}, "2026-02-02");
  EXPECT_TRUE(s.due.empty());
  ASSERT_EQ(s.notes.size(), 1u);
  EXPECT_NE(s.notes[0].find("stopped"), std::string::npos);
}

TEST(Followup, BadCountIsRejected) {
  auto s = PlanReviews(HandRules(), Adult(), Mel(3), {}, Day("2026-01-02"), -1);
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.status().field(), "count");
}

// The shipped rules: 20 mg melatonin triggers the research-range rule (first
// review after 7 days, then every 14); any kratom use 14 then 28.
TEST(Followup, ShippedRules) {
  auto rules = kb::LoadDefaultMonitoringRules();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  auto s = Plan(rules->followup, Adult(), Mel(20), {}, "2026-01-02");
  EXPECT_EQ(s.due.at(0).date, Day("2026-01-08"));
  EXPECT_EQ(s.due.at(0).rule_id, "followup.melatonin.research_dose");
  EXPECT_EQ(s.due.at(1).date, Day("2026-01-22"));

  const auto kratom = MakeRegimen(2, "kratom", {Version(1, "2026-01-01", G(2), {Clock(9)})});
  s = Plan(rules->followup, Adult(), kratom, {}, "2026-01-02");
  EXPECT_EQ(s.due.at(0).date, Day("2026-01-15"));
  EXPECT_EQ(s.due.at(0).rule_id, "followup.kratom.any_use");
  EXPECT_EQ(s.due.at(1).date, Day("2026-02-12"));

  auto older = Adult();
  older.birth_date = Day("1950-01-01");
  s = Plan(rules->followup, older, Mel(2), {}, "2026-01-02");
  EXPECT_EQ(s.due.at(0).rule_id, "followup.melatonin.older_adult");
  EXPECT_EQ(s.due.at(0).date, Day("2026-01-15"));
}

}  // namespace
}  // namespace pineal::monitor
