// The SQLite store on a real temporary file: schema, durability settings,
// transactions, optimistic versions and append-only corrections.
#include "pineal/store/sqlite/sqlite_store.h"

#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include <set>

#include "pineal/store/migration.h"
#include "tests/support/records_fixtures.h"
#include "tests/support/temp_dir.h"

namespace pineal::store {
namespace {

using pineal::testing::At;
using pineal::testing::Day;
using pineal::testing::Mg;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteStore::Open(path_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().ok());
  }
  int PatientCount() {
    auto page = store_->ListPatients(PatientQuery{});
    EXPECT_TRUE(page.ok());
    return page->total;
  }
  PatientId AddPatient(std::string name = "Ada L.") {
    auto id = store_->InsertPatient(pineal::testing::SamplePatient(std::move(name)));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return *id;
  }

  pineal::testing::TempDir dir_;
  std::string path_ = dir_.File("pineal.db");
  std::unique_ptr<SqliteStore> store_;
};

TEST_F(SqliteStoreTest, MigratesAnEmptyFileAndRecordsEveryMigration) {
  auto list = store_->Migrations();
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), SqliteMigrations().size());
  for (const auto& m : *list) EXPECT_FALSE(m.applied_at.empty()) << m.name;
  // Applying again changes nothing and does not fail.
  EXPECT_TRUE(store_->Migrate().ok());
  SQLite::Database raw(path_);
  SQLite::Statement q(raw, "SELECT COUNT(*) FROM schema_migrations");
  ASSERT_TRUE(q.executeStep());
  EXPECT_EQ(q.getColumn(0).getInt(), static_cast<int>(SqliteMigrations().size()));
}

TEST_F(SqliteStoreTest, UsesWalForeignKeysAndGroupCommit) {
  EXPECT_EQ(*store_->PragmaForTest("journal_mode"), "wal");
  EXPECT_EQ(*store_->PragmaForTest("foreign_keys"), "1");
  // NORMAL: commits are synced by the store's group commit, not by SQLite;
  // checkpoints are the store's own.
  EXPECT_EQ(*store_->PragmaForTest("synchronous"), "1");
  EXPECT_EQ(*store_->PragmaForTest("wal_autocheckpoint"), "0");
  EXPECT_EQ(*store_->IntegrityCheck(), "ok");
}

TEST_F(SqliteStoreTest, EveryAuditIndexServesTheAuditListing) {
  // Each audit row (one per read and per write) updates every index of the
  // log, so it keeps only those the listing (newest first, by patient or
  // by actor) walks.
  SQLite::Database raw(path_);
  std::set<std::string> indexes;
  SQLite::Statement list(raw,
                         "SELECT name FROM sqlite_master WHERE type = 'index' "
                         "AND tbl_name = 'audit_events' AND sql IS NOT NULL");
  while (list.executeStep()) indexes.insert(list.getColumn(0).getString());
  EXPECT_EQ(indexes, (std::set<std::string>{"audit_page_by_patient", "audit_page_by_actor"}));
  for (const auto& [filter, index] :
       {std::pair<std::string, std::string>{"patient_id = 1", "audit_page_by_patient"},
        {"actor = 'dr.demo'", "audit_page_by_actor"}}) {
    SQLite::Statement plan(raw, "EXPLAIN QUERY PLAN SELECT * FROM audit_events WHERE " + filter +
                                    " AND id < 100 ORDER BY id DESC LIMIT 50");
    std::string text;
    while (plan.executeStep()) text += plan.getColumn(3).getString() + "; ";
    EXPECT_NE(text.find(index), std::string::npos) << text;
    EXPECT_EQ(text.find("TEMP B-TREE"), std::string::npos) << text;
  }
}

TEST_F(SqliteStoreTest, RefusesADatabaseFromANewerPineal) {
  {
    SQLite::Database raw(path_, SQLite::OPEN_READWRITE);
    raw.exec("INSERT INTO schema_migrations VALUES (999, 'future', '2030-01-01T00:00:00Z')");
  }
  Status st = store_->Migrate();
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(st.message().find("999"), std::string::npos);
}

