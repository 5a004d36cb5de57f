// The audit log: every successful write has exactly one "ok" row, committed
// in the same transaction as the write; a failed write changes nothing and
// leaves one row saying why.
#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

class AuditTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    seen_ = AuditLog().size();
  }

  // The rows appended since the last call.
  std::vector<store::AuditEvent> NewRows() {
    auto log = AuditLog();
    std::vector<store::AuditEvent> out(log.begin() + static_cast<std::ptrdiff_t>(seen_), log.end());
    seen_ = log.size();
    return out;
  }

  // Exactly one new row: `action` by `who` about `patient`, ok, at the clock's time.
  void ExpectOneOkRow(std::string_view action, const app::Actor& who,
                      std::optional<PatientId> patient,
                      std::optional<std::vector<std::string>> record_ids = std::nullopt) {
    SCOPED_TRACE(std::string(action));
    auto rows = NewRows();
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].action, action);
    EXPECT_EQ(rows[0].outcome, "ok") << rows[0].detail;
    EXPECT_EQ(rows[0].actor, who.name);
    EXPECT_EQ(rows[0].role, app::RoleName(who.role));
    EXPECT_EQ(rows[0].patient_id, patient);
    EXPECT_EQ(rows[0].at, clock_.Now());
    if (record_ids) {
      EXPECT_EQ(rows[0].record_ids, *record_ids);
    }
  }

  std::size_t seen_ = 0;
};

TEST_F(AuditTest, EveryWriteHasExactlyOneOkRow) {
  auto created = app_->patients().CreatePatient(dr_, PatientDraft());
  ASSERT_TRUE(created.ok());
  const PatientId p = created->id;
  ExpectOneOkRow("patient.create", dr_, p);

  clock_.Set(At("2026-11-10T12:01:00Z"));
  records::Patient changes = *created;
  changes.notes = "night shifts";
  ASSERT_TRUE(app_->patients().UpdatePatient(dr_, changes).ok());
  ExpectOneOkRow("patient.update", dr_, p);

  records::MedicationEntry med;
  med.name = "ibuprofen";
  auto m = app_->patients().AddMedication(dr_, p, med);
  ASSERT_TRUE(m.ok());
  ExpectOneOkRow("medication.create", dr_, p);
  med = *m;
  med.note = "as needed";
  ASSERT_TRUE(app_->patients().UpdateMedication(dr_, p, med).ok());
  ExpectOneOkRow("medication.update", dr_, p);

  auto regimen = CreateRegimen(p, 3);
  ASSERT_TRUE(regimen.ok());
  ExpectOneOkRow("regimen.create", dr_, p);
  records::RegimenVersion draft = regimen->current();
  draft.dose = Mg(2);
  app::ScreeningReport report;
  ASSERT_TRUE(app_->regimens().ReviseRegimen(dr_, p, regimen->id, 1, draft, {}, &report).ok());
  ExpectOneOkRow("regimen.revise", dr_, p);

  ASSERT_TRUE(
      app_->patients().RecordDoseEvent(dr_, p, Taken("2026-11-09T21:00:00Z", 2, regimen->id)).ok());
  ExpectOneOkRow("dose_event.create", dr_, p);

  records::Observation note;
  note.text = "slept better";
  note.observed_at = At("2026-11-10T07:00:00Z");
  ASSERT_TRUE(app_->patients().RecordObservation(dr_, p, note).ok());
  ExpectOneOkRow("observation.create", dr_, p);

  ASSERT_TRUE(app_->regimens().StopRegimen(dr_, p, regimen->id, 2, std::nullopt, "done").ok());
  ExpectOneOkRow("regimen.stop", dr_, p);

  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  ExpectOneOkRow("user.create", app::Actor{}, std::nullopt);
  ASSERT_TRUE(app_->accounts().AddToCareTeam(dr_, p, "dr.wilson").ok());
  ExpectOneOkRow("care_team.add", dr_, p,
                 std::vector<std::string>{"user:" + other.user_id->ToString()});

  // A patient's own check-in is audited under their account.
  const app::Actor as_patient = NewActor("ada.l", store::UserRole::kPatient, p);
  ExpectOneOkRow("user.create", app::Actor{}, p);
  ASSERT_TRUE(
      app_->patients().RecordDoseEvent(as_patient, p, Taken("2026-11-10T11:00:00Z", 2)).ok());
  ExpectOneOkRow("dose_event.create", as_patient, p);

  ASSERT_TRUE(app_->accounts().CreateApiToken(other, "laptop").ok());
  ExpectOneOkRow("auth.token_create", other, std::nullopt);
}

