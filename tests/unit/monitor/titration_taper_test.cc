// The kratom taper (knowledge/protocols/kratom_taper.yaml): 10% of the daily
// amount every 10 days, rounded down to 0.1 g per dose, stop at or below
// 1 g/day; hold at COWS >= 13 or a rising SOWS; refer (urgent) at COWS >= 25.
// Step amounts are computed by hand in each test.
#include <gtest/gtest.h>

#include <string>

#include "titration_test_support.h"

namespace pineal::monitor {
namespace {

using namespace testing;  // NOLINT: test builders

const kb::Protocol& Kratom() { return ShippedProtocol("protocol.kratom.taper"); }

records::RegimenVersion Taper(int number, const char* start, Mass dose, int doses_per_day) {
  std::vector<TimeOfDay> times;
  for (int i = 0; i < doses_per_day; ++i) times.push_back(Clock(8 + 6 * i));
  records::RegimenVersion v = Version(number, start, dose, times);
  v.indication = "kratom dependence";
  v.formulation = "powder";
  return v;
}

ScoredResponse Score(std::int64_t id, const char* code, const char* at, double total) {
  return {ObservationId(id), code, At(at), total, "", {}};
}

// 3 x 2 g = 6 g a day from 2026-02-01; COWS 8 on day 9; adherence 90%.
TitrationInputs KratomTaper(Mass dose = G(2), int doses_per_day = 3) {
  TitrationInputs in;
  in.patient.id = PatientId(2);
  in.patient.birth_date = Day("1985-06-01");
  in.patient.time_zone = "America/New_York";
  in.patient.pregnancy = records::PregnancyStatus::kNotApplicable;
  in.regimen = MakeRegimen(9, "kratom", {Taper(1, "2026-02-01", dose, doses_per_day)});
  in.responses.push_back(Score(300, "COWS", "2026-02-10T15:00:00Z", 8));
  in.adherence_percent = 90;
  return in;
}

TitrationProposal ProposeTaper(const TitrationInputs& in, const char* today = "2026-02-11") {
  return ProposeOn(Kratom(), in, today);
}

// 6 g/day less 10% = 5.4 g/day = 3 x 1.8 g.
TEST(TitrationTaper, FirstStepTakesTenPercentOffTheDailyAmount) {
  const TitrationProposal p = ProposeTaper(KratomTaper());
  EXPECT_EQ(p.action, TitrationAction::kTaper);
  EXPECT_EQ(p.decided_by, "taper");
  EXPECT_EQ(p.current_daily_dose, G(6));
  EXPECT_EQ(p.dose, G(1.8));
  EXPECT_EQ(p.daily_dose, G(5.4));
  EXPECT_EQ(p.doses_per_day, 3);
  EXPECT_EQ(p.dose.unit(), "g");
  EXPECT_EQ(p.applies_from, Day("2026-02-11"));
  EXPECT_EQ(p.evaluate_on, Day("2026-02-21"));
  EXPECT_TRUE(Mentions(p, "3 x 1.8 g = 5.4 g a day")) << p.reasons.front();
  ASSERT_EQ(p.evidence.size(), 1u);
  EXPECT_EQ(p.evidence[0].id, 300);
  EXPECT_TRUE(p.needs_clinician_decision);
}

// 5.4 g/day less 10% = 4.86 g/day = 1.62 g per dose, rounded down to 1.6 g:
// 3 x 1.6 g = 4.8 g/day.
TEST(TitrationTaper, SecondStepRoundsDownPerDose) {
  TitrationInputs in = KratomTaper();
  in.regimen.versions.push_back(Taper(2, "2026-02-11", G(1.8), 3));
  in.responses.push_back(Score(301, "COWS", "2026-02-20T15:00:00Z", 6));
  const TitrationProposal p = ProposeTaper(in, "2026-02-21");
  EXPECT_EQ(p.action, TitrationAction::kTaper);
  EXPECT_EQ(p.dose, G(1.6));
  EXPECT_EQ(p.daily_dose, G(4.8));
}

// 2 x 0.6 g = 1.2 g/day -> 1.08 g/day = 0.54 g per dose -> 0.5 g: 1.0 g/day.
// Then 1 g/day is at the floor: the next step is stopping.
TEST(TitrationTaper, NearTheFloorThenStop) {
  TitrationProposal p = ProposeTaper(KratomTaper(G(0.6), 2));
  EXPECT_EQ(p.action, TitrationAction::kTaper);
  EXPECT_EQ(p.dose, G(0.5));
  EXPECT_EQ(p.daily_dose, G(1));
  p = ProposeTaper(KratomTaper(G(1), 1));
  EXPECT_EQ(p.action, TitrationAction::kStop);
  EXPECT_EQ(p.dose, G(0));
  EXPECT_EQ(p.daily_dose, G(0));
  EXPECT_TRUE(Mentions(p, "1 g a day is at or below 1 g"));
}

// Amounts in mg keep their unit: 1 x 1500 mg -> 1350 mg -> 1300 mg.
TEST(TitrationTaper, KeepsTheUnitOfTheRegimen) {
  const TitrationProposal p = ProposeTaper(KratomTaper(Mg(1500), 1));
  EXPECT_EQ(p.dose, G(1.3));
  EXPECT_EQ(p.dose.unit(), "mg");
}

// COWS 14 (moderate, >= 13) -> hold; 12 -> taper.
TEST(TitrationTaper, ModerateWithdrawalHoldsTheTaper) {
  TitrationInputs in = KratomTaper();
  in.responses[0].total = 14;
  TitrationProposal p = ProposeTaper(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "withdrawal");
  EXPECT_EQ(p.dose, G(2));
  EXPECT_TRUE(Mentions(p, "COWS 14 on 2026-02-10 is at or above 13"));
  in.responses[0].total = 13;
  EXPECT_EQ(ProposeTaper(in).action, TitrationAction::kHold);
  in.responses[0].total = 12;
  EXPECT_EQ(ProposeTaper(in).action, TitrationAction::kTaper);
}

// COWS 26 -> refer, urgent; 25 is the edge; 24 only holds.
TEST(TitrationTaper, SevereWithdrawalRefersUrgently) {
  TitrationInputs in = KratomTaper();
  in.responses[0].total = 26;
  TitrationProposal p = ProposeTaper(in);
  EXPECT_EQ(p.action, TitrationAction::kRefer);
  EXPECT_TRUE(p.urgent);
  EXPECT_EQ(p.dose, G(2));  // no change without a clinician
  ASSERT_EQ(p.evidence.size(), 1u);
  EXPECT_EQ(p.evidence[0].id, 300);
  // Even before the step is due.
  EXPECT_EQ(ProposeTaper(in, "2026-02-10").action, TitrationAction::kRefer);
  in.responses[0].total = 25;
  EXPECT_EQ(ProposeTaper(in).action, TitrationAction::kRefer);
  in.responses[0].total = 24;
  p = ProposeTaper(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_FALSE(p.urgent);
}

// SOWS 10 -> 14 holds; 14 -> 10 lets the taper go on (SOWS is the assessment).
TEST(TitrationTaper, RisingSowsHolds) {
  TitrationInputs in = KratomTaper();
  in.responses = {Score(310, "SOWS", "2026-02-04T15:00:00Z", 10),
                  Score(311, "SOWS", "2026-02-10T15:00:00Z", 14)};
  TitrationProposal p = ProposeTaper(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_TRUE(Mentions(p, "SOWS rose from 10 on 2026-02-04 to 14 on 2026-02-10"));
  in.responses[1].total = 10;  // level is not rising
  EXPECT_EQ(ProposeTaper(in).action, TitrationAction::kTaper);
  in.responses[1].total = 9;
  EXPECT_EQ(ProposeTaper(in).action, TitrationAction::kTaper);
}

TEST(TitrationTaper, WaitsForTheStepDays) {
  const TitrationProposal p = ProposeTaper(KratomTaper(), "2026-02-10");
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "step_days");
  EXPECT_EQ(p.evaluate_on, Day("2026-02-11"));
}

// A COWS from before the current amount started does not describe it.
TEST(TitrationTaper, NoRecentAssessmentHolds) {
  TitrationInputs in = KratomTaper();
  in.responses = {Score(300, "COWS", "2026-01-30T15:00:00Z", 4)};
  const TitrationProposal p = ProposeTaper(in);
  EXPECT_EQ(p.action, TitrationAction::kHold);
  EXPECT_EQ(p.decided_by, "no_assessment");
  EXPECT_TRUE(Mentions(p, "no withdrawal assessment (COWS or SOWS) since 2026-02-01"));
}

TEST(TitrationTaper, LowOrUnknownAdherenceHolds) {
  TitrationInputs in = KratomTaper();
  in.adherence_percent = 70;
  EXPECT_EQ(ProposeTaper(in).decided_by, "adherence");
  in.adherence_percent.reset();
  EXPECT_EQ(ProposeTaper(in).decided_by, "adherence");
}

TEST(TitrationTaper, PregnancyRefers) {
  TitrationInputs in = KratomTaper();
  in.patient.pregnancy = records::PregnancyStatus::kPregnant;
  const TitrationProposal p = ProposeTaper(in);
  EXPECT_EQ(p.action, TitrationAction::kRefer);
  EXPECT_FALSE(p.urgent);
  EXPECT_NE(std::find(p.refs.begin(), p.refs.end(), "eldridge2018"), p.refs.end());
}

TEST(TitrationTaper, SevereSideEffectRefersUrgently) {
  TitrationInputs in = KratomTaper();
  in.side_effects.push_back(
      {ObservationId(400), "jaundice", 3, At("2026-02-09T12:00:00Z"), "kratom", true});
  TitrationProposal p = ProposeTaper(in);
  EXPECT_EQ(p.action, TitrationAction::kRefer);
  EXPECT_TRUE(p.urgent);
  EXPECT_TRUE(Mentions(p, "jaundice grade 3"));
  in.side_effects[0].grade = 2;  // below the referral grade: the taper goes on
  EXPECT_EQ(ProposeTaper(in).action, TitrationAction::kTaper);
}

}  // namespace
}  // namespace pineal::monitor
