// The melatonin ladder (knowledge/protocols/melatonin_insomnia.yaml), rule by
// rule at its edge, with hand-computed scenarios: a regimen of 2 mg nightly
// from 2026-01-01, baseline ISI 18 on 2025-12-30, 28-day window -> first
// evaluation on 2026-01-29.
#include <gtest/gtest.h>

#include <string>

#include "titration_test_support.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders

const kb::Protocol& Melatonin() { return ShippedProtocol("protocol.melatonin.insomnia"); }

records::RegimenVersion Insomnia(int number, const char* start, Mass dose) {
  records::RegimenVersion v = Version(number, start, dose, {Clock(22)});
  v.indication = "insomnia";
  return v;
}

ScoredResponse Isi(std::int64_t id, const char* at, double total) {
  return {ObservationId(id), "ISI", At(at), total, "", {}};
}

SideEffectReport Effect(std::int64_t id, int grade, const char* onset, bool ongoing,
                        const char* substance = "melatonin") {
  return {ObservationId(id), "headache", grade, At(onset), substance, ongoing};
}

// 46 years old, 2 mg from 2026-01-01, baseline ISI 18, adherence 90%.
TitrationInputs Base(Mass dose = Mg(2)) {
  TitrationInputs in;
  in.patient.id = PatientId(1);
  in.patient.birth_date = Day("1980-01-01");
  in.patient.time_zone = "UTC";
  in.patient.pregnancy = records::PregnancyStatus::kNotPregnant;
  in.regimen = MakeRegimen(7, "melatonin", {Insomnia(1, "2026-01-01", dose)});
  in.responses.push_back(Isi(100, "2025-12-30T09:00:00Z", 18));
  in.adherence_percent = 90;
  return in;
}

TitrationProposal Propose(const TitrationInputs& in, const char* today = "2026-01-29") {
  return ProposeOn(Melatonin(), in, today);
}

bool HasEvidence(const TitrationProposal& p, std::int64_t id) {
  for (const auto& e : p.evidence) {
    if (e.kind == EvidenceKind::kObservation && e.id == id) return true;
  }
  return false;
}

// ISI 18 -> 11 after 28 days: a fall of 7 < 8 -> one step up, 2 -> 3 mg.
TEST(TitrationLadder, FallOfSevenStepsUpOneStep) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kIncrease);
  EXPECT_EQ(p.decided_by, "increase");
  EXPECT_EQ(p.current_dose, Mg(2));
  EXPECT_EQ(p.dose, Mg(3));
  EXPECT_EQ(p.daily_dose, Mg(3));  // one dose a night
  EXPECT_EQ(p.applies_from, Day("2026-01-29"));
  EXPECT_EQ(p.evaluate_on, Day("2026-02-26"));
  EXPECT_TRUE(Mentions(p, "a fall of 7 points, below the 8")) << p.reasons.front();
  EXPECT_TRUE(HasEvidence(p, 100));
  EXPECT_TRUE(HasEvidence(p, 101));
  EXPECT_EQ(p.protocol_id, "protocol.melatonin.insomnia");
  EXPECT_EQ(p.protocol_title, "Melatonin for insomnia (start low, go slow)");
  EXPECT_NE(std::find(p.refs.begin(), p.refs.end(), "morin2011"), p.refs.end());
  EXPECT_TRUE(p.needs_clinician_decision);
}

// The same stalled ISI while a PHQ-9 item-9 alert is unresolved: no step-up,
// and the proposal says which alert holds it. A decrease still goes ahead.
TEST(TitrationLadder, AnUnresolvedUrgentAlertHoldsAnIncreaseButNotADecrease) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  in.urgent_alerts.push_back({"alert.phq9_item9", "Self-harm thoughts reported (PHQ-9 item 9)",
                              *ParseInstant("2026-01-27T10:00:00Z")});
  const TitrationProposal held = Propose(in);
  EXPECT_EQ(held.action, TitrationAction::kHold);
  EXPECT_EQ(held.decided_by, "urgent_alert");
  EXPECT_EQ(held.dose, Mg(2));
  EXPECT_EQ(held.daily_dose, Mg(2));
  ASSERT_FALSE(held.reasons.empty());
  EXPECT_NE(held.reasons.front().find("would step up to 3 mg"), std::string::npos)
      << held.reasons.front();
  EXPECT_TRUE(Mentions(held, "alert.phq9_item9, open since 2026-01-27T10:00:00Z"));
  EXPECT_TRUE(Mentions(held, "a fall of 7 points"));  // the protocol's own reasoning stays

  in.side_effects.push_back(Effect(200, 2, "2026-01-20T08:00:00Z", true));
  const TitrationProposal down = Propose(in);
  EXPECT_EQ(down.action, TitrationAction::kDecrease);
  EXPECT_EQ(down.dose, Mg(1));
}

