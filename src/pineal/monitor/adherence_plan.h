// The doses a regimen plans, version by version, in the patient's time zone,
// and the views of the dose log that adherence and alerts share.
#pragma once

#include <string_view>
#include <vector>

#include "pineal/core/ids.h"
#include "pineal/core/quantity.h"
#include "pineal/core/result.h"
#include "pineal/core/time.h"
#include "pineal/records/dose_event.h"
#include "pineal/records/regimen.h"

namespace pineal::monitor {

struct PlannedDose {
  RegimenId regimen_id;
  int version = 0;
  LocalDate date{};  // local date in the patient's zone
  TimeOfDay time;
  Instant at{};  // the local clock time as an instant (DST aware)
  Mass dose;
};

// The version governing local date `day`: the latest version (by position)
// whose start_date is on or before it, so a later version replaces earlier
// ones from its start. Null before the first start.
const records::RegimenVersion* VersionOn(const records::Regimen& regimen, LocalDate day);

// Whether the governing version plans doses on `day`: not after its end_date
// (inclusive), not as needed, a stopped version only up to its end_date (the
// app copies the plan into the stopped version), every-other-day and weekly
// counted from the version's start_date.
bool IsDosingDay(const records::RegimenVersion& v, LocalDate day);

// The dose planned on `day`: the version's dose, or the last titration step
// whose after_days have passed since the version's start.
Mass PlannedDoseOn(const records::RegimenVersion& v, LocalDate day);

// The largest dose a version can plan (its dose and all titration steps).
Mass LargestDose(const records::RegimenVersion& v);

// Planned doses with `from <= at < to`, sorted by time. In a DST gap a clock
// time moves forward by the gap; in an overlap the earlier instant is used.
// Fails only for an unknown time zone.
Result<std::vector<PlannedDose>> PlannedDoses(const records::Regimen& regimen,
                                              std::string_view zone, Instant from, Instant to);

// The dose log as views show it: an event that another corrects is replaced
// by the correction (for several corrections of one event, the one with the
// highest id), following chains of corrections.
std::vector<records::DoseEvent> CurrentDoseEvents(const std::vector<records::DoseEvent>& events);

// Whether an event belongs to a regimen: by regimen_id when it has one, else
// by substance (case-insensitive).
bool BelongsTo(const records::DoseEvent& e, const records::Regimen& regimen);

// Case-insensitive comparison of substance names.
bool SameSubstance(std::string_view a, std::string_view b);

}  // namespace pineal::monitor
