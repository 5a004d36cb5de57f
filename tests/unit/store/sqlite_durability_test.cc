// The SQLite store's group commit, checkpoints, file modes and the lock that
// keeps a restore away from an open database.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <atomic>
#include <cerrno>
#include <filesystem>
#include <thread>
#include <vector>

#include "pineal/store/sqlite/sqlite_backup.h"
#include "pineal/store/sqlite/sqlite_store.h"
#include "tests/support/records_fixtures.h"
#include "tests/support/temp_dir.h"

namespace pineal::store {
namespace {

using pineal::testing::TakenDose;

class SqliteDurabilityTest : public ::testing::Test {
 protected:
  std::unique_ptr<SqliteStore> OpenStore(const SqliteOptions& options = {}) {
    auto s = SqliteStore::Open(path_, options);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return nullptr;
    EXPECT_TRUE((*s)->Migrate().ok());
    return std::move(*s);
  }
  // One check-in as the API writes it: the dose and its audit row together.
  Status WriteDose(SqliteStore& store, PatientId patient) {
    return store.InTransaction([&]() -> Status {
      PINEAL_RETURN_IF_ERROR(
          store.InsertDoseEvent(TakenDose(patient, "2026-11-20T22:00:00Z")).status());
      AuditEvent a;
      a.at = pineal::testing::At("2026-11-20T22:00:01Z");
      a.actor = "patient";
      a.action = "dose_event.create";
      a.patient_id = patient;
      a.outcome = "ok";
      return store.AppendAudit(a);
    });
  }
  static int CountRows(const std::string& path, const char* table) {
    SQLite::Database raw(path, SQLite::OPEN_READONLY);
    SQLite::Statement q(raw, std::string("SELECT COUNT(*) FROM ") + table);
    q.executeStep();
    return q.getColumn(0).getInt();
  }
  static unsigned ModeOf(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
    return st.st_mode & 0777;
  }

  pineal::testing::TempDir dir_;
  std::string path_ = dir_.File("pineal.db");
};

TEST_F(SqliteDurabilityTest, EveryCommitIsSyncedBeforeTheCallReturns) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  std::uint64_t commits = store->CommitsForTest();
  std::uint64_t flushes = store->FlushesForTest();
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(WriteDose(*store, *patient).ok());
    // One writer: each commit waits for a sync of its own, started after it.
    EXPECT_EQ(store->CommitsForTest(), commits + 1);
    EXPECT_EQ(store->FlushesForTest(), flushes + 1);
    commits = store->CommitsForTest();
    flushes = store->FlushesForTest();
  }
  // A read commits nothing and syncs nothing.
  ASSERT_TRUE(store->ListDoseEvents(*patient, {}, false).ok());
  EXPECT_EQ(store->FlushesForTest(), flushes);
}

TEST_F(SqliteDurabilityTest, ConcurrentCommitsShareSyncs) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  // A slow disk: while one sync runs, the other writers' commits pile up.
  store->SetSyncForTest([](int) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return 0;
  });
  const std::uint64_t commits0 = store->CommitsForTest();
  const std::uint64_t flushes0 = store->FlushesForTest();
  std::vector<std::thread> writers;
  std::atomic<int> failures{0};
  for (int t = 0; t < 8; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (!WriteDose(*store, *patient).ok()) ++failures;
      }
    });
  }
  for (auto& w : writers) w.join();
  EXPECT_EQ(failures.load(), 0);
  const std::uint64_t commits = store->CommitsForTest() - commits0;
  const std::uint64_t flushes = store->FlushesForTest() - flushes0;
  EXPECT_LE(commits, 160u);
  EXPECT_GE(flushes, 1u);
  EXPECT_LE(flushes, commits);
  EXPECT_LT(flushes, 160u) << "every write waited for a sync of its own";
  EXPECT_EQ(CountRows(path_, "dose_events"), 160);
  EXPECT_EQ(CountRows(path_, "audit_events"), 160);
}