// ISI 18 -> 10: a fall of exactly 8 is meaningful improvement -> hold.
TEST(TitrationLadder, FallOfEightHolds) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 10));
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "improved");
  EXPECT_EQ(p.dose, Mg(2));
  EXPECT_TRUE(Mentions(p, "a fall of 8 points, at least the 8"));
  EXPECT_TRUE(p.needs_clinician_decision);
}

// ISI 6 (< 8): remission -> hold, and look again when 28 days of it are due.
TEST(TitrationLadder, RemissionHolds) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 6));
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "remission");
  EXPECT_EQ(p.dose, Mg(2));
  EXPECT_EQ(p.evaluate_on, Day("2026-02-26"));
  EXPECT_TRUE(HasEvidence(p, 101));
}

// ISI 7 on 01-29 and 5 on 02-26: remission held 28 days -> one step down.
TEST(TitrationLadder, SustainedRemissionTapersToTheLowestEffectiveDose) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 7));
  in.responses.push_back(Isi(102, "2026-02-26T09:00:00Z", 5));
  const TitrationProposal p = Propose(in, "2026-02-26");
  EXPECT_EQ(p.action, TitrationAction::kTaper);
  EXPECT_EQ(p.dose, Mg(1));
  EXPECT_TRUE(HasEvidence(p, 101));
  EXPECT_TRUE(HasEvidence(p, 102));
  // One day short of 28 days: still holding.
  in.responses.back() = Isi(102, "2026-02-25T09:00:00Z", 5);
  EXPECT_EQ(Propose(in, "2026-02-25").action, TitrationAction::kHold);
  // An ISI of 8 in between breaks the run.
  in.responses.back() = Isi(102, "2026-02-10T09:00:00Z", 8);
  in.responses.push_back(Isi(103, "2026-02-26T09:00:00Z", 5));
  EXPECT_EQ(Propose(in, "2026-02-26").action, TitrationAction::kHold);
}

TEST(TitrationLadder, SustainedRemissionOnTheLowestStepStops) {
  TitrationInputs in = Base(Mg(0.5));
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 4));
  in.responses.push_back(Isi(102, "2026-02-26T09:00:00Z", 3));
  const TitrationProposal p = Propose(in, "2026-02-26");
  EXPECT_EQ(p.action, TitrationAction::kStop);
  EXPECT_EQ(p.dose, Mg(0));
  EXPECT_EQ(p.daily_dose, Mg(0));
}

// Day 27 of 28: too early; the proposal says when to look again.
TEST(TitrationLadder, WindowNotOverHolds) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-28T09:00:00Z", 11));
  const TitrationProposal p = Propose(in, "2026-01-28");
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "evaluation_window");
  EXPECT_EQ(p.evaluate_on, Day("2026-01-29"));
  EXPECT_TRUE(Mentions(p, "evaluate again on 2026-01-29"));
}

// The ISI must reflect the whole window: one from day 20 is not enough.
TEST(TitrationLadder, NoResponseAfterTheWindowHolds) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-20T09:00:00Z", 11));
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "no_response");
  EXPECT_TRUE(Mentions(p, "no ISI on or after 2026-01-29"));
}

// Baseline: an ISI on or before the first start day; one the day after is not.
TEST(TitrationLadder, NoBaselineHoldsAndTheStartDayCounts) {
  TitrationInputs in = Base();
  in.responses = {Isi(100, "2026-01-02T09:00:00Z", 18), Isi(101, "2026-01-29T09:00:00Z", 11)};
  TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "no_baseline");
  EXPECT_TRUE(Mentions(p, "no ISI on or before 2026-01-01"));
  in.responses[0] = Isi(100, "2026-01-01T20:00:00Z", 18);
  EXPECT_EQ(Propose(in).action, TitrationAction::kIncrease);
}

// A grade-2 headache attributed to melatonin -> one step down (2 -> 1 mg).
TEST(TitrationLadder, GradeTwoSideEffectStepsDown) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  in.side_effects.push_back(Effect(200, 2, "2026-01-20T08:00:00Z", true));
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kDecrease);
  EXPECT_EQ(p.decided_by, "side_effects");
  EXPECT_EQ(p.dose, Mg(1));
  EXPECT_TRUE(HasEvidence(p, 200));
  EXPECT_TRUE(Mentions(p, "headache grade 2"));
  // Grade 1 does not count: the ISI decides (step up).
  in.side_effects[0].grade = 1;
  EXPECT_EQ(Propose(in).action, TitrationAction::kIncrease);
  // Grade 3 stops.
  in.side_effects[0].grade = 3;
  EXPECT_EQ(Propose(in).action, TitrationAction::kStop);
  // Attributed to another substance: not melatonin's.
  in.side_effects[0] = Effect(200, 2, "2026-01-20T08:00:00Z", true, "kratom");
  EXPECT_EQ(Propose(in).action, TitrationAction::kIncrease);
  // Over and older than the 28-day window: no longer counts.
  in.side_effects[0] = Effect(200, 2, "2025-12-31T08:00:00Z", false);
  EXPECT_EQ(Propose(in).action, TitrationAction::kIncrease);
}

