// Dose events and observations: append-only, corrected by new entries.
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

// Checks that `target` belongs to the patient and is the latest of its chain.
Status CheckCorrectable(Connection& db, const char* table, const char* label, std::int64_t target,
                        PatientId patient) {
  Query q(db, std::string("SELECT t.patient_id, c.id FROM ") + table + " t LEFT JOIN " + table +
                  " c ON c.corrects = t.id WHERE t.id = ?");
  q.bind(1, target);
  if (!q.executeStep() || q.getColumn(0).getInt64() != patient.value()) {
    return Status::InvalidArgument(std::string("names no ") + label + " of this patient",
                                   "corrects");
  }
  if (!q.getColumn(1).isNull()) {
    return Status::Aborted(
        std::string(label) + " " + std::to_string(target) + " was already corrected by " +
            std::to_string(q.getColumn(1).getInt64()) + "; correct the latest entry instead",
        "corrects");
  }
  return Status::Ok();
}

std::string RangeClause(const TimeRange& range, const char* column, bool with_superseded,
                        const char* table) {
  std::string sql;
  if (range.from) sql += std::string(" AND ") + column + " >= :from";
  if (range.to) sql += std::string(" AND ") + column + " < :to";
  if (!with_superseded) {
    sql += std::string(" AND NOT EXISTS (SELECT 1 FROM ") + table + " c WHERE c.corrects = t.id)";
  }
  return sql;
}

void BindRange(SQLite::Statement& q, const TimeRange& range) {
  if (range.from) BindInstant(q, ":from", *range.from);
  if (range.to) BindInstant(q, ":to", *range.to);
}

// The statement of one keyset page of `table` in (`column`, id) order; the
// row-value comparison lets the (patient_id, column, id) index seek to it.
std::string PageSql(const EventPageQuery& query, const char* table, const char* column) {
  std::string sql = std::string("SELECT * FROM ") + table + " t WHERE patient_id = :p" +
                    RangeClause(query.range, column, query.with_superseded, table);
  if (query.after) sql += std::string(" AND (") + column + ", id) > (:after_at, :after_id)";
  return sql + " ORDER BY " + column + ", id LIMIT :limit";
}

void BindPage(SQLite::Statement& q, const EventPageQuery& query) {
  q.bind(":p", query.patient.value());
  BindRange(q, query.range);
  if (query.after) {
    BindInstant(q, ":after_at", query.after->at);
    q.bind(":after_id", query.after->id);
  }
  q.bind(":limit", query.limit);
}

// The positions of a dose event's columns in a statement, found once for
// all its rows (a lookup by name per value cost more than the query).
struct DoseEventColumns {
  explicit DoseEventColumns(SQLite::Statement& q)
      : id(q.getColumnIndex("id")),
        patient_id(q.getColumnIndex("patient_id")),
        regimen_id(q.getColumnIndex("regimen_id")),
        substance(q.getColumnIndex("substance")),
        planned_at(q.getColumnIndex("planned_at")),
        taken_at(q.getColumnIndex("taken_at")),
        amount_value(q.getColumnIndex("amount_value")),
        amount_unit(q.getColumnIndex("amount_unit")),
        status(q.getColumnIndex("status")),
        note(q.getColumnIndex("note")),
        corrects(q.getColumnIndex("corrects")),
        created_at(q.getColumnIndex("created_at")),
        created_by(q.getColumnIndex("created_by")) {}
  int id, patient_id, regimen_id, substance, planned_at, taken_at, amount_value, amount_unit,
      status, note, corrects, created_at, created_by;
};

records::DoseEvent ReadDoseEvent(SQLite::Statement& q, const DoseEventColumns& c) {
  records::DoseEvent e;
  e.id = DoseEventId(q.getColumn(c.id).getInt64());
  e.patient_id = PatientId(q.getColumn(c.patient_id).getInt64());
  if (auto r = ColOptInt(q, c.regimen_id)) e.regimen_id = RegimenId(*r);
  e.substance = ColText(q, c.substance);
  e.planned_at = ColOptInstant(q, c.planned_at);
  e.taken_at = ColOptInstant(q, c.taken_at);
  e.amount = ColOptMass(q, c.amount_value, c.amount_unit);
  e.status = ColEnum<records::DoseStatus>(q, c.status);
  e.note = ColText(q, c.note);
  if (auto r = ColOptInt(q, c.corrects)) e.corrects = DoseEventId(*r);
  e.provenance = ColProvenance(q, c.created_at, c.created_by);
  return e;
}

