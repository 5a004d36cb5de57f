#include "pineal/store/sqlite/sqlite_backup.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "pineal/store/sqlite/sqlite_files.h"

namespace pineal::store {
namespace {

// Copies every page, waiting out writers that hold the lock briefly.
void CopyPages(SQLite::Database& dest, SQLite::Database& source) {
  SQLite::Backup backup(dest, source);
  for (int attempt = 0;; ++attempt) {
    int rc = backup.executeStep(-1);
    if (rc == SQLITE_DONE) return;
    if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 200) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    throw SQLite::Exception("the backup could not finish", rc);
  }
}

Status CheckPinealDatabase(SQLite::Database& db, const std::string& path) {
  SQLite::Statement check(db, "PRAGMA integrity_check");
  check.executeStep();
  if (check.getColumn(0).getString() != "ok") {
    return Status::FailedPrecondition("'" + path + "' fails SQLite's integrity check");
  }
  if (!db.tableExists("schema_migrations") || !db.tableExists("patients")) {
    return Status::InvalidArgument("'" + path + "' is not a pineal database");
  }
  return Status::Ok();
}

}  // namespace

Status BackupSqlite(const std::string& source, const std::string& dest) {
  if (!std::filesystem::exists(source)) {
    return Status::NotFound("there is no database at '" + source + "'");
  }
  // Created owner-only before SQLite writes a page; fails if it exists.
  if (Status created = CreateNewPrivateFile(dest); !created.ok()) {
    if (created.code() == StatusCode::kAlreadyExists) {
      return Status::AlreadyExists("'" + dest + "' exists; choose a new file for the backup");
    }
    return created;
  }
  try {
    SQLite::Database src(source, SQLite::OPEN_READONLY);
    src.setBusyTimeout(5000);
    {
      SQLite::Database out(dest, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      CopyPages(out, src);
    }
    SQLite::Database check(dest, SQLite::OPEN_READONLY);
    return CheckPinealDatabase(check, dest);
  } catch (const SQLite::Exception& e) {
    std::error_code ec;
    std::filesystem::remove(dest, ec);
    return Status::Unavailable(std::string("backup failed: ") + e.what());
  }
}

Status RestoreSqlite(const std::string& source, const std::string& dest, bool overwrite) {
  if (!std::filesystem::exists(source)) {
    return Status::NotFound("there is no backup at '" + source + "'");
  }
  if (std::filesystem::exists(dest) && !overwrite) {
    return Status::AlreadyExists("'" + dest +
                                 "' exists; stop the server and pass --force to replace it");
  }
  // Every open store holds a shared lock: replacing pages under a running
  // server would corrupt what it serves. Held until the restore is done.
  PINEAL_ASSIGN_OR_RETURN(DatabaseLock lock, DatabaseLock::Exclusive(dest));
  try {
    SQLite::Database src(source, SQLite::OPEN_READONLY);
    if (Status st = CheckPinealDatabase(src, source); !st.ok()) return st;
    PINEAL_RETURN_IF_ERROR(CreatePrivateFile(dest));
    SQLite::Database out(dest, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    out.setBusyTimeout(5000);
    CopyPages(out, src);
    out.exec("PRAGMA journal_mode=WAL");
    return CheckPinealDatabase(out, dest);
  } catch (const SQLite::Exception& e) {
    return Status::Unavailable(std::string("restore failed: ") + e.what());
  }
}

}  // namespace pineal::store
