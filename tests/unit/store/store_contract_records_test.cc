// Store contract: regimens and their versions, dose events and observations
// with their correction chains and time ranges, circadian plans. The method
// coverage list is in store_contract_test.cc.
#include "tests/unit/store/store_contract.h"

namespace pineal::store::contract {
namespace {

using pineal::testing::Score;
using pineal::testing::TakenDose;

// ---------------------------------------------------------------- regimens

records::RegimenVersion ScreenedVersion() {
  records::RegimenVersion v = pineal::testing::SampleVersion(2);
  v.status = records::RegimenStatus::kActive;
  v.formulation = "ir";
  v.times_of_day = {TimeOfDay{8 * 60}, TimeOfDay{22 * 60 + 5}};
  v.frequency = records::Frequency::kEveryOtherDay;
  v.end_date = Day("2027-02-01");
  v.titration = {{7, Mg(3)}, {14, Mg(5)}};
  v.content_mg_per_g = 12.5;
  v.reason = "initial plan";
  records::RecordedFinding f;
  f.rule_id = "interaction.fluvoxamine";
  f.key = "interaction.fluvoxamine|med:1";
  f.kind = "interaction";
  f.severity = "major";
  f.blocking = true;
  f.title = "Fluvoxamine raises melatonin";
  f.message = "CYP1A2 inhibition";
  f.mechanism = "CYP1A2";
  f.action = "halve the dose";
  f.refs = {"hartter2000", "hartter2001"};
  records::RecordedFinding info;
  info.rule_id = "age.older";
  info.key = "age.older";
  info.kind = "population";
  info.severity = "info";
  info.title = "Older adult";
  info.message = "start low";
  v.findings = {f, info};
  v.overrides = {{"interaction.fluvoxamine|med:1", "interaction.fluvoxamine", "low dose, monitored",
                  "dr.test", At("2026-11-20T09:59:00Z")}};
  return v;
}

TEST_P(StoreContract, InsertRegimenWithoutAVersionIsRefused) {
  records::Regimen empty;
  empty.patient_id = AddPatient();
  empty.substance = "melatonin";
  auto id = store().InsertRegimen(empty);
  EXPECT_EQ(id.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(id.status().field(), "versions");
  EXPECT_TRUE(store().ListRegimens(empty.patient_id)->empty());
}

TEST_P(StoreContract, InsertRegimenRoundTripsVersionAndScreening) {
  PatientId p = AddPatient();
  records::Regimen in;
  in.patient_id = p;
  in.substance = "melatonin";
  in.versions = {ScreenedVersion()};
  auto id = store().InsertRegimen(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_TRUE(id->valid());
  auto r = store().GetRegimen(p, *id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->id, *id);
  EXPECT_EQ(r->patient_id, p);
  EXPECT_EQ(r->substance, "melatonin");
  ASSERT_EQ(r->versions.size(), 1u);
  const records::RegimenVersion& v = r->current();
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v.status, records::RegimenStatus::kActive);
  EXPECT_EQ(v.formulation, "ir");
  EXPECT_EQ(v.dose, Mg(2));
  EXPECT_EQ(v.times_of_day, (std::vector<TimeOfDay>{TimeOfDay{480}, TimeOfDay{1325}}));
  EXPECT_EQ(v.frequency, records::Frequency::kEveryOtherDay);
  EXPECT_EQ(v.indication, "insomnia");
  EXPECT_EQ(v.start_date, Day("2026-11-20"));
  EXPECT_EQ(v.end_date, Day("2027-02-01"));
  ASSERT_EQ(v.titration.size(), 2u);
  EXPECT_EQ(v.titration[0].after_days, 7);
  EXPECT_EQ(v.titration[0].dose, Mg(3));
  EXPECT_EQ(v.titration[1].after_days, 14);
  EXPECT_EQ(v.titration[1].dose, Mg(5));
  EXPECT_EQ(v.content_mg_per_g, 12.5);
  EXPECT_EQ(v.reason, "initial plan");
  EXPECT_EQ(v.provenance.created_at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(v.provenance.created_by, "dr.test");
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(v.findings[0].rule_id, "interaction.fluvoxamine");
  EXPECT_EQ(v.findings[0].key, "interaction.fluvoxamine|med:1");
  EXPECT_EQ(v.findings[0].kind, "interaction");
  EXPECT_EQ(v.findings[0].severity, "major");
  EXPECT_TRUE(v.findings[0].blocking);
  EXPECT_EQ(v.findings[0].title, "Fluvoxamine raises melatonin");
  EXPECT_EQ(v.findings[0].message, "CYP1A2 inhibition");
  EXPECT_EQ(v.findings[0].mechanism, "CYP1A2");
  EXPECT_EQ(v.findings[0].action, "halve the dose");
  EXPECT_EQ(v.findings[0].refs, (std::vector<std::string>{"hartter2000", "hartter2001"}));
  EXPECT_EQ(v.findings[1].key, "age.older");
  EXPECT_FALSE(v.findings[1].blocking);
  EXPECT_TRUE(v.findings[1].refs.empty());
  ASSERT_EQ(v.overrides.size(), 1u);
  EXPECT_EQ(v.overrides[0].finding_key, "interaction.fluvoxamine|med:1");
  EXPECT_EQ(v.overrides[0].rule_id, "interaction.fluvoxamine");
  EXPECT_EQ(v.overrides[0].reason, "low dose, monitored");
  EXPECT_EQ(v.overrides[0].decided_by, "dr.test");
  EXPECT_EQ(v.overrides[0].decided_at, At("2026-11-20T09:59:00Z"));
}

TEST_P(StoreContract, GetRegimenOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  RegimenId r = AddRegimen(p);
  EXPECT_EQ(store().GetRegimen(other, r).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetRegimen(p, RegimenId(r.value() + 1000)).status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(store().GetRegimen(p, r).ok());
}

TEST_P(StoreContract, AppendRegimenVersionKeepsEarlierVersionsUnchanged) {
  PatientId p = AddPatient();
  RegimenId id = AddRegimen(p);
  records::RegimenVersion v2 = Version(2, 3);
  v2.status = records::RegimenStatus::kStopped;
  v2.titration.clear();
  v2.end_date = Day("2026-12-01");
  ASSERT_TRUE(store().AppendRegimenVersion(id, v2).ok());
  ASSERT_TRUE(store().AppendRegimenVersion(id, Version(3, 1)).ok());
  auto r = store().GetRegimen(p, id);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->versions.size(), 3u);
  // Version 1 is exactly as it was made.
  const records::RegimenVersion& v1 = r->versions[0];
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v1.dose, Mg(2));
  EXPECT_EQ(v1.status, records::RegimenStatus::kActive);
  ASSERT_EQ(v1.titration.size(), 1u);
  EXPECT_EQ(v1.titration[0].dose, Mg(3));
  EXPECT_FALSE(v1.end_date.has_value());
  EXPECT_EQ(v1.provenance.created_by, "dr.test");
  EXPECT_EQ(r->versions[1].version, 2);
  EXPECT_EQ(r->versions[1].dose, Mg(3));
  EXPECT_EQ(r->versions[1].status, records::RegimenStatus::kStopped);
  EXPECT_TRUE(r->versions[1].titration.empty());
  EXPECT_EQ(r->versions[1].end_date, Day("2026-12-01"));
  EXPECT_EQ(r->versions[1].reason, "step 2");
  EXPECT_EQ(r->versions[1].provenance.created_by, "dr.next");
  EXPECT_EQ(r->current().version, 3);
  EXPECT_EQ(r->current().dose, Mg(1));
}

TEST_P(StoreContract, AppendRegimenVersionNotBuiltOnTheCurrentIsAborted) {
  PatientId p = AddPatient();
  RegimenId id = AddRegimen(p);
  ASSERT_TRUE(store().AppendRegimenVersion(id, Version(2, 3)).ok());
  // A second editor also built on version 1.
  Status stale = store().AppendRegimenVersion(id, Version(2, 5));
  EXPECT_EQ(stale.code(), StatusCode::kAborted);
  // Skipping a version is refused too, as is rewriting an old one.
  EXPECT_EQ(store().AppendRegimenVersion(id, Version(4, 5)).code(), StatusCode::kAborted);
  EXPECT_EQ(store().AppendRegimenVersion(id, Version(1, 5)).code(), StatusCode::kAborted);
  auto r = store().GetRegimen(p, id);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->versions.size(), 2u);
  EXPECT_EQ(r->versions[0].dose, Mg(2));
  EXPECT_EQ(r->versions[1].dose, Mg(3));
}

TEST_P(StoreContract, AppendRegimenVersionToUnknownRegimenIsNotFound) {
  PatientId p = AddPatient();
  RegimenId id = AddRegimen(p);
  EXPECT_EQ(store().AppendRegimenVersion(RegimenId(id.value() + 1000), Version(2, 3)).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().GetRegimen(p, id)->versions.size(), 1u);
}

TEST_P(StoreContract, ListRegimensPerPatientWithEveryVersion) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  RegimenId mel = AddRegimen(p, "melatonin");
  records::Regimen two = NewRegimen(p, "valerian");
  two.versions.push_back(Version(2, 4));  // created with its history
  auto val = store().InsertRegimen(two);
  ASSERT_TRUE(val.ok()) << val.status().ToString();
  AddRegimen(other, "magnesium");
  ASSERT_TRUE(store().AppendRegimenVersion(mel, Version(2, 3)).ok());
  auto list = store().ListRegimens(p);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).id, mel);
  EXPECT_EQ(list->at(0).substance, "melatonin");
  EXPECT_EQ(list->at(0).versions.size(), 2u);
  EXPECT_EQ(list->at(0).current().dose, Mg(3));
  EXPECT_EQ(list->at(1).id, *val);
  EXPECT_EQ(list->at(1).substance, "valerian");
  ASSERT_EQ(list->at(1).versions.size(), 2u);
  EXPECT_EQ(list->at(1).current().version, 2);
  EXPECT_EQ(list->at(1).current().dose, Mg(4));
  EXPECT_EQ(list->at(1).versions[0].titration.size(), 1u);
  auto theirs = store().ListRegimens(other);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ(theirs->at(0).substance, "magnesium");
  EXPECT_TRUE(store().ListRegimens(PatientId(other.value() + 1000))->empty());
}

