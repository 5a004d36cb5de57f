// Dose events and observations: facts about the past, appended and corrected
// by new entries, never edited.
#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

class EventsTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    patient_ = NewPatient();
    auto r = CreateRegimen(patient_, 3);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    regimen_ = r->id;
  }

  static records::Observation Isi(std::string_view at, double score) {
    records::Observation o;
    o.kind = records::ObservationKind::kInstrument;
    o.code = "ISI";
    o.value = score;
    o.unit = "{score}";
    o.observed_at = At(at);
    return o;
  }

  PatientId patient_;
  RegimenId regimen_;
};

std::vector<std::int64_t> Ids(const std::vector<records::DoseEvent>& events) {
  std::vector<std::int64_t> out;
  for (const auto& e : events) out.push_back(e.id.value());
  return out;
}
std::vector<std::int64_t> Ids(const std::vector<records::Observation>& observations) {
  std::vector<std::int64_t> out;
  for (const auto& o : observations) out.push_back(o.id.value());
  return out;
}

TEST_F(EventsTest, ADoseOfARegimenIsStoredAsADoseOfItsSubstance) {
  auto e =
      app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-09T21:05:00Z", 3, regimen_));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_TRUE(e->id.valid());
  EXPECT_EQ(e->patient_id, patient_);
  EXPECT_EQ(e->regimen_id, regimen_);
  EXPECT_EQ(e->substance, "melatonin");
  EXPECT_EQ(e->taken_at, At("2026-11-09T21:05:00Z"));
  ASSERT_TRUE(e->amount.has_value());
  EXPECT_DOUBLE_EQ(e->amount->base(), 3.0);
  EXPECT_EQ(e->provenance.created_by, "dr.house");
  EXPECT_EQ(e->provenance.created_at, At(kNow));

  auto listed = app_->patients().ListDoseEvents(dr_, patient_, {}, false);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(Ids(listed->items), std::vector<std::int64_t>{e->id.value()});
}

// 900 g of melatonin is an entry error (g for mg), not a dose to screen or
// to count: it is refused with the reason and nothing is stored.
TEST_F(EventsTest, AnImplausibleAmountIsRefusedWithTheReason) {
  auto e = app_->patients().RecordDoseEvent(dr_, patient_,
                                            Taken("2026-11-09T21:05:00Z", 900'000, regimen_));
  ASSERT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(e.status().field(), "amount");
  EXPECT_NE(e.status().message().find("not a plausible dose of Melatonin: at most 1 g per dose"),
            std::string::npos)
      << e.status().message();
  EXPECT_NE(e.status().message().find("Nordlund"), std::string::npos);
  auto listed = app_->patients().ListDoseEvents(dr_, patient_, {}, false);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->items.empty());
  // 1 g itself is a dose someone has taken: it is stored (and screened elsewhere).
  EXPECT_TRUE(app_->patients()
                  .RecordDoseEvent(dr_, patient_, Taken("2026-11-09T21:05:00Z", 1000, regimen_))
                  .ok());
}

TEST_F(EventsTest, ASkippedDoseNeedsItsPlannedTimeAndNoAmount) {
  records::DoseEvent skipped;
  skipped.regimen_id = regimen_;
  skipped.status = records::DoseStatus::kSkipped;
  skipped.planned_at = At("2026-11-09T21:00:00Z");
  auto ok = app_->patients().RecordDoseEvent(dr_, patient_, skipped);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->when(), At("2026-11-09T21:00:00Z"));

  skipped.amount = Mg(3);
  auto bad = app_->patients().RecordDoseEvent(dr_, patient_, skipped);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "amount");

  auto taken = Taken("2026-11-09T21:00:00Z", 3);
  taken.amount.reset();
  EXPECT_EQ(app_->patients().RecordDoseEvent(dr_, patient_, taken).status().field(), "amount");
  EXPECT_EQ(StoredDoses(patient_).size(), 1u);
}

