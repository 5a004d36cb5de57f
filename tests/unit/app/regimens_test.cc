// Regimens: screened on every change, blocked until a documented override,
// and never changed in place (each change is a new version).
#include <set>

#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

constexpr const char* kFluvoxamineRule = "ix.melatonin.fluvoxamine";
constexpr const char* kReason = "Fluvoxamine is being tapered; 0.5 mg trial agreed";

class RegimensTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    patient_ = NewPatient();
  }

  // The patient currently takes fluvoxamine (as its brand name).
  void AddFluvoxamine() {
    records::MedicationEntry luvox;
    luvox.name = "Luvox";
    luvox.dose = Mg(100);
    luvox.schedule = "once daily";
    auto m = app_->patients().AddMedication(dr_, patient_, luvox);
    ASSERT_TRUE(m.ok()) << m.status().ToString();
  }

  // The key of the one blocking finding of a 5 mg melatonin regimen.
  std::string BlockingKey() {
    app::ScreeningReport report;
    auto r = CreateRegimen(patient_, 5, {}, &report);
    EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
    EXPECT_EQ(report.evaluation.unresolved.size(), 1u);
    return report.evaluation.unresolved.empty() ? "" : report.evaluation.unresolved[0].key;
  }

  PatientId patient_;
};

std::set<std::string> Keys(const std::vector<records::RecordedFinding>& findings) {
  std::set<std::string> out;
  for (const auto& f : findings) out.insert(f.key);
  return out;
}
std::set<std::string> Keys(const std::vector<safety::Finding>& findings) {
  std::set<std::string> out;
  for (const auto& f : findings) out.insert(f.key);
  return out;
}

TEST_F(RegimensTest, ASafeDoseIsStoredWithItsScreening) {
  app::ScreeningReport report;
  auto r = CreateRegimen(patient_, 3, {}, &report);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(report.blocked());
  EXPECT_EQ(r->patient_id, patient_);
  EXPECT_EQ(r->substance, "melatonin");
  ASSERT_EQ(r->versions.size(), 1u);
  const records::RegimenVersion& v = r->current();
  EXPECT_EQ(v.version, 1);
  EXPECT_EQ(v.status, records::RegimenStatus::kActive);
  EXPECT_DOUBLE_EQ(v.dose.base(), 3.0);
  EXPECT_EQ(v.provenance.created_by, "dr.house");
  EXPECT_EQ(v.provenance.created_at, At(kNow));
  // What the caller was told is what is kept with the version.
  EXPECT_EQ(Keys(v.findings), Keys(report.findings));
  for (const auto& f : v.findings) {
    EXPECT_FALSE(f.blocking) << f.key;
    EXPECT_TRUE(f.severity == "minor" || f.severity == "info" || f.severity == "moderate")
        << f.key << " " << f.severity;
  }
  EXPECT_TRUE(v.overrides.empty());

  auto listed = app_->regimens().ListRegimens(dr_, patient_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, r->id);
  auto got = app_->regimens().GetRegimen(dr_, patient_, r->id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(Keys(got->current().findings), Keys(report.findings));
}

TEST_F(RegimensTest, MelatoninWithFluvoxamineIsRefusedAndNothingIsStored) {
  AddFluvoxamine();
  app::ScreeningReport report;
  auto r = CreateRegimen(patient_, 5, {}, &report);
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition) << r.status().ToString();
  EXPECT_EQ(r.status().field(), "overrides");
  EXPECT_TRUE(report.blocked());
  ASSERT_EQ(report.evaluation.unresolved.size(), 1u);
  const safety::Finding& f = report.evaluation.unresolved[0];
  EXPECT_EQ(f.rule_id, kFluvoxamineRule);
  EXPECT_EQ(f.severity, kb::Severity::kMajor);
  EXPECT_EQ(f.key.rfind(std::string(kFluvoxamineRule) + "|", 0), 0u) << f.key;
  EXPECT_FALSE(f.refs.empty());
  EXPECT_TRUE(StoredRegimens(patient_).empty());
}

TEST_F(RegimensTest, AnOverrideWithATooShortReasonIsRefused) {
  AddFluvoxamine();
  const std::string key = BlockingKey();
  app::ScreeningReport report;
  auto r = CreateRegimen(patient_, 5, {{key, "ok"}}, &report);
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  EXPECT_EQ(r.status().field(), "overrides[0].reason");
  // Nine characters after trimming are still too few.
  auto nine = CreateRegimen(patient_, 5, {{key, "   123456789   "}});
  EXPECT_EQ(nine.status().field(), "overrides[0].reason");
  // An override of a finding that did not occur is refused too.
  auto unknown = CreateRegimen(patient_, 5, {{key, kReason}, {"ix.nothing", kReason}});
  EXPECT_EQ(unknown.status().field(), "overrides[1].finding_key");
  EXPECT_TRUE(StoredRegimens(patient_).empty());
}

