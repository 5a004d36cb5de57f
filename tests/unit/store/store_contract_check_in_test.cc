// Store contract: the bounded reads of alert evaluation. Recent dose events
// (by taken or planned time), observations of some kinds, the last check-in;
// each shows only the latest entry of a correction chain.
#include "tests/unit/store/store_contract.h"

namespace pineal::store::contract {
namespace {

using pineal::testing::Score;
using pineal::testing::TakenDose;

DoseEventId StoreDose(Store& s, records::DoseEvent e) {
  auto id = s.InsertDoseEvent(e);
  EXPECT_TRUE(id.ok()) << id.status().ToString();
  return id.ok() ? *id : DoseEventId();
}

std::vector<std::int64_t> Ids(const std::vector<records::DoseEvent>& list) {
  std::vector<std::int64_t> out;
  for (const auto& e : list) out.push_back(e.id.value());
  return out;
}

TEST_P(StoreContract, ListDoseEventsSinceReadsTakenOrPlannedTimesInFiledOrder) {
  const PatientId p = AddPatient();
  const PatientId other = AddPatient("Other");
  const auto old = StoreDose(store(), TakenDose(p, "2026-10-01T22:00:00Z"));
  const auto recent = StoreDose(store(), TakenDose(p, "2026-11-19T22:00:00Z"));
  // Planned inside the window, logged as taken long before: still read.
  auto early = TakenDose(p, "2026-10-02T22:00:00Z");
  early.planned_at = At("2026-11-18T22:00:00Z");
  const auto early_id = StoreDose(store(), early);
  const auto edge = StoreDose(store(), TakenDose(p, "2026-11-15T00:00:00Z"));
  StoreDose(store(), TakenDose(other, "2026-11-19T22:00:00Z"));
  // A correction moves an entry out of the window: neither shows.
  auto moved = TakenDose(p, "2026-10-03T22:00:00Z");
  moved.corrects = recent;
  StoreDose(store(), moved);
  auto list = store().ListDoseEventsSince(p, At("2026-11-15T00:00:00Z"));
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(Ids(*list), (std::vector<std::int64_t>{early_id.value(), edge.value()}));
  EXPECT_EQ(Ids(*store().ListDoseEventsSince(p, At("2026-09-01T00:00:00Z"))).size(), 4u);
  (void)old;
}

TEST_P(StoreContract, ListObservationsOfKindsReadsOnlyThoseKindsLatestOfEachChain) {
  const PatientId p = AddPatient();
  auto isi = store().InsertObservation(Score(p, "2026-01-01T08:00:00Z", 20));
  ASSERT_TRUE(isi.ok());
  records::Observation effect = Score(p, "2026-11-01T08:00:00Z", 3);
  effect.kind = records::ObservationKind::kSideEffect;
  effect.code = "headache";
  effect.unit = "{grade}";
  effect.components = {{"ongoing", 1, ""}};
  auto effect_id = store().InsertObservation(effect);
  ASSERT_TRUE(effect_id.ok()) << effect_id.status().ToString();
  records::Observation vital = Score(p, "2026-11-02T08:00:00Z", 60);
  vital.kind = records::ObservationKind::kVital;
  vital.code = "heart_rate";
  vital.unit = "/min";
  ASSERT_TRUE(store().InsertObservation(vital).ok());
  auto fixed = Score(p, "2026-01-02T08:00:00Z", 18);
  fixed.corrects = *isi;
  auto fixed_id = store().InsertObservation(fixed);
  ASSERT_TRUE(fixed_id.ok());

  auto list = store().ListObservationsOfKinds(
      p, {records::ObservationKind::kInstrument, records::ObservationKind::kSideEffect});
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, *fixed_id);
  EXPECT_EQ((*list)[1].id, *effect_id);
  ASSERT_EQ((*list)[1].components.size(), 1u);
  EXPECT_EQ((*list)[1].components[0].code, "ongoing");
  EXPECT_TRUE(store().ListObservationsOfKinds(p, {})->empty());
}

TEST_P(StoreContract, LastCheckInIsTheNewestRecordingOfTheLatestEntries) {
  const PatientId p = AddPatient();
  EXPECT_FALSE(store().LastCheckIn(p)->has_value());
  auto dose = TakenDose(p, "2026-11-19T22:00:00Z");
  dose.provenance.created_at = At("2026-11-20T07:00:00Z");
  StoreDose(store(), dose);
  auto score = Score(p, "2026-01-01T08:00:00Z", 20);  // about long ago, recorded later
  score.provenance.created_at = At("2026-11-21T09:00:00Z");
  auto score_id = store().InsertObservation(score);
  ASSERT_TRUE(score_id.ok());
  EXPECT_EQ(*store().LastCheckIn(p), At("2026-11-21T09:00:00Z"));
  // A correction stamped earlier than what it replaces: only the chain's
  // latest entry counts, as in the lists.
  auto fixed = Score(p, "2026-01-01T08:00:00Z", 19);
  fixed.corrects = *score_id;
  fixed.provenance.created_at = At("2026-11-20T08:00:00Z");
  ASSERT_TRUE(store().InsertObservation(fixed).ok());
  EXPECT_EQ(*store().LastCheckIn(p), At("2026-11-20T08:00:00Z"));
  EXPECT_FALSE(store().LastCheckIn(AddPatient("Empty"))->has_value());
}

}  // namespace
}  // namespace pineal::store::contract
