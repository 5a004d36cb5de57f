// Stored observations as the monitoring engines read them, and a titration
// proposal's stored JSON read back unchanged.
#include "pineal/app/monitoring_inputs.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "pineal/app/proposal_codec.h"

namespace pineal::app {
namespace {

Instant At(const char* iso) { return *ParseInstant(iso); }

records::Observation Obs(records::ObservationKind kind, std::string code, double value,
                         const char* at, std::vector<records::ObservationComponent> parts = {}) {
  records::Observation o;
  o.id = ObservationId(static_cast<std::int64_t>(value) + 100);
  o.kind = kind;
  o.code = std::move(code);
  o.value = value;
  o.observed_at = At(at);
  o.components = std::move(parts);
  return o;
}

TEST(MonitoringInputsTest, InstrumentObservationsBecomeResponsesWithTheirItemAnswersOnly) {
  auto phq = Obs(records::ObservationKind::kInstrument, "PHQ-9", 9, "2026-11-20T09:00:00Z",
                 {{"item1", 1.0, ""},
                  {"item9", 1.0, ""},
                  {"flag:phq9.item9_self_harm", 1.0, "urgent"},
                  {"prorated_from", 8.0, "1 item(s) unanswered"}});
  phq.interpretation = "mild";
  auto diary =
      Obs(records::ObservationKind::kSleepDiary, "sleep_efficiency", 80, "2026-11-20T07:00:00Z");
  auto r = ScoredResponsesOf({diary, phq});
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].code, "PHQ-9");
  EXPECT_EQ(r[0].total, 9);
  EXPECT_EQ(r[0].band_id, "mild");
  EXPECT_EQ(r[0].items, (std::map<std::string, int>{{"item1", 1}, {"item9", 1}}));
}

TEST(MonitoringInputsTest, SideEffectsCarryOnsetSubstanceAndWhetherOngoing) {
  // Onset as a date is midnight in the patient's zone (Paris, UTC+1 in November).
  auto dated = Obs(records::ObservationKind::kSideEffect, "headache", 2, "2026-11-20T09:00:00Z",
                   {{"onset", std::nullopt, "2026-11-18"},
                    {"suspected_substance", std::nullopt, "melatonin"},
                    {"ongoing", 1.0, ""}});
  auto plain = Obs(records::ObservationKind::kSideEffect, "other", 1, "2026-11-21T09:00:00Z");
  plain.text = "dry mouth";
  auto s = SideEffectsOf({dated, plain}, "Europe/Paris");
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].onset, At("2026-11-17T23:00:00Z"));
  EXPECT_EQ(s[0].substance, "melatonin");
  EXPECT_TRUE(s[0].ongoing);
  EXPECT_EQ(s[0].grade, 2);
  // Without components: onset when reported, not ongoing, free text names it.
  EXPECT_EQ(s[1].onset, At("2026-11-21T09:00:00Z"));
  EXPECT_FALSE(s[1].ongoing);
  EXPECT_EQ(s[1].effect, "dry mouth");
}

// A check-in is when something was recorded: last week's dose logged today
// counts today.
TEST(MonitoringInputsTest, TheLastCheckInIsWhenSomethingWasLastRecorded) {
  records::DoseEvent skipped;
  skipped.planned_at = At("2026-11-15T21:00:00Z");
  skipped.status = records::DoseStatus::kSkipped;
  skipped.provenance.created_at = At("2026-11-22T21:00:00Z");
  auto o =
      Obs(records::ObservationKind::kSleepDiary, "sleep_efficiency", 80, "2026-11-23T07:00:00Z");
  o.provenance.created_at = At("2026-11-22T20:00:00Z");
  EXPECT_EQ(LastCheckIn({skipped}, {o}), At("2026-11-22T21:00:00Z"));
  EXPECT_FALSE(LastCheckIn({}, {}).has_value());
}

TEST(ProposalCodecTest, AStoredProposalReadsBackAsItWasMade) {
  monitor::TitrationProposal p;
  p.protocol_id = "protocol.melatonin.insomnia";
  p.protocol_title = "Melatonin for insomnia";
  p.refs = {"morin2011"};
  p.regimen_id = RegimenId(4);
  p.regimen_version = 2;
  p.action = monitor::TitrationAction::kIncrease;
  p.decided_by = "increase";
  p.current_dose = *Mass::Make(1, "mg");
  p.current_daily_dose = *Mass::Make(1, "mg");
  p.dose = *Mass::Make(500, "ug");
  p.daily_dose = *Mass::Make(2, "mg");
  p.doses_per_day = 1;
  p.applies_from = *ParseDate("2026-11-20");
  p.evaluate_on = *ParseDate("2026-12-18");
  p.reasons = {"ISI 18 -> 16"};
  p.evidence = {{monitor::EvidenceKind::kObservation, 7}, {monitor::EvidenceKind::kDoseEvent, 9}};
  p.explicit_option = *Mass::Make(10, "mg");
  auto back = ProposalFromJson(ProposalToJson(p).dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->protocol_title, p.protocol_title);
  EXPECT_EQ(back->action, p.action);
  EXPECT_EQ(back->dose, p.dose);
  EXPECT_EQ(back->daily_dose, p.daily_dose);
  EXPECT_EQ(back->evaluate_on, p.evaluate_on);
  EXPECT_EQ(back->evidence, p.evidence);
  EXPECT_EQ(back->explicit_option, p.explicit_option);
  EXPECT_EQ(back->reasons, p.reasons);
  EXPECT_EQ(ProposalFromJson("{\"action\": 3}").status().code(), StatusCode::kInternal);
  EXPECT_EQ(ProposalFromJson("not json").status().code(), StatusCode::kInternal);
}

TEST(ProposalCodecTest, AProposalStoredBeforeTitlesShowsTheProtocolId) {
  monitor::TitrationProposal p;
  p.protocol_id = "protocol.kratom.taper";
  p.dose = p.daily_dose = p.current_dose = p.current_daily_dose = *Mass::Make(2, "g");
  p.applies_from = *ParseDate("2026-11-20");
  nlohmann::json stored = ProposalToJson(p);
  stored.erase("protocol_title");
  auto back = ProposalFromJson(stored.dump());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->protocol_title, "protocol.kratom.taper");
}

}  // namespace
}  // namespace pineal::app