TEST_F(RegimensTest, WithADocumentedOverrideItIsStoredWithWhoWhenAndWhy) {
  AddFluvoxamine();
  const std::string key = BlockingKey();
  clock_.Set(At("2026-11-10T12:05:00Z"));
  app::ScreeningReport report;
  auto r = CreateRegimen(patient_, 5, {{key, kReason}}, &report);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(report.blocked());
  const records::RegimenVersion& v = r->current();
  ASSERT_EQ(v.overrides.size(), 1u);
  EXPECT_EQ(v.overrides[0].finding_key, key);
  EXPECT_EQ(v.overrides[0].rule_id, kFluvoxamineRule);
  EXPECT_EQ(v.overrides[0].reason, kReason);
  EXPECT_EQ(v.overrides[0].decided_by, "dr.house");
  EXPECT_EQ(v.overrides[0].decided_at, At("2026-11-10T12:05:00Z"));
  // The overridden finding is kept with the version, still marked blocking.
  bool found = false;
  for (const auto& f : v.findings) {
    if (f.key == key) {
      found = true;
      EXPECT_TRUE(f.blocking);
      EXPECT_EQ(f.severity, "major");
    }
  }
  EXPECT_TRUE(found);

  auto stored = StoredRegimens(patient_);
  ASSERT_EQ(stored.size(), 1u);
  ASSERT_EQ(stored[0].current().overrides.size(), 1u);
  EXPECT_EQ(stored[0].current().overrides[0].reason, kReason);

  // The audit row of the write names the override and its reason.
  auto rows = AuditOf("regimen.create");
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows.back().outcome, "ok");
  EXPECT_EQ(rows.back().detail, "overrides: " + key + " (" + kReason + ")");
}

TEST_F(RegimensTest, AnOverrideByRuleIdIsRecordedUnderTheFindingsKey) {
  AddFluvoxamine();
  const std::string key = BlockingKey();
  auto r = CreateRegimen(patient_, 5, {{kFluvoxamineRule, kReason}});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->current().overrides.size(), 1u);
  EXPECT_EQ(r->current().overrides[0].finding_key, key);
  EXPECT_EQ(r->current().overrides[0].rule_id, kFluvoxamineRule);
}

TEST_F(RegimensTest, ReviseAppendsVersionTwoAndKeepsVersionOneAsItWas) {
  auto created = CreateRegimen(patient_, 3);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const records::RegimenVersion v1 = created->current();

  clock_.Set(At("2026-11-12T08:00:00Z"));
  records::RegimenVersion draft = v1;
  draft.dose = Mg(2);
  draft.reason = "morning grogginess";
  app::ScreeningReport report;
  auto revised = app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, draft, {}, &report);
  ASSERT_TRUE(revised.ok()) << revised.status().ToString();
  ASSERT_EQ(revised->versions.size(), 2u);
  const records::RegimenVersion& old = revised->versions[0];
  const records::RegimenVersion& now = revised->versions[1];
  EXPECT_EQ(now.version, 2);
  EXPECT_DOUBLE_EQ(now.dose.base(), 2.0);
  EXPECT_EQ(now.reason, "morning grogginess");
  EXPECT_EQ(now.status, records::RegimenStatus::kActive);
  EXPECT_EQ(now.provenance.created_at, At("2026-11-12T08:00:00Z"));
  EXPECT_EQ(Keys(now.findings), Keys(report.findings));

  EXPECT_EQ(old.version, 1);
  EXPECT_DOUBLE_EQ(old.dose.base(), 3.0);
  EXPECT_EQ(old.reason, "");
  EXPECT_EQ(old.provenance.created_at, v1.provenance.created_at);
  EXPECT_EQ(Keys(old.findings), Keys(v1.findings));
}

// A taper step saved without a start date applies from the day it is saved,
// not from the regimen's first day (which would put every earlier dose above
// the new regimen).
TEST_F(RegimensTest, AChangeWithoutAStartDateStartsTheDayItIsSaved) {
  auto created = CreateRegimen(patient_, 3);  // starts 2026-11-01
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // 23:30 UTC on 14 November is already 15 November in Paris.
  clock_.Set(At("2026-11-14T23:30:00Z"));
  app::RegimenVersionChange change;
  change.dose = Mg(2);
  change.reason = "taper step";
  app::ScreeningReport report;
  auto revised = app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, change, {}, &report);
  ASSERT_TRUE(revised.ok()) << revised.status().ToString();
  EXPECT_EQ(revised->current().start_date, Day("2026-11-15"));
  EXPECT_EQ(revised->versions[0].start_date, Day("2026-11-01"));
}

