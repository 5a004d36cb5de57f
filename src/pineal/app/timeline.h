// A patient's record as one time-ordered list.
#pragma once

#include <set>
#include <string>
#include <variant>
#include <vector>

#include "pineal/records/dose_event.h"
#include "pineal/records/medication.h"
#include "pineal/records/observation.h"
#include "pineal/records/regimen.h"
#include "pineal/store/store.h"

namespace pineal::app {

enum class TimelineKind { kMedication, kRegimen, kDoseEvent, kObservation };

std::string_view TimelineKindName(TimelineKind kind);
// "medication", "regimen", "dose_event", "observation"; nullopt otherwise.
std::optional<TimelineKind> TimelineKindFromName(std::string_view name);

struct RegimenChange {
  RegimenId regimen_id;
  std::string substance;
  records::RegimenVersion version;
};

struct TimelineEntry {
  Instant at{};
  TimelineKind kind = TimelineKind::kObservation;
  std::string event;  // "started", "stopped", "version", "taken", "skipped", ...
  std::variant<records::MedicationEntry, RegimenChange, records::DoseEvent, records::Observation>
      record;
};

// The record an entry shows, as an audit entry names it ("dose_event:12").
std::vector<std::string> AuditRecordIds(const TimelineEntry& e);

struct TimelineQuery {
  std::set<TimelineKind> kinds;  // empty: every kind
  store::TimeRange range;
};

}  // namespace pineal::app
