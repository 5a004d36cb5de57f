// Adherence: the doses regimens planned over a period compared with the dose
// log. Pure: the period, the zone and the matching settings are parameters.
//
// Each taken or skipped event is matched to the nearest planned dose of its
// regimen within the match window (by its planned_at when it has one, else by
// when it was taken); the closest pairs are matched first. A taken event that
// matches nothing, and every event logged as extra, is an extra dose. A planned
// dose with no matched event is missed. Pass `to` no later than now: planned
// doses before `to` are counted as due.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/rules_adherence.h"
#include "pineal/monitor/adherence_plan.h"

namespace pineal::monitor {

struct AdherenceCounts {
  int planned = 0;
  int taken = 0;          // includes taken_late
  int taken_late = 0;     // more than the on-time tolerance after the planned time
  int missed = 0;         // planned, nothing logged
  int skipped = 0;        // planned, logged as skipped
  int extra = 0;          // logged, not planned
  int above_planned = 0;  // taken with an amount above the planned dose

  // taken / planned x 100; none when nothing was planned.
  std::optional<double> percent_taken() const;
  AdherenceCounts& operator+=(const AdherenceCounts& o);
  bool operator==(const AdherenceCounts&) const = default;
};

enum class DoseOutcome { kTaken, kTakenLate, kSkipped, kMissed };

struct PlannedDoseOutcome {
  PlannedDose dose;
  DoseOutcome outcome = DoseOutcome::kMissed;
  std::optional<DoseEventId> event_id;
  bool above_planned = false;
};

struct DayAdherence {
  LocalDate date{};  // local date of the planned dose, or of an extra dose
  AdherenceCounts counts;
};

struct WeekAdherence {
  int iso_year = 0;
  int iso_week = 0;  // 1..53
  AdherenceCounts counts;
};

struct RegimenAdherence {
  RegimenId regimen_id;
  std::string substance;
  AdherenceCounts counts;
};

struct AdherenceReport {
  AdherenceCounts total;
  std::vector<DayAdherence> days;          // days with anything planned or logged, in order
  std::vector<WeekAdherence> weeks;        // ISO weeks, in order
  std::vector<RegimenAdherence> regimens;  // in the order given
  std::vector<PlannedDoseOutcome> doses;   // every planned dose in the period, by time
  std::vector<DoseEventId> extra_events;
};

// ISO 8601 week of a date: {year, week}.
std::pair<int, int> IsoWeek(LocalDate date);

// Fails only for an unknown time zone or an empty period.
Result<AdherenceReport> ComputeAdherence(const std::vector<records::Regimen>& regimens,
                                         const std::vector<records::DoseEvent>& events,
                                         std::string_view zone, Instant from, Instant to,
                                         const kb::AdherenceSettings& settings);

}  // namespace pineal::monitor
