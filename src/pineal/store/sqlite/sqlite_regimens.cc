// Regimens and their append-only versions.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <functional>
#include <map>

#include "pineal/records/enums.h"
#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"
#include "pineal/store/sqlite/sqlite_screening_rows.h"

namespace pineal::store {
namespace {

using namespace sqlite;  // NOLINT: private row helpers

std::string JoinTimes(const std::vector<TimeOfDay>& times) {
  std::string out;
  for (const TimeOfDay& t : times) {
    if (!out.empty()) out += ',';
    out += FormatTimeOfDay(t);
  }
  return out;
}

std::vector<TimeOfDay> SplitTimes(const std::string& text) {
  std::vector<TimeOfDay> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    auto t = ParseTimeOfDay(std::string_view(text).substr(start, comma - start));
    if (!t.ok()) throw std::runtime_error("stored times_of_day are unreadable: " + text);
    out.push_back(*t);
    start = comma + 1;
  }
  return out;
}

void InsertScreening(Connection& db, std::int64_t regimen, const records::RegimenVersion& v) {
  Query f(db,
          "INSERT INTO regimen_findings(regimen_id, version, position, rule_id, "
          "finding_key, kind, severity, blocking, title, message, mechanism, action, "
          "refs) VALUES (:r, :v, :p, :rule, :key, :kind, :sev, :b, :t, :m, :mech, :a, "
          ":refs)");
  for (size_t i = 0; i < v.findings.size(); ++i) {
    f.bind(":r", regimen);
    f.bind(":v", v.version);
    f.bind(":p", static_cast<int>(i));
    BindFinding(f, v.findings[i]);
    f.exec();
    f.reset();
  }
  Query o(db,
          "INSERT INTO regimen_overrides(regimen_id, version, finding_key, rule_id, "
          "reason, decided_by, decided_at) VALUES (:r, :v, :key, :rule, :reason, :by, "
          ":at)");
  for (const records::RecordedOverride& x : v.overrides) {
    o.bind(":r", regimen);
    o.bind(":v", v.version);
    BindOverride(o, x);
    o.exec();
    o.reset();
  }
  Query c(db,
          "INSERT INTO regimen_cosignatures(regimen_id, version, finding_key, reason, "
          "protocol, signed_by, signed_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  for (const records::RecordedCosignature& x : v.cosignatures) {
    c.bind(1, regimen);
    c.bind(2, v.version);
    c.bind(3, x.finding_key);
    c.bind(4, x.reason);
    c.bind(5, x.protocol);
    c.bind(6, x.signed_by);
    c.bind(7, FormatInstant(x.signed_at));
    c.exec();
    c.reset();
  }
}

// Finds a loaded version by regimen id and version number.
using VersionLookup = std::function<records::RegimenVersion*(std::int64_t regimen, int version)>;

// Attaches the recorded screening to the loaded versions of the regimens
// `in_regimens` selects (a subquery of regimen ids).
void LoadScreening(Connection& db, const std::string& in_regimens, std::int64_t value,
                   const VersionLookup& version_of) {
  Query f(db, "SELECT * FROM regimen_findings WHERE regimen_id IN (" + in_regimens +
                  ") ORDER BY regimen_id, version, position");
  f.bind(1, value);
  while (f.executeStep()) {
    records::RegimenVersion* v =
        version_of(f.getColumn("regimen_id").getInt64(), f.getColumn("version").getInt());
    if (v == nullptr) continue;
    v->findings.push_back(ColFinding(f));
  }
  Query o(db, "SELECT * FROM regimen_overrides WHERE regimen_id IN (" + in_regimens +
                  ") ORDER BY regimen_id, version, finding_key");
  o.bind(1, value);
  while (o.executeStep()) {
    records::RegimenVersion* v =
        version_of(o.getColumn("regimen_id").getInt64(), o.getColumn("version").getInt());
    if (v == nullptr) continue;
    v->overrides.push_back(ColOverride(o));
  }
  Query c(db, "SELECT * FROM regimen_cosignatures WHERE regimen_id IN (" + in_regimens +
                  ") ORDER BY regimen_id, version, finding_key");
  c.bind(1, value);
  while (c.executeStep()) {
    records::RegimenVersion* v =
        version_of(c.getColumn("regimen_id").getInt64(), c.getColumn("version").getInt());
    if (v == nullptr) continue;
    v->cosignatures.push_back({ColText(c, "finding_key"), ColText(c, "reason"),
                               ColText(c, "protocol"), ColText(c, "signed_by"),
                               ColInstant(c, "signed_at")});
  }
}

void InsertVersion(Connection& db, std::int64_t regimen, const records::RegimenVersion& v) {
  Query ins(db,
            "INSERT INTO regimen_versions(regimen_id, version, status, formulation, "
            "dose_value, dose_unit, times_of_day, frequency, indication, start_date, "
            "end_date, reason, created_at, created_by, content_mg_per_g) VALUES (:r, "
            ":v, :st, :f, :dose_value, :dose_unit, :t, :fr, :ind, :sd, :ed, :re, :ca, "
            ":cb, :content)");
  ins.bind(":r", regimen);
  ins.bind(":v", v.version);
  ins.bind(":st", std::string(records::ToString(v.status)));
  BindText(ins, ":f", v.formulation);
  BindOptMass(ins, "dose", v.dose);
  BindText(ins, ":t", JoinTimes(v.times_of_day));
  ins.bind(":fr", std::string(records::ToString(v.frequency)));
  BindText(ins, ":ind", v.indication);
  BindDate(ins, ":sd", v.start_date);
  BindOptDate(ins, ":ed", v.end_date);
  BindText(ins, ":re", v.reason);
  BindInstant(ins, ":ca", v.provenance.created_at);
  BindText(ins, ":cb", v.provenance.created_by);
  if (v.content_mg_per_g) {
    ins.bind(":content", *v.content_mg_per_g);
  } else {
    ins.bind(":content");
  }
  ins.exec();
  InsertScreening(db, regimen, v);
  Query step(db,
             "INSERT INTO titration_steps(regimen_id, version, position, after_days, "
             "dose_value, dose_unit) VALUES (:r, :v, :pos, :after, :dose_value, "
             ":dose_unit)");
  for (size_t i = 0; i < v.titration.size(); ++i) {
    step.bind(":r", regimen);
    step.bind(":v", v.version);
    step.bind(":pos", static_cast<int>(i));
    step.bind(":after", v.titration[i].after_days);
    BindOptMass(step, "dose", v.titration[i].dose);
    step.exec();
    step.reset();
  }
}

}  // namespace

