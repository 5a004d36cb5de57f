// Use case: the patient's record as one time-ordered list.
#include <algorithm>
#include <limits>
#include <tuple>

#include "pineal/app/patient_records.h"
#include "pineal/records/enums.h"

namespace pineal::app {
namespace {

bool InRange(const store::TimeRange& r, Instant t) {
  return (!r.from || t >= *r.from) && (!r.to || t < *r.to);
}

constexpr std::string_view kTimelineList = "timeline";

// The timeline's order: time, then kind (in TimelineKind order), then the
// record's id, then `sub` (a medication's start 0 and stop 1, a regimen's
// version number), so every entry has its own key.
struct TimelineKey {
  Instant at{};
  int kind = 0;
  std::int64_t id = 0;
  std::int64_t sub = 0;
  friend bool operator<(const TimelineKey& a, const TimelineKey& b) {
    return std::tie(a.at, a.kind, a.id, a.sub) < std::tie(b.at, b.kind, b.id, b.sub);
  }
};

TimelineKey TimelineKeyOf(const TimelineEntry& e) {
  TimelineKey k{e.at, static_cast<int>(e.kind), 0, 0};
  if (const auto* m = std::get_if<records::MedicationEntry>(&e.record)) {
    k.id = m->id.value();
    k.sub = e.event == "stopped" ? 1 : 0;
  } else if (const auto* r = std::get_if<RegimenChange>(&e.record)) {
    k.id = r->regimen_id.value();
    k.sub = r->version.version;
  } else if (const auto* d = std::get_if<records::DoseEvent>(&e.record)) {
    k.id = d->id.value();
  } else if (const auto* o = std::get_if<records::Observation>(&e.record)) {
    k.id = o->id.value();
  }
  return k;
}

// Where a store list of `kind` resumes after the timeline cursor: after its
// own key for the same kind; from the cursor's time on for a later kind;
// after the cursor's time for an earlier one.
std::optional<store::TimeKey> TimelineStoreKeyAfter(const std::optional<TimelineKey>& after,
                                                    TimelineKind kind) {
  if (!after) return std::nullopt;
  const int k = static_cast<int>(kind);
  if (k == after->kind) return store::TimeKey{after->at, after->id};
  if (k > after->kind) return store::TimeKey{after->at, 0};
  return store::TimeKey{after->at, std::numeric_limits<std::int64_t>::max()};
}

}  // namespace

std::vector<std::string> AuditRecordIds(const TimelineEntry& e) {
  return {AuditRecordId(TimelineKindName(e.kind), TimelineKeyOf(e).id)};
}

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

Result<PageOf<TimelineEntry>> PatientRecords::Timeline(const Actor& actor, PatientId patient,
                                                       const TimelineQuery& query,
                                                       const PageRequest& page) {
  auto wanted = [&](TimelineKind k) { return query.kinds.empty() || query.kinds.count(k) > 0; };
  return AuditedRead<PageOf<
      TimelineEntry>>(actor, "patient.timeline", patient, [&]() -> Result<PageOf<TimelineEntry>> {
    if (query.range.from && query.range.to && *query.range.to <= *query.range.from) {
      return Status::InvalidArgument("must be after 'from'", "to");
    }
    PINEAL_RETURN_IF_ERROR(CheckPageLimit(page.limit));
    std::optional<TimelineKey> after;
    if (!page.cursor.empty()) {
      PINEAL_ASSIGN_OR_RETURN(auto f, DecodeCursor(kTimelineList, page.cursor, 4));
      if (f[1] < 0 || f[1] > static_cast<int>(TimelineKind::kObservation)) {
        return Status::InvalidArgument(
            "is damaged; pass back the next_cursor of the previous page unchanged", "cursor");
      }
      after = TimelineKey{Instant(std::chrono::seconds(f[0])), static_cast<int>(f[1]), f[2], f[3]};
    }
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
    std::vector<TimelineEntry> out;
    auto add = [&](Instant at, TimelineKind kind, std::string event, auto record) {
      TimelineEntry e{at, kind, std::move(event), std::move(record)};
      if (InRange(query.range, at) && (!after || *after < TimelineKeyOf(e)))
        out.push_back(std::move(e));
    };
    // Medicines and regimens are few per patient and read whole; the
    // check-ins are read one page past the cursor.
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
    store::EventPageQuery events;
    events.patient = patient;
    events.range = query.range;
    events.limit = page.limit + 1;
    if (wanted(TimelineKind::kDoseEvent)) {
      events.after = TimelineStoreKeyAfter(after, TimelineKind::kDoseEvent);
      PINEAL_ASSIGN_OR_RETURN(auto doses, store_.PageDoseEvents(events));
      for (const auto& e : doses) {
        add(e.when(), TimelineKind::kDoseEvent, std::string(records::ToString(e.status)), e);
      }
    }
    if (wanted(TimelineKind::kObservation)) {
      events.after = TimelineStoreKeyAfter(after, TimelineKind::kObservation);
      PINEAL_ASSIGN_OR_RETURN(auto obs, store_.PageObservations(events));
      for (const auto& o : obs) {
        add(o.observed_at, TimelineKind::kObservation, std::string(records::ToString(o.kind)), o);
      }
    }
    std::sort(out.begin(), out.end(), [](const TimelineEntry& a, const TimelineEntry& b) {
      return TimelineKeyOf(a) < TimelineKeyOf(b);
    });
    if (out.size() > static_cast<std::size_t>(page.limit) + 1) out.resize(page.limit + 1);
    return TakePage(std::move(out), page.limit, [](const TimelineEntry& e) {
      const TimelineKey k = TimelineKeyOf(e);
      return EncodeCursor(kTimelineList, {k.at.time_since_epoch().count(), k.kind, k.id, k.sub});
    });
  });
}

}  // namespace pineal::app
