// Regimens, dose events, observations and circadian plans.
#include <algorithm>
#include <set>

#include "pineal/store/memory/memory_store.h"
#include "pineal/store/memory/memory_util.h"

namespace pineal::store {
namespace {

using memory::Conflict;
using memory::ForeignKeyConflict;

// A finding's references are stored comma-joined and read back split, so
// empty references vanish and a comma splits one in two, as in SQLite.
std::vector<std::string> StoredRefs(const std::vector<std::string>& refs) {
  std::string joined;
  for (const auto& r : refs) joined += (joined.empty() ? "" : ",") + r;
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < joined.size()) {
    std::size_t comma = joined.find(',', start);
    if (comma == std::string::npos) comma = joined.size();
    out.push_back(joined.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

// The version as reading it back from SQLite gives it.
records::RegimenVersion StoredVersion(const records::RegimenVersion& v) {
  records::RegimenVersion out = v;
  out.content_mg_per_g = memory::Real(v.content_mg_per_g);
  for (auto& f : out.findings) f.refs = StoredRefs(f.refs);
  std::sort(out.overrides.begin(), out.overrides.end(),
            [](const auto& a, const auto& b) { return a.finding_key < b.finding_key; });
  return out;
}

// The constraints regimen_versions and regimen_overrides put on a new
// version of a regimen that already has `existing`.
Status CheckVersion(const records::RegimenVersion& v,
                    const std::vector<records::RegimenVersion>& existing) {
  if (v.version < 1) {
    return Conflict("transaction", "CHECK constraint failed: version >= 1");
  }
  for (const auto& e : existing) {
    if (e.version == v.version) {
      return Conflict("transaction",
                      "UNIQUE constraint failed: regimen_versions.regimen_id, "
                      "regimen_versions.version");
    }
  }
  std::set<std::string> keys;
  for (const auto& o : v.overrides) {
    if (!keys.insert(o.finding_key).second) {
      return Conflict("transaction",
                      "UNIQUE constraint failed: regimen_overrides.regimen_id, "
                      "regimen_overrides.version, regimen_overrides.finding_key");
    }
  }
  return Status::Ok();
}

bool InRange(Instant t, const TimeRange& range) {
  return (!range.from || t >= *range.from) && (!range.to || t < *range.to);
}

}  // namespace

Result<RegimenId> MemoryStore::InsertRegimen(const records::Regimen& regimen) {
  std::lock_guard lock(mu_);
  if (regimen.versions.empty()) {
    return Status::InvalidArgument("a regimen is stored with its first version", "versions");
  }
  if (!PatientExists(regimen.patient_id)) return ForeignKeyConflict("transaction");
  records::Regimen row;
  row.id = RegimenId(NextId(t_.regimens));
  row.patient_id = regimen.patient_id;
  row.substance = regimen.substance;
  for (const auto& v : regimen.versions) {
    PINEAL_RETURN_IF_ERROR(CheckVersion(v, row.versions));
    row.versions.push_back(StoredVersion(v));
  }
  // ORDER BY version when read back.
  std::stable_sort(row.versions.begin(), row.versions.end(),
                   [](const auto& a, const auto& b) { return a.version < b.version; });
  t_.regimens.push_back(std::move(row));
  return t_.regimens.back().id;
}

Status MemoryStore::AppendRegimenVersion(RegimenId id, const records::RegimenVersion& version) {
  std::lock_guard lock(mu_);
  records::Regimen* r = Find(t_.regimens, id.value());
  if (r == nullptr) return Status::NotFound("regimen " + id.ToString() + " not found");
  const int current = r->versions.back().version;
  if (version.version != current + 1) {
    return Status::Aborted("regimen " + id.ToString() + " is at version " +
                               std::to_string(current) + "; a change must build on it (send " +
                               "base_version " + std::to_string(current) + ")",
                           "base_version");
  }
  PINEAL_RETURN_IF_ERROR(CheckVersion(version, r->versions));
  r->versions.push_back(StoredVersion(version));
  return Status::Ok();
}

Result<records::Regimen> MemoryStore::GetRegimen(PatientId patient, RegimenId id) {
  std::lock_guard lock(mu_);
  PINEAL_RETURN_IF_ERROR(RegimenOfPatient(id.value(), patient));
  return *Find(t_.regimens, id.value());
}

Result<std::vector<records::Regimen>> MemoryStore::ListRegimens(PatientId patient) {
  std::lock_guard lock(mu_);
  std::vector<records::Regimen> out;
  for (const auto& r : t_.regimens) {
    if (r.patient_id == patient) out.push_back(r);
  }
  return out;
}

Result<DoseEventId> MemoryStore::InsertDoseEvent(const records::DoseEvent& e) {
  std::lock_guard lock(mu_);
  if (e.corrects) {
    const records::DoseEvent* target = Find(t_.dose_events, e.corrects->value());
    if (target == nullptr || target->patient_id != e.patient_id) {
      return Status::InvalidArgument("names no dose event of this patient", "corrects");
    }
    for (const auto& other : t_.dose_events) {
      if (other.corrects == e.corrects) {
        return Status::Aborted("dose event " + e.corrects->ToString() +
                                   " was already corrected by " + other.id.ToString() +
                                   "; correct the latest entry instead",
                               "corrects");
      }
    }
  }
  if (e.regimen_id) {
    PINEAL_RETURN_IF_ERROR(
        RegimenOfPatient(e.regimen_id->value(), e.patient_id).WithFieldPrefix("regimen_id"));
  }
  if (!PatientExists(e.patient_id)) return ForeignKeyConflict("transaction");
  records::DoseEvent row = e;
  row.id = DoseEventId(NextId(t_.dose_events));
  t_.dose_events.push_back(std::move(row));
  return t_.dose_events.back().id;
}

Result<records::DoseEvent> MemoryStore::GetDoseEvent(PatientId patient, DoseEventId id) {
  std::lock_guard lock(mu_);
  const records::DoseEvent* e = Find(t_.dose_events, id.value());
  if (e == nullptr || e->patient_id != patient) {
    return Status::NotFound("dose event " + id.ToString() + " not found");
  }
  return *e;
}

Result<std::vector<records::DoseEvent>> MemoryStore::ListDoseEvents(PatientId patient,
                                                                    const TimeRange& range,
                                                                    bool with_superseded) {
  std::lock_guard lock(mu_);
  std::set<std::int64_t> corrected;
  for (const auto& e : t_.dose_events) {
    if (e.corrects) corrected.insert(e.corrects->value());
  }
  std::vector<records::DoseEvent> out;
  for (const auto& e : t_.dose_events) {
    if (e.patient_id != patient || !InRange(e.when(), range)) continue;
    if (!with_superseded && corrected.count(e.id.value()) != 0) continue;
    out.push_back(e);
  }
  // ORDER BY filed_at, id: filed_at is when().
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.when() < b.when(); });
  return out;
}

namespace {

// A keyset page of a list already in (time, id) order.
template <typename T, typename KeyOf>
std::vector<T> MemoryPageAfter(std::vector<T> all, const EventPageQuery& query, KeyOf key_of) {
  std::vector<T> out;
  for (auto& x : all) {
    if (static_cast<int>(out.size()) >= query.limit) break;
    if (query.after && !(*query.after < key_of(x))) continue;
    out.push_back(std::move(x));
  }
  return out;
}

}  // namespace

Result<std::vector<records::DoseEvent>> MemoryStore::PageDoseEvents(const EventPageQuery& query) {
  PINEAL_ASSIGN_OR_RETURN(auto all,
                          ListDoseEvents(query.patient, query.range, query.with_superseded));
  return MemoryPageAfter(std::move(all), query, [](const records::DoseEvent& e) {
    return TimeKey{e.when(), e.id.value()};
  });
}

Result<std::vector<records::Observation>> MemoryStore::PageObservations(
    const EventPageQuery& query) {
  PINEAL_ASSIGN_OR_RETURN(auto all,
                          ListObservations(query.patient, query.range, query.with_superseded));
  return MemoryPageAfter(std::move(all), query, [](const records::Observation& o) {
    return TimeKey{o.observed_at, o.id.value()};
  });
}

Result<ObservationId> MemoryStore::InsertObservation(const records::Observation& o) {
  std::lock_guard lock(mu_);
  if (o.corrects) {
    const records::Observation* target = Find(t_.observations, o.corrects->value());
    if (target == nullptr || target->patient_id != o.patient_id) {
      return Status::InvalidArgument("names no observation of this patient", "corrects");
    }
    for (const auto& other : t_.observations) {
      if (other.corrects == o.corrects) {
        return Status::Aborted("observation " + o.corrects->ToString() +
                                   " was already corrected by " + other.id.ToString() +
                                   "; correct the latest entry instead",
                               "corrects");
      }
    }
  }
  if (!PatientExists(o.patient_id)) return ForeignKeyConflict("transaction");
  records::Observation row = o;
  row.id = ObservationId(NextId(t_.observations));
  row.value = memory::Real(o.value);
  for (auto& c : row.components) c.value = memory::Real(c.value);
  t_.observations.push_back(std::move(row));
  return t_.observations.back().id;
}

Result<records::Observation> MemoryStore::GetObservation(PatientId patient, ObservationId id) {
  std::lock_guard lock(mu_);
  const records::Observation* o = Find(t_.observations, id.value());
  if (o == nullptr || o->patient_id != patient) {
    return Status::NotFound("observation " + id.ToString() + " not found");
  }
  return *o;
}

Result<std::vector<records::Observation>> MemoryStore::ListObservations(PatientId patient,
                                                                        const TimeRange& range,
                                                                        bool with_superseded) {
  std::lock_guard lock(mu_);
  std::set<std::int64_t> corrected;
  for (const auto& o : t_.observations) {
    if (o.corrects) corrected.insert(o.corrects->value());
  }
  std::vector<records::Observation> out;
  for (const auto& o : t_.observations) {
    if (o.patient_id != patient || !InRange(o.observed_at, range)) continue;
    if (!with_superseded && corrected.count(o.id.value()) != 0) continue;
    out.push_back(o);
  }
  // ORDER BY observed_at, id.
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.observed_at < b.observed_at; });
  return out;
}

