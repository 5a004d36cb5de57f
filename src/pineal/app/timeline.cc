// Use case: the patient's record as one time-ordered list.
#include <algorithm>

#include "pineal/app/patient_records.h"
#include "pineal/records/enums.h"

namespace pineal::app {
namespace {

bool InRange(const store::TimeRange& r, Instant t) {
  return (!r.from || t >= *r.from) && (!r.to || t < *r.to);
}

}  // namespace

std::string_view TimelineKindName(TimelineKind kind) {
  switch (kind) {
    case TimelineKind::kMedication: return "medication";
    case TimelineKind::kRegimen: return "regimen";
    case TimelineKind::kDoseEvent: return "dose_event";
    case TimelineKind::kObservation: return "observation";
  }
  return "unknown";
}

std::optional<TimelineKind> TimelineKindFromName(std::string_view name) {
  for (TimelineKind k : {TimelineKind::kMedication, TimelineKind::kRegimen,
                         TimelineKind::kDoseEvent, TimelineKind::kObservation}) {
    if (TimelineKindName(k) == name) return k;
  }
  return std::nullopt;
}

Result<std::vector<TimelineEntry>> PatientRecords::Timeline(const Actor& actor, PatientId patient,
                                                            const TimelineQuery& query) {
  auto wanted = [&](TimelineKind k) { return query.kinds.empty() || query.kinds.count(k) > 0; };
  auto result = [&]() -> Result<std::vector<TimelineEntry>> {
    if (query.range.from && query.range.to && *query.range.to <= *query.range.from) {
      return Status::InvalidArgument("must be after 'from'", "to");
    }
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
    std::vector<TimelineEntry> out;
    auto add = [&](Instant at, TimelineKind kind, std::string event, auto record) {
      if (InRange(query.range, at)) out.push_back({at, kind, std::move(event), std::move(record)});
    };
    if (wanted(TimelineKind::kMedication)) {
      PINEAL_ASSIGN_OR_RETURN(auto meds, store_.ListMedications(patient));
      for (const auto& m : meds) {
        // Calendar dates are placed at local midnight in the patient's zone.
        auto start = m.start_date ? FromLocal(*m.start_date, TimeOfDay{0}, p.time_zone)
                                  : Result<Instant>(m.provenance.created_at);
        if (start.ok()) add(*start, TimelineKind::kMedication, "started", m);
        if (m.stop_date) {
          auto stop = FromLocal(*m.stop_date, TimeOfDay{0}, p.time_zone);
          if (stop.ok()) add(*stop, TimelineKind::kMedication, "stopped", m);
        }
      }
    }
    if (wanted(TimelineKind::kRegimen)) {
      PINEAL_ASSIGN_OR_RETURN(auto regimens, store_.ListRegimens(patient));
      for (const auto& r : regimens) {
        for (const auto& v : r.versions) {
          std::string event = v.status == records::RegimenStatus::kStopped ? "stopped"
                              : v.version == 1                             ? "created"
                                                                           : "revised";
          add(v.provenance.created_at, TimelineKind::kRegimen, event,
              RegimenChange{r.id, r.substance, v});
        }
      }
    }
    if (wanted(TimelineKind::kDoseEvent)) {
      PINEAL_ASSIGN_OR_RETURN(auto events, store_.ListDoseEvents(patient, query.range, false));
      for (const auto& e : events) {
        add(e.when(), TimelineKind::kDoseEvent, std::string(records::ToString(e.status)), e);
      }
    }
    if (wanted(TimelineKind::kObservation)) {
      PINEAL_ASSIGN_OR_RETURN(auto obs, store_.ListObservations(patient, query.range, false));
      for (const auto& o : obs) {
        add(o.observed_at, TimelineKind::kObservation, std::string(records::ToString(o.kind)), o);
      }
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const TimelineEntry& a, const TimelineEntry& b) { return a.at < b.at; });
    return out;
  }();
  RecordAudit(actor, "patient.timeline", patient, result.status());
  return result;
}

}  // namespace pineal::app
