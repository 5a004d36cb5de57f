// Alert rules, one kind at a time, at the edge where each fires, with the
// shipped knowledge/rules/alerts.yaml; evidence and dedupe keys checked.
#include "pineal/monitor/alert.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "adherence_test_support.h"
#include "pineal/kb/rules_loader.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders
using std::chrono::days;
using std::chrono::hours;
using std::chrono::seconds;

const kb::AlertRuleSet& Shipped() {
  static const kb::AlertRuleSet rules = [] {
    auto r = kb::LoadDefaultMonitoringRules();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->alerts : kb::AlertRuleSet{};
  }();
  return rules;
}

// Only the shipped rule `id`, so tests see one rule at a time.
kb::AlertRuleSet Only(const std::string& id) {
  kb::AlertRuleSet set;
  set.adherence = Shipped().adherence;
  for (const auto& r : Shipped().rules) {
    if (r.id == id) set.rules.push_back(r);
  }
  EXPECT_EQ(set.rules.size(), 1u) << id;
  return set;
}

const Instant kNow = At("2026-03-16T10:00:00Z");  // a Monday

AlertInputs Base() {
  AlertInputs in;
  in.patient.id = PatientId(1);
  in.patient.time_zone = "UTC";
  in.patient.birth_date = Day("1980-01-01");
  return in;
}

std::vector<AlertCandidate> Fired(const std::string& id, const AlertInputs& in,
                                  Instant now = kNow) {
  return EvaluateAlerts(Only(id), in, now);
}

SideEffectReport Effect(std::int64_t id, int grade, Instant onset, bool ongoing = false) {
  return {ObservationId(id), "headache", grade, onset, "melatonin", ongoing};
}

ScoredResponse Response(std::int64_t id, const char* code, Instant at, double total,
                        std::map<std::string, int> items = {}, const char* band = "") {
  return {ObservationId(id), code, at, total, band, std::move(items)};
}

// ---------------------------------------------------------------- side effects

TEST(AlertSideEffect, GradeThreeFiresUrgentWithItsObservation) {
  auto in = Base();
  in.side_effects = {Effect(5, 3, At("2026-03-10T07:00:00Z")), Effect(6, 2, kNow - hours(1))};
  const auto out = Fired("alert.side_effect.severe", in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, kb::AlertSeverity::kUrgent);
  EXPECT_EQ(out[0].evidence, (std::vector<Evidence>{{EvidenceKind::kObservation, 5}}));
  EXPECT_EQ(out[0].dedupe_key, "alert.side_effect.severe|observation:5");
  EXPECT_EQ(out[0].message,
            "headache reported at grade 3 (CTCAE: 3 = severe) with melatonin, onset "
            "2026-03-10 07:00");
  EXPECT_EQ(out[0].refs, std::vector<std::string>{"nci2017_ctcae"});
}

TEST(AlertSideEffect, LookbackEdgeAndOngoingEffects) {
  auto in = Base();
  in.side_effects = {Effect(1, 4, kNow - days(30)),               // at the edge: fires
                     Effect(2, 4, kNow - days(30) - seconds(1)),  // just outside
                     Effect(3, 3, kNow - days(90), true),         // old but ongoing
                     Effect(4, 5, kNow + hours(1))};              // in the future: ignored
  const auto out = Fired("alert.side_effect.severe", in);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].evidence[0].id, 1);
  EXPECT_EQ(out[1].evidence[0].id, 3);
}

// ---------------------------------------------------------------- instruments

TEST(AlertPhq9, ItemNineAboveZeroFiresWhateverTheTotal) {
  auto in = Base();
  in.responses = {Response(10, "PHQ-9", kNow - days(1), 3, {{"item9", 1}}),
                  Response(11, "PHQ-9", kNow - days(2), 22, {{"item9", 0}}),
                  Response(12, "PHQ-9", kNow - days(3), 22, {{"item1", 3}}),  // no item 9
                  Response(13, "GAD-7", kNow - days(1), 20, {{"item9", 3}})};
  const auto out = Fired("alert.phq9.item9", in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, kb::AlertSeverity::kUrgent);
  EXPECT_EQ(out[0].evidence, (std::vector<Evidence>{{EvidenceKind::kObservation, 10}}));
  EXPECT_NE(out[0].message.find("PHQ-9 item 9 scored 1 (total 3)"), std::string::npos)
      << out[0].message;
}

