// Calendar feeds: a patient's private .ics URLs, found by the hash of their token.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {
namespace {

CalendarFeed ReadCalendarFeed(SQLite::Statement& q) {
  CalendarFeed f;
  f.id = q.getColumn("id").getInt64();
  f.patient_id = PatientId(q.getColumn("patient_id").getInt64());
  f.token_hash = sqlite::ColText(q, "token_hash");
  f.created_at = sqlite::ColInstant(q, "created_at");
  f.created_by = sqlite::ColText(q, "created_by");
  f.revoked_at = sqlite::ColOptInstant(q, "revoked_at");
  return f;
}

}  // namespace

Result<std::int64_t> SqliteStore::InsertCalendarFeed(const CalendarFeed& f) {
  return Guarded("add calendar feed", [&]() -> Result<std::int64_t> {
    sqlite::Query ins(*db_,
                      "INSERT INTO calendar_feeds(patient_id, token_hash, created_at, created_by) "
                      "VALUES (:p, :t, :ca, :cb)");
    ins.bind(":p", f.patient_id.value());
    sqlite::BindText(ins, ":t", f.token_hash);
    sqlite::BindInstant(ins, ":ca", f.created_at);
    sqlite::BindText(ins, ":cb", f.created_by);
    ins.exec();
    return db_->getLastInsertRowid();
  });
}

Result<CalendarFeed> SqliteStore::FindActiveCalendarFeed(const std::string& token_hash) {
  return Guarded("find calendar feed", [&]() -> Result<CalendarFeed> {
    sqlite::Query q(*db_,
                    "SELECT * FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL");
    q.bind(1, token_hash);
    if (!q.executeStep()) return Status::NotFound("no such calendar feed");
    return ReadCalendarFeed(q);
  });
}

Result<std::vector<CalendarFeed>> SqliteStore::ListCalendarFeeds(PatientId patient) {
  return Guarded("list calendar feeds", [&]() -> Result<std::vector<CalendarFeed>> {
    sqlite::Query q(*db_, "SELECT * FROM calendar_feeds WHERE patient_id = ? ORDER BY id");
    q.bind(1, patient.value());
    std::vector<CalendarFeed> out;
    while (q.executeStep()) out.push_back(ReadCalendarFeed(q));
    return out;
  });
}

Status SqliteStore::RevokeCalendarFeed(PatientId patient, std::int64_t feed_id, Instant at) {
  return Guarded("revoke calendar feed", [&]() -> Status {
    sqlite::Query up(*db_,
                     "UPDATE calendar_feeds SET revoked_at = COALESCE(revoked_at, ?) "
                     "WHERE id = ? AND patient_id = ?");
    up.bind(1, FormatInstant(at));
    up.bind(2, feed_id);
    up.bind(3, patient.value());
    if (up.exec() == 0) {
      return Status::NotFound("calendar feed " + std::to_string(feed_id) + " not found");
    }
    return Status::Ok();
  });
}

}  // namespace pineal::store
