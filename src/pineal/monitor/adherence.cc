#include "pineal/monitor/adherence.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace pineal::monitor {
namespace {

using std::chrono::minutes;
using std::chrono::sys_days;

// An event is matched by its planned time when it has one, else by its taken time.
std::optional<Instant> MatchTime(const records::DoseEvent& e) {
  if (e.planned_at) return e.planned_at;
  return e.taken_at;
}

struct Pair {
  std::int64_t distance_s;
  std::size_t planned;
  std::size_t event;
};

// Index of the regimen an event is counted under: its regimen_id, else the
// first regimen of its substance with a version on the event's day, else the
// first of its substance. -1 when none.
int RegimenOf(const records::DoseEvent& e, const std::vector<records::Regimen>& regimens,
              std::string_view zone) {
  int fallback = -1;
  for (std::size_t i = 0; i < regimens.size(); ++i) {
    if (!BelongsTo(e, regimens[i])) continue;
    if (e.regimen_id) return static_cast<int>(i);
    if (fallback < 0) fallback = static_cast<int>(i);
    auto local = ToLocal(e.when(), zone);
    if (local.ok() && VersionOn(regimens[i], local->date) != nullptr) return static_cast<int>(i);
  }
  return fallback;
}

bool AboveAmount(const records::DoseEvent& e, const Mass& planned) {
  // A relative margin absorbs rounding between units (0.5 mg vs 500 ug is exact anyway).
  return e.amount && e.amount->base() > planned.base() * (1 + 1e-9);
}

}  // namespace

std::optional<double> AdherenceCounts::percent_taken() const {
  if (planned == 0) return std::nullopt;
  return 100.0 * taken / planned;
}

AdherenceCounts& AdherenceCounts::operator+=(const AdherenceCounts& o) {
  planned += o.planned;
  taken += o.taken;
  taken_late += o.taken_late;
  missed += o.missed;
  skipped += o.skipped;
  extra += o.extra;
  above_planned += o.above_planned;
  return *this;
}

std::pair<int, int> IsoWeek(LocalDate date) {
  const sys_days d(date);
  const unsigned wd = std::chrono::weekday(d).iso_encoding();  // Monday 1 .. Sunday 7
  const sys_days thursday = d + std::chrono::days(4 - static_cast<int>(wd));
  const std::chrono::year y = std::chrono::year_month_day(thursday).year();
  const sys_days jan1(y / std::chrono::January / 1);
  return {static_cast<int>(y), static_cast<int>((thursday - jan1).count() / 7 + 1)};
}

Result<AdherenceReport> ComputeAdherence(const std::vector<records::Regimen>& regimens,
                                         const std::vector<records::DoseEvent>& events,
                                         std::string_view zone, Instant from, Instant to,
                                         const kb::AdherenceSettings& settings) {
  if (to <= from) return Status::InvalidArgument("the period is empty ('to' is not after 'from')");
  const minutes window(settings.match_window_min);
  const minutes tolerance(settings.on_time_tolerance_min);
  const std::vector<records::DoseEvent> current = CurrentDoseEvents(events);

  AdherenceReport report;
  std::map<LocalDate, AdherenceCounts> by_day;
  const auto count_on = [&](LocalDate day, std::size_t regimen, auto&& add) {
    add(by_day[day]);
    add(report.regimens[regimen].counts);
    add(report.total);
  };

  for (const auto& r : regimens) report.regimens.push_back({r.id, r.substance, {}});
  for (std::size_t ri = 0; ri < regimens.size(); ++ri) {
    // Plan a window beyond the period so that events near its edges match the
    // doses they belong to rather than the nearest dose inside the period.
    PINEAL_ASSIGN_OR_RETURN(auto planned,
                            PlannedDoses(regimens[ri], zone, from - window, to + window));
    std::vector<const records::DoseEvent*> mine;
    for (const auto& e : current) {
      // A withdrawn entry records no dose.
      if (e.status == records::DoseStatus::kEnteredInError) continue;
      if (RegimenOf(e, regimens, zone) == static_cast<int>(ri)) mine.push_back(&e);
    }
    std::vector<Pair> pairs;
    for (std::size_t ei = 0; ei < mine.size(); ++ei) {
      const auto& e = *mine[ei];
      if (e.status == records::DoseStatus::kExtra) continue;
      const auto t = MatchTime(e);
      if (!t) continue;
      for (std::size_t pi = 0; pi < planned.size(); ++pi) {
        const auto d = std::chrono::abs(*t - planned[pi].at);
        if (d <= window) pairs.push_back({d.count(), pi, ei});
      }
    }
    std::sort(pairs.begin(), pairs.end(), [&](const Pair& a, const Pair& b) {
      return std::tie(a.distance_s, planned[a.planned].at, mine[a.event]->id) <
             std::tie(b.distance_s, planned[b.planned].at, mine[b.event]->id);
    });
    std::vector<int> event_of(planned.size(), -1);
    std::vector<bool> used(mine.size(), false);
    for (const Pair& p : pairs) {
      if (event_of[p.planned] >= 0 || used[p.event]) continue;
      event_of[p.planned] = static_cast<int>(p.event);
      used[p.event] = true;
    }

    for (std::size_t pi = 0; pi < planned.size(); ++pi) {
      const PlannedDose& dose = planned[pi];
      if (dose.at < from || dose.at >= to) continue;
      PlannedDoseOutcome outcome{dose, DoseOutcome::kMissed, std::nullopt, false};
      if (event_of[pi] >= 0) {
        const auto& e = *mine[event_of[pi]];
        outcome.event_id = e.id;
        if (e.status == records::DoseStatus::kSkipped) {
          outcome.outcome = DoseOutcome::kSkipped;
        } else {
          const bool late = e.taken_at && *e.taken_at - dose.at > tolerance;
          outcome.outcome = late ? DoseOutcome::kTakenLate : DoseOutcome::kTaken;
          outcome.above_planned = AboveAmount(e, dose.dose);
        }
      }
      count_on(dose.date, ri, [&](AdherenceCounts& c) {
        ++c.planned;
        switch (outcome.outcome) {
          case DoseOutcome::kTakenLate: ++c.taken_late; [[fallthrough]];
          case DoseOutcome::kTaken: ++c.taken; break;
          case DoseOutcome::kSkipped: ++c.skipped; break;
          case DoseOutcome::kMissed: ++c.missed; break;
        }
        if (outcome.above_planned) ++c.above_planned;
      });
      report.doses.push_back(outcome);
    }

    for (std::size_t ei = 0; ei < mine.size(); ++ei) {
      const auto& e = *mine[ei];
      if (used[ei] || e.status == records::DoseStatus::kSkipped) continue;
      const Instant t = e.when();
      if (t < from || t >= to) continue;
      PINEAL_ASSIGN_OR_RETURN(LocalDateTime local, ToLocal(t, zone));
      count_on(local.date, ri, [](AdherenceCounts& c) { ++c.extra; });
      report.extra_events.push_back(e.id);
    }
  }

  std::sort(report.doses.begin(), report.doses.end(),
            [](const PlannedDoseOutcome& a, const PlannedDoseOutcome& b) {
              return a.dose.at < b.dose.at;
            });
  std::map<std::pair<int, int>, AdherenceCounts> by_week;
  for (const auto& [day, counts] : by_day) {
    report.days.push_back({day, counts});
    by_week[IsoWeek(day)] += counts;
  }
  for (const auto& [week, counts] : by_week) {
    report.weeks.push_back({week.first, week.second, counts});
  }
  return report;
}

}  // namespace pineal::monitor