Result<std::vector<records::DoseEvent>> MemoryStore::ListDoseEventsSince(PatientId patient,
                                                                         Instant from) {
  PINEAL_ASSIGN_OR_RETURN(auto all, ListDoseEvents(patient, {}, false));
  std::vector<records::DoseEvent> out;
  for (auto& e : all) {
    if (e.when() >= from || (e.planned_at && *e.planned_at >= from)) out.push_back(std::move(e));
  }
  return out;
}

Result<std::vector<records::Observation>> MemoryStore::ListObservationsOfKinds(
    PatientId patient, const std::vector<records::ObservationKind>& kinds) {
  PINEAL_ASSIGN_OR_RETURN(auto all, ListObservations(patient, {}, false));
  std::vector<records::Observation> out;
  for (auto& o : all) {
    if (std::find(kinds.begin(), kinds.end(), o.kind) != kinds.end()) out.push_back(std::move(o));
  }
  return out;
}

Result<std::optional<Instant>> MemoryStore::LastCheckIn(PatientId patient) {
  PINEAL_ASSIGN_OR_RETURN(auto doses, ListDoseEvents(patient, {}, false));
  PINEAL_ASSIGN_OR_RETURN(auto observations, ListObservations(patient, {}, false));
  std::optional<Instant> last;
  for (const auto& d : doses) {
    if (!last || d.provenance.created_at > *last) last = d.provenance.created_at;
  }
  for (const auto& o : observations) {
    if (!last || o.provenance.created_at > *last) last = o.provenance.created_at;
  }
  return last;
}

