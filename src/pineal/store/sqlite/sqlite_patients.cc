// Patients, their conditions and their weight history.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <map>

#include "pineal/records/enums.h"
#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {
namespace {

using namespace sqlite;  // NOLINT: private row helpers

void WriteConditions(Connection& db, const records::Patient& p, std::int64_t id) {
  Query del(db, "DELETE FROM patient_conditions WHERE patient_id = ?");
  del.bind(1, id);
  del.exec();
  Query ins(db,
            "INSERT INTO patient_conditions(patient_id, position, condition) "
            "VALUES (?, ?, ?)");
  for (size_t i = 0; i < p.conditions.size(); ++i) {
    ins.bind(1, id);
    ins.bind(2, static_cast<int>(i));
    ins.bind(3, p.conditions[i]);
    ins.exec();
    ins.reset();
  }
}

void InsertWeight(Connection& db, std::int64_t patient, const records::WeightRecord& w,
                  const records::Provenance& prov) {
  Query ins(db,
            "INSERT INTO weight_records(patient_id, value, unit, measured_on, "
            "created_at, created_by) VALUES (:p, :v, :u, :d, :ca, :cb)");
  ins.bind(":p", patient);
  ins.bind(":v", w.weight.value());
  ins.bind(":u", w.weight.unit());
  BindDate(ins, ":d", w.measured_on);
  BindInstant(ins, ":ca", prov.created_at);
  BindText(ins, ":cb", prov.created_by);
  ins.exec();
}

records::Patient ReadPatientRow(SQLite::Statement& q) {
  records::Patient p;
  p.id = PatientId(q.getColumn("id").getInt64());
  p.display_name = ColText(q, "display_name");
  p.birth_date = ColOptDate(q, "birth_date");
  p.sex = ColEnum<records::Sex>(q, "sex");
  p.pregnancy = ColEnum<records::PregnancyStatus>(q, "pregnancy");
  p.breastfeeding = q.getColumn("breastfeeding").getInt() != 0;
  p.smoker = q.getColumn("smoker").getInt() != 0;
  p.time_zone = ColText(q, "time_zone");
  p.notes = ColText(q, "notes");
  p.version = q.getColumn("version").getInt();
  p.provenance = ColProvenance(q);
  p.updated_at = ColInstant(q, "updated_at");
  return p;
}

// Fills in the conditions and latest weight of patients read from their
// rows: two queries for the whole list.
void LoadDetails(Connection& db, std::vector<records::Patient>& patients) {
  if (patients.empty()) return;
  std::vector<std::int64_t> ids;
  std::map<std::int64_t, records::Patient*> by_id;
  for (auto& p : patients) {
    ids.push_back(p.id.value());
    by_id[p.id.value()] = &p;
  }
  const std::string in = Placeholders(ids.size());
  Query c(db,
          "SELECT patient_id, condition FROM patient_conditions WHERE patient_id "
          "IN (" +
              in + ") ORDER BY patient_id, position");
  BindIds(c, ids);
  while (c.executeStep())
    by_id[c.getColumn(0).getInt64()]->conditions.push_back(c.getColumn(1).getString());

  // The latest measurement of each patient (newest date, then newest row).
  Query w(db,
          "SELECT patient_id, value, unit, measured_on FROM weight_records w "
          "WHERE patient_id IN (" +
              in +
              ") AND id = (SELECT id FROM weight_records x "
              "WHERE x.patient_id = w.patient_id ORDER BY measured_on DESC, id DESC LIMIT 1)");
  BindIds(w, ids);
  while (w.executeStep()) {
    auto weight = BodyWeight::Make(w.getColumn(1).getDouble(), w.getColumn(2).getString());
    if (weight.ok()) {
      by_id[w.getColumn(0).getInt64()]->weight =
          records::WeightRecord{*weight, ColDate(w, "measured_on")};
    }
  }
}

constexpr const char* kPatientColumns =
    "id, display_name, birth_date, sex, pregnancy, breastfeeding, smoker, time_zone, notes, "
    "version, created_at, created_by, updated_at";

}  // namespace