TEST_F(EventsTest, ACorrectionHidesTheEntryItReplaces) {
  auto first =
      app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-08T21:00:00Z", 3, regimen_));
  auto other =
      app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-09T21:00:00Z", 3, regimen_));
  ASSERT_TRUE(first.ok() && other.ok());
  records::DoseEvent fix = Taken("2026-11-08T21:00:00Z", 1.5, regimen_);
  fix.corrects = first->id;
  fix.note = "half a tablet";
  auto corrected = app_->patients().RecordDoseEvent(dr_, patient_, fix);
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(corrected->corrects, first->id);

  auto latest = app_->patients().ListDoseEvents(dr_, patient_, {}, false);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(Ids(latest->items),
            (std::vector<std::int64_t>{corrected->id.value(), other->id.value()}));
  auto all = app_->patients().ListDoseEvents(dr_, patient_, {}, true);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->items.size(), 3u);

  // The original stays as it was.
  auto original = memory_.GetDoseEvent(patient_, first->id);
  ASSERT_TRUE(original.ok());
  EXPECT_DOUBLE_EQ(original->amount->base(), 3.0);
  EXPECT_EQ(original->note, "");

  // Only the latest entry of a chain can be corrected.
  records::DoseEvent late = Taken("2026-11-08T21:00:00Z", 2, regimen_);
  late.corrects = first->id;
  auto twice = app_->patients().RecordDoseEvent(dr_, patient_, late);
  EXPECT_EQ(twice.status().code(), StatusCode::kAborted) << twice.status().ToString();
  late.corrects = corrected->id;
  EXPECT_TRUE(app_->patients().RecordDoseEvent(dr_, patient_, late).ok());
  auto now = app_->patients().ListDoseEvents(dr_, patient_, {}, false);
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->items.size(), 2u);
  EXPECT_DOUBLE_EQ(now->items[0].amount->base(), 2.0);
}