TEST(AlertCows, TwentyFiveIsUrgentTwentyFourIsAWarning) {
  auto in = Base();
  in.responses = {Response(20, "COWS", kNow - days(1), 25, {}, "moderately_severe")};
  EXPECT_EQ(Fired("alert.cows.severe", in).size(), 1u);
  EXPECT_TRUE(Fired("alert.cows.moderate", in).empty());
  EXPECT_NE(Fired("alert.cows.severe", in)[0].message.find("COWS total 25 (moderately_severe)"),
            std::string::npos);

  in.responses = {Response(21, "COWS", kNow - days(1), 24, {}, "moderate")};
  EXPECT_TRUE(Fired("alert.cows.severe", in).empty());
  ASSERT_EQ(Fired("alert.cows.moderate", in).size(), 1u);
  EXPECT_EQ(Fired("alert.cows.moderate", in)[0].severity, kb::AlertSeverity::kWarning);

  in.responses = {Response(22, "COWS", kNow - days(1), 12, {}, "mild")};
  EXPECT_TRUE(Fired("alert.cows.moderate", in).empty());
  EXPECT_TRUE(Fired("alert.cows.severe", in).empty());
}

// ISI: baseline 20 before a melatonin regimen starting 1 Feb; after the 28-day
// window (from 1 Mar) a fall below 8 points fires.
TEST(AlertIsi, FallBelowEightAfterTheWindowFires) {
  auto in = Base();
  in.regimens = {MakeRegimen(3, "melatonin", {Version(1, "2026-02-01", Mg(3), {Clock(22)})})};
  in.responses = {Response(30, "ISI", At("2026-01-30T08:00:00Z"), 20),
                  Response(31, "ISI", At("2026-03-05T08:00:00Z"), 13)};
  auto out = Fired("alert.isi.no_improvement", in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].evidence, (std::vector<Evidence>{{EvidenceKind::kRegimen, 3},
                                                    {EvidenceKind::kObservation, 30},
                                                    {EvidenceKind::kObservation, 31}}));
  EXPECT_EQ(out[0].dedupe_key, "alert.isi.no_improvement|regimen:3|observation:31");
  EXPECT_EQ(out[0].message,
            "ISI 20 before melatonin and 13 after 32 days: a fall of 7 points, below the 8 "
            "that marks meaningful improvement");

  in.responses[1].total = 12;  // a fall of exactly 8
  EXPECT_TRUE(Fired("alert.isi.no_improvement", in).empty());
}

TEST(AlertIsi, NothingWithoutBaselineOrBeforeTheWindowEnds) {
  auto in = Base();
  in.regimens = {MakeRegimen(3, "melatonin", {Version(1, "2026-02-01", Mg(3), {Clock(22)})})};
  in.responses = {Response(31, "ISI", At("2026-03-05T08:00:00Z"), 20)};
  EXPECT_TRUE(Fired("alert.isi.no_improvement", in).empty());  // no baseline

  in.responses = {Response(30, "ISI", At("2026-01-30T08:00:00Z"), 20),
                  Response(31, "ISI", At("2026-02-28T08:00:00Z"), 20)};  // day 27
  EXPECT_TRUE(Fired("alert.isi.no_improvement", in).empty());
  EXPECT_TRUE(Fired("alert.isi.no_improvement", in, At("2026-02-28T23:00:00Z")).empty());
}

// ---------------------------------------------------------------- dose log

records::DoseEvent Kratom(std::int64_t id, Instant t, Mass amount) {
  records::DoseEvent e;
  e.id = DoseEventId(id);
  e.substance = "kratom";
  e.taken_at = t;
  e.amount = amount;
  return e;
}