TEST_F(AuditTest, ReadsAreAuditedToo) {
  const PatientId p = NewPatient();
  NewRows();
  ASSERT_TRUE(app_->patients().GetPatient(dr_, p).ok());
  ExpectOneOkRow("patient.read", dr_, p);
  ASSERT_TRUE(app_->patients().ListDoseEvents(dr_, p, {}, false).ok());
  ExpectOneOkRow("dose_event.list", dr_, p);

  // A refused read is audited with its outcome.
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  NewRows();
  ASSERT_FALSE(app_->patients().GetPatient(other, p).ok());
  auto rows = NewRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "patient.read");
  EXPECT_EQ(rows[0].outcome, "not_found");
  EXPECT_EQ(rows[0].actor, "dr.wilson");
}

TEST_F(AuditTest, AFailedWriteLeavesOneFailureRowAndNoRecord) {
  const PatientId p = NewPatient();
  NewRows();
  records::DoseEvent no_amount = Taken("2026-11-09T21:00:00Z", 3);
  no_amount.amount.reset();
  auto r = app_->patients().RecordDoseEvent(dr_, p, no_amount);
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  auto rows = NewRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "dose_event.create");
  EXPECT_EQ(rows[0].outcome, "invalid_argument");
  EXPECT_EQ(rows[0].actor, "dr.house");
  EXPECT_EQ(rows[0].patient_id, p);
  EXPECT_EQ(rows[0].detail, r.status().ToString());
  EXPECT_TRUE(StoredDoses(p).empty());

  // A write refused by screening.
  auto big = CreateRegimen(p, 150);
  ASSERT_EQ(big.status().code(), StatusCode::kFailedPrecondition);
  rows = NewRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "regimen.create");
  EXPECT_EQ(rows[0].outcome, "failed_precondition");
  EXPECT_TRUE(StoredRegimens(p).empty());

  // A write the store refuses (a stale version): nothing of it is kept,
  // not even the new weight that came with it.
  auto before = memory_.GetPatient(p);
  ASSERT_TRUE(before.ok());
  records::Patient stale = *before;
  stale.version = 7;
  stale.weight = records::WeightRecord{BodyWeight::FromBase(70), Day("2026-11-10")};
  ASSERT_EQ(app_->patients().UpdatePatient(dr_, stale).status().code(), StatusCode::kAborted);
  rows = NewRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "patient.update");
  EXPECT_EQ(rows[0].outcome, "conflict");
  EXPECT_DOUBLE_EQ(memory_.GetPatient(p)->weight->weight.base(), 64.5);
}

TEST_F(AuditTest, AFailedPatientCreationIsAuditedWithoutAPatient) {
  NewRows();
  ASSERT_FALSE(app_->patients().CreatePatient(dr_, PatientDraft("")).ok());
  auto rows = NewRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].action, "patient.create");
  EXPECT_EQ(rows[0].outcome, "invalid_argument");
  EXPECT_EQ(rows[0].patient_id, std::nullopt);
}

// When the audit row cannot be written, the write it belongs to is undone.
class AuditAtomicityTest : public AuditTest {
 protected:
  void SetUp() override {
    AuditTest::SetUp();
    patient_ = NewPatient();
    auto r = CreateRegimen(patient_, 3);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    regimen_ = *r;
    NewRows();
  }
  // The audit log refuses every row from now on.
  void BreakAudit() { store_.FailAudit(true); }
  void ExpectNoNewRows() { EXPECT_TRUE(NewRows().empty()); }

  PatientId patient_;
  records::Regimen regimen_;
};

TEST_F(AuditAtomicityTest, ADoseEventIsNotStoredWithoutItsAuditRow) {
  BreakAudit();
  auto r = app_->patients().RecordDoseEvent(dr_, patient_,
                                            Taken("2026-11-09T21:00:00Z", 3, regimen_.id));
  EXPECT_EQ(r.status().code(), StatusCode::kUnavailable) << r.status().ToString();
  EXPECT_TRUE(StoredDoses(patient_).empty());
  // The row of the write and the row of its failure were both attempted.
  EXPECT_EQ(store_.refused_audits(), 2);
  ExpectNoNewRows();

  // Once the log is back, the same write goes through.
  store_.FailAudit(false);
  ASSERT_TRUE(app_->patients()
                  .RecordDoseEvent(dr_, patient_, Taken("2026-11-09T21:00:00Z", 3, regimen_.id))
                  .ok());
  EXPECT_EQ(StoredDoses(patient_).size(), 1u);
  ExpectOneOkRow("dose_event.create", dr_, patient_);
}