TEST_F(EventsTest, ListsAreFilteredByTime) {
  ASSERT_TRUE(
      app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-07T21:00:00Z", 3)).ok());
  auto mid = app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-08T21:00:00Z", 3));
  ASSERT_TRUE(
      app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-09T21:00:00Z", 3)).ok());
  ASSERT_TRUE(mid.ok());
  store::TimeRange day{At("2026-11-08T00:00:00Z"), At("2026-11-09T00:00:00Z")};
  auto r = app_->patients().ListDoseEvents(dr_, patient_, day, false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(Ids(r->items), std::vector<std::int64_t>{mid->id.value()});

  store::TimeRange backwards{At("2026-11-09T00:00:00Z"), At("2026-11-08T00:00:00Z")};
  auto bad = app_->patients().ListDoseEvents(dr_, patient_, backwards, false);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "to");
}

TEST_F(EventsTest, ADoseOfAnotherPatientsRegimenIsRefused) {
  const PatientId bob = NewPatient("Bob K.");
  auto r = app_->patients().RecordDoseEvent(dr_, bob, Taken("2026-11-09T21:00:00Z", 3, regimen_));
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  EXPECT_EQ(r.status().field(), "regimen_id");
  EXPECT_TRUE(StoredDoses(bob).empty());
  EXPECT_TRUE(StoredDoses(patient_).empty());
}

TEST_F(EventsTest, ACorrectionOfAnotherPatientsEntryIsRefused) {
  const PatientId bob = NewPatient("Bob K.");
  auto ada_dose = app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-09T21:00:00Z", 3));
  ASSERT_TRUE(ada_dose.ok());
  records::DoseEvent fix = Taken("2026-11-09T21:00:00Z", 1);
  fix.corrects = ada_dose->id;
  auto r = app_->patients().RecordDoseEvent(dr_, bob, fix);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "corrects");
  EXPECT_TRUE(StoredDoses(bob).empty());
  EXPECT_EQ(StoredDoses(patient_, false).size(), 1u);
}

// Ten minutes of clock skew are tolerated, not more.
TEST_F(EventsTest, TimesInTheFutureAreRefused) {
  EXPECT_TRUE(
      app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-10T12:10:00Z", 3)).ok());
  auto dose = app_->patients().RecordDoseEvent(dr_, patient_, Taken("2026-11-10T12:10:01Z", 3));
  EXPECT_EQ(dose.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(dose.status().field(), "taken_at");
  EXPECT_EQ(StoredDoses(patient_).size(), 1u);

  EXPECT_TRUE(
      app_->patients().RecordObservation(dr_, patient_, Isi("2026-11-10T12:10:00Z", 10)).ok());
  auto obs = app_->patients().RecordObservation(dr_, patient_, Isi("2026-11-10T12:10:01Z", 10));
  EXPECT_EQ(obs.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(obs.status().field(), "observed_at");
  EXPECT_EQ(StoredObservations(patient_).size(), 1u);
}

// Ada was born on 1960-05-04 (Paris): nothing happened to her before that,
// and a year such as 1800 is a typing error whoever the patient is.
TEST_F(EventsTest, TimesBeforeBirthAreRefused) {
  auto dose = app_->patients().RecordDoseEvent(dr_, patient_, Taken("1800-11-10T12:00:00Z", 3));
  EXPECT_EQ(dose.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(dose.status().field(), "taken_at");
  EXPECT_NE(dose.status().message().find("before the patient's birth date (1960-05-04)"),
            std::string::npos)
      << dose.status().message();
  // 23:30 UTC on 3 May 1960 is already 4 May in Paris: her birthday counts.
  EXPECT_TRUE(
      app_->patients().RecordDoseEvent(dr_, patient_, Taken("1960-05-03T23:30:00Z", 3)).ok());
  auto obs = app_->patients().RecordObservation(dr_, patient_, Isi("1960-05-03T12:00:00Z", 10));
  EXPECT_EQ(obs.status().field(), "observed_at");
  EXPECT_EQ(StoredDoses(patient_).size(), 1u);
  EXPECT_TRUE(StoredObservations(patient_).empty());

  records::Patient unknown_birth = PatientDraft("Cy N.");
  unknown_birth.birth_date.reset();
  auto cy = app_->patients().CreatePatient(dr_, unknown_birth);
  ASSERT_TRUE(cy.ok()) << cy.status().ToString();
  auto old = app_->patients().RecordDoseEvent(dr_, cy->id, Taken("1899-12-31T12:00:00Z", 3));
  EXPECT_EQ(old.status().field(), "taken_at");
  EXPECT_NE(old.status().message().find("before 1900"), std::string::npos);
}

TEST_F(EventsTest, APatientChecksInForThemselvesOnly) {
  const PatientId bob = NewPatient("Bob K.");
  const app::Actor as_ada = NewActor("ada.l", store::UserRole::kPatient, patient_);
  auto own = app_->patients().RecordDoseEvent(as_ada, patient_,
                                              Taken("2026-11-09T21:00:00Z", 3, regimen_));
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->provenance.created_by, "ada.l");

  auto other = app_->patients().RecordDoseEvent(as_ada, bob, Taken("2026-11-09T21:00:00Z", 3));
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(StoredDoses(bob).empty());

  const app::Actor stranger = NewActor("dr.wilson", store::UserRole::kClinician);
  EXPECT_EQ(app_->patients()
                .RecordObservation(stranger, patient_, Isi("2026-11-09T08:00:00Z", 12))
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(StoredObservations(patient_).empty());
}

TEST_F(EventsTest, AnInstrumentScoreIsCheckedAndBanded) {
  auto moderate =
      app_->patients().RecordObservation(dr_, patient_, Isi("2026-11-09T08:00:00Z", 15));
  ASSERT_TRUE(moderate.ok()) << moderate.status().ToString();
  EXPECT_EQ(moderate->interpretation, "clinical_moderate");
  EXPECT_EQ(moderate->provenance.created_by, "dr.house");
  auto none = app_->patients().RecordObservation(dr_, patient_, Isi("2026-11-09T08:00:00Z", 7));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->interpretation, "no_insomnia");

  for (double bad : {29.0, -1.0, 7.5}) {
    auto r = app_->patients().RecordObservation(dr_, patient_, Isi("2026-11-09T08:00:00Z", bad));
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().field(), "value") << bad;
  }
  EXPECT_EQ(StoredObservations(patient_).size(), 2u);
}

TEST_F(EventsTest, AnObservationCorrectionHidesTheOriginal) {
  auto first = app_->patients().RecordObservation(dr_, patient_, Isi("2026-11-09T08:00:00Z", 15));
  ASSERT_TRUE(first.ok());
  records::Observation fix = Isi("2026-11-09T08:00:00Z", 22);
  fix.corrects = first->id;
  auto corrected = app_->patients().RecordObservation(dr_, patient_, fix);
  ASSERT_TRUE(corrected.ok()) << corrected.status().ToString();
  EXPECT_EQ(corrected->interpretation, "clinical_severe");

  auto latest = app_->patients().ListObservations(dr_, patient_, {}, false);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(Ids(latest->items), std::vector<std::int64_t>{corrected->id.value()});
  auto all = app_->patients().ListObservations(dr_, patient_, {}, true);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->items.size(), 2u);

  auto twice = app_->patients().RecordObservation(dr_, patient_, fix);
  EXPECT_EQ(twice.status().code(), StatusCode::kAborted);
}

TEST_F(EventsTest, AVitalNeedsItsUnit) {
  records::Observation hr;
  hr.kind = records::ObservationKind::kVital;
  hr.code = "heart_rate";
  hr.value = 58;
  hr.observed_at = At("2026-11-10T07:00:00Z");
  auto bad = app_->patients().RecordObservation(dr_, patient_, hr);
  EXPECT_EQ(bad.status().field(), "unit");
  hr.unit = "/min";
  auto ok = app_->patients().RecordObservation(dr_, patient_, hr);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->value, 58.0);
  EXPECT_EQ(ok->unit, "/min");
  EXPECT_EQ(StoredObservations(patient_).size(), 1u);
}

}  // namespace
}  // namespace pineal::testing
