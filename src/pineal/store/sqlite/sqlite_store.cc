#include "pineal/store/sqlite/sqlite_store.h"

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstdio>
#include <mutex>

#include "pineal/store/migration.h"
#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/wal_flusher.h"

namespace pineal::store {

using sqlite::Query;

Status StatusFromSqlite(const char* what, const SQLite::Exception& e) {
  const int primary = e.getErrorCode() & 0xff;
  if (primary == SQLITE_CONSTRAINT) {
    return Status::Aborted(std::string(what) + " conflicts with stored data: " + e.what());
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Status::Unavailable(std::string(what) + ": the database is busy; try again");
  }
  return Status::Internal(std::string(what) + ": " + e.what());
}

SqliteStore::SqliteStore(std::unique_ptr<sqlite::Connection> db, DatabaseLock lock,
                         std::unique_ptr<WalFlusher> flusher, const SqliteOptions& options)
    : db_(std::move(db)),
      lock_(std::move(lock)),
      flusher_(std::move(flusher)),
      options_(options),
      tx_queue_(std::make_unique<sqlite::TransactionQueue>(
          [this](const std::vector<const sqlite::TransactionQueue::Body*>& bodies) {
            return RunBatch(bodies);
          },
          [this](std::uint64_t seq) { return WaitDurable(seq); })) {
  if (flusher_ == nullptr) return;
  // The log hook runs after each commit that appended frames to the log:
  // it marks the call as one to make durable and reports the log's length
  // (it also replaces SQLite's automatic checkpoints). A write transaction
  // that changed nothing (an INSERT OR IGNORE of a known alert) appends no
  // frames, so it has nothing to sync and does not wait for a sync.
  sqlite3_wal_hook(
      db_->getHandle(),
      [](void* self, sqlite3*, const char*, int pages) {
        auto* store = static_cast<SqliteStore*>(self);
        store->committed_ = true;
        store->wal_pages_ = pages;
        return SQLITE_OK;
      },
      this);
}

SqliteStore::~SqliteStore() = default;

namespace {

// SQLite's own locks are redundant here: every use of a connection is under
// the store's mutex. Its allocation statistics take a global lock on every
// allocation and nothing reads them. The setting only applies before SQLite
// first starts in this process; later it is refused, which costs only speed.
void TurnOffRedundantSqliteLocks() {
  static std::once_flag once;
  std::call_once(once, [] { (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0); });
}

}  // namespace

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path,
                                                       const SqliteOptions& options) {
  TurnOffRedundantSqliteLocks();
  PINEAL_RETURN_IF_ERROR(CreatePrivateFile(path));
  PINEAL_ASSIGN_OR_RETURN(DatabaseLock lock, DatabaseLock::Shared(path));
  try {
    auto db = std::make_unique<sqlite::Connection>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX);
    db->setBusyTimeout(5000);
    // WAL lets readers proceed during a write. See the header for why NORMAL
    // plus group commit is as durable as FULL.
    db->exec("PRAGMA journal_mode=WAL");
    db->exec("PRAGMA foreign_keys=ON");
    std::unique_ptr<WalFlusher> flusher;
    if (options.sync_each_commit) {
      db->exec("PRAGMA synchronous=FULL");
    } else {
      db->exec("PRAGMA synchronous=NORMAL");
      db->exec("PRAGMA wal_autocheckpoint=0");
      flusher = std::make_unique<WalFlusher>(
          sqlite3_filename_wal(sqlite3_db_filename(db->getHandle(), "main")));
    }
    return std::unique_ptr<SqliteStore>(
        new SqliteStore(std::move(db), std::move(lock), std::move(flusher), options));
  } catch (const SQLite::Exception& e) {
    return Status::Unavailable("cannot open database '" + path + "': " + e.what());
  }
}

std::uint64_t SqliteStore::FlushesForTest() const { return flusher_ ? flusher_->Flushes() : 0; }

std::uint64_t SqliteStore::BatchesForTest() const { return tx_queue_->BatchesForTest(); }
std::size_t SqliteStore::WaitingForTest() const { return tx_queue_->WaitingForTest(); }

void SqliteStore::SetSyncForTest(std::function<int(int)> sync) {
  if (flusher_) flusher_->SetSyncForTest(std::move(sync));
}

Status SqliteStore::RefuseIfBroken() {
  if (flusher_ == nullptr || !flusher_->Failed()) return Status::Ok();
  if (!read_only_) {
    // Every write fails from now on, including ones that bypass InTransaction.
    db_->exec("PRAGMA query_only=ON");
    read_only_ = true;
  }
  return Status::Unavailable(flusher_->Failure());
}