// Previous window [now-14 d, now-7 d): 4 doses of 2 g. Recent: `n` doses of `g` grams.
AlertInputs KratomUse(int n, double g) {
  auto in = Base();
  for (int i = 0; i < 4; ++i) in.dose_events.push_back(Kratom(i + 1, kNow - days(13 - i), G(2)));
  for (int i = 0; i < n; ++i) {
    in.dose_events.push_back(Kratom(100 + i, kNow - days(6) + hours(12 * i), G(g)));
  }
  return in;
}

TEST(AlertKratomRising, MoreThanFiftyPercentMoreDosesFires) {
  EXPECT_TRUE(Fired("alert.kratom.rising_use", KratomUse(6, 2)).empty());  // +50%: not more
  const auto out = Fired("alert.kratom.rising_use", KratomUse(7, 2));      // +75%
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].severity, kb::AlertSeverity::kWarning);
  EXPECT_EQ(out[0].message,
            "kratom: 7 doses, 14 g in the last 7 days vs 4 doses, 8 g in the 7 days before "
            "(+75%)");
  ASSERT_EQ(out[0].evidence.size(), 7u);
  EXPECT_EQ(out[0].evidence[0], (Evidence{EvidenceKind::kDoseEvent, 100}));
  EXPECT_EQ(out[0].dedupe_key, "alert.kratom.rising_use|substance:kratom|block:2026-03-16");
}

TEST(AlertKratomRising, LargerDailyAmountFiresAtTheSameFrequency) {
  EXPECT_EQ(Fired("alert.kratom.rising_use", KratomUse(4, 3.5)).size(), 1u);  // 14 g vs 8 g
  EXPECT_TRUE(Fired("alert.kratom.rising_use", KratomUse(4, 3)).empty());     // 12 g: +50%
}

TEST(AlertKratomRising, NoPreviousUseIsNotARise) {
  auto in = KratomUse(7, 2);
  in.dose_events.erase(in.dose_events.begin(), in.dose_events.begin() + 4);
  EXPECT_TRUE(Fired("alert.kratom.rising_use", in).empty());
}

TEST(AlertKratomRising, CorrectedEventsCountOnce) {
  auto in = KratomUse(6, 2);
  auto fix = Kratom(500, kNow - days(6), G(2));
  fix.corrects = DoseEventId(100);  // replaces a recent dose: still 6
  in.dose_events.push_back(fix);
  EXPECT_TRUE(Fired("alert.kratom.rising_use", in).empty());
}

// A daily 22:00 regimen from 1 Mar; on 16 Mar the latest complete 14-day
// block is 1-14 Mar (14 planned doses).
AlertInputs Adherent(int taken) {
  auto in = Base();
  in.regimens = {MakeRegimen(1, "melatonin", {Version(1, "2026-03-01", Mg(3), {Clock(22)})})};
  for (int i = 0; i < taken; ++i) {
    in.dose_events.push_back(Taken(i + 1, 1, "2026-03-01T22:00:00Z"));
    in.dose_events.back().taken_at = At("2026-03-01T22:00:00Z") + days(i);
  }
  return in;
}

TEST(AlertAdherence, BelowEightyPercentOverTheLastCompleteBlock) {
  const auto out = Fired("alert.adherence.low", Adherent(11));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].message,
            "melatonin: 11 of 14 planned doses taken (78.6%) from 2026-03-01 to 2026-03-14, "
            "below 80%");
  EXPECT_EQ(out[0].dedupe_key, "alert.adherence.low|regimen:1|window:2026-03-01");
  EXPECT_EQ(out[0].evidence.front(), (Evidence{EvidenceKind::kRegimen, 1}));
  EXPECT_TRUE(Fired("alert.adherence.low", Adherent(12)).empty());  // 85.7%
  // Before a first complete block there is nothing to judge.
  EXPECT_TRUE(Fired("alert.adherence.low", Adherent(0), At("2026-03-14T10:00:00Z")).empty());
}

