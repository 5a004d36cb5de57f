// Failed-login counters per (username, address).
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {

using namespace sqlite;  // NOLINT: private row helpers

Result<LoginThrottle> SqliteStore::GetLoginThrottle(const std::string& username,
                                                    const std::string& address) {
  return Guarded("read login throttle", [&]() -> Result<LoginThrottle> {
    Query q(*db_, "SELECT * FROM login_throttle WHERE username = ? AND address = ?");
    q.bind(1, username);
    q.bind(2, address);
    LoginThrottle row;
    row.username = username;
    row.address = address;
    if (!q.executeStep()) return row;
    row.failures = q.getColumn("failures").getInt();
    row.lockouts = q.getColumn("lockouts").getInt();
    row.locked_until = ColOptInstant(q, "locked_until");
    row.last_success_at = ColOptInstant(q, "last_success_at");
    row.updated_at = ColInstant(q, "updated_at");
    return row;
  });
}

Status SqliteStore::PutLoginThrottle(const LoginThrottle& row) {
  return Guarded("write login throttle", [&]() -> Status {
    Query up(*db_,
             "INSERT OR REPLACE INTO login_throttle(username, address, failures, "
             "lockouts, locked_until, last_success_at, updated_at) VALUES (:u, :a, "
             ":f, :l, :lu, :ls, :up)");
    up.bind(":u", row.username);
    up.bind(":a", row.address);
    up.bind(":f", row.failures);
    up.bind(":l", row.lockouts);
    BindOptInstant(up, ":lu", row.locked_until);
    BindOptInstant(up, ":ls", row.last_success_at);
    BindInstant(up, ":up", row.updated_at);
    up.exec();
    return Status::Ok();
  });
}

Result<int> SqliteStore::ClearLoginThrottles(const std::string& username, Instant now) {
  return Guarded("clear login throttles", [&]() -> Result<int> {
    Query locked(*db_,
                 "SELECT COUNT(*) FROM login_throttle WHERE username = ? AND "
                 "locked_until > ?");
    locked.bind(1, username);
    locked.bind(2, FormatInstant(now));
    locked.executeStep();
    const int n = locked.getColumn(0).getInt();
    Query up(*db_,
             "UPDATE login_throttle SET failures = 0, lockouts = 0, locked_until = "
             "NULL, updated_at = ? WHERE username = ?");
    up.bind(1, FormatInstant(now));
    up.bind(2, username);
    up.exec();
    return n;
  });
}

Status SqliteStore::PurgeLoginThrottles(Instant before) {
  return Guarded("purge login throttles", [&]() -> Status {
    Query del(*db_,
              "DELETE FROM login_throttle WHERE last_success_at IS NULL AND "
              "updated_at < ? AND (locked_until IS NULL OR locked_until < ?)");
    del.bind(1, FormatInstant(before));
    del.bind(2, FormatInstant(before));
    del.exec();
    return Status::Ok();
  });
}

}  // namespace pineal::store