// ---------------------------------------------------------------- dose events

TEST_P(StoreContract, InsertDoseEventRoundTripsEveryField) {
  PatientId p = AddPatient();
  RegimenId r = AddRegimen(p);
  records::DoseEvent in = TakenDose(p, "2026-11-20T21:40:00Z", 2.5);
  in.regimen_id = r;
  in.planned_at = At("2026-11-20T21:30:00Z");
  in.status = records::DoseStatus::kExtra;
  in.note = "woke at 3";
  in.amount = *Mass::Make(2500, "ug");
  DoseEventId id = AddDose(in);
  EXPECT_TRUE(id.valid());
  auto e = store().GetDoseEvent(p, id);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->id, id);
  EXPECT_EQ(e->patient_id, p);
  EXPECT_EQ(e->regimen_id, r);
  EXPECT_EQ(e->substance, "melatonin");
  EXPECT_EQ(e->planned_at, At("2026-11-20T21:30:00Z"));
  EXPECT_EQ(e->taken_at, At("2026-11-20T21:40:00Z"));
  ASSERT_TRUE(e->amount.has_value());
  EXPECT_EQ(*e->amount, Mg(2.5));
  EXPECT_EQ(e->amount->unit(), "ug");
  EXPECT_EQ(e->status, records::DoseStatus::kExtra);
  EXPECT_EQ(e->note, "woke at 3");
  EXPECT_FALSE(e->corrects.has_value());
  EXPECT_EQ(e->provenance.created_at, At("2026-11-21T08:00:00Z"));
  EXPECT_EQ(e->provenance.created_by, "patient");
}