TEST_F(RegimensTest, ABackdatedChangeNeedsAReasonAndNeverPrecedesTheVersionItReplaces) {
  auto created = CreateRegimen(patient_, 3);  // starts 2026-11-01; today is 2026-11-10
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  app::RegimenVersionChange change;
  change.dose = Mg(2);
  change.start_date = Day("2026-11-05");
  app::ScreeningReport report;
  auto unexplained =
      app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, change, {}, &report);
  ASSERT_EQ(unexplained.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unexplained.status().field(), "reason");
  EXPECT_NE(unexplained.status().message().find("backdated"), std::string::npos);

  change.start_date = Day("2026-10-20");
  change.reason = "the patient halved the dose on their own";
  auto too_early =
      app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, change, {}, &report);
  ASSERT_EQ(too_early.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(too_early.status().field(), "start_date");
  ASSERT_EQ(StoredRegimens(patient_).at(0).versions.size(), 1u);  // nothing was written

  change.start_date = Day("2026-11-05");
  auto explained =
      app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, change, {}, &report);
  ASSERT_TRUE(explained.ok()) << explained.status().ToString();
  EXPECT_EQ(explained->current().start_date, Day("2026-11-05"));
  EXPECT_EQ(explained->current().reason, "the patient halved the dose on their own");
}

TEST_F(RegimensTest, AnImplausibleDoseIsRefusedBeforeScreeningAndNothingIsStored) {
  app::ScreeningReport report;
  auto r = CreateRegimen(patient_, 900'000, {}, &report);  // 900 g
  ASSERT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "dose");
  EXPECT_TRUE(report.findings.empty());  // refused, not screened
  EXPECT_TRUE(StoredRegimens(patient_).empty());

  app::RegimenDraft stepped = Melatonin(3);
  records::TitrationStep step;
  step.after_days = 7;
  step.dose = Mg(5'000'000);  // 5 kg
  stepped.version.titration = {step};
  auto s = app_->regimens().CreateRegimen(dr_, patient_, stepped, {}, &report);
  ASSERT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.status().field(), "titration[0].dose");

  // 1 g is within what has been given to people: it is screened (and blocked
  // as contraindicated), not refused as an entry error.
  auto gram = CreateRegimen(patient_, 1000, {}, &report);
  EXPECT_EQ(gram.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(report.blocked());
}

TEST_F(RegimensTest, ReviseFromAStaleBaseVersionIsAborted) {
  auto created = CreateRegimen(patient_, 3);
  ASSERT_TRUE(created.ok());
  records::RegimenVersion draft = created->current();
  draft.dose = Mg(2);
  app::ScreeningReport report;
  ASSERT_TRUE(
      app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, draft, {}, &report).ok());

  draft.dose = Mg(1);
  auto stale = app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, draft, {}, &report);
  EXPECT_EQ(stale.status().code(), StatusCode::kAborted) << stale.status().ToString();
  auto ahead = app_->regimens().ReviseRegimen(dr_, patient_, created->id, 5, draft, {}, &report);
  EXPECT_EQ(ahead.status().code(), StatusCode::kAborted) << ahead.status().ToString();

  auto stored = StoredRegimens(patient_);
  ASSERT_EQ(stored.size(), 1u);
  ASSERT_EQ(stored[0].versions.size(), 2u);
  EXPECT_DOUBLE_EQ(stored[0].current().dose.base(), 2.0);
}

TEST_F(RegimensTest, ARevisionIsScreenedAgain) {
  auto created = CreateRegimen(patient_, 3);
  ASSERT_TRUE(created.ok());
  records::RegimenVersion draft = created->current();
  draft.dose = Mg(20);  // above the older-adult band (born 1960)
  app::ScreeningReport report;
  auto r = app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, draft, {}, &report);
  ASSERT_EQ(r.status().code(), StatusCode::kFailedPrecondition) << r.status().ToString();
  std::set<std::string> rules;
  for (const auto& f : report.evaluation.unresolved) rules.insert(f.rule_id);
  EXPECT_TRUE(rules.count("band.melatonin.older_adult.per_dose")) << r.status().ToString();
  EXPECT_EQ(StoredRegimens(patient_)[0].versions.size(), 1u);
}