TEST(AlertAdherence, ExactlyTheThresholdIsAdherent) {
  auto set = Only("alert.adherence.low");
  set.rules[0].numbers["window_days"] = 5;
  auto in = Adherent(4);  // 4 of 5 doses 1-5 Mar: 80%
  EXPECT_TRUE(EvaluateAlerts(set, in, At("2026-03-07T10:00:00Z")).empty());
  in = Adherent(3);  // 60%
  EXPECT_EQ(EvaluateAlerts(set, in, At("2026-03-07T10:00:00Z")).size(), 1u);
}

TEST(AlertCheckin, SevenDaysWithoutCheckinWhileARegimenIsActive) {
  auto in = Adherent(14);
  in.last_checkin = kNow - days(7);
  const auto out = Fired("alert.checkin.missing", in);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].message,
            "No check-in for 7 days (last 2026-03-09 10:00) while a regimen is active");
  EXPECT_EQ(out[0].dedupe_key, "alert.checkin.missing|last_checkin:2026-03-09T10:00:00Z");
  EXPECT_EQ(out[0].evidence, (std::vector<Evidence>{{EvidenceKind::kRegimen, 1}}));

  in.last_checkin = kNow - days(7) + seconds(1);
  EXPECT_TRUE(Fired("alert.checkin.missing", in).empty());
  in.last_checkin.reset();
  EXPECT_TRUE(Fired("alert.checkin.missing", in).empty());  // cannot evaluate
  auto none_active = Base();
  none_active.last_checkin = kNow - days(30);
  EXPECT_TRUE(Fired("alert.checkin.missing", none_active).empty());
}

TEST(AlertDoseAboveMax, AboveTheLargestTitrationStepFires) {
  auto in = Base();
  auto v = Version(1, "2026-03-01", Mg(3), {Clock(22)});
  v.titration = {{7, Mg(5)}};
  in.regimens = {MakeRegimen(1, "melatonin", {v})};
  in.dose_events = {Taken(1, 1, "2026-03-10T22:00:00Z", Mg(5)),                    // the step: fine
                    Taken(2, 1, "2026-03-11T22:00:00Z", Mg(6)),                    // above 5 mg
                    Taken(3, 0, "2026-03-12T22:00:00Z", *Mass::Make(5500, "ug")),  // by name
                    Taken(4, 1, "2026-02-20T22:00:00Z", Mg(50))};  // before the regimen
  const auto out = Fired("alert.dose.above_regimen_max", in);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].evidence,
            (std::vector<Evidence>{{EvidenceKind::kDoseEvent, 2}, {EvidenceKind::kRegimen, 1}}));
  EXPECT_EQ(out[0].dedupe_key, "alert.dose.above_regimen_max|dose_event:2");
  EXPECT_NE(out[0].message.find("melatonin 6 mg logged at 2026-03-11 22:00, above the largest "
                                "planned dose 5 mg"),
            std::string::npos)
      << out[0].message;
  EXPECT_EQ(out[1].evidence[0].id, 3);
}

// ---------------------------------------------------------------- robustness

TEST(Alerts, MissingDataAndUnknownZoneProduceNothingButNeverCrash) {
  EXPECT_TRUE(EvaluateAlerts(Shipped(), Base(), kNow).empty());
  auto in = Adherent(3);
  in.patient.time_zone = "Mars/Olympus";
  in.last_checkin = kNow - days(30);
  in.side_effects = {Effect(9, 3, kNow - days(1))};
  const auto out = EvaluateAlerts(Shipped(), in, kNow);
  ASSERT_EQ(out.size(), 1u);  // the side effect needs no zone
  EXPECT_EQ(out[0].rule_id, "alert.side_effect.severe");
}

int Urgent(const std::vector<AlertCandidate>& v) {
  return static_cast<int>(std::count_if(v.begin(), v.end(), [](const AlertCandidate& c) {
    return c.severity == kb::AlertSeverity::kUrgent;
  }));
}