TEST_P(StoreContract, SkippedDoseWithoutOptionalFieldsRoundTrips) {
  PatientId p = AddPatient();
  records::DoseEvent in;
  in.patient_id = p;
  in.substance = "melatonin";
  in.planned_at = At("2026-11-20T21:30:00Z");
  in.status = records::DoseStatus::kSkipped;
  in.provenance = {At("2026-11-21T08:00:00Z"), "patient"};
  DoseEventId id = AddDose(in);
  auto e = store().GetDoseEvent(p, id);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->status, records::DoseStatus::kSkipped);
  EXPECT_FALSE(e->regimen_id.has_value());
  EXPECT_FALSE(e->taken_at.has_value());
  EXPECT_FALSE(e->amount.has_value());
  EXPECT_EQ(e->planned_at, At("2026-11-20T21:30:00Z"));
  EXPECT_EQ(e->when(), At("2026-11-20T21:30:00Z"));
}

TEST_P(StoreContract, GetDoseEventOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  DoseEventId id = AddDose(TakenDose(p, "2026-11-20T21:30:00Z"));
  EXPECT_EQ(store().GetDoseEvent(other, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetDoseEvent(p, DoseEventId(id.value() + 1000)).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContract, DoseEventForAnotherPatientsRegimenIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  RegimenId theirs = AddRegimen(other);
  records::DoseEvent e = TakenDose(p, "2026-11-20T21:30:00Z");
  e.regimen_id = theirs;
  auto id = store().InsertDoseEvent(e);
  EXPECT_EQ(id.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(id.status().field(), "regimen_id");
  EXPECT_TRUE(store().ListDoseEvents(p, {}, true)->empty());
}

TEST_P(StoreContract, DoseCorrectionLeavesTheOriginalUnchanged) {
  PatientId p = AddPatient();
  DoseEventId a = AddDose(TakenDose(p, "2026-11-20T21:30:00Z", 2));
  records::DoseEvent fix = TakenDose(p, "2026-11-20T21:45:00Z", 1);
  fix.corrects = a;
  fix.note = "was 1 mg";
  DoseEventId b = AddDose(fix);
  EXPECT_NE(a, b);
  auto corrected = store().GetDoseEvent(p, b);
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(corrected->corrects, a);
  EXPECT_EQ(corrected->amount, Mg(1));
  EXPECT_EQ(corrected->note, "was 1 mg");
  // The replaced entry is still there, exactly as first recorded.
  auto original = store().GetDoseEvent(p, a);
  ASSERT_TRUE(original.ok());
  EXPECT_EQ(original->amount, Mg(2));
  EXPECT_EQ(original->taken_at, At("2026-11-20T21:30:00Z"));
  EXPECT_EQ(original->note, "");
  EXPECT_FALSE(original->corrects.has_value());
}

TEST_P(StoreContract, ListDoseEventsShowsTheLatestOfEachChain) {
  PatientId p = AddPatient();
  DoseEventId a1 = AddDose(TakenDose(p, "2026-11-20T21:30:00Z", 2));
  DoseEventId other = AddDose(TakenDose(p, "2026-11-21T21:30:00Z", 2));
  records::DoseEvent e = TakenDose(p, "2026-11-20T21:45:00Z", 2);
  e.corrects = a1;
  DoseEventId a2 = AddDose(e);
  e = TakenDose(p, "2026-11-20T21:50:00Z", 1);
  e.corrects = a2;
  DoseEventId a3 = AddDose(e);

  auto latest = store().ListDoseEvents(p, {}, false);
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ(latest->at(0).id, a3);
  EXPECT_EQ(latest->at(0).amount, Mg(1));
  EXPECT_EQ(latest->at(0).corrects, a2);
  EXPECT_EQ(latest->at(1).id, other);

  auto all = store().ListDoseEvents(p, {}, true);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 4u);
  EXPECT_EQ(all->at(0).id, a1);
  EXPECT_EQ(all->at(1).id, a2);
  EXPECT_EQ(all->at(2).id, a3);
  EXPECT_EQ(all->at(3).id, other);
}

TEST_P(StoreContract, CorrectingACorrectedDoseEventIsAborted) {
  PatientId p = AddPatient();
  DoseEventId a = AddDose(TakenDose(p, "2026-11-20T21:30:00Z"));
  records::DoseEvent fix = TakenDose(p, "2026-11-20T21:45:00Z");
  fix.corrects = a;
  DoseEventId b = AddDose(fix);
  // A second correction of `a` would fork the chain.
  records::DoseEvent fork = TakenDose(p, "2026-11-20T22:00:00Z", 5);
  fork.corrects = a;
  auto forked = store().InsertDoseEvent(fork);
  EXPECT_EQ(forked.status().code(), StatusCode::kAborted);
  EXPECT_EQ(forked.status().field(), "corrects");
  auto all = store().ListDoseEvents(p, {}, true);
  ASSERT_EQ(all->size(), 2u);
  auto latest = store().ListDoseEvents(p, {}, false);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->at(0).id, b);
  // Correcting the latest entry is still allowed.
  fork.corrects = b;
  EXPECT_TRUE(store().InsertDoseEvent(fork).ok());
}

TEST_P(StoreContract, CorrectingAnotherPatientsDoseEventIsRefused) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  DoseEventId theirs = AddDose(TakenDose(other, "2026-11-20T21:30:00Z"));
  records::DoseEvent e = TakenDose(p, "2026-11-20T21:30:00Z");
  e.corrects = theirs;
  auto foreign = store().InsertDoseEvent(e);
  EXPECT_EQ(foreign.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(foreign.status().field(), "corrects");
  e.corrects = DoseEventId(theirs.value() + 1000);
  auto missing = store().InsertDoseEvent(e);
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store().ListDoseEvents(p, {}, true)->empty());
  // The other patient's entry is untouched and still correctable by them.
  EXPECT_EQ(store().ListDoseEvents(other, {}, false)->size(), 1u);
}