TEST_F(AuditAtomicityTest, AnObservationIsNotStoredWithoutItsAuditRow) {
  BreakAudit();
  records::Observation note;
  note.text = "slept badly";
  note.observed_at = At("2026-11-10T07:00:00Z");
  EXPECT_EQ(app_->patients().RecordObservation(dr_, patient_, note).status().code(),
            StatusCode::kUnavailable);
  EXPECT_TRUE(StoredObservations(patient_).empty());
  ExpectNoNewRows();
}

TEST_F(AuditAtomicityTest, APatientAndItsCareTeamAreNotStoredWithoutTheAuditRow) {
  BreakAudit();
  EXPECT_EQ(app_->patients().CreatePatient(dr_, PatientDraft("Bob K.")).status().code(),
            StatusCode::kUnavailable);
  auto all = memory_.ListPatients({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 1);  // only the fixture's patient
  store::PatientQuery team;
  team.care_team_of = *dr_.user_id;
  EXPECT_EQ(memory_.ListPatients(team)->total, 1);
  ExpectNoNewRows();
}

TEST_F(AuditAtomicityTest, APatientUpdateAndItsWeightAreUndoneWithoutTheAuditRow) {
  auto before = memory_.GetPatient(patient_);
  ASSERT_TRUE(before.ok());
  records::Patient changes = *before;
  changes.notes = "changed";
  changes.weight = records::WeightRecord{BodyWeight::FromBase(70), Day("2026-11-10")};
  BreakAudit();
  EXPECT_EQ(app_->patients().UpdatePatient(dr_, changes).status().code(), StatusCode::kUnavailable);
  auto after = memory_.GetPatient(patient_);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->version, 1);
  EXPECT_EQ(after->notes, "");
  EXPECT_DOUBLE_EQ(after->weight->weight.base(), 64.5);
}

TEST_F(AuditAtomicityTest, RegimenChangesAreUndoneWithoutTheAuditRow) {
  BreakAudit();
  app::ScreeningReport report;
  EXPECT_EQ(CreateRegimen(patient_, 2).status().code(), StatusCode::kUnavailable);
  records::RegimenVersion draft = regimen_.current();
  draft.dose = Mg(2);
  EXPECT_EQ(app_->regimens()
                .ReviseRegimen(dr_, patient_, regimen_.id, 1, draft, {}, &report)
                .status()
                .code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(app_->regimens()
                .StopRegimen(dr_, patient_, regimen_.id, 1, std::nullopt, "done")
                .status()
                .code(),
            StatusCode::kUnavailable);
  auto stored = StoredRegimens(patient_);
  ASSERT_EQ(stored.size(), 1u);
  ASSERT_EQ(stored[0].versions.size(), 1u);
  EXPECT_EQ(stored[0].current().status, records::RegimenStatus::kActive);
  ExpectNoNewRows();
}

TEST_F(AuditAtomicityTest, MedicationsAndCareTeamChangesAreUndoneWithoutTheAuditRow) {
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  NewRows();
  BreakAudit();
  records::MedicationEntry med;
  med.name = "ibuprofen";
  EXPECT_EQ(app_->patients().AddMedication(dr_, patient_, med).status().code(),
            StatusCode::kUnavailable);
  EXPECT_TRUE(memory_.ListMedications(patient_)->empty());
  EXPECT_EQ(app_->accounts().AddToCareTeam(dr_, patient_, "dr.wilson").code(),
            StatusCode::kUnavailable);
  EXPECT_FALSE(*memory_.IsOnCareTeam(patient_, *other.user_id));
  ExpectNoNewRows();
}

TEST_F(AuditAtomicityTest, AccountsAndTokensAreNotCreatedWithoutTheAuditRow) {
  BreakAudit();
  auto user = app_->accounts().CreateUser(
      app::Actor{}, app::NewUser{"dr.wilson", "Dr Wilson", store::UserRole::kClinician,
                                 std::nullopt, std::string(kPassword)});
  EXPECT_EQ(user.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(memory_.FindUser("dr.wilson").status().code(), StatusCode::kNotFound);
  auto token = app_->accounts().CreateApiToken(dr_, "laptop");
  EXPECT_EQ(token.status().code(), StatusCode::kUnavailable);
  EXPECT_TRUE(memory_.ListSessions(*dr_.user_id)->empty());
  ExpectNoNewRows();
}

TEST_F(AuditAtomicityTest, DisablingAnAccountIsUndoneWithoutTheAuditRow) {
  const app::Actor admin = NewActor("admin.one", store::UserRole::kAdmin);
  BreakAudit();
  auto r = app_->accounts().SetUserDisabled(admin, "dr.house", true);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(memory_.FindUser("dr.house")->disabled);
}

TEST_F(AuditAtomicityTest, RevokingATokenIsUndoneWithoutTheAuditRow) {
  auto grant = app_->accounts().CreateApiToken(dr_, "laptop");
  ASSERT_TRUE(grant.ok());
  BreakAudit();
  EXPECT_FALSE(app_->accounts().RevokeApiToken(dr_, grant->id).ok());
  EXPECT_TRUE(app_->accounts().Authenticate(grant->token, "").ok());
}

TEST_F(AuditAtomicityTest, LoggingOutIsUndoneWithoutTheAuditRow) {
  auto grant = app_->accounts().Login("dr.house", std::string(kPassword), "");
  ASSERT_TRUE(grant.ok());
  auto who = app_->accounts().Authenticate(grant->session_token, "");
  ASSERT_TRUE(who.ok());
  BreakAudit();
  EXPECT_FALSE(app_->accounts().Logout(who->actor, who->session.id).ok());
  EXPECT_TRUE(app_->accounts().Authenticate(grant->session_token, "").ok());
}

// A read that the audit log cannot hold shows nothing: no record leaves
// without its row.
TEST_F(AuditAtomicityTest, AReadIsNotAnsweredWithoutItsAuditRow) {
  ASSERT_TRUE(app_->patients()
                  .RecordDoseEvent(dr_, patient_, Taken("2026-11-09T21:00:00Z", 3, regimen_.id))
                  .ok());
  NewRows();
  BreakAudit();
  auto doses = app_->patients().ListDoseEvents(dr_, patient_, {}, false, {});
  EXPECT_EQ(doses.status().code(), StatusCode::kUnavailable) << doses.status().ToString();
  EXPECT_NE(doses.status().message().find("audit log"), std::string::npos);
  auto person = app_->patients().GetPatient(dr_, patient_);
  EXPECT_EQ(person.status().code(), StatusCode::kUnavailable);
  auto timeline = app_->patients().Timeline(dr_, patient_, {});
  EXPECT_EQ(timeline.status().code(), StatusCode::kUnavailable);
  auto login = app_->accounts().Login("dr.house", std::string(kPassword), "");
  EXPECT_EQ(login.status().code(), StatusCode::kUnavailable);
  // A read refused for its own reason keeps that reason.
  auto missing = app_->patients().GetPatient(dr_, PatientId(patient_.value() + 99));
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store_.refused_audits(), 5);
  ExpectNoNewRows();

  store_.FailAudit(false);
  auto again = app_->patients().ListDoseEvents(dr_, patient_, {}, false, {});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->items.size(), 1u);
}

