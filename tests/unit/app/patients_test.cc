// Patients: creation, reads, optimistic updates, and who may see whom.
#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

using PatientsTest = AppTest;

std::vector<std::string> Names(const store::Page<records::Patient>& page) {
  std::vector<std::string> out;
  for (const auto& p : page.items) out.push_back(p.display_name);
  return out;
}

TEST_F(PatientsTest, CreateStoresThePatientAndPutsTheClinicianOnItsCareTeam) {
  auto p = app_->patients().CreatePatient(dr_, PatientDraft("Ada L."));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->id.valid());
  EXPECT_EQ(p->display_name, "Ada L.");
  EXPECT_EQ(p->birth_date, Day("1960-05-04"));
  EXPECT_EQ(p->time_zone, "Europe/Paris");
  ASSERT_TRUE(p->weight.has_value());
  EXPECT_DOUBLE_EQ(p->weight->weight.base(), 64.5);
  EXPECT_EQ(p->version, 1);
  EXPECT_EQ(p->provenance.created_by, "dr.house");
  EXPECT_EQ(p->provenance.created_at, At(kNow));

  auto team = memory_.CareTeam(p->id);
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(*team, std::vector<UserId>{*dr_.user_id});
}

TEST_F(PatientsTest, CreateRefusesAnInvalidPatientAndStoresNothing) {
  auto nameless = app_->patients().CreatePatient(dr_, PatientDraft(""));
  ASSERT_EQ(nameless.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(nameless.status().field(), "display_name");

  records::Patient unborn = PatientDraft();
  unborn.birth_date = Day("2026-11-11");  // the day after the clock's today
  auto future = app_->patients().CreatePatient(dr_, unborn);
  ASSERT_EQ(future.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(future.status().field(), "birth_date");

  auto all = memory_.ListPatients({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 0);
}

TEST_F(PatientsTest, OnlyAClinicianAddsPatients) {
  const app::Actor admin = NewActor("admin.one", store::UserRole::kAdmin);
  auto r = app_->patients().CreatePatient(admin, PatientDraft());
  EXPECT_EQ(r.status().code(), StatusCode::kPermissionDenied);
  auto all = memory_.ListPatients({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total, 0);
}

TEST_F(PatientsTest, GetReturnsTheStoredPatient) {
  const PatientId id = NewPatient("Ada L.");
  auto p = app_->patients().GetPatient(dr_, id);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->id, id);
  EXPECT_EQ(p->display_name, "Ada L.");
  EXPECT_EQ(p->sex, records::Sex::kFemale);
}

TEST_F(PatientsTest, UpdateWithTheVersionReadBumpsTheVersion) {
  const PatientId id = NewPatient();
  auto read = app_->patients().GetPatient(dr_, id);
  ASSERT_TRUE(read.ok());
  records::Patient changes = *read;
  changes.notes = "prefers evening calls";
  changes.smoker = true;
  clock_.Set(At("2026-11-10T13:00:00Z"));
  auto updated = app_->patients().UpdatePatient(dr_, changes);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(updated->notes, "prefers evening calls");
  EXPECT_TRUE(updated->smoker);
  EXPECT_EQ(updated->updated_at, At("2026-11-10T13:00:00Z"));
  // Provenance says who added the patient, not who changed it last.
  EXPECT_EQ(updated->provenance.created_at, At(kNow));
}

TEST_F(PatientsTest, UpdateFromAStaleVersionIsAbortedAndChangesNothing) {
  const PatientId id = NewPatient();
  auto read = app_->patients().GetPatient(dr_, id);
  ASSERT_TRUE(read.ok());
  records::Patient first = *read;
  first.notes = "first";
  ASSERT_TRUE(app_->patients().UpdatePatient(dr_, first).ok());

  records::Patient stale = *read;  // still version 1
  stale.notes = "second";
  auto r = app_->patients().UpdatePatient(dr_, stale);
  ASSERT_EQ(r.status().code(), StatusCode::kAborted) << r.status().ToString();
  EXPECT_EQ(r.status().field(), "version");

  auto now = memory_.GetPatient(id);
  ASSERT_TRUE(now.ok());
  EXPECT_EQ(now->version, 2);
  EXPECT_EQ(now->notes, "first");
}

TEST_F(PatientsTest, ANewWeightBecomesTheCurrentWeight) {
  const PatientId id = NewPatient();
  auto read = app_->patients().GetPatient(dr_, id);
  ASSERT_TRUE(read.ok());
  records::Patient changes = *read;
  changes.weight = records::WeightRecord{BodyWeight::FromBase(61.0), Day("2026-11-09")};
  ASSERT_TRUE(app_->patients().UpdatePatient(dr_, changes).ok());
  auto now = memory_.GetPatient(id);
  ASSERT_TRUE(now.ok());
  ASSERT_TRUE(now->weight.has_value());
  EXPECT_DOUBLE_EQ(now->weight->weight.base(), 61.0);
  EXPECT_EQ(now->weight->measured_on, Day("2026-11-09"));
}

TEST_F(PatientsTest, ListAndSearchShowOnlyTheCareTeamsPatients) {
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  NewPatient(dr_, "Bob K.");
  NewPatient(dr_, "Ada L.");
  NewPatient(other, "Adam W.");

  auto mine = app_->patients().ListPatients(dr_, {});
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_EQ(mine->total, 2);
  EXPECT_EQ(Names(*mine), (std::vector<std::string>{"Ada L.", "Bob K."}));

  store::PatientQuery search;
  search.search = "ADA";
  auto found = app_->patients().ListPatients(dr_, search);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->total, 1);
  EXPECT_EQ(Names(*found), std::vector<std::string>{"Ada L."});

  auto theirs = app_->patients().ListPatients(other, search);
  ASSERT_TRUE(theirs.ok());
  EXPECT_EQ(Names(*theirs), std::vector<std::string>{"Adam W."});

  // A caller cannot widen the query to another clinician's team.
  store::PatientQuery widened;
  widened.care_team_of = *other.user_id;
  auto still_mine = app_->patients().ListPatients(dr_, widened);
  ASSERT_TRUE(still_mine.ok());
  EXPECT_EQ(still_mine->total, 2);
}

TEST_F(PatientsTest, ListChecksItsPageBounds) {
  store::PatientQuery q;
  q.limit = 201;
  EXPECT_EQ(app_->patients().ListPatients(dr_, q).status().field(), "limit");
  q.limit = 10;
  q.offset = -1;
  EXPECT_EQ(app_->patients().ListPatients(dr_, q).status().field(), "offset");
}

TEST_F(PatientsTest, APatientAccountSeesOnlyItsOwnRecordAndCannotEditIt) {
  const PatientId ada = NewPatient("Ada L.");
  const PatientId bob = NewPatient("Bob K.");
  const app::Actor as_ada = NewActor("ada.l", store::UserRole::kPatient, ada);

  auto list = app_->patients().ListPatients(as_ada, {});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(Names(*list), std::vector<std::string>{"Ada L."});
  EXPECT_TRUE(app_->patients().GetPatient(as_ada, ada).ok());

  auto other = app_->patients().GetPatient(as_ada, bob);
  EXPECT_EQ(other.status().code(), StatusCode::kNotFound);

  auto own = app_->patients().GetPatient(as_ada, ada);
  ASSERT_TRUE(own.ok());
  records::Patient changes = *own;
  changes.notes = "edited by the patient";
  EXPECT_EQ(app_->patients().UpdatePatient(as_ada, changes).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(memory_.GetPatient(ada)->notes, "");
}

// Reads of a patient one may not see say NotFound, never PermissionDenied,
// so that ids cannot be probed.
TEST_F(PatientsTest, AnotherClinicianAPatientAndAnAdminGetNotFound) {
  const PatientId ada = NewPatient("Ada L.");
  const PatientId bob = NewPatient("Bob K.");
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  const app::Actor as_bob = NewActor("bob.k", store::UserRole::kPatient, bob);
  const app::Actor admin = NewActor("admin.one", store::UserRole::kAdmin);

  for (const app::Actor& who : {other, as_bob, admin}) {
    SCOPED_TRACE(who.name);
    EXPECT_EQ(app_->patients().GetPatient(who, ada).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(app_->regimens().ListRegimens(who, ada).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(app_->patients().ListMedications(who, ada).status().code(), StatusCode::kNotFound);
    EXPECT_EQ(app_->patients().ListDoseEvents(who, ada, {}, false).status().code(),
              StatusCode::kNotFound);
    EXPECT_EQ(app_->patients().ListObservations(who, ada, {}, false).status().code(),
              StatusCode::kNotFound);
  }
  // The same answer as for a patient that does not exist at all.
  EXPECT_EQ(app_->patients().GetPatient(other, PatientId(999)).status().code(),
            StatusCode::kNotFound);
  // Writes hide the patient the same way.
  auto read = memory_.GetPatient(ada);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(app_->patients().UpdatePatient(other, *read).status().code(), StatusCode::kNotFound);
  // An administrator manages accounts and reads no clinical records.
  EXPECT_EQ(app_->patients().ListPatients(admin, {}).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(PatientsTest, AddingAClinicianToTheCareTeamLetsThemSeeThePatient) {
  const PatientId ada = NewPatient();
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  ASSERT_EQ(app_->patients().GetPatient(other, ada).status().code(), StatusCode::kNotFound);

  // Only a team member may add someone to the team.
  EXPECT_EQ(app_->accounts().AddToCareTeam(other, ada, "dr.wilson").code(), StatusCode::kNotFound);
  ASSERT_TRUE(app_->accounts().AddToCareTeam(dr_, ada, "dr.wilson").ok());
  EXPECT_TRUE(app_->patients().GetPatient(other, ada).ok());
  auto list = app_->patients().ListPatients(other, {});
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(list->total, 1);

  // A patient account is not a clinician.
  NewActor("ada.l", store::UserRole::kPatient, ada);
  auto bad = app_->accounts().AddToCareTeam(dr_, ada, "ada.l");
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.field(), "username");
}

}  // namespace
}  // namespace pineal::testing