TEST_P(StoreContract, DoseEventIdsAreNeverReused) {
  PatientId p = AddPatient();
  DoseEventId a = AddDose(TakenDose(p, "2026-11-20T21:30:00Z", 2));
  // An insert carrying an existing id is a new entry, never an overwrite.
  records::DoseEvent again = TakenDose(p, "2026-11-21T21:30:00Z", 4);
  again.id = a;
  DoseEventId b = AddDose(again);
  EXPECT_NE(a, b);
  EXPECT_EQ(store().GetDoseEvent(p, a)->amount, Mg(2));
  EXPECT_EQ(store().GetDoseEvent(p, b)->amount, Mg(4));
  EXPECT_EQ(store().ListDoseEvents(p, {}, false)->size(), 2u);
}

TEST_P(StoreContract, ListDoseEventsFilesByTakenElsePlannedTime) {
  PatientId p = AddPatient();
  // Taken late: filed under the time it was taken, not the plan.
  records::DoseEvent late = TakenDose(p, "2026-11-22T01:00:00Z");
  late.planned_at = At("2026-11-20T21:30:00Z");
  DoseEventId late_id = AddDose(late);
  records::DoseEvent skipped;
  skipped.patient_id = p;
  skipped.substance = "melatonin";
  skipped.planned_at = At("2026-11-21T21:30:00Z");
  skipped.status = records::DoseStatus::kSkipped;
  skipped.provenance = {At("2026-11-22T08:00:00Z"), "patient"};
  DoseEventId skipped_id = AddDose(skipped);
  DoseEventId early_id = AddDose(TakenDose(p, "2026-11-19T21:30:00Z"));

  auto all = store().ListDoseEvents(p, {}, false);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(0).id, early_id);
  EXPECT_EQ(all->at(1).id, skipped_id);
  EXPECT_EQ(all->at(2).id, late_id);
  TimeRange nov21{At("2026-11-21T00:00:00Z"), At("2026-11-22T00:00:00Z")};
  auto day = store().ListDoseEvents(p, nov21, false);
  ASSERT_EQ(day->size(), 1u);
  EXPECT_EQ(day->at(0).id, skipped_id);
}

