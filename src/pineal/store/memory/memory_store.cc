// Transactions, migrations, patients and medications.
#include "pineal/store/memory/memory_store.h"

#include <algorithm>
#include <chrono>
#include <exception>

#include "pineal/core/clock.h"
#include "pineal/store/memory/memory_util.h"
#include "pineal/store/migration.h"

namespace pineal::store {

using memory::ForeignKeyConflict;

MemoryStore::MemoryStore() = default;
MemoryStore::~MemoryStore() = default;

Status MemoryStore::ReadTogether(const std::function<Status()>& body) {
  std::lock_guard lock(mu_);
  return body();
}

Status MemoryStore::InTransaction(const std::function<Status()>& body) {
  std::lock_guard lock(mu_);
  // Each level keeps its own copy, so a failed inner body undoes only its
  // own writes, like a SQLite savepoint.
  Tables before = t_;
  Status status;
  try {
    status = body();
  } catch (const std::exception& e) {
    status = Status::Internal(std::string("transaction: ") + e.what());
  }
  if (!status.ok()) t_ = std::move(before);
  return status;
}

Status MemoryStore::Migrate() {
  std::lock_guard lock(mu_);
  if (t_.migrated_at.empty()) {
    t_.migrated_at = FormatInstant(SystemClock().Now());  // as SQLite's datetime('now')
  }
  return Status::Ok();
}

Result<std::vector<MigrationInfo>> MemoryStore::Migrations() {
  std::lock_guard lock(mu_);
  std::vector<MigrationInfo> out;
  for (const Migration& m : SqliteMigrations()) {
    out.push_back({m.version, std::string(m.name), t_.migrated_at});
  }
  return out;
}

bool MemoryStore::PatientExists(PatientId id) const {
  return id.value() >= 1 && id.value() <= static_cast<std::int64_t>(t_.patients.size());
}

bool MemoryStore::UserExists(UserId id) const {
  return id.value() >= 1 && id.value() <= static_cast<std::int64_t>(t_.users.size());
}

Status MemoryStore::RegimenOfPatient(std::int64_t id, PatientId patient) {
  const records::Regimen* r = Find(t_.regimens, id);
  if (r == nullptr || r->patient_id != patient) {
    return Status::NotFound("regimens entry " + std::to_string(id) + " not found for this patient");
  }
  return Status::Ok();
}

// The latest measurement is the patient's weight: by date, then entry order.
records::Patient MemoryStore::WithWeight(const records::Patient& p) const {
  records::Patient out = p;
  out.weight.reset();
  for (const WeightRow& w : t_.weights) {
    if (w.patient_id != p.id) continue;
    if (!out.weight || w.weight.measured_on >= out.weight->measured_on) out.weight = w.weight;
  }
  return out;
}

Result<PatientId> MemoryStore::InsertPatient(const records::Patient& patient) {
  std::lock_guard lock(mu_);
  records::Patient p = patient;
  p.id = PatientId(NextId(t_.patients));
  p.version = 1;
  p.updated_at = p.provenance.created_at;
  p.weight.reset();
  if (patient.weight) t_.weights.push_back({p.id, *patient.weight});
  t_.patients.push_back(std::move(p));
  return t_.patients.back().id;
}

Result<records::Patient> MemoryStore::GetPatient(PatientId id) {
  std::lock_guard lock(mu_);
  const records::Patient* p = Find(t_.patients, id.value());
  if (p == nullptr) return Status::NotFound("patient " + id.ToString() + " not found");
  return WithWeight(*p);
}

Status MemoryStore::UpdatePatient(const records::Patient& patient, Instant now) {
  std::lock_guard lock(mu_);
  records::Patient* p = Find(t_.patients, patient.id.value());
  if (p == nullptr) return Status::NotFound("patient " + patient.id.ToString() + " not found");
  if (p->version != patient.version) {
    return Status::Aborted("patient " + patient.id.ToString() +
                               " was changed by someone else (now version " +
                               std::to_string(p->version) + ", you sent " +
                               std::to_string(patient.version) + "); reload and try again",
                           "version");
  }
  // The same columns the SQL UPDATE writes; provenance and weight stay.
  p->display_name = patient.display_name;
  p->birth_date = patient.birth_date;
  p->sex = patient.sex;
  p->pregnancy = patient.pregnancy;
  p->breastfeeding = patient.breastfeeding;
  p->smoker = patient.smoker;
  p->time_zone = patient.time_zone;
  p->notes = patient.notes;
  p->conditions = patient.conditions;
  p->version += 1;
  p->updated_at = now;
  return Status::Ok();
}

Result<Page<records::Patient>> MemoryStore::ListPatients(const PatientQuery& query) {
  std::lock_guard lock(mu_);
  const std::string needle = memory::AsciiLower(query.search);
  std::vector<const records::Patient*> matches;
  for (const records::Patient& p : t_.patients) {
    if (memory::AsciiLower(p.display_name).find(needle) == std::string::npos) continue;
    if (query.care_team_of) {
      const bool on_team = std::any_of(t_.care_team.begin(), t_.care_team.end(), [&](auto& row) {
        return row.patient_id == p.id && row.user_id == *query.care_team_of;
      });
      if (!on_team) continue;
    }
    if (query.only && p.id != *query.only) continue;
    matches.push_back(&p);
  }
  // ORDER BY display_name COLLATE NOCASE, id (matches are in id order).
  std::stable_sort(matches.begin(), matches.end(), [](auto* a, auto* b) {
    return memory::LessNoCase(a->display_name, b->display_name);
  });
  Page<records::Patient> page;
  page.total = static_cast<int>(matches.size());
  for (const records::Patient* p : memory::LimitOffset(matches, query.limit, query.offset)) {
    page.items.push_back(WithWeight(*p));
  }
  return page;
}

Status MemoryStore::AddWeight(PatientId id, const records::WeightRecord& weight,
                              const records::Provenance& /*provenance*/) {
  std::lock_guard lock(mu_);
  if (!PatientExists(id)) return ForeignKeyConflict("add weight");
  t_.weights.push_back({id, weight});
  return Status::Ok();
}

Result<MedicationId> MemoryStore::InsertMedication(const records::MedicationEntry& m) {
  std::lock_guard lock(mu_);
  if (!PatientExists(m.patient_id)) return ForeignKeyConflict("add medication");
  records::MedicationEntry row = m;
  row.id = MedicationId(NextId(t_.medications));
  t_.medications.push_back(std::move(row));
  return t_.medications.back().id;
}

Result<records::MedicationEntry> MemoryStore::GetMedication(PatientId patient, MedicationId id) {
  std::lock_guard lock(mu_);
  const records::MedicationEntry* m = Find(t_.medications, id.value());
  if (m == nullptr || m->patient_id != patient) {
    return Status::NotFound("medication " + id.ToString() + " not found");
  }
  return *m;
}

Status MemoryStore::UpdateMedication(const records::MedicationEntry& m) {
  std::lock_guard lock(mu_);
  records::MedicationEntry* row = Find(t_.medications, m.id.value());
  if (row == nullptr || row->patient_id != m.patient_id) {
    return Status::NotFound("medication " + m.id.ToString() + " not found");
  }
  // Everything but the id, the patient and the provenance is rewritten.
  records::MedicationEntry updated = m;
  updated.provenance = row->provenance;
  *row = std::move(updated);
  return Status::Ok();
}

Result<std::vector<records::MedicationEntry>> MemoryStore::ListMedications(PatientId patient) {
  std::lock_guard lock(mu_);
  std::vector<records::MedicationEntry> out;
  for (const auto& m : t_.medications) {
    if (m.patient_id == patient) out.push_back(m);
  }
  return out;
}

}  // namespace pineal::store