TEST_F(RegimensTest, StopAppendsAStoppedVersionAndEndsTheRegimen) {
  auto created = CreateRegimen(patient_, 3);
  ASSERT_TRUE(created.ok());
  auto stopped =
      app_->regimens().StopRegimen(dr_, patient_, created->id, 1, std::nullopt, "sleeping well");
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  ASSERT_EQ(stopped->versions.size(), 2u);
  const records::RegimenVersion& v = stopped->current();
  EXPECT_EQ(v.version, 2);
  EXPECT_EQ(v.status, records::RegimenStatus::kStopped);
  EXPECT_EQ(v.end_date, Day("2026-11-10"));  // today by the clock
  EXPECT_EQ(v.reason, "sleeping well");
  EXPECT_DOUBLE_EQ(v.dose.base(), 3.0);
  EXPECT_TRUE(v.findings.empty());
  EXPECT_EQ(stopped->versions[0].status, records::RegimenStatus::kActive);

  // A stopped regimen is neither stopped again nor revised.
  auto again = app_->regimens().StopRegimen(dr_, patient_, created->id, 2, std::nullopt, "again");
  EXPECT_EQ(again.status().code(), StatusCode::kFailedPrecondition);
  app::ScreeningReport report;
  auto revise = app_->regimens().ReviseRegimen(dr_, patient_, created->id, 2, created->current(),
                                               {}, &report);
  EXPECT_EQ(revise.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(StoredRegimens(patient_)[0].versions.size(), 2u);
}

TEST_F(RegimensTest, StopWithoutADateEndsOnThePatientsDateAsARevisionStarts) {
  // 23:30 UTC on 10 November is 00:30 on the 11th in Paris, the patient's zone.
  clock_.Set(At("2026-11-10T23:30:00Z"));
  auto created = CreateRegimen(patient_, 3);
  ASSERT_TRUE(created.ok());
  app::RegimenVersionChange change;
  change.dose = Mg(2);
  change.reason = "no effect after a week";
  app::ScreeningReport report;
  auto revised = app_->regimens().ReviseRegimen(dr_, patient_, created->id, 1, change, {}, &report);
  ASSERT_TRUE(revised.ok()) << revised.status().ToString();
  ASSERT_EQ(revised->current().start_date, Day("2026-11-11"));
  auto stopped =
      app_->regimens().StopRegimen(dr_, patient_, created->id, 2, std::nullopt, "sleeping well");
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  EXPECT_EQ(stopped->current().end_date, Day("2026-11-11"));
}

TEST_F(RegimensTest, StopBeforeTheStartDateIsRefused) {
  auto created = CreateRegimen(patient_, 3);
  ASSERT_TRUE(created.ok());
  auto r = app_->regimens().StopRegimen(dr_, patient_, created->id, 1, Day("2026-10-31"), "typo");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "end_date");
  EXPECT_EQ(StoredRegimens(patient_)[0].versions.size(), 1u);
}

TEST_F(RegimensTest, OnlyTheCareTeamChangesRegimens) {
  const app::Actor as_patient = NewActor("ada.l", store::UserRole::kPatient, patient_);
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  app::ScreeningReport report;
  EXPECT_EQ(app_->regimens()
                .CreateRegimen(as_patient, patient_, Melatonin(3), {}, &report)
                .status()
                .code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(
      app_->regimens().CreateRegimen(other, patient_, Melatonin(3), {}, &report).status().code(),
      StatusCode::kNotFound);
  EXPECT_TRUE(StoredRegimens(patient_).empty());
  // The patient reads their own regimens.
  ASSERT_TRUE(CreateRegimen(patient_, 3).ok());
  auto own = app_->regimens().ListRegimens(as_patient, patient_);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->size(), 1u);
}

TEST_F(RegimensTest, WithoutTheKnowledgeBaseNoRegimenCanBeCreated) {
  app::PinealApp bare(store_, clock_);
  app::ScreeningReport report;
  auto r = bare.regimens().CreateRegimen(dr_, patient_, Melatonin(3), {}, &report);
  EXPECT_EQ(r.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_TRUE(StoredRegimens(patient_).empty());
}

TEST_F(RegimensTest, ScreeningAProposalStoresNothing) {
  auto r = app_->regimens().ScreenProposal(dr_, patient_, "melatonin", Melatonin(150).version,
                                           std::nullopt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->blocked());
  EXPECT_TRUE(StoredRegimens(patient_).empty());
}

}  // namespace
}  // namespace pineal::testing