TEST_F(SqliteStoreTest, PatientRoundTripsWithConditionsAndWeight) {
  PatientId id = AddPatient();
  auto p = store_->GetPatient(id);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->display_name, "Ada L.");
  EXPECT_EQ(p->birth_date, Day("1960-05-04"));
  EXPECT_EQ(p->sex, records::Sex::kFemale);
  ASSERT_TRUE(p->weight.has_value());
  EXPECT_EQ(p->weight->weight.value(), 64.5);
  EXPECT_EQ(p->weight->measured_on, Day("2026-11-01"));
  EXPECT_EQ(p->conditions, (std::vector<std::string>{"insomnia", "hypertension"}));
  EXPECT_EQ(p->time_zone, "Europe/Paris");
  EXPECT_EQ(p->version, 1);
  EXPECT_EQ(store_->GetPatient(PatientId(999)).status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, LatestWeightIsTheNewestMeasurement) {
  PatientId id = AddPatient();
  ASSERT_TRUE(store_->AddWeight(id, {*BodyWeight::Make(63, "kg"), Day("2026-11-15")}, {}).ok());
  ASSERT_TRUE(store_->AddWeight(id, {*BodyWeight::Make(70, "kg"), Day("2026-10-01")}, {}).ok());
  EXPECT_EQ(store_->GetPatient(id)->weight->weight.value(), 63);
}

TEST_F(SqliteStoreTest, UpdateWithAStaleVersionIsRefusedAndChangesNothing) {
  PatientId id = AddPatient();
  records::Patient p = *store_->GetPatient(id);
  p.display_name = "Ada Lovelace";
  ASSERT_TRUE(store_->UpdatePatient(p, At("2026-11-21T00:00:00Z")).ok());
  EXPECT_EQ(store_->GetPatient(id)->version, 2);
  p.display_name = "Someone else";  // still carries version 1
  Status st = store_->UpdatePatient(p, At("2026-11-21T00:00:00Z"));
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(st.field(), "version");
  EXPECT_EQ(store_->GetPatient(id)->display_name, "Ada Lovelace");
}

TEST_F(SqliteStoreTest, SearchIsACaseInsensitiveSubstringWithWildcardsEscaped) {
  AddPatient("Ada L.");
  AddPatient("Bob 100% M.");
  AddPatient("Ada_B");
  auto query = [](std::string search, int limit, int offset) {
    PatientQuery q;
    q.search = std::move(search);
    q.limit = limit;
    q.offset = offset;
    return q;
  };
  EXPECT_EQ(store_->ListPatients(query("ada", 50, 0))->total, 2);
  EXPECT_EQ(store_->ListPatients(query("%", 50, 0))->total, 1);
  EXPECT_EQ(store_->ListPatients(query("_", 50, 0))->total, 1);
  auto page = store_->ListPatients(query("", 2, 2));
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].display_name, "Bob 100% M.");
}

TEST_F(SqliteStoreTest, FailedTransactionRollsBackEveryWrite) {
  Status st = store_->InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store_->InsertPatient(pineal::testing::SamplePatient("A")).status());
    PINEAL_RETURN_IF_ERROR(store_->InsertPatient(pineal::testing::SamplePatient("B")).status());
    return Status::InvalidArgument("stop here");
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(PatientCount(), 0);
}

TEST_F(SqliteStoreTest, NestedFailureRollsBackOnlyTheInnerPart) {
  Status st = store_->InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store_->InsertPatient(pineal::testing::SamplePatient("kept")).status());
    Status inner = store_->InTransaction([&]() -> Status {
      PINEAL_RETURN_IF_ERROR(
          store_->InsertPatient(pineal::testing::SamplePatient("gone")).status());
      return Status::Aborted("inner fails");
    });
    EXPECT_EQ(inner.code(), StatusCode::kAborted);
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok());
  auto page = store_->ListPatients(PatientQuery{});
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].display_name, "kept");
}

TEST_F(SqliteStoreTest, ADriverErrorInsideATransactionRollsBack) {
  PatientId id = AddPatient();
  Status st = store_->InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store_->InsertPatient(pineal::testing::SamplePatient("B")).status());
    // A dose event for a patient that does not exist violates a foreign key.
    auto e = pineal::testing::TakenDose(PatientId(id.value() + 100), "2026-11-20T21:30:00Z");
    return store_->InsertDoseEvent(e).status();
  });
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(PatientCount(), 1);
}