TEST_F(SqliteDurabilityTest, AuditRowsOfConcurrentReadsShareCommitsAndAllLand) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  store->SetSyncForTest([](int) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return 0;
  });
  const std::uint64_t commits0 = store->CommitsForTest();
  const std::uint64_t batches0 = store->BatchesForTest();
  std::atomic<int> failures{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        AuditEvent a;
        a.at = pineal::testing::At("2026-11-20T22:00:00Z");
        a.actor = "reader" + std::to_string(t);
        a.action = "dose_event.list";
        a.outcome = "ok";
        if (!store->AppendAudit(a).ok()) ++failures;
      }
    });
  }
  for (auto& r : readers) r.join();
  EXPECT_EQ(failures.load(), 0);
  const std::uint64_t batches = store->BatchesForTest() - batches0;
  EXPECT_EQ(CountRows(path_, "audit_events"), 160);
  // One transaction per batch, and fewer batches than rows.
  EXPECT_EQ(store->CommitsForTest() - commits0, batches);
  EXPECT_LT(batches, 160u);
}

TEST_F(SqliteDurabilityTest, AnAuditRowInsideATransactionCommitsWithIt) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  const std::uint64_t batches0 = store->BatchesForTest();
  // The write and its row roll back together: the row is not queued apart.
  Status failed = store->InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(
        store->InsertDoseEvent(TakenDose(*patient, "2026-11-20T22:00:00Z")).status());
    AuditEvent a;
    a.actor = "patient";
    a.action = "dose_event.create";
    a.outcome = "ok";
    PINEAL_RETURN_IF_ERROR(store->AppendAudit(a));
    return Status::Aborted("changed my mind");
  });
  EXPECT_EQ(failed.code(), StatusCode::kAborted);
  EXPECT_EQ(CountRows(path_, "audit_events"), 0);
  EXPECT_EQ(CountRows(path_, "dose_events"), 0);
  ASSERT_TRUE(WriteDose(*store, *patient).ok());
  EXPECT_EQ(CountRows(path_, "audit_events"), 1);
  // One batch each: the nested insert and audit row ran inside, not queued.
  EXPECT_EQ(store->BatchesForTest(), batches0 + 2);
}

TEST_F(SqliteDurabilityTest, WritesQueuedTogetherCommitOnceAndAFailingOneIsUndoneAlone) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  const std::uint64_t batches0 = store->BatchesForTest();
  const std::uint64_t commits0 = store->CommitsForTest();
  // The first writer holds its batch open until two more writers wait.
  std::atomic<bool> inside{false}, release{false};
  std::thread first([&] {
    Status st = store->InTransaction([&]() -> Status {
      inside.store(true);
      while (!release.load()) std::this_thread::yield();
      return WriteDose(*store, *patient);
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
  });
  while (!inside.load()) std::this_thread::yield();
  Status good, bad;
  std::thread second([&] { good = WriteDose(*store, *patient); });
  std::thread third([&] {
    bad = store->InTransaction([&]() -> Status {
      PINEAL_RETURN_IF_ERROR(WriteDose(*store, *patient));
      return Status::InvalidArgument("the third writer's own mistake");
    });
  });
  while (store->WaitingForTest() < 2) std::this_thread::yield();
  release.store(true);
  first.join();
  second.join();
  third.join();
  EXPECT_TRUE(good.ok()) << good.ToString();
  EXPECT_EQ(bad.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.message(), "the third writer's own mistake");
  // Two batches: the first writer's, then the two that waited, together.
  EXPECT_EQ(store->BatchesForTest(), batches0 + 2);
  EXPECT_EQ(store->CommitsForTest(), commits0 + 2);
  EXPECT_EQ(CountRows(path_, "dose_events"), 2);
  EXPECT_EQ(CountRows(path_, "audit_events"), 2);
}

TEST_F(SqliteDurabilityTest, AWriteThatChangesNothingWaitsForNoSync) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  AlertRecord alert;
  alert.patient_id = *patient;
  alert.rule_id = "missed_doses";
  alert.severity = "warning";
  alert.title = "Missed doses";
  alert.dedupe_key = "missed_doses:2026-11-20";
  alert.evidence_json = "[]";
  alert.refs_json = "[]";
  alert.provenance = {pineal::testing::At("2026-11-20T22:00:00Z"), "system"};
  const auto commits = store->CommitsForTest();
  const auto flushes = store->FlushesForTest();
  auto first = store->InsertAlertIfNew(alert);
  ASSERT_TRUE(first.ok() && first->has_value());
  EXPECT_EQ(store->CommitsForTest(), commits + 1);
  EXPECT_EQ(store->FlushesForTest(), flushes + 1);
  // The same alert again: a write transaction that inserts nothing has
  // nothing to make durable.
  auto again = store->InsertAlertIfNew(alert);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(store->CommitsForTest(), commits + 1);
  EXPECT_EQ(store->FlushesForTest(), flushes + 1);
  EXPECT_EQ(CountRows(path_, "alerts"), 1);
}

