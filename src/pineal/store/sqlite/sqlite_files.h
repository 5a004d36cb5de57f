// The files of a SQLite database: created readable by their owner only, and
// an advisory lock that tells a restore the database is in use.
#pragma once

#include <string>

#include "pineal/core/result.h"
#include "pineal/core/status.h"

namespace pineal::store {

// Creates `path` empty with mode 0600 if it does not exist (SQLite gives its
// -wal, -shm and -journal files the database file's mode). An existing file
// readable by group or others is left as it is, with a warning on stderr.
Status CreatePrivateFile(const std::string& path);
// Creates `path` with mode 0600; fails if it exists.
Status CreateNewPrivateFile(const std::string& path);

// An advisory flock() on "<database>.lock", held for the holder's life.
// flock and SQLite's fcntl locks do not interact, so this never blocks SQLite.
class DatabaseLock {
 public:
  // Shared: any number of open stores. Fails if a restore holds it.
  static Result<DatabaseLock> Shared(const std::string& database);
  // Exclusive: fails at once if any pineal process has the database open.
  static Result<DatabaseLock> Exclusive(const std::string& database);
  DatabaseLock(DatabaseLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  DatabaseLock& operator=(DatabaseLock&&) = delete;
  DatabaseLock(const DatabaseLock&) = delete;
  ~DatabaseLock();

 private:
  explicit DatabaseLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace pineal::store
