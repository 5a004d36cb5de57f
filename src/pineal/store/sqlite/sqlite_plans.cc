// Circadian plans: append-only records of what a patient was given.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"
#include "pineal/store/sqlite/sqlite_screening_rows.h"

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

// Attaches each plan's recorded screening.
void LoadPlanScreening(Connection& db, std::vector<CircadianPlanRecord>& plans) {
  if (plans.empty()) return;
  std::vector<std::int64_t> ids;
  for (const auto& p : plans) ids.push_back(p.id);
  auto plan_of = [&](std::int64_t id) -> CircadianPlanRecord* {
    for (auto& p : plans) {
      if (p.id == id) return &p;
    }
    return nullptr;
  };
  Query f(db, "SELECT * FROM circadian_plan_findings WHERE plan_id IN (" +
                  Placeholders(ids.size()) + ") ORDER BY plan_id, position");
  BindIds(f, ids);
  while (f.executeStep()) {
    if (auto* p = plan_of(f.getColumn("plan_id").getInt64())) p->findings.push_back(ColFinding(f));
  }
  Query o(db, "SELECT * FROM circadian_plan_overrides WHERE plan_id IN (" +
                  Placeholders(ids.size()) + ") ORDER BY plan_id, finding_key");
  BindIds(o, ids);
  while (o.executeStep()) {
    if (auto* p = plan_of(o.getColumn("plan_id").getInt64())) {
      p->overrides.push_back(ColOverride(o));
    }
  }
}

}  // namespace

Result<std::int64_t> SqliteStore::InsertCircadianPlan(const CircadianPlanRecord& p) {
  return Guarded("insert circadian plan", [&]() -> Result<std::int64_t> {
    Query ins(*db_,
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
    const std::int64_t id = db_->getLastInsertRowid();
    Query f(*db_,
            "INSERT INTO circadian_plan_findings(plan_id, position, rule_id, "
            "finding_key, kind, severity, blocking, title, message, mechanism, action, "
            "refs) VALUES (:id, :p, :rule, :key, :kind, :sev, :b, :t, :m, :mech, :a, "
            ":refs)");
    for (size_t i = 0; i < p.findings.size(); ++i) {
      f.bind(":id", id);
      f.bind(":p", static_cast<int>(i));
      BindFinding(f, p.findings[i]);
      f.exec();
      f.reset();
    }
    Query o(*db_,
            "INSERT INTO circadian_plan_overrides(plan_id, finding_key, rule_id, "
            "reason, decided_by, decided_at) VALUES (:id, :key, :rule, :reason, :by, "
            ":at)");
    for (const records::RecordedOverride& x : p.overrides) {
      o.bind(":id", id);
      BindOverride(o, x);
      o.exec();
      o.reset();
    }
    return id;
  });
}

Result<CircadianPlanRecord> SqliteStore::GetCircadianPlan(PatientId patient, std::int64_t id) {
  return Guarded("read circadian plan", [&]() -> Result<CircadianPlanRecord> {
    Query q(*db_, "SELECT * FROM circadian_plans WHERE id = ? AND patient_id = ?");
    q.bind(1, id);
    q.bind(2, patient.value());
    if (!q.executeStep())
      return Status::NotFound("circadian plan " + std::to_string(id) + " not found");
    std::vector<CircadianPlanRecord> one{ReadPlan(q)};
    LoadPlanScreening(*db_, one);
    return std::move(one.front());
  });
}

Result<std::vector<CircadianPlanRecord>> SqliteStore::ListCircadianPlans(PatientId patient) {
  return Guarded("list circadian plans", [&]() -> Result<std::vector<CircadianPlanRecord>> {
    Query q(*db_,
            "SELECT * FROM circadian_plans WHERE patient_id = ? "
            "ORDER BY created_at DESC, id DESC");
    q.bind(1, patient.value());
    std::vector<CircadianPlanRecord> out;
    while (q.executeStep()) out.push_back(ReadPlan(q));
    LoadPlanScreening(*db_, out);
    return out;
  });
}

}  // namespace pineal::store
