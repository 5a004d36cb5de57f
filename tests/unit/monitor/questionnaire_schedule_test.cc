// Questionnaire schedules by hand: rules written here (so the date arithmetic
// is visible) and the shipped questionnaires.yaml.
#include "pineal/monitor/questionnaire_schedule.h"

#include <gtest/gtest.h>

#include "adherence_test_support.h"
#include "pineal/kb/rules_loader.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders

kb::QuestionnaireRule Rule(const char* id, std::vector<std::string> instruments, int window) {
  kb::QuestionnaireRule r;
  r.id = id;
  r.title = id;
  r.instruments = std::move(instruments);
  r.answer_window_days = window;
  r.policy = true;
  return r;
}

// Baseline PHQ-9 (window 14), ISI at the start and every 14 days for
// melatonin in insomnia (window 2), PHQ-9 14 days after a step above 5 mg.
kb::QuestionnaireRuleSet MakeHandRules() {
  kb::QuestionnaireRuleSet set;
  auto baseline = Rule("questionnaire.baseline", {"phq9"}, 14);
  baseline.at_start = true;
  set.rules.push_back(baseline);
  auto isi = Rule("questionnaire.isi", {"isi"}, 2);
  isi.applies.substance = "melatonin";
  isi.applies.condition = "insomnia";
  isi.at_start = true;
  isi.every_days = 14;
  set.rules.push_back(isi);
  auto step = Rule("questionnaire.step", {"phq9"}, 2);
  step.applies.substance = "melatonin";
  step.applies.dose_above = Mg(5);
  step.after_change_days = 14;
  set.rules.push_back(step);
  return set;
}

// The plans point into their rules, which must outlive them.
const kb::QuestionnaireRuleSet& HandRules() {
  static const kb::QuestionnaireRuleSet set = MakeHandRules();
  return set;
}

struct Case {
  std::vector<records::Regimen> regimens;
  QuestionnaireFacts facts;

  std::vector<DueQuestionnaire> Plan(const kb::QuestionnaireRuleSet& rules, const char* today) {
    facts.active.clear();
    for (const auto& r : regimens) facts.active.push_back(&r);
    return PlanQuestionnaires(rules, facts, Day(today));
  }
};

const DueQuestionnaire* Find(const std::vector<DueQuestionnaire>& list, const std::string& id) {
  for (const auto& d : list) {
    if (d.instrument == id) return &d;
  }
  return nullptr;
}

Case MelatoninForInsomnia(const char* start = "2026-03-02") {
  Case c;
  c.regimens.push_back(MakeRegimen(1, "melatonin", {Version(1, start, Mg(2), {Clock(22)})}));
  c.facts.conditions = {{"insomnia", "Insomnia"}};
  return c;
}

TEST(QuestionnaireSchedule, AtTheStartBothAreDueOnTheStartDate) {
  Case c = MelatoninForInsomnia();
  const auto plan = c.Plan(HandRules(), "2026-03-02");
  ASSERT_EQ(plan.size(), 2u);
  const auto* isi = Find(plan, "isi");
  const auto* phq9 = Find(plan, "phq9");
  ASSERT_NE(isi, nullptr);
  ASSERT_NE(phq9, nullptr);
  EXPECT_EQ(FormatDate(isi->date), "2026-03-02");
  EXPECT_EQ(FormatDate(isi->opens), "2026-02-28");  // 2 days before
  EXPECT_EQ(isi->state, DueState::kDue);
  EXPECT_EQ(FormatDate(phq9->opens), "2026-02-16");  // 14 days before
  EXPECT_EQ(phq9->rules.front()->id, "questionnaire.baseline");
}

TEST(QuestionnaireSchedule, AnAnswerMovesTheNextDateByTheInterval) {
  Case c = MelatoninForInsomnia();
  c.facts.last_answered["isi"] = Day("2026-03-03");
  c.facts.last_answered["phq9"] = Day("2026-03-02");
  const auto plan = c.Plan(HandRules(), "2026-03-05");
  // The baseline PHQ-9 is answered and nothing else asks for it.
  EXPECT_EQ(Find(plan, "phq9"), nullptr);
  const auto* isi = Find(plan, "isi");
  ASSERT_NE(isi, nullptr);
  EXPECT_EQ(FormatDate(isi->date), "2026-03-17");  // 3 March + 14 days
  EXPECT_EQ(FormatDate(isi->opens), "2026-03-15");
  EXPECT_EQ(isi->state, DueState::kUpcoming);
}

TEST(QuestionnaireSchedule, UnansweredItBecomesOverdueAndCountsTheDays) {
  Case c = MelatoninForInsomnia();
  c.facts.last_answered["isi"] = Day("2026-03-02");
  const auto plan = c.Plan(HandRules(), "2026-03-20");
  const auto* isi = Find(plan, "isi");
  ASSERT_NE(isi, nullptr);
  EXPECT_EQ(FormatDate(isi->date), "2026-03-16");
  EXPECT_EQ(isi->state, DueState::kOverdue);
  EXPECT_EQ(isi->days_overdue, 4);
  // Earliest first: the PHQ-9 baseline of 2 March comes before.
  EXPECT_EQ(plan.front().instrument, "phq9");
}