// Every row of `q`, read as dose events.
std::vector<records::DoseEvent> ReadDoseEvents(SQLite::Statement& q) {
  const DoseEventColumns columns(q);
  std::vector<records::DoseEvent> out;
  while (q.executeStep()) out.push_back(ReadDoseEvent(q, columns));
  return out;
}

struct ObservationColumns {
  explicit ObservationColumns(SQLite::Statement& q)
      : id(q.getColumnIndex("id")),
        patient_id(q.getColumnIndex("patient_id")),
        kind(q.getColumnIndex("kind")),
        code(q.getColumnIndex("code")),
        value(q.getColumnIndex("value")),
        unit(q.getColumnIndex("unit")),
        text(q.getColumnIndex("text")),
        interpretation(q.getColumnIndex("interpretation")),
        observed_at(q.getColumnIndex("observed_at")),
        corrects(q.getColumnIndex("corrects")),
        created_at(q.getColumnIndex("created_at")),
        created_by(q.getColumnIndex("created_by")) {}
  int id, patient_id, kind, code, value, unit, text, interpretation, observed_at, corrects,
      created_at, created_by;
};

records::Observation ReadObservation(SQLite::Statement& q, const ObservationColumns& c) {
  records::Observation o;
  o.id = ObservationId(q.getColumn(c.id).getInt64());
  o.patient_id = PatientId(q.getColumn(c.patient_id).getInt64());
  o.kind = ColEnum<records::ObservationKind>(q, c.kind);
  o.code = ColText(q, c.code);
  if (!q.isColumnNull(c.value)) o.value = q.getColumn(c.value).getDouble();
  o.unit = ColText(q, c.unit);
  o.text = ColText(q, c.text);
  o.interpretation = ColText(q, c.interpretation);
  o.observed_at = ColInstant(q, c.observed_at);
  if (auto r = ColOptInt(q, c.corrects)) o.corrects = ObservationId(*r);
  o.provenance = ColProvenance(q, c.created_at, c.created_by);
  return o;
}

// Every row of `q`, read as observations (without their components).
std::vector<records::Observation> ReadObservations(SQLite::Statement& q) {
  const ObservationColumns columns(q);
  std::vector<records::Observation> out;
  while (q.executeStep()) out.push_back(ReadObservation(q, columns));
  return out;
}

// Attaches the components of `list` (all of one patient) with one query,
// reading only theirs however many the patient has.
void LoadComponents(Connection& db, std::vector<records::Observation>& list) {
  if (list.empty()) return;
  std::map<std::int64_t, records::Observation*> by_id;
  std::string ids = "[";
  for (auto& o : list) {
    by_id[o.id.value()] = &o;
    if (ids.size() > 1) ids += ',';
    ids += std::to_string(o.id.value());
  }
  ids += "]";
  Query q(db,
          "SELECT observation_id, code, value, text FROM observation_components "
          "WHERE observation_id IN (SELECT value FROM json_each(?)) "
          "ORDER BY observation_id, position");
  q.bind(1, ids);
  while (q.executeStep()) {
    auto it = by_id.find(q.getColumn(0).getInt64());
    if (it == by_id.end()) continue;
    records::ObservationComponent c;
    c.code = q.getColumn(1).getString();
    if (!q.getColumn(2).isNull()) c.value = q.getColumn(2).getDouble();
    c.text = q.getColumn(3).getString();
    it->second->components.push_back(std::move(c));
  }
}

}  // namespace