TEST(TitrationLadder, SideEffectOnTheLowestStepStops) {
  TitrationInputs in = Base(Mg(0.5));
  in.side_effects.push_back(Effect(200, 2, "2026-01-20T08:00:00Z", true));
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kStop);
  EXPECT_EQ(p.dose, Mg(0));
}

// A side effect that began on 3 mg and goes on after the step down to 2 mg
// has been answered by that step: it does not call for another one.
TEST(TitrationLadder, SideEffectAnsweredByAnEarlierDecreaseDoesNotCount) {
  TitrationInputs in = Base();
  in.regimen = MakeRegimen(7, "melatonin",
                           {Insomnia(1, "2025-12-01", Mg(3)), Insomnia(2, "2026-01-01", Mg(2))});
  in.responses = {Isi(100, "2025-11-30T09:00:00Z", 18), Isi(101, "2026-01-29T09:00:00Z", 11)};
  in.side_effects.push_back(Effect(200, 2, "2025-12-20T08:00:00Z", true));
  const TitrationProposal p = Propose(in);
  EXPECT_NE(p.decided_by, "side_effects");
  EXPECT_EQ(p.action, TitrationAction::kIncrease);
}

// Adherence 70% (< 80%) -> hold, adherence first; exactly 80% is enough.
TEST(TitrationLadder, LowAdherenceHoldsAdherenceFirst) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  in.adherence_percent = 70;
  TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "adherence");
  EXPECT_EQ(p.dose, Mg(2));
  EXPECT_TRUE(Mentions(p, "adherence first: 70% of planned doses taken, below 80%"));
  in.adherence_percent = 80;
  EXPECT_EQ(Propose(in).action, TitrationAction::kIncrease);
  in.adherence_percent.reset();
  p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "adherence");
}

TEST(TitrationLadder, PregnancyBreastfeedingAndFlaggedConditionsBlockIncrease) {
  TitrationInputs in = Base();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  in.patient.pregnancy = records::PregnancyStatus::kPregnant;
  TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "caution");
  EXPECT_TRUE(Mentions(p, "caution pregnancy_breastfeeding"));
  EXPECT_NE(std::find(p.refs.begin(), p.refs.end(), "ema2019_circadin"), p.refs.end());

  in.patient.pregnancy = records::PregnancyStatus::kNotPregnant;
  in.patient.breastfeeding = true;
  EXPECT_EQ(Propose(in).decided_by, "caution");

  in.patient.breastfeeding = false;
  in.patient.conditions = {"  Epilepsy "};
  p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_TRUE(Mentions(p, "caution seizure_disorder"));

  // Every obstacle is named, the first decides.
  in.adherence_percent = 50;
  p = Propose(in);
  EXPECT_EQ(p.decided_by, "caution");
  EXPECT_TRUE(Mentions(p, "adherence first"));

  in.patient.conditions = {"hypertension"};  // not flagged by this protocol
  in.adherence_percent = 90;
  EXPECT_EQ(Propose(in).action, TitrationAction::kIncrease);
}

// 5 mg is the adult ceiling: hold, and offer 10 mg only as an explicit decision.
TEST(TitrationLadder, CeilingReachedHolds) {
  TitrationInputs in = Base(Mg(5));
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "ceiling");
  EXPECT_EQ(p.dose, Mg(5));
  ASSERT_TRUE(p.explicit_option.has_value());
  EXPECT_EQ(*p.explicit_option, Mg(10));
  EXPECT_TRUE(Mentions(p, "10 mg only by an explicit clinician decision"));
}

// From 65 years the ceiling is 2 mg: 1 -> 2 mg, then hold with 3 mg explicit.
TEST(TitrationLadder, OlderAdultsHaveALowerCeiling) {
  TitrationInputs in = Base(Mg(1));
  in.patient.birth_date = Day("1961-01-29");  // 65 on 2026-01-29
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  EXPECT_EQ(Propose(in).dose, Mg(2));
  in.regimen = MakeRegimen(7, "melatonin", {Insomnia(1, "2026-01-01", Mg(2))});
  TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "ceiling");
  EXPECT_EQ(p.explicit_option, Mg(3));
  // One day younger: the adult ladder applies (2 -> 3 mg).
  in.patient.birth_date = Day("1961-01-30");
  p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kIncrease);
  EXPECT_EQ(p.dose, Mg(3));
}