TEST(QuestionnaireSchedule, AnAnswerWithinTheWindowBeforeTheStartCountsAsTheBaseline) {
  Case c = MelatoninForInsomnia();
  c.facts.last_answered["phq9"] = Day("2026-02-16");  // exactly 14 days before
  EXPECT_EQ(Find(c.Plan(HandRules(), "2026-03-02"), "phq9"), nullptr);
  c.facts.last_answered["phq9"] = Day("2026-02-15");  // 15 days before: too old
  const auto plan = c.Plan(HandRules(), "2026-03-02");
  const auto* phq9 = Find(plan, "phq9");
  ASSERT_NE(phq9, nullptr);
  EXPECT_EQ(FormatDate(phq9->date), "2026-03-02");
}

TEST(QuestionnaireSchedule, ConditionAndSubstanceMustBothHold) {
  Case c = MelatoninForInsomnia();
  c.facts.conditions.clear();  // melatonin, but not for insomnia
  const auto plan = c.Plan(HandRules(), "2026-03-02");
  EXPECT_EQ(Find(plan, "isi"), nullptr);
  EXPECT_NE(Find(plan, "phq9"), nullptr);  // the baseline applies to every programme
  Case none;
  none.facts.conditions = {{"insomnia", "Insomnia"}};  // a condition but no active regimen
  EXPECT_TRUE(none.Plan(HandRules(), "2026-03-02").empty());
}

TEST(QuestionnaireSchedule, AStepAboveFiveMgAsksForMoodFourteenDaysLater) {
  Case c;
  c.regimens.push_back(MakeRegimen(1, "melatonin",
                                   {Version(1, "2026-03-02", Mg(5), {Clock(22)}),
                                    Version(2, "2026-04-01", Mg(10), {Clock(22)})}));
  c.facts.last_answered["phq9"] = Day("2026-03-01");  // the baseline
  const auto plan = c.Plan(HandRules(), "2026-04-10");
  const auto* phq9 = Find(plan, "phq9");
  ASSERT_NE(phq9, nullptr);
  EXPECT_EQ(FormatDate(phq9->date), "2026-04-15");  // 1 April + 14
  EXPECT_EQ(phq9->rules.front()->id, "questionnaire.step");
  EXPECT_EQ(phq9->state, DueState::kUpcoming);
  // Answered on 13 April (within 2 days before): done.
  c.facts.last_answered["phq9"] = Day("2026-04-13");
  EXPECT_EQ(Find(c.Plan(HandRules(), "2026-04-14"), "phq9"), nullptr);
}

TEST(QuestionnaireSchedule, AStepDownAsksForNothing) {
  Case c;
  c.regimens.push_back(MakeRegimen(1, "melatonin",
                                   {Version(1, "2026-03-02", Mg(10), {Clock(22)}),
                                    Version(2, "2026-04-01", Mg(6), {Clock(22)})}));
  c.facts.last_answered["phq9"] = Day("2026-03-01");
  EXPECT_EQ(Find(c.Plan(HandRules(), "2026-04-10"), "phq9"), nullptr);
}

TEST(QuestionnaireSchedule, ShippedRulesCoverTheProgrammes) {
  auto rules = kb::LoadDefaultMonitoringRules();
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  const auto& set = rules->questionnaires;
  const auto instruments_for = [&](Case& c, const char* today) {
    std::set<std::string> ids;
    for (const auto& d : c.Plan(set, today)) ids.insert(d.instrument);
    return ids;
  };
  // Insomnia on melatonin: ISI every two weeks, PHQ-9 and GAD-7 at baseline.
  Case insomnia = MelatoninForInsomnia();
  EXPECT_EQ(instruments_for(insomnia, "2026-03-02"),
            (std::set<std::string>{"gad7", "isi", "phq9"}));
  insomnia.facts.last_answered = {
      {"isi", Day("2026-03-02")}, {"phq9", Day("2026-03-02")}, {"gad7", Day("2026-03-02")}};
  const auto later = insomnia.Plan(set, "2026-03-10");
  ASSERT_NE(Find(later, "isi"), nullptr);
  EXPECT_EQ(FormatDate(Find(later, "isi")->date), "2026-03-16");
  ASSERT_NE(Find(later, "phq9"), nullptr);
  EXPECT_EQ(FormatDate(Find(later, "phq9")->date), "2026-03-30");  // monthly: 28 days
  // A kratom taper: SOWS daily, COWS weekly.
  Case kratom;
  kratom.regimens.push_back(MakeRegimen(2, "kratom", {Version(1, "2026-03-02", G(2), {Clock(9)})}));
  kratom.facts.last_answered = {{"sows", Day("2026-03-04")}, {"cows", Day("2026-03-02")}};
  const auto taper = kratom.Plan(set, "2026-03-05");
  ASSERT_NE(Find(taper, "sows"), nullptr);
  EXPECT_EQ(FormatDate(Find(taper, "sows")->date), "2026-03-05");
  ASSERT_NE(Find(taper, "cows"), nullptr);
  EXPECT_EQ(FormatDate(Find(taper, "cows")->date), "2026-03-09");
  // Chronic pain: a daily rating.
  Case pain = MelatoninForInsomnia();
  pain.facts.conditions = {{"chronic_pain", "Chronic pain"}};
  EXPECT_TRUE(instruments_for(pain, "2026-03-02").count("pain_nrs"));
}

}  // namespace
}  // namespace pineal::monitor