TEST_F(SqliteDurabilityTest, AFailedSyncRefusesEveryLaterWriteButReadsGoOn) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  ASSERT_TRUE(WriteDose(*store, *patient).ok());
  store->SetSyncForTest([](int) {
    errno = EIO;
    return -1;
  });
  Status failed = WriteDose(*store, *patient);
  EXPECT_EQ(failed.code(), StatusCode::kUnavailable);
  EXPECT_NE(failed.message().find("could not be synced"), std::string::npos) << failed.message();
  // Even with a sound disk again, nothing is called durable any more.
  store->SetSyncForTest([](int) { return 0; });
  const int before = CountRows(path_, "dose_events");
  Status refused = WriteDose(*store, *patient);
  EXPECT_EQ(refused.code(), StatusCode::kUnavailable);
  Status audit = store->AppendAudit(AuditEvent{});
  EXPECT_EQ(audit.code(), StatusCode::kUnavailable) << audit.ToString();
  EXPECT_NE(audit.message().find("refused"), std::string::npos) << audit.message();
  EXPECT_EQ(CountRows(path_, "dose_events"), before);
  auto read = store->ListDoseEvents(*patient, {}, false);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(static_cast<int>(read->size()), before);
  // Reads taken together go on too; a write slipped into them does not.
  std::size_t together = 0;
  Status reads = store->ReadTogether([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(auto events, store->ListDoseEvents(*patient, {}, false));
    together = events.size();
    return Status::Ok();
  });
  ASSERT_TRUE(reads.ok()) << reads.ToString();
  EXPECT_EQ(static_cast<int>(together), before);
  Status slipped = store->ReadTogether([&] { return WriteDose(*store, *patient); });
  EXPECT_EQ(slipped.code(), StatusCode::kUnavailable) << slipped.ToString();
  EXPECT_EQ(CountRows(path_, "dose_events"), before);
}