RC_GTEST_PROP(AlertProperty, AGradeOneSideEffectNeverAddsAnUrgentAlert, ()) {
  auto in = Base();
  const auto grades = *rc::gen::container<std::vector<int>>(rc::gen::inRange(1, 6));
  for (std::size_t i = 0; i < grades.size(); ++i) {
    in.side_effects.push_back(Effect(static_cast<std::int64_t>(i) + 1, grades[i],
                                     kNow - hours(*rc::gen::inRange(0, 24 * 60))));
  }
  const int before = Urgent(EvaluateAlerts(Shipped(), in, kNow));
  in.side_effects.push_back(
      Effect(9999, 1, kNow - hours(*rc::gen::inRange(0, 24 * 60)), *rc::gen::arbitrary<bool>()));
  RC_ASSERT(Urgent(EvaluateAlerts(Shipped(), in, kNow)) == before);
}

// ---------------------------------------------------------------- one row per rule

// Each shipped rule with an input that fires it and a near miss that does
// not; the test names carry the rule id (dots as underscores).
struct RuleCase {
  std::string rule_id;
  std::function<AlertInputs()> fires;
  std::function<AlertInputs()> near_miss;
};

AlertInputs WithResponse(const char* code, double total, std::map<std::string, int> items = {},
                         const char* band = "") {
  auto in = Base();
  in.responses = {Response(40, code, kNow - days(1), total, std::move(items), band)};
  return in;
}

AlertInputs WithEffect(int grade) {
  auto in = Base();
  in.side_effects = {Effect(41, grade, kNow - days(1))};
  return in;
}

AlertInputs IsiAfterWindow(double after) {
  auto in = Base();
  in.regimens = {MakeRegimen(3, "melatonin", {Version(1, "2026-02-01", Mg(3), {Clock(22)})})};
  in.responses = {Response(30, "ISI", At("2026-01-30T08:00:00Z"), 20),
                  Response(31, "ISI", At("2026-03-05T08:00:00Z"), after)};
  return in;
}

AlertInputs CheckInDaysAgo(int d) {
  auto in = Adherent(14);
  in.last_checkin = kNow - days(d);
  return in;
}

AlertInputs DoseOf(Mass amount) {
  auto in = Base();
  in.regimens = {MakeRegimen(1, "melatonin", {Version(1, "2026-03-01", Mg(3), {Clock(22)})})};
  in.dose_events = {Taken(1, 1, "2026-03-10T22:00:00Z", amount)};
  return in;
}

// Kratom 2 g three times a day since 1 February (or once every other day:
// half a dose a day on average); SOWS last scored `days_ago`.
AlertInputs DailyKratomScored(int days_ago, bool every_other_day = false) {
  auto in = Base();
  auto v = Version(1, "2026-02-01", G(2), {Clock(8), Clock(14), Clock(20)});
  if (every_other_day) {
    v.times_of_day = {Clock(8)};
    v.frequency = records::Frequency::kEveryOtherDay;
  }
  in.regimens = {MakeRegimen(5, "kratom", {v})};
  in.responses = {Response(50, "SOWS", kNow - days(days_ago), 4)};
  return in;
}

// Daily kratom without a withdrawal score for 14 days asks for one; it counts
// from the last SOWS or COWS, and not at all for use less than daily.
TEST(AlertAssessmentDue, DailyKratomWithoutAWithdrawalScoreForTwoWeeks) {
  const auto out = Fired("alert.kratom.withdrawal_assessment_due", DailyKratomScored(14));
  ASSERT_EQ(out.size(), 1u);
  EXPECT_NE(out[0].message.find("no withdrawal score (SOWS,COWS) was recorded for 14 days"),
            std::string::npos)
      << out[0].message;
  EXPECT_NE(out[0].message.find("last: 2026-03-02 10:00"), std::string::npos) << out[0].message;
  EXPECT_TRUE(Fired("alert.kratom.withdrawal_assessment_due", DailyKratomScored(13)).empty());
  EXPECT_TRUE(
      Fired("alert.kratom.withdrawal_assessment_due", DailyKratomScored(30, "every other day"))
          .empty());
  auto never = DailyKratomScored(14);
  never.responses.clear();  // counted from the regimen's start, 43 days ago
  const auto unscored = Fired("alert.kratom.withdrawal_assessment_due", never);
  ASSERT_EQ(unscored.size(), 1u);
  EXPECT_NE(unscored[0].message.find("for 43 days (last: never)"), std::string::npos)
      << unscored[0].message;
  EXPECT_TRUE(LapsesWhenNoLongerTrue(kb::AlertKind::kAssessmentDue));
}