Result<DoseEventId> SqliteStore::InsertDoseEvent(const records::DoseEvent& e) {
  Result<DoseEventId> out = Status::Internal("dose event not inserted");
  Status st = InTransaction([&]() -> Status {
    if (e.corrects) {
      PINEAL_RETURN_IF_ERROR(
          CheckCorrectable(*db_, "dose_events", "dose event", e.corrects->value(), e.patient_id));
    }
    if (e.regimen_id) {
      PINEAL_RETURN_IF_ERROR(ExistsForPatient("regimens", e.regimen_id->value(), e.patient_id)
                                 .WithFieldPrefix("regimen_id"));
    }
    Query ins(*db_,
              "INSERT INTO dose_events(patient_id, regimen_id, substance, planned_at, "
              "taken_at, amount_value, amount_unit, status, note, corrects, filed_at, "
              "created_at, created_by) VALUES (:p, :r, :s, :pa, :ta, :amount_value, "
              ":amount_unit, :st, :n, :c, :f, :ca, :cb)");
    ins.bind(":p", e.patient_id.value());
    if (e.regimen_id) {
      ins.bind(":r", e.regimen_id->value());
    } else {
      ins.bind(":r");
    }
    BindText(ins, ":s", e.substance);
    BindOptInstant(ins, ":pa", e.planned_at);
    BindOptInstant(ins, ":ta", e.taken_at);
    BindOptMass(ins, "amount", e.amount);
    ins.bind(":st", std::string(records::ToString(e.status)));
    BindText(ins, ":n", e.note);
    if (e.corrects) {
      ins.bind(":c", e.corrects->value());
    } else {
      ins.bind(":c");
    }
    BindInstant(ins, ":f", e.when());
    BindInstant(ins, ":ca", e.provenance.created_at);
    BindText(ins, ":cb", e.provenance.created_by);
    ins.exec();
    out = DoseEventId(db_->getLastInsertRowid());
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<records::DoseEvent> SqliteStore::GetDoseEvent(PatientId patient, DoseEventId id) {
  return Guarded("read dose event", [&]() -> Result<records::DoseEvent> {
    Query q(*db_, "SELECT * FROM dose_events WHERE id = ? AND patient_id = ?");
    q.bind(1, id.value());
    q.bind(2, patient.value());
    if (!q.executeStep()) return Status::NotFound("dose event " + id.ToString() + " not found");
    return ReadDoseEvent(q, DoseEventColumns(q));
  });
}

Result<std::vector<records::DoseEvent>> SqliteStore::ListDoseEvents(PatientId patient,
                                                                    const TimeRange& range,
                                                                    bool with_superseded) {
  return Guarded("list dose events", [&]() -> Result<std::vector<records::DoseEvent>> {
    Query q(*db_, "SELECT * FROM dose_events t WHERE patient_id = :p" +
                      RangeClause(range, "filed_at", with_superseded, "dose_events") +
                      " ORDER BY filed_at, id");
    q.bind(":p", patient.value());
    BindRange(q, range);
    std::vector<records::DoseEvent> out = ReadDoseEvents(q);
    return out;
  });
}

Result<std::vector<records::DoseEvent>> SqliteStore::PageDoseEvents(const EventPageQuery& query) {
  return Guarded("page dose events", [&]() -> Result<std::vector<records::DoseEvent>> {
    Query q(*db_, PageSql(query, "dose_events", "filed_at"));
    BindPage(q, query);
    std::vector<records::DoseEvent> out = ReadDoseEvents(q);
    return out;
  });
}

Result<ObservationId> SqliteStore::InsertObservation(const records::Observation& o) {
  Result<ObservationId> out = Status::Internal("observation not inserted");
  Status st = InTransaction([&]() -> Status {
    if (o.corrects) {
      PINEAL_RETURN_IF_ERROR(
          CheckCorrectable(*db_, "observations", "observation", o.corrects->value(), o.patient_id));
    }
    Query ins(*db_,
              "INSERT INTO observations(patient_id, kind, code, value, unit, text, "
              "interpretation, observed_at, corrects, created_at, created_by) VALUES "
              "(:p, :k, :c, :v, :u, :t, :in, :oa, :cor, :ca, :cb)");
    ins.bind(":p", o.patient_id.value());
    ins.bind(":k", std::string(records::ToString(o.kind)));
    BindText(ins, ":c", o.code);
    if (o.value) {
      ins.bind(":v", *o.value);
    } else {
      ins.bind(":v");
    }
    BindText(ins, ":u", o.unit);
    BindText(ins, ":t", o.text);
    BindText(ins, ":in", o.interpretation);
    BindInstant(ins, ":oa", o.observed_at);
    if (o.corrects) {
      ins.bind(":cor", o.corrects->value());
    } else {
      ins.bind(":cor");
    }
    BindInstant(ins, ":ca", o.provenance.created_at);
    BindText(ins, ":cb", o.provenance.created_by);
    ins.exec();
    const std::int64_t id = db_->getLastInsertRowid();
    for (std::size_t i = 0; i < o.components.size(); ++i) {
      const auto& c = o.components[i];
      Query comp(*db_,
                 "INSERT INTO observation_components(observation_id, position, code, "
                 "value, text) VALUES (?, ?, ?, ?, ?)");
      comp.bind(1, id);
      comp.bind(2, static_cast<std::int64_t>(i));
      comp.bind(3, c.code);
      if (c.value) {
        comp.bind(4, *c.value);
      } else {
        comp.bind(4);
      }
      comp.bind(5, c.text);
      comp.exec();
    }
    out = ObservationId(id);
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return out;
}

Result<records::Observation> SqliteStore::GetObservation(PatientId patient, ObservationId id) {
  return Guarded("read observation", [&]() -> Result<records::Observation> {
    Query q(*db_, "SELECT * FROM observations WHERE id = ? AND patient_id = ?");
    q.bind(1, id.value());
    q.bind(2, patient.value());
    if (!q.executeStep()) return Status::NotFound("observation " + id.ToString() + " not found");
    std::vector<records::Observation> one{ReadObservation(q, ObservationColumns(q))};
    LoadComponents(*db_, one);
    return one.front();
  });
}

Result<std::vector<records::Observation>> SqliteStore::ListObservations(PatientId patient,
                                                                        const TimeRange& range,
                                                                        bool with_superseded) {
  return Guarded("list observations", [&]() -> Result<std::vector<records::Observation>> {
    Query q(*db_, "SELECT * FROM observations t WHERE patient_id = :p" +
                      RangeClause(range, "observed_at", with_superseded, "observations") +
                      " ORDER BY observed_at, id");
    q.bind(":p", patient.value());
    BindRange(q, range);
    std::vector<records::Observation> out = ReadObservations(q);
    LoadComponents(*db_, out);
    return out;
  });
}

Result<std::vector<records::DoseEvent>> SqliteStore::ListDoseEventsSince(PatientId patient,
                                                                         Instant from) {
  return Guarded("list recent dose events", [&]() -> Result<std::vector<records::DoseEvent>> {
    // Two index ranges, by filed_at and by planned_at (an OR would read
    // every entry of the patient).
    Query q(*db_,
            "SELECT * FROM dose_events t WHERE t.id IN ("
            "SELECT id FROM dose_events WHERE patient_id = :p AND filed_at >= :from "
            "UNION ALL "
            "SELECT id FROM dose_events WHERE patient_id = :p AND planned_at >= :from)" +
                RangeClause({}, "filed_at", false, "dose_events") + " ORDER BY filed_at, id");
    q.bind(":p", patient.value());
    BindInstant(q, ":from", from);
    std::vector<records::DoseEvent> out = ReadDoseEvents(q);
    return out;
  });
}

Result<std::vector<records::Observation>> SqliteStore::ListObservationsOfKinds(
    PatientId patient, const std::vector<records::ObservationKind>& kinds) {
  return Guarded("list observations", [&]() -> Result<std::vector<records::Observation>> {
    std::vector<records::Observation> out;
    if (kinds.empty()) return out;
    std::string in;
    for (std::size_t i = 0; i < kinds.size(); ++i) in += (i ? ", :k" : ":k") + std::to_string(i);
    // Without statistics SQLite would read every entry of the patient.
    Query q(*db_,
            "SELECT * FROM observations t INDEXED BY observations_by_patient_kind "
            "WHERE patient_id = :p AND kind IN (" +
                in + ")" + RangeClause({}, "observed_at", false, "observations") +
                " ORDER BY observed_at, id");
    q.bind(":p", patient.value());
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      q.bind(":k" + std::to_string(i), std::string(records::ToString(kinds[i])));
    }
    out = ReadObservations(q);
    LoadComponents(*db_, out);
    return out;
  });
}

Result<std::vector<records::Observation>> SqliteStore::PageObservations(
    const EventPageQuery& query) {
  return Guarded("page observations", [&]() -> Result<std::vector<records::Observation>> {
    Query q(*db_, PageSql(query, "observations", "observed_at"));
    BindPage(q, query);
    std::vector<records::Observation> out = ReadObservations(q);
    LoadComponents(*db_, out);
    return out;
  });
}

Result<std::optional<Instant>> SqliteStore::LastCheckIn(PatientId patient) {
  return Guarded("read last check-in", [&]() -> Result<std::optional<Instant>> {
    // Each walks its (patient_id, created_at) index from the newest entry
    // to the first one nothing corrects.
    std::optional<Instant> last;
    for (const char* table : {"dose_events", "observations"}) {
      Query q(*db_, std::string("SELECT created_at FROM ") + table + " t WHERE patient_id = :p" +
                        RangeClause({}, "created_at", false, table) +
                        " ORDER BY created_at DESC LIMIT 1");
      q.bind(":p", patient.value());
      if (!q.executeStep()) continue;
      const Instant t = ColInstant(q, "created_at");
      if (!last || t > *last) last = t;
    }
    return last;
  });
}

}  // namespace pineal::store