Result<std::int64_t> MemoryStore::InsertCircadianPlan(const CircadianPlanRecord& plan) {
  std::lock_guard lock(mu_);
  if (plan.kind != "jetlag" && plan.kind != "shift") {
    return Conflict("insert circadian plan",
                    "CHECK constraint failed: kind IN ('jetlag', 'shift')");
  }
  if (!PatientExists(plan.patient_id)) return ForeignKeyConflict("insert circadian plan");
  CircadianPlanRecord row = plan;
  row.id = NextId(t_.plans);
  t_.plans.push_back(std::move(row));
  return t_.plans.back().id;
}

Result<CircadianPlanRecord> MemoryStore::GetCircadianPlan(PatientId patient, std::int64_t id) {
  std::lock_guard lock(mu_);
  const CircadianPlanRecord* p = Find(t_.plans, id);
  if (p == nullptr || p->patient_id != patient) {
    return Status::NotFound("circadian plan " + std::to_string(id) + " not found");
  }
  return *p;
}

Result<std::vector<CircadianPlanRecord>> MemoryStore::ListCircadianPlans(PatientId patient) {
  std::lock_guard lock(mu_);
  std::vector<CircadianPlanRecord> out;
  for (auto it = t_.plans.rbegin(); it != t_.plans.rend(); ++it) {  // id DESC
    if (it->patient_id == patient) out.push_back(*it);
  }
  // ORDER BY created_at DESC, id DESC.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.provenance.created_at > b.provenance.created_at;
  });
  return out;
}

}  // namespace pineal::store
