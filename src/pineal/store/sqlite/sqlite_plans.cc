// Circadian plans: append-only records of what a patient was given.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {
namespace {

using namespace sqlite;  // NOLINT: private row helpers

CircadianPlanRecord ReadPlan(SQLite::Statement& q) {
  CircadianPlanRecord p;
  p.id = q.getColumn("id").getInt64();
  p.patient_id = PatientId(q.getColumn("patient_id").getInt64());
  p.kind = ColText(q, "kind");
  p.title = ColText(q, "title");
  p.request_json = ColText(q, "request_json");
  p.plan_json = ColText(q, "plan_json");
  p.provenance = ColProvenance(q);
  return p;
}

}  // namespace

Result<std::int64_t> SqliteStore::InsertCircadianPlan(const CircadianPlanRecord& p) {
  return Guarded("insert circadian plan", [&]() -> Result<std::int64_t> {
    SQLite::Statement ins(*db_,
                          "INSERT INTO circadian_plans(patient_id, kind, title, request_json, "
                          "plan_json, created_at, created_by) VALUES (:p, :k, :t, :rq, :pl, :ca, "
                          ":cb)");
    ins.bind(":p", p.patient_id.value());
    BindText(ins, ":k", p.kind);
    BindText(ins, ":t", p.title);
    BindText(ins, ":rq", p.request_json);
    BindText(ins, ":pl", p.plan_json);
    BindInstant(ins, ":ca", p.provenance.created_at);
    BindText(ins, ":cb", p.provenance.created_by);
    ins.exec();
    return db_->getLastInsertRowid();
  });
}

Result<CircadianPlanRecord> SqliteStore::GetCircadianPlan(PatientId patient, std::int64_t id) {
  return Guarded("read circadian plan", [&]() -> Result<CircadianPlanRecord> {
    SQLite::Statement q(*db_, "SELECT * FROM circadian_plans WHERE id = ? AND patient_id = ?");
    q.bind(1, id);
    q.bind(2, patient.value());
    if (!q.executeStep())
      return Status::NotFound("circadian plan " + std::to_string(id) + " not found");
    return ReadPlan(q);
  });
}

Result<std::vector<CircadianPlanRecord>> SqliteStore::ListCircadianPlans(PatientId patient) {
  return Guarded("list circadian plans", [&]() -> Result<std::vector<CircadianPlanRecord>> {
    SQLite::Statement q(*db_,
                        "SELECT * FROM circadian_plans WHERE patient_id = ? "
                        "ORDER BY created_at DESC, id DESC");
    q.bind(1, patient.value());
    std::vector<CircadianPlanRecord> out;
    while (q.executeStep()) out.push_back(ReadPlan(q));
    return out;
  });
}

}  // namespace pineal::store
