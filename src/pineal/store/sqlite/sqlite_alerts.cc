// Alerts and their status history: append-only rows; the current status is
// the latest change.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {
namespace {

using namespace sqlite;  // NOLINT: private row helpers

// The current status of an alert, for filters.
constexpr const char* kCurrentStatus =
    "(SELECT status FROM alert_status_changes c WHERE c.alert_id = a.id ORDER BY c.id DESC "
    "LIMIT 1)";

AlertRecord ReadAlert(SQLite::Statement& q) {
  AlertRecord a;
  a.id = q.getColumn("id").getInt64();
  a.patient_id = PatientId(q.getColumn("patient_id").getInt64());
  a.rule_id = ColText(q, "rule_id");
  a.severity = ColText(q, "severity");
  a.title = ColText(q, "title");
  a.message = ColText(q, "message");
  a.dedupe_key = ColText(q, "dedupe_key");
  a.evidence_json = ColText(q, "evidence_json");
  a.refs_json = ColText(q, "refs_json");
  a.provenance = ColProvenance(q);
  return a;
}

// Fills in the status history of alerts read from their rows: one query for
// the whole list.
void LoadHistory(Connection& db, std::vector<AlertRecord>& alerts) {
  if (alerts.empty()) return;
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, AlertRecord*> by_id;
  for (auto& a : alerts) {
    ids.push_back(a.id);
    by_id[a.id] = &a;
  }
  Query q(db,
          "SELECT alert_id, status, note, changed_at, changed_by FROM alert_status_changes "
          "WHERE alert_id IN (" +
              Placeholders(ids.size()) + ") ORDER BY id");
  BindIds(q, ids);
  while (q.executeStep()) {
    by_id[q.getColumn(0).getInt64()]->history.push_back({ColText(q, "status"), ColText(q, "note"),
                                                         ColInstant(q, "changed_at"),
                                                         ColText(q, "changed_by")});
  }
}

void InsertChange(Connection& db, std::int64_t alert_id, const AlertStatusChange& c) {
  Query ins(db,
            "INSERT INTO alert_status_changes(alert_id, status, note, changed_at, "
            "changed_by) VALUES (:a, :s, :n, :at, :by)");
  ins.bind(":a", alert_id);
  BindText(ins, ":s", c.status);
  BindText(ins, ":n", c.note);
  BindInstant(ins, ":at", c.at);
  BindText(ins, ":by", c.by);
  ins.exec();
}

}  // namespace

Result<std::optional<std::int64_t>> SqliteStore::InsertAlertIfNew(const AlertRecord& a) {
  std::optional<std::int64_t> id;
  Status st = InTransaction([&]() -> Status {
    Query ins(*db_,
              "INSERT OR IGNORE INTO alerts(patient_id, rule_id, severity, title, "
              "message, dedupe_key, evidence_json, refs_json, created_at, created_by) "
              "VALUES (:p, :r, :s, :t, :m, :d, :e, :refs, :ca, :cb)");
    ins.bind(":p", a.patient_id.value());
    BindText(ins, ":r", a.rule_id);
    BindText(ins, ":s", a.severity);
    BindText(ins, ":t", a.title);
    BindText(ins, ":m", a.message);
    BindText(ins, ":d", a.dedupe_key);
    BindText(ins, ":e", a.evidence_json);
    BindText(ins, ":refs", a.refs_json);
    BindInstant(ins, ":ca", a.provenance.created_at);
    BindText(ins, ":cb", a.provenance.created_by);
    if (ins.exec() == 0) return Status::Ok();
    id = db_->getLastInsertRowid();
    InsertChange(*db_, *id, {"open", "", a.provenance.created_at, a.provenance.created_by});
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return id;
}

Result<AlertRecord> SqliteStore::GetAlert(PatientId patient, std::int64_t id) {
  return Guarded("read alert", [&]() -> Result<AlertRecord> {
    Query q(*db_, "SELECT * FROM alerts WHERE id = ? AND patient_id = ?");
    q.bind(1, id);
    q.bind(2, patient.value());
    if (!q.executeStep()) return Status::NotFound("alert " + std::to_string(id) + " not found");
    std::vector<AlertRecord> one{ReadAlert(q)};
    LoadHistory(*db_, one);
    return std::move(one.front());
  });
}

Result<std::vector<AlertRecord>> SqliteStore::ListAlerts(const AlertQuery& query) {
  return Guarded("list alerts", [&]() -> Result<std::vector<AlertRecord>> {
    std::string sql = "SELECT a.* FROM alerts a WHERE 1 = 1";
    if (query.patient) sql += " AND a.patient_id = :p";
    if (query.care_team_of) {
      sql += " AND a.patient_id IN (SELECT patient_id FROM care_team WHERE user_id = :u)";
    }
    if (!query.status.empty()) sql += std::string(" AND ") + kCurrentStatus + " = :s";
    if (query.before) sql += " AND (a.created_at, a.id) < (:before_at, :before_id)";
    sql += " ORDER BY a.created_at DESC, a.id DESC LIMIT :limit";
    Query q(*db_, sql);
    if (query.patient) q.bind(":p", query.patient->value());
    if (query.care_team_of) q.bind(":u", query.care_team_of->value());
    if (!query.status.empty()) BindText(q, ":s", query.status);
    if (query.before) {
      BindInstant(q, ":before_at", query.before->at);
      q.bind(":before_id", query.before->id);
    }
    q.bind(":limit", query.limit);
    std::vector<AlertRecord> out;
    while (q.executeStep()) out.push_back(ReadAlert(q));
    LoadHistory(*db_, out);
    return out;
  });
}

Status SqliteStore::AppendAlertStatus(std::int64_t alert_id, const AlertStatusChange& change) {
  return Guarded("change alert status", [&]() -> Status {
    InsertChange(*db_, alert_id, change);
    return Status::Ok();
  });
}

}  // namespace pineal::store