TEST_P(StoreContract, ListDoseEventsRangeIncludesFromExcludesTo) {
  PatientId p = AddPatient();
  DoseEventId ten = AddDose(TakenDose(p, "2026-11-20T10:00:00Z"));
  DoseEventId eleven = AddDose(TakenDose(p, "2026-11-20T11:00:00Z"));
  DoseEventId noon = AddDose(TakenDose(p, "2026-11-20T12:00:00Z"));
  auto ids = [&](const TimeRange& range) {
    std::vector<DoseEventId> out;
    auto list = store().ListDoseEvents(p, range, false);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const auto& e : *list) out.push_back(e.id);
    }
    return out;
  };
  using V = std::vector<DoseEventId>;
  EXPECT_EQ(ids({At("2026-11-20T11:00:00Z"), At("2026-11-20T12:00:00Z")}), V{eleven});
  EXPECT_EQ(ids({At("2026-11-20T11:00:00Z"), std::nullopt}), (V{eleven, noon}));
  EXPECT_EQ(ids({std::nullopt, At("2026-11-20T11:00:00Z")}), V{ten});
  EXPECT_EQ(ids({At("2026-11-20T10:00:01Z"), At("2026-11-20T10:59:59Z")}), V{});
  EXPECT_EQ(ids({}), (V{ten, eleven, noon}));
}

TEST_P(StoreContract, ListDoseEventsHidesCorrectedEntriesOutsideTheRange) {
  PatientId p = AddPatient();
  DoseEventId wrong_day = AddDose(TakenDose(p, "2026-11-20T21:30:00Z"));
  records::DoseEvent fix = TakenDose(p, "2026-11-21T21:30:00Z");
  fix.corrects = wrong_day;
  DoseEventId right_day = AddDose(fix);
  TimeRange nov20{At("2026-11-20T00:00:00Z"), At("2026-11-21T00:00:00Z")};
  TimeRange nov21{At("2026-11-21T00:00:00Z"), At("2026-11-22T00:00:00Z")};
  // The correction moved the dose to the 21st: the 20th shows nothing...
  EXPECT_TRUE(store().ListDoseEvents(p, nov20, false)->empty());
  auto with = store().ListDoseEvents(p, nov20, true);
  ASSERT_EQ(with->size(), 1u);
  EXPECT_EQ(with->at(0).id, wrong_day);
  // ...and the 21st shows the correction.
  auto moved = store().ListDoseEvents(p, nov21, false);
  ASSERT_EQ(moved->size(), 1u);
  EXPECT_EQ(moved->at(0).id, right_day);
}