Result<RegimenId> SqliteStore::InsertRegimen(const records::Regimen& regimen) {
  if (regimen.versions.empty()) {
    return Status::InvalidArgument("a regimen is stored with its first version", "versions");
  }
  Result<RegimenId> out = Status::Internal("regimen not inserted");
  Status st = InTransaction([&]() -> Status {
    Query ins(*db_,
              "INSERT INTO regimens(patient_id, substance, created_at, created_by) "
              "VALUES (?, ?, ?, ?)");
    ins.bind(1, regimen.patient_id.value());
    ins.bind(2, regimen.substance);
    ins.bind(3, FormatInstant(regimen.current().provenance.created_at));
    ins.bind(4, regimen.current().provenance.created_by);
    ins.exec();
    const std::int64_t id = db_->getLastInsertRowid();
    for (const auto& v : regimen.versions) InsertVersion(*db_, id, v);
    out = RegimenId(id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Status SqliteStore::AppendRegimenVersion(RegimenId id, const records::RegimenVersion& version) {
  return InTransaction([&]() -> Status {
    Query q(*db_, "SELECT MAX(version) FROM regimen_versions WHERE regimen_id = ?");
    q.bind(1, id.value());
    q.executeStep();
    if (q.getColumn(0).isNull()) return Status::NotFound("regimen " + id.ToString() + " not found");
    const int current = q.getColumn(0).getInt();
    if (version.version != current + 1) {
      return Status::Aborted("regimen " + id.ToString() + " is at version " +
                                 std::to_string(current) + "; a change must build on it (send " +
                                 "base_version " + std::to_string(current) + ")",
                             "base_version");
    }
    InsertVersion(*db_, id.value(), version);
    return Status::Ok();
  });
}

Result<std::vector<records::Regimen>> SqliteStore::LoadRegimens(const char* filter,
                                                                std::int64_t value) {
  // Five queries however many regimens match: the regimens, then all their
  // versions, steps, findings and overrides, each matched up by id.
  const std::string in_regimens = std::string("SELECT id FROM regimens WHERE ") + filter;
  std::vector<records::Regimen> out;
  std::map<std::int64_t, std::size_t> position;
  Query r(*db_, std::string("SELECT id, patient_id, substance FROM regimens WHERE ") + filter +
                    " ORDER BY id");
  r.bind(1, value);
  while (r.executeStep()) {
    records::Regimen regimen;
    regimen.id = RegimenId(r.getColumn(0).getInt64());
    regimen.patient_id = PatientId(r.getColumn(1).getInt64());
    regimen.substance = r.getColumn(2).getString();
    position[regimen.id.value()] = out.size();
    out.push_back(std::move(regimen));
  }
  auto regimen_of = [&](std::int64_t id) -> records::Regimen* {
    auto it = position.find(id);
    return it == position.end() ? nullptr : &out[it->second];
  };
  const VersionLookup version_of = [&](std::int64_t id, int number) -> records::RegimenVersion* {
    records::Regimen* regimen = regimen_of(id);
    if (regimen == nullptr) return nullptr;
    for (auto& v : regimen->versions) {
      if (v.version == number) return &v;
    }
    return nullptr;
  };

  Query v(*db_, "SELECT * FROM regimen_versions WHERE regimen_id IN (" + in_regimens +
                    ") ORDER BY regimen_id, version");
  v.bind(1, value);
  while (v.executeStep()) {
    records::Regimen* regimen = regimen_of(v.getColumn("regimen_id").getInt64());
    if (regimen == nullptr) continue;
    records::RegimenVersion ver;
    ver.version = v.getColumn("version").getInt();
    ver.status = ColEnum<records::RegimenStatus>(v, "status");
    ver.formulation = ColText(v, "formulation");
    ver.dose = ColMass(v, "dose");
    ver.times_of_day = SplitTimes(ColText(v, "times_of_day"));
    ver.frequency = ColEnum<records::Frequency>(v, "frequency");
    ver.indication = ColText(v, "indication");
    ver.start_date = ColDate(v, "start_date");
    ver.end_date = ColOptDate(v, "end_date");
    ver.reason = ColText(v, "reason");
    if (!v.getColumn("content_mg_per_g").isNull()) {
      ver.content_mg_per_g = v.getColumn("content_mg_per_g").getDouble();
    }
    ver.provenance = ColProvenance(v);
    regimen->versions.push_back(std::move(ver));
  }
  Query s(*db_,
          "SELECT regimen_id, version, after_days, dose_value, dose_unit FROM "
          "titration_steps WHERE regimen_id IN (" +
              in_regimens + ") ORDER BY regimen_id, version, position");
  s.bind(1, value);
  while (s.executeStep()) {
    records::RegimenVersion* ver = version_of(s.getColumn(0).getInt64(), s.getColumn(1).getInt());
    if (ver != nullptr) ver->titration.push_back({s.getColumn(2).getInt(), ColMass(s, "dose")});
  }
  LoadScreening(*db_, in_regimens, value, version_of);
  for (const auto& regimen : out) {
    if (regimen.versions.empty()) {
      return Status::Internal("regimen " + regimen.id.ToString() + " has no versions");
    }
  }
  return out;
}

Result<records::Regimen> SqliteStore::GetRegimen(PatientId patient, RegimenId id) {
  return Guarded("read regimen", [&]() -> Result<records::Regimen> {
    PINEAL_RETURN_IF_ERROR(ExistsForPatient("regimens", id.value(), patient));
    PINEAL_ASSIGN_OR_RETURN(std::vector<records::Regimen> one, LoadRegimens("id = ?", id.value()));
    if (one.empty()) return Status::NotFound("regimen " + id.ToString() + " not found");
    return std::move(one.front());
  });
}

Result<std::vector<records::Regimen>> SqliteStore::ListRegimens(PatientId patient) {
  return Guarded("list regimens", [&]() -> Result<std::vector<records::Regimen>> {
    return LoadRegimens("patient_id = ?", patient.value());
  });
}

}  // namespace pineal::store