// Above the top of the ladder -> decrease to its ceiling, whatever the ISI.
TEST(TitrationLadder, AboveTheTopDecreasesToTheCeiling) {
  TitrationInputs in = Base(Mg(20));
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kDecrease);
  EXPECT_EQ(p.decided_by, "ceiling");
  EXPECT_EQ(p.dose, Mg(5));
  // 10 mg is on the adult ladder (explicit): not reduced, but no step further.
  in.regimen = MakeRegimen(7, "melatonin", {Insomnia(1, "2026-01-01", Mg(10))});
  p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_FALSE(p.explicit_option.has_value());
  // For a 70-year-old the top is 5 mg: 10 mg goes down to the 2 mg ceiling.
  in.patient.birth_date = Day("1956-01-01");
  p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kDecrease);
  EXPECT_EQ(p.dose, Mg(2));
}

// A dose between steps steps up to the next step (4 -> 5 mg).
TEST(TitrationLadder, OffLadderDoseStepsToTheNextStep) {
  TitrationInputs in = Base(Mg(4));
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  EXPECT_EQ(Propose(in).dose, Mg(5));
}

TEST(TitrationLadder, UnknownAgeBlocksIncreaseOnly) {
  TitrationInputs in = Base();
  in.patient.birth_date.reset();
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  TitrationProposal p = Propose(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "age_unknown");
  in.side_effects.push_back(Effect(200, 2, "2026-01-20T08:00:00Z", true));
  EXPECT_EQ(Propose(in).action, TitrationAction::kDecrease);
}

// The window counts from when the amount started: across a version that only
// moved the time, and from a titration step inside a version.
TEST(TitrationLadder, WindowCountsFromTheStartOfTheCurrentAmount) {
  TitrationInputs in = Base();
  records::RegimenVersion moved = Insomnia(2, "2026-01-15", Mg(2));
  moved.times_of_day = {Clock(21, 30)};
  in.regimen.versions.push_back(moved);
  in.responses.push_back(Isi(101, "2026-01-29T09:00:00Z", 11));
  EXPECT_EQ(Propose(in).action, TitrationAction::kIncrease);

  records::RegimenVersion stepped = Insomnia(1, "2026-01-01", Mg(1));
  stepped.titration = {{14, Mg(2)}};  // 2 mg from 2026-01-15
  in.regimen = MakeRegimen(7, "melatonin", {stepped});
  const TitrationProposal p = Propose(in);
  EXPECT_EQ(p.decided_by, "evaluation_window");
  EXPECT_EQ(p.evaluate_on, Day("2026-02-12"));
}

TEST(TitrationLadder, Errors) {
  TitrationInputs in = Base();
  in.patient.birth_date = Day("2012-05-01");
  auto r = ProposeTitration(Melatonin(), in, Day("2026-01-29"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("aged 18 or over; the patient is 13"), std::string::npos);

  in = Base();
  in.regimen.substance = "kratom";
  r = ProposeTitration(Melatonin(), in, Day("2026-01-29"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);

  in = Base();
  r = ProposeTitration(Melatonin(), in, Day("2025-12-31"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);

  in.patient.time_zone = "Mars/Olympus";
  r = ProposeTitration(Melatonin(), in, Day("2026-01-29"));
  ASSERT_FALSE(r.ok());

  in = Base();
  in.regimen.versions[0].status = records::RegimenStatus::kStopped;
  r = ProposeTitration(Melatonin(), in, Day("2026-01-29"));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
}

TEST(TitrationLadder, ProtocolForChoosesBySubstanceAndIndication) {
  records::Regimen r = Base().regimen;
  ASSERT_NE(ProtocolFor(ShippedProtocols(), r), nullptr);
  EXPECT_EQ(ProtocolFor(ShippedProtocols(), r)->id, "protocol.melatonin.insomnia");
  r.versions[0].indication = "  Chronic   INSOMNIA ";
  ASSERT_NE(ProtocolFor(ShippedProtocols(), r), nullptr);
  r.versions[0].indication = "jet lag";
  EXPECT_EQ(ProtocolFor(ShippedProtocols(), r), nullptr);

  r.substance = "Kratom";
  r.versions[0].indication = "opioid-withdrawal support";  // kb::Indication spelling
  ASSERT_NE(ProtocolFor(ShippedProtocols(), r), nullptr);
  EXPECT_EQ(ProtocolFor(ShippedProtocols(), r)->id, "protocol.kratom.taper");
  r.versions[0].indication = "kratom dependence";
  ASSERT_NE(ProtocolFor(ShippedProtocols(), r), nullptr);
  r.versions[0].indication = "chronic pain";
  EXPECT_EQ(ProtocolFor(ShippedProtocols(), r), nullptr);
}

}  // namespace
}  // namespace pineal::monitor