TEST_P(StoreContract, ListDoseEventsShowsOnlyThePatientsOwn) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  DoseEventId mine = AddDose(TakenDose(p, "2026-11-20T21:30:00Z"));
  AddDose(TakenDose(other, "2026-11-20T21:30:00Z"));
  AddDose(TakenDose(other, "2026-11-21T21:30:00Z"));
  auto list = store().ListDoseEvents(p, {}, true);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).id, mine);
  EXPECT_EQ(list->at(0).patient_id, p);
  EXPECT_EQ(store().ListDoseEvents(other, {}, true)->size(), 2u);
  EXPECT_TRUE(store().ListDoseEvents(PatientId(other.value() + 1000), {}, true)->empty());
}

// ---------------------------------------------------------------- observations

records::Observation Phq9(PatientId p, const char* at, double score) {
  records::Observation o = Score(p, at, score);
  o.code = "44249-1";
  o.interpretation = "moderate";
  o.text = "PHQ-9";
  o.components = {{"item1", 2.0, ""}, {"item9", 1.0, "several days"}, {"flag", std::nullopt, "x"}};
  return o;
}

TEST_P(StoreContract, InsertObservationRoundTripsEveryField) {
  PatientId p = AddPatient();
  ObservationId id = AddObservation(Phq9(p, "2026-11-20T09:00:00Z", 12));
  EXPECT_TRUE(id.valid());
  auto o = store().GetObservation(p, id);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_EQ(o->id, id);
  EXPECT_EQ(o->patient_id, p);
  EXPECT_EQ(o->kind, records::ObservationKind::kInstrument);
  EXPECT_EQ(o->code, "44249-1");
  EXPECT_EQ(o->value, 12.0);
  EXPECT_EQ(o->unit, "{score}");
  EXPECT_EQ(o->text, "PHQ-9");
  EXPECT_EQ(o->interpretation, "moderate");
  EXPECT_EQ(o->observed_at, At("2026-11-20T09:00:00Z"));
  EXPECT_FALSE(o->corrects.has_value());
  EXPECT_EQ(o->provenance.created_at, At("2026-11-21T08:00:00Z"));
  EXPECT_EQ(o->provenance.created_by, "patient");
  ASSERT_EQ(o->components.size(), 3u);
  EXPECT_EQ(o->components[0].code, "item1");
  EXPECT_EQ(o->components[0].value, 2.0);
  EXPECT_EQ(o->components[1].code, "item9");
  EXPECT_EQ(o->components[1].value, 1.0);
  EXPECT_EQ(o->components[1].text, "several days");
  EXPECT_EQ(o->components[2].code, "flag");
  EXPECT_FALSE(o->components[2].value.has_value());
  EXPECT_EQ(o->components[2].text, "x");
}

TEST_P(StoreContract, NoteObservationWithoutValueRoundTrips) {
  PatientId p = AddPatient();
  records::Observation in;
  in.patient_id = p;
  in.kind = records::ObservationKind::kSideEffect;
  in.code = "headache";
  in.text = "mild, morning";
  in.observed_at = At("2026-11-20T07:00:00Z");
  in.provenance = {At("2026-11-20T08:00:00Z"), "patient"};
  ObservationId id = AddObservation(in);
  auto o = store().GetObservation(p, id);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->kind, records::ObservationKind::kSideEffect);
  EXPECT_FALSE(o->value.has_value());
  EXPECT_EQ(o->text, "mild, morning");
  EXPECT_EQ(o->unit, "");
  EXPECT_TRUE(o->components.empty());
}