TEST_F(SqliteDurabilityTest, ReadsTakenTogetherNeedNoSync) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  ASSERT_TRUE(WriteDose(*store, *patient).ok());
  const auto flushes = store->FlushesForTest();
  const auto commits = store->CommitsForTest();
  std::size_t events = 0;
  ASSERT_TRUE(store
                  ->ReadTogether([&]() -> Status {
                    PINEAL_ASSIGN_OR_RETURN(auto p, store->GetPatient(*patient));
                    PINEAL_ASSIGN_OR_RETURN(auto list, store->ListDoseEvents(p.id, {}, false));
                    events = list.size();
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(events, 1u);
  EXPECT_EQ(store->FlushesForTest(), flushes);
  EXPECT_EQ(store->CommitsForTest(), commits);
  // A write inside still commits durably (the contract is reads, but a slip
  // must not lose data).
  ASSERT_TRUE(store->ReadTogether([&] { return WriteDose(*store, *patient); }).ok());
  EXPECT_EQ(store->CommitsForTest(), commits + 1);
  EXPECT_EQ(CountRows(path_, "dose_events"), 2);
}

TEST_F(SqliteDurabilityTest, CheckpointsKeepTheLogShortAndLoseNothing) {
  SqliteOptions options;
  options.checkpoint_pages = 20;
  auto store = OpenStore(options);
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(WriteDose(*store, *patient).ok());
  // 300 check-ins write at least 600 pages; checkpointed every 20 and then
  // reused, the log never holds more than the migrations' one transaction.
  const auto wal = std::filesystem::file_size(path_ + "-wal");
  EXPECT_LT(wal, 100u * (4096 + 24)) << wal;
  EXPECT_EQ(*store->IntegrityCheck(), "ok");
  store.reset();
  EXPECT_EQ(CountRows(path_, "dose_events"), 300);
}

TEST_F(SqliteDurabilityTest, TheBaselineSyncsInsideEveryCommit) {
  SqliteOptions options;
  options.sync_each_commit = true;
  auto store = OpenStore(options);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(*store->PragmaForTest("synchronous"), "2");  // FULL
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  ASSERT_TRUE(WriteDose(*store, *patient).ok());
  EXPECT_EQ(store->FlushesForTest(), 0u);
}

TEST_F(SqliteDurabilityTest, DatabaseLogAndBackupAreOwnerOnly) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  auto patient = store->InsertPatient(pineal::testing::SamplePatient());
  ASSERT_TRUE(patient.ok());
  EXPECT_EQ(ModeOf(path_), 0600u);
  EXPECT_EQ(ModeOf(path_ + "-wal"), 0600u);
  EXPECT_EQ(ModeOf(path_ + "-shm"), 0600u);
  EXPECT_EQ(ModeOf(path_ + ".lock"), 0600u);
  const std::string backup = dir_.File("backup.db");
  ASSERT_TRUE(BackupSqlite(path_, backup).ok());
  EXPECT_EQ(ModeOf(backup), 0600u);
  // A restore to a new place creates it owner-only too.
  store.reset();
  const std::string restored = dir_.File("restored.db");
  ASSERT_TRUE(RestoreSqlite(backup, restored, false).ok());
  EXPECT_EQ(ModeOf(restored), 0600u);
}

TEST_F(SqliteDurabilityTest, AnExistingLooseDatabaseIsReportedNotChanged) {
  OpenStore().reset();
  ASSERT_EQ(::chmod(path_.c_str(), 0644), 0);
  ::testing::internal::CaptureStderr();
  auto store = OpenStore();
  const std::string err = ::testing::internal::GetCapturedStderr();
  ASSERT_NE(store, nullptr);
  EXPECT_NE(err.find("readable or writable by other users (mode 644)"), std::string::npos) << err;
  EXPECT_NE(err.find("chmod 600"), std::string::npos) << err;
  EXPECT_EQ(ModeOf(path_), 0644u);
}

TEST_F(SqliteDurabilityTest, RestoreRefusesADatabaseThatIsOpen) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  ASSERT_TRUE(store->InsertPatient(pineal::testing::SamplePatient("Kept")).ok());
  const std::string backup = dir_.File("backup.db");
  ASSERT_TRUE(BackupSqlite(path_, backup).ok());
  ASSERT_TRUE(store->InsertPatient(pineal::testing::SamplePatient("Added later")).ok());

  Status refused = RestoreSqlite(backup, path_, true);
  EXPECT_EQ(refused.code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(refused.message().find("has '" + path_ + "' open; stop it first"), std::string::npos)
      << refused.message();
  EXPECT_EQ(store->ListPatients({})->total, 2);  // unchanged

  store.reset();
  ASSERT_TRUE(RestoreSqlite(backup, path_, true).ok());
  EXPECT_EQ(CountRows(path_, "patients"), 1);
}

TEST_F(SqliteDurabilityTest, AStoreDoesNotOpenWhileARestoreRuns) {
  auto restoring = DatabaseLock::Exclusive(path_);
  ASSERT_TRUE(restoring.ok());
  auto s = SqliteStore::Open(path_);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(s.status().message().find("is being restored"), std::string::npos);
}

}  // namespace
}  // namespace pineal::store