std::uint64_t SqliteStore::AfterCall() {
  if (!committed_ || tx_depth_ != 0 || flusher_ == nullptr) return 0;
  committed_ = false;
  const std::uint64_t seq = flusher_->NoteCommitted();
  commits_.fetch_add(1);
  CheckpointIfLong();
  return seq;
}

Status SqliteStore::WaitDurable(std::uint64_t seq) {
  if (seq == 0) return Status::Ok();
  return flusher_->WaitDurable(seq);
}

void SqliteStore::CheckpointIfLong() {
  if (wal_pages_ < options_.checkpoint_pages) return;
  wal_pages_ = 0;
  try {
    // Syncs the log, copies it into the database and syncs that; the next
    // write then starts the log over (and syncs its new header).
    db_->exec("PRAGMA wal_checkpoint(PASSIVE)");
  } catch (const SQLite::Exception& e) {
    // The log only grows; the next commit tries again.
    std::fprintf(stderr, "pineal: checkpoint failed: %s\n", e.what());
  }
}

Status SqliteStore::InTransaction(const std::function<Status()>& body) {
  if (tx_thread_.load() == std::this_thread::get_id() || !options_.batch_transactions) {
    // Nested in this thread's transaction: a savepoint of it. Unbatched: a
    // transaction of its own.
    std::uint64_t seq = 0;
    Status status;
    {
      std::lock_guard lock(mu_);
      status = RunTransaction(body);
      seq = AfterCall();  // 0 when nested
    }
    if (Status durable = WaitDurable(seq); !durable.ok()) return durable;
    return status;
  }
  return tx_queue_->Run(body);
}

std::vector<sqlite::TransactionQueue::Outcome> SqliteStore::RunBatch(
    const std::vector<const sqlite::TransactionQueue::Body*>& bodies) {
  std::vector<sqlite::TransactionQueue::Outcome> outcomes(bodies.size());
  std::lock_guard lock(mu_);
  bool lost = false;  // SQLite ended the whole transaction (a full disk, an I/O error)
  const Status batch = RunTransaction([&]() -> Status {
    for (std::size_t i = 0; i < bodies.size(); ++i) {
      outcomes[i].status = RunTransaction(*bodies[i]);  // a savepoint each
      if (sqlite3_get_autocommit(db_->getHandle()) != 0) {
        lost = true;
        return outcomes[i].status.ok() ? Status::Internal("the transaction ended early")
                                       : outcomes[i].status;
      }
    }
    return Status::Ok();
  });
  const std::uint64_t seq = AfterCall();
  for (auto& o : outcomes) {
    if (batch.ok()) {
      if (o.status.ok()) o.seq = seq;
    } else if (o.status.ok() || lost) {
      // Nothing of the batch was committed: a body that had succeeded gets
      // the failure that undid it; once SQLite ended it, every body does.
      o.status = batch;
    }
  }
  return outcomes;
}

Status SqliteStore::ReadTogether(const std::function<Status()>& body) {
  std::uint64_t seq = 0;
  Status status;
  {
    std::lock_guard lock(mu_);
    status = RunTransaction(body, /*reads_only=*/true);
    seq = AfterCall();  // 0 unless `body` wrote after all
  }
  if (Status durable = WaitDurable(seq); !durable.ok()) return durable;
  return status;
}

Status SqliteStore::RunTransaction(const std::function<Status()>& body, bool reads_only) {
  if (tx_depth_ == 0) {
    try {
      // Once durability is lost writes are refused; reads go on (on a
      // query-only connection, so a write in `body` still fails).
      Status broken = RefuseIfBroken();
      if (!broken.ok() && !reads_only) return broken;
    } catch (const SQLite::Exception& e) {
      return StatusFromSqlite("begin transaction", e);
    }
  }
  const std::string savepoint = "sp" + std::to_string(tx_depth_);
  try {
    if (tx_depth_ == 0 && reads_only) {
      Query(*db_, "BEGIN").exec();
    } else if (tx_depth_ == 0) {
      Query(*db_, "BEGIN IMMEDIATE").exec();
    } else {
      db_->exec("SAVEPOINT " + savepoint);
    }
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite("begin transaction", e);
  }
  if (tx_depth_++ == 0) tx_thread_.store(std::this_thread::get_id());
  Status status;
  try {
    status = body();
  } catch (const SQLite::Exception& e) {
    // A write on the query-only connection after a failed sync: the refusal.
    const bool refused = read_only_ && (e.getErrorCode() & 0xff) == SQLITE_READONLY;
    status = refused ? RefuseIfBroken() : StatusFromSqlite("transaction", e);
  } catch (const std::exception& e) {
    status = Status::Internal(std::string("transaction: ") + e.what());
  }
  if (--tx_depth_ == 0) tx_thread_.store(std::thread::id());
  try {
    if (status.ok() && tx_depth_ == 0) {
      Query(*db_, "COMMIT").exec();
    } else if (status.ok()) {
      db_->exec("RELEASE " + savepoint);
    } else if (tx_depth_ == 0) {
      db_->exec("ROLLBACK");
    } else {
      db_->exec("ROLLBACK TO " + savepoint + "; RELEASE " + savepoint);
    }
  } catch (const SQLite::Exception& e) {
    if (status.ok()) {
      if (tx_depth_ == 0) {
        try {
          db_->exec("ROLLBACK");
        } catch (const SQLite::Exception&) {
          // The commit failed and the rollback too: SQLite has already ended it.
        }
      }
      return StatusFromSqlite("commit", e);
    }
  }
  return status;
}