// Who may read the log.
TEST_F(AuditTest, AdminsReadEverythingCliniciansTheirPatientsOrThemselves) {
  const PatientId p = NewPatient();
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  const PatientId q = NewPatient(other, "Bob K.");
  const app::Actor admin = NewActor("admin.one", store::UserRole::kAdmin);
  const app::Actor as_patient = NewActor("ada.l", store::UserRole::kPatient, p);

  store::AuditQuery all;
  all.limit = 500;
  auto everything = app_->audit().Audit(admin, all);
  ASSERT_TRUE(everything.ok());
  EXPECT_EQ(everything->items.size(), AuditLog().size() - 1);  // the read is logged after it
  EXPECT_FALSE(everything->next_cursor.has_value());

  auto own = app_->audit().Audit(dr_, all);
  ASSERT_TRUE(own.ok());
  ASSERT_FALSE(own->items.empty());
  for (const auto& e : own->items) EXPECT_EQ(e.actor, "dr.house") << e.action;

  store::AuditQuery of_p = all;
  of_p.patient_id = p;
  auto about_p = app_->audit().Audit(dr_, of_p);
  ASSERT_TRUE(about_p.ok());
  ASSERT_FALSE(about_p->items.empty());
  for (const auto& e : about_p->items) EXPECT_EQ(e.patient_id, p) << e.action;

  store::AuditQuery of_q = all;
  of_q.patient_id = q;
  EXPECT_EQ(app_->audit().Audit(dr_, of_q).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(app_->audit().Audit(as_patient, all).status().code(), StatusCode::kPermissionDenied);
  store::AuditQuery zero;
  zero.limit = 0;
  EXPECT_EQ(app_->audit().Audit(admin, zero).status().field(), "limit");

  // Reading the log is itself logged.
  auto reads = AuditOf("audit.read");
  ASSERT_EQ(reads.size(), 6u);
  EXPECT_EQ(reads[0].actor, "admin.one");
  EXPECT_EQ(reads[0].outcome, "ok");
  EXPECT_EQ(reads[3].outcome, "not_found");
  EXPECT_EQ(reads[4].outcome, "permission_denied");
}

}  // namespace
}  // namespace pineal::testing
