// Login throttling and idempotency keys.
#include <algorithm>

#include "pineal/store/memory/memory_store.h"
#include "pineal/store/memory/memory_util.h"

namespace pineal::store {

Result<LoginThrottle> MemoryStore::GetLoginThrottle(const std::string& username,
                                                    const std::string& address) {
  std::lock_guard lock(mu_);
  for (const LoginThrottle& row : t_.login_throttle) {
    if (memory::EqualsNoCase(row.username, username) && row.address == address) {
      LoginThrottle out = row;
      out.username = username;  // as SQLite returns the bound value
      return out;
    }
  }
  LoginThrottle row;
  row.username = username;
  row.address = address;
  return row;
}

Status MemoryStore::PutLoginThrottle(const LoginThrottle& row) {
  std::lock_guard lock(mu_);
  for (LoginThrottle& stored : t_.login_throttle) {
    if (memory::EqualsNoCase(stored.username, row.username) && stored.address == row.address) {
      stored = row;
      return Status::Ok();
    }
  }
  t_.login_throttle.push_back(row);
  return Status::Ok();
}

Result<int> MemoryStore::ClearLoginThrottles(const std::string& username, Instant now) {
  std::lock_guard lock(mu_);
  int locked = 0;
  for (LoginThrottle& row : t_.login_throttle) {
    if (!memory::EqualsNoCase(row.username, username)) continue;
    if (row.locked_until && *row.locked_until > now) ++locked;
    row.failures = 0;
    row.lockouts = 0;
    row.locked_until.reset();
    row.updated_at = now;
  }
  return locked;
}

Status MemoryStore::PurgeLoginThrottles(Instant before) {
  std::lock_guard lock(mu_);
  std::erase_if(t_.login_throttle, [&](const LoginThrottle& row) {
    return !row.last_success_at && row.updated_at < before &&
           (!row.locked_until || *row.locked_until < before);
  });
  return Status::Ok();
}

Result<std::optional<IdempotencyRecord>> MemoryStore::FindIdempotencyKey(UserId user,
                                                                         const std::string& key) {
  std::lock_guard lock(mu_);
  for (const IdempotencyRecord& r : t_.idempotency_keys) {
    if (r.user_id == user && r.key == key) return std::optional<IdempotencyRecord>(r);
  }
  return std::optional<IdempotencyRecord>();
}

Status MemoryStore::InsertIdempotencyKey(const IdempotencyRecord& record) {
  std::lock_guard lock(mu_);
  for (const IdempotencyRecord& r : t_.idempotency_keys) {
    if (r.user_id == record.user_id && r.key == record.key) {
      return memory::Conflict("reserve idempotency key",
                              "UNIQUE constraint failed: idempotency_keys.user_id, "
                              "idempotency_keys.key");
    }
  }
  if (!UserExists(record.user_id)) return memory::ForeignKeyConflict("reserve idempotency key");
  IdempotencyRecord row = record;
  // The INSERT names only the request; the answer columns take their defaults.
  row.status.reset();
  row.content_type.clear();
  row.headers_json = "[]";
  row.body.clear();
  t_.idempotency_keys.push_back(std::move(row));
  return Status::Ok();
}

Status MemoryStore::CompleteIdempotencyKey(const IdempotencyRecord& record) {
  std::lock_guard lock(mu_);
  if (!record.status) return Status::InvalidArgument("an answer needs a status", "status");
  for (IdempotencyRecord& r : t_.idempotency_keys) {
    if (r.user_id == record.user_id && r.key == record.key) {
      r.status = record.status;
      r.content_type = record.content_type;
      r.headers_json = record.headers_json;
      r.body = record.body;
      return Status::Ok();
    }
  }
  return Status::NotFound("idempotency key '" + record.key + "' not reserved");
}

Status MemoryStore::DeleteIdempotencyKey(UserId user, const std::string& key) {
  std::lock_guard lock(mu_);
  std::erase_if(t_.idempotency_keys,
                [&](const IdempotencyRecord& r) { return r.user_id == user && r.key == key; });
  return Status::Ok();
}

Status MemoryStore::PurgeIdempotencyKeys(Instant before) {
  std::lock_guard lock(mu_);
  std::erase_if(t_.idempotency_keys,
                [&](const IdempotencyRecord& r) { return r.created_at < before; });
  return Status::Ok();
}

}  // namespace pineal::store
