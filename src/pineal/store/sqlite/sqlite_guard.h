// Private to the SQLite store: the exception-to-Status boundary.
#pragma once

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <mutex>
#include <string>

#include "pineal/store/sqlite/sqlite_store.h"

namespace pineal::store {

// Maps a driver error to a Status. Constraint violations are the caller's
// concurrent or conflicting write (409); everything else is internal.
Status StatusFromSqlite(const char* what, const SQLite::Exception& e);

template <typename Fn>
auto SqliteStore::Guarded(const char* what, Fn&& fn) -> decltype(fn()) {
  std::lock_guard lock(mu_);
  try {
    return fn();
  } catch (const SQLite::Exception& e) {
    return StatusFromSqlite(what, e);
  } catch (const std::exception& e) {
    return Status::Internal(std::string(what) + ": " + e.what());
  }
}

}  // namespace pineal::store