const std::vector<RuleCase>& RuleCases() {
  static const std::vector<RuleCase> cases = {
      {"alert.side_effect.severe", [] { return WithEffect(3); }, [] { return WithEffect(2); }},
      {"alert.phq9.item9",
       [] {
         return WithResponse("PHQ-9", 3, {{"item9", 1}});
       },
       [] {
         return WithResponse("PHQ-9", 26, {{"item9", 0}});
       }},
      {"alert.cows.severe", [] { return WithResponse("COWS", 25, {}, "moderately_severe"); },
       [] { return WithResponse("COWS", 24, {}, "moderate"); }},
      {"alert.cows.moderate", [] { return WithResponse("COWS", 13, {}, "moderate"); },
       [] { return WithResponse("COWS", 12, {}, "mild"); }},
      {"alert.kratom.rising_use", [] { return KratomUse(7, 2); }, [] { return KratomUse(6, 2); }},
      {"alert.isi.no_improvement", [] { return IsiAfterWindow(13); },
       [] { return IsiAfterWindow(12); }},
      {"alert.adherence.low", [] { return Adherent(11); }, [] { return Adherent(12); }},
      {"alert.checkin.missing", [] { return CheckInDaysAgo(7); }, [] { return CheckInDaysAgo(6); }},
      {"alert.dose.above_regimen_max", [] { return DoseOf(*Mass::Make(3001, "ug")); },
       [] { return DoseOf(Mg(3)); }},
      {"alert.kratom.withdrawal_assessment_due", [] { return DailyKratomScored(14); },
       [] { return DailyKratomScored(13); }},
  };
  return cases;
}

// Test output names the rule, not the bytes of the case.
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.rule_id; }

class EachAlertRule : public ::testing::TestWithParam<RuleCase> {};

TEST_P(EachAlertRule, Fires) {
  const auto out = Fired(GetParam().rule_id, GetParam().fires());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].rule_id, GetParam().rule_id);
  EXPECT_FALSE(out[0].evidence.empty());
  const kb::AlertRuleSet one = Only(GetParam().rule_id);
  EXPECT_TRUE(!out[0].refs.empty() || one.rules.at(0).policy)
      << "a rule cites its source or says it is a clinic policy default";
}

TEST_P(EachAlertRule, DoesNotFireOnTheNearMiss) {
  EXPECT_TRUE(Fired(GetParam().rule_id, GetParam().near_miss()).empty());
}

INSTANTIATE_TEST_SUITE_P(Shipped, EachAlertRule, ::testing::ValuesIn(RuleCases()),
                         [](const ::testing::TestParamInfo<RuleCase>& row) {
                           std::string name = row.param.rule_id;
                           std::replace(name.begin(), name.end(), '.', '_');
                           return name;
                         });

TEST(EachAlertRuleTable, CoversEveryShippedRule) {
  for (const auto& rule : Shipped().rules) {
    EXPECT_TRUE(std::any_of(RuleCases().begin(), RuleCases().end(),
                            [&](const RuleCase& c) { return c.rule_id == rule.id; }))
        << rule.id << " has no fire / near-miss case";
  }
  EXPECT_EQ(RuleCases().size(), Shipped().rules.size());
}

}  // namespace
}  // namespace pineal::monitor
