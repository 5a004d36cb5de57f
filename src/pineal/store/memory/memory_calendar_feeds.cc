// Calendar feeds, as SqliteStore keeps them (see store.h).
#include "pineal/store/memory/memory_store.h"
#include "pineal/store/memory/memory_util.h"

namespace pineal::store {

Result<std::int64_t> MemoryStore::InsertCalendarFeed(const CalendarFeed& f) {
  std::lock_guard lock(mu_);
  for (const CalendarFeed& other : t_.calendar_feeds) {
    if (other.token_hash == f.token_hash) {
      return memory::Conflict("add calendar feed",
                              "UNIQUE constraint failed: calendar_feeds.token_hash");
    }
  }
  if (!PatientExists(f.patient_id)) return memory::ForeignKeyConflict("add calendar feed");
  CalendarFeed row = f;
  row.id = NextId(t_.calendar_feeds);
  row.revoked_at.reset();  // not written by the INSERT
  t_.calendar_feeds.push_back(std::move(row));
  return t_.calendar_feeds.back().id;
}

Result<CalendarFeed> MemoryStore::FindActiveCalendarFeed(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  for (const CalendarFeed& f : t_.calendar_feeds) {
    if (f.token_hash == token_hash && !f.revoked_at) return f;
  }
  return Status::NotFound("no such calendar feed");
}

Result<std::vector<CalendarFeed>> MemoryStore::ListCalendarFeeds(PatientId patient) {
  std::lock_guard lock(mu_);
  std::vector<CalendarFeed> out;
  for (const CalendarFeed& f : t_.calendar_feeds) {
    if (f.patient_id == patient) out.push_back(f);
  }
  return out;
}

Status MemoryStore::RevokeCalendarFeed(PatientId patient, std::int64_t feed_id, Instant at) {
  std::lock_guard lock(mu_);
  CalendarFeed* f = Find(t_.calendar_feeds, feed_id);
  if (f == nullptr || f->patient_id != patient) {
    return Status::NotFound("calendar feed " + std::to_string(feed_id) + " not found");
  }
  if (!f->revoked_at) f->revoked_at = at;  // the first revocation's time stays
  return Status::Ok();
}

}  // namespace pineal::store