TEST_P(StoreContract, GetObservationOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  ObservationId id = AddObservation(Score(p, "2026-11-20T09:00:00Z", 12));
  EXPECT_EQ(store().GetObservation(other, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetObservation(p, ObservationId(id.value() + 1000)).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContract, ObservationCorrectionLeavesTheOriginalUnchanged) {
  PatientId p = AddPatient();
  ObservationId a = AddObservation(Phq9(p, "2026-11-20T09:00:00Z", 12));
  records::Observation fix = Score(p, "2026-11-20T09:00:00Z", 10);
  fix.corrects = a;
  fix.components = {{"item9", 0.0, ""}};
  ObservationId b = AddObservation(fix);
  auto corrected = store().GetObservation(p, b);
  ASSERT_TRUE(corrected.ok());
  EXPECT_EQ(corrected->corrects, a);
  EXPECT_EQ(corrected->value, 10.0);
  ASSERT_EQ(corrected->components.size(), 1u);
  EXPECT_EQ(corrected->components[0].value, 0.0);
  auto original = store().GetObservation(p, a);
  ASSERT_TRUE(original.ok());
  EXPECT_EQ(original->value, 12.0);
  EXPECT_EQ(original->interpretation, "moderate");
  EXPECT_EQ(original->components.size(), 3u);
  EXPECT_FALSE(original->corrects.has_value());
}

TEST_P(StoreContract, ListObservationsShowsTheLatestOfEachChain) {
  PatientId p = AddPatient();
  ObservationId first = AddObservation(Score(p, "2026-11-01T09:00:00Z", 18));
  ObservationId second = AddObservation(Score(p, "2026-11-08T09:00:00Z", 15));
  records::Observation fix = Phq9(p, "2026-11-01T09:00:00Z", 17);
  fix.corrects = first;
  ObservationId fixed = AddObservation(fix);
  auto latest = store().ListObservations(p, {}, false);
  ASSERT_TRUE(latest.ok());
  ASSERT_EQ(latest->size(), 2u);
  EXPECT_EQ(latest->at(0).id, fixed);
  EXPECT_EQ(latest->at(0).value, 17.0);
  EXPECT_EQ(latest->at(0).components.size(), 3u);  // lists carry components too
  EXPECT_EQ(latest->at(1).id, second);
  auto all = store().ListObservations(p, {}, true);
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(0).id, first);
  EXPECT_EQ(all->at(1).id, fixed);
  EXPECT_EQ(all->at(2).id, second);
}

TEST_P(StoreContract, CorrectingACorrectedObservationIsAborted) {
  PatientId p = AddPatient();
  ObservationId a = AddObservation(Score(p, "2026-11-01T09:00:00Z", 18));
  records::Observation fix = Score(p, "2026-11-01T09:00:00Z", 17);
  fix.corrects = a;
  ObservationId b = AddObservation(fix);
  fix.value = 16;
  auto forked = store().InsertObservation(fix);
  EXPECT_EQ(forked.status().code(), StatusCode::kAborted);
  EXPECT_EQ(forked.status().field(), "corrects");
  EXPECT_EQ(store().ListObservations(p, {}, true)->size(), 2u);
  fix.corrects = b;
  auto chained = store().InsertObservation(fix);
  ASSERT_TRUE(chained.ok()) << chained.status().ToString();
  auto latest = store().ListObservations(p, {}, false);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->at(0).id, *chained);
  EXPECT_EQ(latest->at(0).value, 16.0);
}

TEST_P(StoreContract, CorrectingAnotherPatientsObservationIsRefused) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  ObservationId theirs = AddObservation(Score(other, "2026-11-01T09:00:00Z", 18));
  records::Observation o = Score(p, "2026-11-01T09:00:00Z", 1);
  o.corrects = theirs;
  auto foreign = store().InsertObservation(o);
  EXPECT_EQ(foreign.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(foreign.status().field(), "corrects");
  o.corrects = ObservationId(theirs.value() + 1000);
  EXPECT_EQ(store().InsertObservation(o).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(store().ListObservations(p, {}, true)->empty());
  auto still = store().ListObservations(other, {}, false);
  ASSERT_EQ(still->size(), 1u);
  EXPECT_EQ(still->at(0).value, 18.0);
}

TEST_P(StoreContract, ObservationIdsAreNeverReused) {
  PatientId p = AddPatient();
  ObservationId a = AddObservation(Score(p, "2026-11-01T09:00:00Z", 18));
  records::Observation again = Score(p, "2026-11-02T09:00:00Z", 3);
  again.id = a;
  ObservationId b = AddObservation(again);
  EXPECT_NE(a, b);
  EXPECT_EQ(store().GetObservation(p, a)->value, 18.0);
  EXPECT_EQ(store().GetObservation(p, b)->value, 3.0);
}

TEST_P(StoreContract, ListObservationsRangeIncludesFromExcludesTo) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  ObservationId late = AddObservation(Score(p, "2026-11-15T09:00:00Z", 9));
  ObservationId early = AddObservation(Score(p, "2026-11-01T09:00:00Z", 18));
  ObservationId mid = AddObservation(Score(p, "2026-11-08T09:00:00Z", 15));
  AddObservation(Score(other, "2026-11-08T09:00:00Z", 1));
  auto ids = [&](const TimeRange& range) {
    std::vector<ObservationId> out;
    auto list = store().ListObservations(p, range, false);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const auto& o : *list) out.push_back(o.id);
    }
    return out;
  };
  using V = std::vector<ObservationId>;
  EXPECT_EQ(ids({}), (V{early, mid, late}));  // by observation time, not entry order
  EXPECT_EQ(ids({At("2026-11-08T09:00:00Z"), At("2026-11-15T09:00:00Z")}), V{mid});
  EXPECT_EQ(ids({At("2026-11-08T09:00:01Z"), std::nullopt}), V{late});
  EXPECT_EQ(ids({std::nullopt, At("2026-11-08T09:00:00Z")}), V{early});
}