Result<PatientId> SqliteStore::InsertPatient(const records::Patient& p) {
  Result<PatientId> out = Status::Internal("patient not inserted");
  Status st = InTransaction([&]() -> Status {
    Query ins(*db_,
              "INSERT INTO patients(display_name, birth_date, sex, pregnancy, "
              "breastfeeding, smoker, time_zone, notes, version, created_at, "
              "created_by, updated_at) VALUES (:n, :b, :s, :pr, :bf, :sm, :tz, "
              ":no, 1, :ca, :cb, :ca)");
    BindText(ins, ":n", p.display_name);
    BindOptDate(ins, ":b", p.birth_date);
    ins.bind(":s", std::string(records::ToString(p.sex)));
    ins.bind(":pr", std::string(records::ToString(p.pregnancy)));
    ins.bind(":bf", p.breastfeeding ? 1 : 0);
    ins.bind(":sm", p.smoker ? 1 : 0);
    BindText(ins, ":tz", p.time_zone);
    BindText(ins, ":no", p.notes);
    BindInstant(ins, ":ca", p.provenance.created_at);
    BindText(ins, ":cb", p.provenance.created_by);
    ins.exec();
    const std::int64_t id = db_->getLastInsertRowid();
    WriteConditions(*db_, p, id);
    if (p.weight) InsertWeight(*db_, id, *p.weight, p.provenance);
    out = PatientId(id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<records::Patient> SqliteStore::GetPatient(PatientId id) {
  return Guarded("read patient", [&]() -> Result<records::Patient> {
    Query q(*db_, std::string("SELECT ") + kPatientColumns + " FROM patients WHERE id = ?");
    q.bind(1, id.value());
    if (!q.executeStep()) {
      return Status::NotFound("patient " + id.ToString() + " not found");
    }
    std::vector<records::Patient> one{ReadPatientRow(q)};
    LoadDetails(*db_, one);
    return std::move(one.front());
  });
}

Status SqliteStore::UpdatePatient(const records::Patient& p, Instant now) {
  return InTransaction([&]() -> Status {
    Query up(*db_,
             "UPDATE patients SET display_name = :n, birth_date = :b, sex = :s, "
             "pregnancy = :pr, breastfeeding = :bf, smoker = :sm, time_zone = :tz, "
             "notes = :no, version = version + 1, updated_at = :ua "
             "WHERE id = :id AND version = :v");
    BindText(up, ":n", p.display_name);
    BindOptDate(up, ":b", p.birth_date);
    up.bind(":s", std::string(records::ToString(p.sex)));
    up.bind(":pr", std::string(records::ToString(p.pregnancy)));
    up.bind(":bf", p.breastfeeding ? 1 : 0);
    up.bind(":sm", p.smoker ? 1 : 0);
    BindText(up, ":tz", p.time_zone);
    BindText(up, ":no", p.notes);
    BindInstant(up, ":ua", now);
    up.bind(":id", p.id.value());
    up.bind(":v", p.version);
    if (up.exec() == 0) {
      Query q(*db_, "SELECT version FROM patients WHERE id = ?");
      q.bind(1, p.id.value());
      if (!q.executeStep()) return Status::NotFound("patient " + p.id.ToString() + " not found");
      return Status::Aborted("patient " + p.id.ToString() +
                                 " was changed by someone else (now version " +
                                 std::to_string(q.getColumn(0).getInt()) + ", you sent " +
                                 std::to_string(p.version) + "); reload and try again",
                             "version");
    }
    WriteConditions(*db_, p, p.id.value());
    return Status::Ok();
  });
}

Status SqliteStore::AddWeight(PatientId id, const records::WeightRecord& weight,
                              const records::Provenance& provenance) {
  return Guarded("add weight", [&]() -> Status {
    InsertWeight(*db_, id.value(), weight, provenance);
    return Status::Ok();
  });
}

Result<Page<records::Patient>> SqliteStore::ListPatients(const PatientQuery& query) {
  return Guarded("list patients", [&]() -> Result<Page<records::Patient>> {
    // LIKE's wildcards in the search text are escaped: a search is a substring.
    std::string pattern = "%";
    for (char c : query.search) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
    Page<records::Patient> page;
    std::string where = " FROM patients WHERE display_name LIKE :pattern ESCAPE '\\'";
    if (query.care_team_of) {
      where += " AND id IN (SELECT patient_id FROM care_team WHERE user_id = :user)";
    }
    if (query.only) where += " AND id = :only";
    auto bind_where = [&](SQLite::Statement& st) {
      st.bind(":pattern", pattern);
      if (query.care_team_of) st.bind(":user", query.care_team_of->value());
      if (query.only) st.bind(":only", query.only->value());
    };
    Query count(*db_, "SELECT COUNT(*)" + where);
    bind_where(count);
    count.executeStep();
    page.total = count.getColumn(0).getInt();
    Query q(*db_, std::string("SELECT ") + kPatientColumns + where +
                      " ORDER BY display_name COLLATE NOCASE, id LIMIT :limit OFFSET "
                      ":offset");
    bind_where(q);
    q.bind(":limit", query.limit);
    q.bind(":offset", query.offset);
    while (q.executeStep()) page.items.push_back(ReadPatientRow(q));
    LoadDetails(*db_, page.items);
    return page;
  });
}

}  // namespace pineal::store
