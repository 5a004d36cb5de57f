// Medicines, supplements and integrative therapies.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/records/enums.h"
#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {
namespace {

using namespace sqlite;  // NOLINT: private row helpers

void BindMedication(SQLite::Statement& s, const records::MedicationEntry& m) {
  BindText(s, ":n", m.name);
  s.bind(":cat", std::string(records::ToString(m.category)));
  BindText(s, ":cs", m.code_system);
  BindText(s, ":c", m.code);
  BindOptMass(s, "dose", m.dose);
  BindText(s, ":sch", m.schedule);
  BindOptDate(s, ":sd", m.start_date);
  BindOptDate(s, ":ed", m.stop_date);
  s.bind(":src", std::string(records::ToString(m.source)));
  BindText(s, ":note", m.note);
}

records::MedicationEntry ReadMedication(SQLite::Statement& q) {
  records::MedicationEntry m;
  m.id = MedicationId(q.getColumn("id").getInt64());
  m.patient_id = PatientId(q.getColumn("patient_id").getInt64());
  m.name = ColText(q, "name");
  m.category = ColEnum<records::MedicationCategory>(q, "category");
  m.code_system = ColText(q, "code_system");
  m.code = ColText(q, "code");
  m.dose = ColOptMass(q, "dose");
  m.schedule = ColText(q, "schedule");
  m.start_date = ColOptDate(q, "start_date");
  m.stop_date = ColOptDate(q, "stop_date");
  m.source = ColEnum<records::MedicationSource>(q, "source");
  m.note = ColText(q, "note");
  m.provenance = ColProvenance(q);
  return m;
}

}  // namespace

Result<MedicationId> SqliteStore::InsertMedication(const records::MedicationEntry& m) {
  return Guarded("add medication", [&]() -> Result<MedicationId> {
    Query ins(*db_,
              "INSERT INTO medications(patient_id, name, category, code_system, code, "
              "dose_value, dose_unit, schedule, start_date, stop_date, source, note, "
              "created_at, created_by) VALUES (:p, :n, :cat, :cs, :c, :dose_value, "
              ":dose_unit, :sch, :sd, :ed, :src, :note, :ca, :cb)");
    ins.bind(":p", m.patient_id.value());
    BindMedication(ins, m);
    BindInstant(ins, ":ca", m.provenance.created_at);
    BindText(ins, ":cb", m.provenance.created_by);
    ins.exec();
    return MedicationId(db_->getLastInsertRowid());
  });
}

Result<records::MedicationEntry> SqliteStore::GetMedication(PatientId patient, MedicationId id) {
  return Guarded("read medication", [&]() -> Result<records::MedicationEntry> {
    Query q(*db_, "SELECT * FROM medications WHERE id = ? AND patient_id = ?");
    q.bind(1, id.value());
    q.bind(2, patient.value());
    if (!q.executeStep()) return Status::NotFound("medication " + id.ToString() + " not found");
    return ReadMedication(q);
  });
}

Status SqliteStore::UpdateMedication(const records::MedicationEntry& m) {
  return Guarded("update medication", [&]() -> Status {
    Query up(*db_,
             "UPDATE medications SET name = :n, category = :cat, code_system = :cs, "
             "code = :c, dose_value = :dose_value, dose_unit = :dose_unit, "
             "schedule = :sch, start_date = :sd, stop_date = :ed, source = :src, "
             "note = :note WHERE id = :id AND patient_id = :p");
    BindMedication(up, m);
    up.bind(":id", m.id.value());
    up.bind(":p", m.patient_id.value());
    if (up.exec() == 0) return Status::NotFound("medication " + m.id.ToString() + " not found");
    return Status::Ok();
  });
}

Result<std::vector<records::MedicationEntry>> SqliteStore::ListMedications(PatientId patient) {
  return Guarded("list medications", [&]() -> Result<std::vector<records::MedicationEntry>> {
    Query q(*db_, "SELECT * FROM medications WHERE patient_id = ? ORDER BY id");
    q.bind(1, patient.value());
    std::vector<records::MedicationEntry> out;
    while (q.executeStep()) out.push_back(ReadMedication(q));
    return out;
  });
}

}  // namespace pineal::store