Status SqliteStore::Migrate() {
  // Foreign keys are off while migrations run (a table rebuild drops the
  // parent of its children's keys); the transaction commits only if every
  // key still holds. The pragma is a no-op inside a transaction, hence here.
  try {
    db_->exec("PRAGMA foreign_keys=OFF");
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite("migrate", e);
  }
  Status migrated = InTransaction([&]() -> Status {
    db_->exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    int current = 0;
    {
      Query q(*db_, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
      q.executeStep();
      current = q.getColumn(0).getInt();
    }
    auto all = SqliteMigrations();
    const int latest = all.empty() ? 0 : all.back().version;
    if (current > latest) {
      return Status::FailedPrecondition("the database is at schema version " +
                                        std::to_string(current) + " but this pineal knows only " +
                                        std::to_string(latest) + "; use a newer pineal");
    }
    for (const Migration& m : all) {
      if (m.version <= current) continue;
      db_->exec(std::string(m.sql));
      Query ins(*db_,
                "INSERT INTO schema_migrations(version, name, applied_at) "
                "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%SZ','now'))");
      ins.bind(1, m.version);
      ins.bind(2, std::string(m.name));
      ins.exec();
    }
    Query check(*db_, "PRAGMA foreign_key_check");
    if (check.executeStep()) {
      return Status::Internal("a migration broke a foreign key in table " +
                              check.getColumn(0).getString());
    }
    return Status::Ok();
  });
  try {
    db_->exec("PRAGMA foreign_keys=ON");
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite("migrate", e);
  }
  return migrated;
}

Result<std::vector<MigrationInfo>> SqliteStore::Migrations() {
  return Guarded("read migrations", [&]() -> Result<std::vector<MigrationInfo>> {
    std::vector<MigrationInfo> out;
    for (const Migration& m : SqliteMigrations()) {
      out.push_back({m.version, std::string(m.name), ""});
    }
    if (!db_->tableExists("schema_migrations")) return out;
    Query q(*db_, "SELECT version, applied_at FROM schema_migrations");
    while (q.executeStep()) {
      int version = q.getColumn(0).getInt();
      for (auto& info : out) {
        if (info.version == version) info.applied_at = q.getColumn(1).getString();
      }
    }
    return out;
  });
}

Result<std::string> SqliteStore::IntegrityCheck() {
  return Guarded("integrity check", [&]() -> Result<std::string> {
    Query q(*db_, "PRAGMA integrity_check");
    std::string out;
    while (q.executeStep()) {
      if (!out.empty()) out += "\n";
      out += q.getColumn(0).getString();
    }
    return out;
  });
}

Result<std::string> SqliteStore::PragmaForTest(const std::string& name) {
  return Guarded("read pragma", [&]() -> Result<std::string> {
    SQLite::Statement q(*db_, "PRAGMA " + name);
    if (!q.executeStep()) return std::string();
    return q.getColumn(0).getString();
  });
}

Status SqliteStore::ExistsForPatient(const char* table, std::int64_t id, PatientId patient) {
  Query q(*db_, std::string("SELECT 1 FROM ") + table + " WHERE id = ? AND patient_id = ?");
  q.bind(1, id);
  q.bind(2, patient.value());
  if (!q.executeStep()) {
    return Status::NotFound(std::string(table) + " entry " + std::to_string(id) +
                            " not found for this patient");
  }
  return Status::Ok();
}

}  // namespace pineal::store
