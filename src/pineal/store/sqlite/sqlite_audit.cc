// The append-only audit log.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <thread>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {

using namespace sqlite;  // NOLINT: private row helpers

namespace {

// record_ids is stored as "kind:id,kind:id": neither part has a comma.
std::string JoinRecordIds(const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : ",") + id;
  return out;
}

std::vector<std::string> SplitRecordIds(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

void InsertAuditRow(Connection& db, const AuditEvent& e) {
  Query ins(db,
            "INSERT INTO audit_events(at, actor, role, action, patient_id, address, "
            "outcome, detail, record_ids) VALUES (:at, :ac, :ro, :act, :p, :ad, :o, :d, "
            ":r)");
  BindInstant(ins, ":at", e.at);
  BindText(ins, ":ac", e.actor);
  BindText(ins, ":ro", e.role);
  BindText(ins, ":act", e.action);
  if (e.patient_id) {
    ins.bind(":p", e.patient_id->value());
  } else {
    ins.bind(":p");
  }
  BindText(ins, ":ad", e.address);
  BindText(ins, ":o", e.outcome);
  BindText(ins, ":d", e.detail);
  BindText(ins, ":r", JoinRecordIds(e.record_ids));
  ins.exec();
}

}  // namespace

Status SqliteStore::AppendAudit(const AuditEvent& e) {
  // Inside a transaction the row commits with the change it records; alone,
  // it shares a commit with concurrent writes (TransactionQueue).
  const auto insert = [&]() -> Status {
    InsertAuditRow(*db_, e);
    return Status::Ok();
  };
  if (tx_thread_.load() == std::this_thread::get_id()) return Guarded("append audit", insert);
  return InTransaction(insert);
}

Result<std::vector<AuditEvent>> SqliteStore::ListAudit(const AuditQuery& query) {
  return Guarded("list audit", [&]() -> Result<std::vector<AuditEvent>> {
    std::string sql = "SELECT * FROM audit_events WHERE 1=1";
    if (query.patient_id) sql += " AND patient_id = :p";
    if (!query.actor.empty()) sql += " AND actor = :a";
    if (query.before_id) sql += " AND id < :b";
    sql += " ORDER BY id DESC LIMIT :l";
    Query q(*db_, sql);
    if (query.patient_id) q.bind(":p", query.patient_id->value());
    if (!query.actor.empty()) q.bind(":a", query.actor);
    if (query.before_id) q.bind(":b", *query.before_id);
    q.bind(":l", query.limit);
    std::vector<AuditEvent> out;
    while (q.executeStep()) {
      AuditEvent e;
      e.id = q.getColumn("id").getInt64();
      e.at = ColInstant(q, "at");
      e.actor = ColText(q, "actor");
      e.role = ColText(q, "role");
      e.action = ColText(q, "action");
      if (auto p = ColOptInt(q, "patient_id")) e.patient_id = PatientId(*p);
      e.address = ColText(q, "address");
      e.outcome = ColText(q, "outcome");
      e.detail = ColText(q, "detail");
      e.record_ids = SplitRecordIds(ColText(q, "record_ids"));
      out.push_back(std::move(e));
    }
    return out;
  });
}

}  // namespace pineal::store
