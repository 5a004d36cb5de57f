// Idempotency keys: the stored answers of retried POST requests.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {

using namespace sqlite;  // NOLINT: private row helpers

Result<std::optional<IdempotencyRecord>> SqliteStore::FindIdempotencyKey(UserId user,
                                                                         const std::string& key) {
  return Guarded("read idempotency key", [&]() -> Result<std::optional<IdempotencyRecord>> {
    Query q(*db_, "SELECT * FROM idempotency_keys WHERE user_id = ? AND key = ?");
    q.bind(1, user.value());
    q.bind(2, key);
    if (!q.executeStep()) return std::optional<IdempotencyRecord>();
    IdempotencyRecord r;
    r.user_id = user;
    r.key = key;
    r.fingerprint = ColText(q, "fingerprint");
    r.created_at = ColInstant(q, "created_at");
    if (auto s = ColOptInt(q, "status")) r.status = static_cast<int>(*s);
    r.content_type = ColText(q, "content_type");
    r.headers_json = ColText(q, "headers");
    const SQLite::Column body = q.getColumn("body");
    r.body.assign(static_cast<const char*>(body.getBlob()), static_cast<size_t>(body.getBytes()));
    return std::optional<IdempotencyRecord>(std::move(r));
  });
}

Status SqliteStore::InsertIdempotencyKey(const IdempotencyRecord& r) {
  return Guarded("reserve idempotency key", [&]() -> Status {
    Query ins(*db_,
              "INSERT INTO idempotency_keys(user_id, key, fingerprint, created_at) "
              "VALUES (?, ?, ?, ?)");
    ins.bind(1, r.user_id.value());
    ins.bind(2, r.key);
    ins.bind(3, r.fingerprint);
    ins.bind(4, FormatInstant(r.created_at));
    ins.exec();
    return Status::Ok();
  });
}

Status SqliteStore::CompleteIdempotencyKey(const IdempotencyRecord& r) {
  return Guarded("store idempotent answer", [&]() -> Status {
    if (!r.status) return Status::InvalidArgument("an answer needs a status", "status");
    Query up(*db_,
             "UPDATE idempotency_keys SET status = ?, content_type = ?, headers = ?, "
             "body = ? WHERE user_id = ? AND key = ?");
    up.bind(1, *r.status);
    up.bind(2, r.content_type);
    up.bind(3, r.headers_json);
    up.bind(4, r.body.data(), static_cast<int>(r.body.size()));
    up.bind(5, r.user_id.value());
    up.bind(6, r.key);
    if (up.exec() == 0) return Status::NotFound("idempotency key '" + r.key + "' not reserved");
    return Status::Ok();
  });
}

Status SqliteStore::DeleteIdempotencyKey(UserId user, const std::string& key) {
  return Guarded("release idempotency key", [&]() -> Status {
    Query del(*db_, "DELETE FROM idempotency_keys WHERE user_id = ? AND key = ?");
    del.bind(1, user.value());
    del.bind(2, key);
    del.exec();
    return Status::Ok();
  });
}

Status SqliteStore::PurgeIdempotencyKeys(Instant before) {
  return Guarded("purge idempotency keys", [&]() -> Status {
    Query del(*db_, "DELETE FROM idempotency_keys WHERE created_at < ?");
    del.bind(1, FormatInstant(before));
    del.exec();
    return Status::Ok();
  });
}

}  // namespace pineal::store