// ---------------------------------------------------------------- circadian plans

CircadianPlanRecord Plan(PatientId p, std::string title, const char* created_at) {
  CircadianPlanRecord plan;
  plan.patient_id = p;
  plan.kind = "jetlag";
  plan.title = std::move(title);
  plan.request_json = R"({"from":"Europe/Paris","to":"Asia/Tokyo"})";
  plan.plan_json = R"({"days":[{"light":"07:00"}]})";
  plan.provenance = {At(created_at), "dr.test"};
  return plan;
}

TEST_P(StoreContract, CircadianPlanRoundTrips) {
  PatientId p = AddPatient();
  CircadianPlanRecord in = Plan(p, "Paris to Tokyo", "2026-11-20T10:00:00Z");
  in.kind = "shift";
  auto id = store().InsertCircadianPlan(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_GT(*id, 0);
  auto got = store().GetCircadianPlan(p, *id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->id, *id);
  EXPECT_EQ(got->patient_id, p);
  EXPECT_EQ(got->kind, "shift");
  EXPECT_EQ(got->title, "Paris to Tokyo");
  EXPECT_EQ(got->request_json, R"({"from":"Europe/Paris","to":"Asia/Tokyo"})");
  EXPECT_EQ(got->plan_json, R"({"days":[{"light":"07:00"}]})");
  EXPECT_EQ(got->provenance.created_at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(got->provenance.created_by, "dr.test");
}

TEST_P(StoreContract, GetCircadianPlanOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  auto id = store().InsertCircadianPlan(Plan(p, "trip", "2026-11-20T10:00:00Z"));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store().GetCircadianPlan(other, *id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetCircadianPlan(p, *id + 1000).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, ListCircadianPlansNewestFirstPerPatient) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  auto older = store().InsertCircadianPlan(Plan(p, "older", "2026-11-01T10:00:00Z"));
  auto newest = store().InsertCircadianPlan(Plan(p, "newest", "2026-11-20T10:00:00Z"));
  auto backdated = store().InsertCircadianPlan(Plan(p, "backdated", "2026-10-01T10:00:00Z"));
  auto tie = store().InsertCircadianPlan(Plan(p, "tie", "2026-11-20T10:00:00Z"));
  ASSERT_TRUE(store().InsertCircadianPlan(Plan(other, "theirs", "2026-11-25T10:00:00Z")).ok());
  ASSERT_TRUE(older.ok() && newest.ok() && backdated.ok() && tie.ok());
  auto list = store().ListCircadianPlans(p);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 4u);
  // Newest by creation time; of two made at once, the later entry first.
  EXPECT_EQ(list->at(0).id, *tie);
  EXPECT_EQ(list->at(1).id, *newest);
  EXPECT_EQ(list->at(2).id, *older);
  EXPECT_EQ(list->at(3).id, *backdated);
  EXPECT_EQ(list->at(3).title, "backdated");
  EXPECT_EQ(store().ListCircadianPlans(other)->size(), 1u);
}

TEST_P(StoreContract, CircadianPlanIdsAreNeverReused) {
  PatientId p = AddPatient();
  auto a = store().InsertCircadianPlan(Plan(p, "first", "2026-11-01T10:00:00Z"));
  ASSERT_TRUE(a.ok());
  CircadianPlanRecord again = Plan(p, "second", "2026-11-02T10:00:00Z");
  again.id = *a;
  auto b = store().InsertCircadianPlan(again);
  ASSERT_TRUE(b.ok());
  EXPECT_NE(*a, *b);
  EXPECT_EQ(store().GetCircadianPlan(p, *a)->title, "first");
  EXPECT_EQ(store().GetCircadianPlan(p, *b)->title, "second");
}

}  // namespace
}  // namespace pineal::store::contract