TEST_F(SqliteStoreTest, RegimenVersionsAppendInOrderOnly) {
  PatientId p = AddPatient();
  records::Regimen r;
  r.patient_id = p;
  r.substance = "melatonin";
  r.versions = {pineal::testing::SampleVersion(2)};
  auto id = store_->InsertRegimen(r);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  records::RegimenVersion v2 = pineal::testing::SampleVersion(3);
  v2.version = 2;
  ASSERT_TRUE(store_->AppendRegimenVersion(*id, v2).ok());
  records::RegimenVersion stale = pineal::testing::SampleVersion(5);
  stale.version = 2;  // built on version 1, which is no longer current
  EXPECT_EQ(store_->AppendRegimenVersion(*id, stale).code(), StatusCode::kAborted);
  auto loaded = store_->GetRegimen(p, *id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded->versions.size(), 2u);
  EXPECT_EQ(loaded->versions[0].dose, Mg(2));
  EXPECT_EQ(loaded->current().dose, Mg(3));
  ASSERT_EQ(loaded->versions[0].titration.size(), 1u);
  EXPECT_EQ(loaded->versions[0].titration[0].after_days, 7);
  EXPECT_EQ(loaded->versions[0].times_of_day[0], TimeOfDay{21 * 60 + 30});
  // Another patient cannot reach it.
  PatientId other = AddPatient("Other");
  EXPECT_EQ(store_->GetRegimen(other, *id).status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, CorrectionsChainAndListsShowOnlyTheLatest) {
  PatientId p = AddPatient();
  auto a = store_->InsertDoseEvent(pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z", 2));
  ASSERT_TRUE(a.ok());
  auto b_event = pineal::testing::TakenDose(p, "2026-11-20T21:45:00Z", 2);
  b_event.corrects = *a;
  auto b = store_->InsertDoseEvent(b_event);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  auto c_event = pineal::testing::TakenDose(p, "2026-11-20T21:45:00Z", 1);
  c_event.corrects = *b;
  auto c = store_->InsertDoseEvent(c_event);
  ASSERT_TRUE(c.ok());

  auto latest = store_->ListDoseEvents(p, {}, false);
  ASSERT_EQ(latest->size(), 1u);
  EXPECT_EQ(latest->at(0).id, *c);
  EXPECT_EQ(latest->at(0).amount, Mg(1));
  EXPECT_EQ(store_->ListDoseEvents(p, {}, true)->size(), 3u);

  // Correcting an entry that was already corrected would fork the chain.
  auto fork = pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z");
  fork.corrects = *a;
  auto forked = store_->InsertDoseEvent(fork);
  EXPECT_EQ(forked.status().code(), StatusCode::kAborted);
  EXPECT_EQ(forked.status().field(), "corrects");
  EXPECT_EQ(store_->ListDoseEvents(p, {}, true)->size(), 3u);

  // Nor can one patient's entry correct another's.
  PatientId other = AddPatient("Other");
  auto foreign = pineal::testing::TakenDose(other, "2026-11-20T21:30:00Z");
  foreign.corrects = *c;
  EXPECT_EQ(store_->InsertDoseEvent(foreign).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(SqliteStoreTest, ObservationCorrectionsAndTimeRanges) {
  PatientId p = AddPatient();
  auto first = store_->InsertObservation(pineal::testing::Score(p, "2026-11-01T09:00:00Z", 18));
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(
      store_->InsertObservation(pineal::testing::Score(p, "2026-11-08T09:00:00Z", 15)).ok());
  auto fix = pineal::testing::Score(p, "2026-11-01T09:00:00Z", 17);
  fix.corrects = *first;
  ASSERT_TRUE(store_->InsertObservation(fix).ok());
  TimeRange week1{At("2026-11-01T00:00:00Z"), At("2026-11-02T00:00:00Z")};
  auto in_week1 = store_->ListObservations(p, week1, false);
  ASSERT_EQ(in_week1->size(), 1u);
  EXPECT_EQ(*in_week1->at(0).value, 17);
  EXPECT_EQ(store_->ListObservations(p, week1, true)->size(), 2u);
  EXPECT_EQ(store_->ListObservations(p, {}, false)->size(), 2u);
}

TEST_F(SqliteStoreTest, ClinicalFactsAndTheAuditLogRefuseUpdatesAndDeletes) {
  PatientId p = AddPatient();
  ASSERT_TRUE(store_->InsertDoseEvent(pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z")).ok());
  ASSERT_TRUE(
      store_->InsertObservation(pineal::testing::Score(p, "2026-11-20T09:00:00Z", 12)).ok());
  records::Regimen r;
  r.patient_id = p;
  r.substance = "melatonin";
  r.versions = {pineal::testing::SampleVersion()};
  ASSERT_TRUE(store_->InsertRegimen(r).ok());
  ASSERT_TRUE(store_
                  ->AppendAudit(
                      {0, At("2026-11-20T09:00:00Z"), "dr", "clinician", "x", p, "", "ok", "", {}})
                  .ok());
  SQLite::Database raw(path_, SQLite::OPEN_READWRITE);
  for (const char* sql :
       {"UPDATE dose_events SET note = 'x'", "DELETE FROM dose_events",
        "UPDATE observations SET value = 1", "DELETE FROM observations",
        "UPDATE audit_events SET actor = 'x'", "DELETE FROM audit_events",
        "UPDATE regimen_versions SET reason = 'x'", "DELETE FROM regimen_versions"}) {
    EXPECT_THROW(raw.exec(sql), SQLite::Exception) << sql;
  }
}

TEST_F(SqliteStoreTest, DataSurvivesReopening) {
  PatientId p = AddPatient();
  ASSERT_TRUE(store_->InsertDoseEvent(pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z")).ok());
  store_.reset();
  auto reopened = SqliteStore::Open(path_);
  ASSERT_TRUE(reopened.ok());
  ASSERT_TRUE((*reopened)->Migrate().ok());
  EXPECT_EQ((*reopened)->GetPatient(p)->display_name, "Ada L.");
  EXPECT_EQ((*reopened)->ListDoseEvents(p, {}, false)->size(), 1u);
}

TEST_F(SqliteStoreTest, CareTeamsRestrictPatientLists) {
  PatientId a = AddPatient("A");
  AddPatient("B");
  User u;
  u.username = "Dr.Who";
  u.display_name = "Dr Who";
  u.password_hash = "$argon2id$stub";
  auto id = store_->InsertUser(u);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  u.username = "dr.who";  // usernames are unique regardless of case
  EXPECT_EQ(store_->InsertUser(u).status().code(), StatusCode::kAlreadyExists);
  ASSERT_TRUE(store_->AddToCareTeam(a, *id, {}).ok());
  ASSERT_TRUE(store_->AddToCareTeam(a, *id, {}).ok());  // idempotent
  PatientQuery mine;
  mine.care_team_of = *id;
  auto page = store_->ListPatients(mine);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, a);
  EXPECT_TRUE(*store_->IsOnCareTeam(a, *id));
  PatientQuery only;
  only.only = a;
  EXPECT_EQ(store_->ListPatients(only)->total, 1);
}

TEST_F(SqliteStoreTest, SessionsAreFoundByHashAndRevoked) {
  User u;
  u.username = "dr.s";
  u.display_name = "S";
  u.password_hash = "$argon2id$stub";
  UserId id = *store_->InsertUser(u);
  Session s;
  s.token_hash = std::string(64, 'b');
  s.user_id = id;
  s.created_at = At("2026-11-20T09:00:00Z");
  auto sid = store_->InsertSession(s);
  ASSERT_TRUE(sid.ok());
  s.token_hash = std::string(64, 'c');
  s.kind = SessionKind::kApi;
  ASSERT_TRUE(store_->InsertSession(s).ok());
  EXPECT_EQ(store_->FindSession(std::string(64, 'b'))->user_id, id);
  EXPECT_EQ(store_->FindSession(std::string(64, 'z')).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store_->RevokeSession(id, *sid, At("2026-11-20T10:00:00Z")).ok());
  EXPECT_TRUE(store_->FindSession(std::string(64, 'b'))->revoked_at.has_value());
  EXPECT_EQ(*store_->RevokeAllSessions(id, At("2026-11-20T11:00:00Z")), 1);
  EXPECT_EQ(store_->RevokeSession(UserId(id.value() + 1), *sid, At("2026-11-20T10:00:00Z")).code(),
            StatusCode::kNotFound);
}

TEST_F(SqliteStoreTest, AuditQueriesByPatientAndActorNewestFirst) {
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(store_
                    ->AppendAudit({0,
                                   At("2026-11-20T09:00:00Z"),
                                   i == 2 ? "b" : "a",
                                   "clinician",
                                   "patient.read",
                                   PatientId(1 + i % 2),
                                   "",
                                   "ok",
                                   "",
                                   {}})
                    .ok());
  }
  EXPECT_EQ(store_->ListAudit({PatientId(1), "", 100, {}})->size(), 2u);
  auto by_b = store_->ListAudit({std::nullopt, "b", 100, {}});
  ASSERT_EQ(by_b->size(), 1u);
  EXPECT_EQ(by_b->at(0).patient_id, PatientId(1));
  EXPECT_EQ(store_->ListAudit({std::nullopt, "", 100, {}})->front().actor, "b");
}

}  // namespace
}  // namespace pineal::store
