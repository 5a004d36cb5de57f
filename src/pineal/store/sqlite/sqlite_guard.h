// Private to the SQLite store: the exception-to-Status boundary.
#pragma once

#include <SQLiteCpp/Exception.h>
#include <sqlite3.h>

#include <mutex>
#include <optional>
#include <string>

#include "pineal/store/sqlite/sqlite_store.h"

namespace pineal::store {

// Maps a driver error to a Status. Constraint violations are the caller's
// concurrent or conflicting write (409); everything else is internal.
Status StatusFromSqlite(const char* what, const SQLite::Exception& e);

// A call that committed returns only once its commit is durable (see
// sqlite_store.h); the wait happens after the mutex is released.
template <typename Fn>
auto SqliteStore::Guarded(const char* what, Fn&& fn) -> decltype(fn()) {
  std::optional<decltype(fn())> out;
  std::uint64_t seq = 0;
  {
    std::lock_guard lock(mu_);
    try {
      // Once durability is lost reads go on, but the connection is
      // query-only, so a write throws SQLITE_READONLY below.
      static_cast<void>(RefuseIfBroken());
      out.emplace(fn());
    } catch (const SQLite::Exception& e) {
      const bool refused = read_only_ && (e.getErrorCode() & 0xff) == SQLITE_READONLY;
      out.emplace(refused ? RefuseIfBroken() : StatusFromSqlite(what, e));
    } catch (const std::exception& e) {
      out.emplace(Status::Internal(std::string(what) + ": " + e.what()));
    }
    seq = AfterCall();
  }
  if (Status durable = WaitDurable(seq); !durable.ok()) return durable;
  return std::move(*out);
}

}  // namespace pineal::store
