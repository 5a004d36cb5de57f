#include "pineal/monitor/adherence_plan.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace pineal::monitor {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

int DaysBetween(LocalDate from, LocalDate to) {
  return static_cast<int>((sys_days(to) - sys_days(from)).count());
}

}  // namespace

bool SameSubstance(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

const records::RegimenVersion* VersionOn(const records::Regimen& regimen, LocalDate day) {
  const records::RegimenVersion* found = nullptr;
  for (const auto& v : regimen.versions) {
    if (sys_days(v.start_date) <= sys_days(day)) found = &v;
  }
  return found;
}

bool IsDosingDay(const records::RegimenVersion& v, LocalDate day) {
  const int since = DaysBetween(v.start_date, day);
  if (since < 0) return false;
  if (v.end_date && sys_days(day) > sys_days(*v.end_date)) return false;
  if (v.status == records::RegimenStatus::kStopped && !v.end_date) return false;
  if (v.status == records::RegimenStatus::kPending) return false;  // nothing scheduled yet
  switch (v.frequency) {
    case records::Frequency::kDaily: return true;
    case records::Frequency::kEveryOtherDay: return since % 2 == 0;
    case records::Frequency::kWeekly: return since % 7 == 0;
    case records::Frequency::kAsNeeded: return false;
  }
  return false;
}

Mass PlannedDoseOn(const records::RegimenVersion& v, LocalDate day) {
  const int since = DaysBetween(v.start_date, day);
  Mass dose = v.dose;
  int best_after = -1;
  for (const auto& step : v.titration) {
    if (since >= step.after_days && step.after_days >= best_after) {
      dose = step.dose;
      best_after = step.after_days;
    }
  }
  return dose;
}

Mass LargestDose(const records::RegimenVersion& v) {
  Mass largest = v.dose;
  for (const auto& step : v.titration) largest = std::max(largest, step.dose);
  return largest;
}

Result<std::vector<PlannedDose>> PlannedDoses(const records::Regimen& regimen,
                                              std::string_view zone, Instant from, Instant to) {
  std::vector<PlannedDose> out;
  if (to <= from) return out;
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime first, ToLocal(from, zone));
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime last, ToLocal(to, zone));
  // One day either side: a local clock time near midnight can fall on the
  // neighbouring UTC day.
  for (sys_days d = sys_days(first.date) - days(1); d <= sys_days(last.date) + days(1);
       d += days(1)) {
    const LocalDate day(d);
    const records::RegimenVersion* v = VersionOn(regimen, day);
    if (v == nullptr || !IsDosingDay(*v, day)) continue;
    const Mass dose = PlannedDoseOn(*v, day);
    for (const TimeOfDay& t : v->times_of_day) {
      PINEAL_ASSIGN_OR_RETURN(Instant at, FromLocal(day, t, zone));
      if (at < from || at >= to) continue;
      out.push_back({regimen.id, v->version, day, t, at, dose});
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const PlannedDose& a, const PlannedDose& b) { return a.at < b.at; });
  return out;
}

std::vector<records::DoseEvent> CurrentDoseEvents(const std::vector<records::DoseEvent>& events) {
  // For each corrected event, the correction that wins (highest id).
  std::map<DoseEventId, DoseEventId> winner;
  for (const auto& e : events) {
    if (!e.corrects) continue;
    auto [it, inserted] = winner.emplace(*e.corrects, e.id);
    if (!inserted && it->second < e.id) it->second = e.id;
  }
  std::set<DoseEventId> replaced;
  for (const auto& e : events) {
    if (!e.corrects) continue;
    replaced.insert(*e.corrects);
    if (winner[*e.corrects] != e.id) replaced.insert(e.id);  // a losing correction
  }
  std::vector<records::DoseEvent> out;
  for (const auto& e : events) {
    if (replaced.count(e.id) == 0) out.push_back(e);
  }
  return out;
}

bool BelongsTo(const records::DoseEvent& e, const records::Regimen& regimen) {
  if (e.regimen_id) return *e.regimen_id == regimen.id;
  return SameSubstance(e.substance, regimen.substance);
}

}  // namespace pineal::monitor
