// Alert kinds over the dose log and regimens: rising use, low adherence,
// doses above the plan, missing check-ins.
#include <algorithm>
#include <cmath>

#include "pineal/monitor/adherence.h"
#include "pineal/monitor/adherence_plan.h"
#include "pineal/monitor/alert_kinds.h"

namespace pineal::monitor::alert_internal {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;

Evidence DoseEv(DoseEventId id) { return {EvidenceKind::kDoseEvent, id.value()}; }
Evidence RegimenEv(RegimenId id) { return {EvidenceKind::kRegimen, id.value()}; }

bool Consumed(const records::DoseEvent& e) {
  return e.status == records::DoseStatus::kTaken || e.status == records::DoseStatus::kExtra;
}

std::string SubstanceOf(const records::DoseEvent& e, const std::vector<records::Regimen>& regs) {
  if (!e.substance.empty() || !e.regimen_id) return e.substance;
  for (const auto& r : regs) {
    if (r.id == *e.regimen_id) return r.substance;
  }
  return {};
}

// The regimen an event counts against: its regimen_id, else the first regimen
// of its substance with a version on that day.
const records::Regimen* RegimenFor(const records::DoseEvent& e,
                                   const std::vector<records::Regimen>& regs, LocalDate day) {
  for (const auto& r : regs) {
    if (BelongsTo(e, r) && (e.regimen_id || VersionOn(r, day) != nullptr)) return &r;
  }
  return nullptr;
}

// Start of the `w`-day block holding `day`, blocks counted from Monday
// 1970-01-05 (for 7 days: the ISO week), so a dedupe key holds for a block.
LocalDate BlockStart(LocalDate day, int w) {
  const sys_days epoch{std::chrono::year(1970) / 1 / 5};
  const auto since = (sys_days(day) - epoch).count();
  const auto k = since >= 0 ? since / w : -((-since + w - 1) / w);
  return LocalDate(epoch + days(k * w));
}

struct WindowUse {
  int count = 0;
  double amount_mg = 0;
  bool all_amounts = true;
  std::string unit;
  std::vector<Evidence> evidence;
};

std::string FormatAmount(const WindowUse& u) {
  if (!u.all_amounts || u.unit.empty()) return "amount not recorded";
  auto v = Mass::FromBase(u.amount_mg).In(u.unit);
  return v.ok() ? FormatNumber(*v) + " " + u.unit : FormatNumber(u.amount_mg) + " mg";
}

}  // namespace

void UseRising(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out) {
  if (!c.today) return;
  const std::string substance = rule.Text("substance");
  const int w = static_cast<int>(Param(rule, "window_days", 7));
  const double min_increase = Param(rule, "min_increase_percent", 50);
  const Instant recent_from = c.now - hours(24) * w;
  const Instant previous_from = recent_from - hours(24) * w;
  WindowUse recent, previous;
  for (const auto& e : c.events) {
    if (!Consumed(e) || !SameSubstance(SubstanceOf(e, c.in.regimens), substance)) continue;
    const Instant t = e.when();
    if (t < previous_from || t >= c.now) continue;
    WindowUse& u = t >= recent_from ? recent : previous;
    ++u.count;
    if (e.amount) {
      u.amount_mg += e.amount->base();
      if (u.unit.empty()) u.unit = e.amount->unit();
    } else {
      u.all_amounts = false;
    }
    if (&u == &recent) u.evidence.push_back(DoseEv(e.id));
  }
  // A rise needs use to rise from: without use in the previous window it is
  // new use, which other rules and reviews cover.
  if (previous.count == 0) return;
  const double count_rise = 100.0 * (recent.count - previous.count) / previous.count;
  std::optional<double> amount_rise;
  if (recent.all_amounts && previous.all_amounts && previous.amount_mg > 0) {
    amount_rise = 100.0 * (recent.amount_mg - previous.amount_mg) / previous.amount_mg;
  }
  const double rise = std::max(count_rise, amount_rise.value_or(count_rise));
  if (!(rise > min_increase)) return;
  if (recent.unit.empty()) recent.unit = previous.unit;
  if (previous.unit.empty()) previous.unit = recent.unit;
  const Fields f{{"substance", substance},
                 {"count", std::to_string(recent.count)},
                 {"previous_count", std::to_string(previous.count)},
                 {"amount", FormatAmount(recent)},
                 {"previous_amount", FormatAmount(previous)},
                 {"window_days", std::to_string(w)},
                 {"increase_percent", FormatNumber(rise)}};
  out.push_back(
      MakeCandidate(rule, f, recent.evidence,
                    "substance:" + substance + "|block:" + FormatDate(BlockStart(*c.today, w))));
}

void AdherenceBelow(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out) {
  if (!c.today) return;
  const std::string& zone = c.in.patient.time_zone;
  const int w = static_cast<int>(Param(rule, "window_days", 14));
  const double threshold = Param(rule, "threshold_percent", 80);
  const int min_planned = static_cast<int>(Param(rule, "min_planned", 1));
  for (const auto& regimen : c.in.regimens) {
    if (regimen.versions.empty()) continue;
    // The latest complete w-day block counted from the regimen's first start.
    const LocalDate start = regimen.versions.front().start_date;
    const auto elapsed = (sys_days(*c.today) - sys_days(start)).count();
    if (elapsed < w) continue;
    const LocalDate block_from(sys_days(start) + days((elapsed / w - 1) * w));
    const LocalDate block_to(sys_days(block_from) + days(w));
    const auto from = StartOfDay(block_from, zone);
    const auto to = StartOfDay(block_to, zone);
    if (!from || !to) continue;
    auto report =
        ComputeAdherence(c.in.regimens, c.in.dose_events, zone, *from, *to, c.rules.adherence);
    if (!report.ok()) continue;
    const RegimenAdherence* mine = nullptr;
    for (const auto& r : report->regimens) {
      if (r.regimen_id == regimen.id) mine = &r;
    }
    if (mine == nullptr || mine->counts.planned < min_planned) continue;
    const double percent = *mine->counts.percent_taken();
    if (!(percent < threshold)) continue;
    std::vector<Evidence> evidence{RegimenEv(regimen.id)};
    for (const auto& d : report->doses) {
      if (d.dose.regimen_id == regimen.id && d.outcome == DoseOutcome::kSkipped && d.event_id) {
        evidence.push_back(DoseEv(*d.event_id));
      }
    }
    const Fields f{{"substance", regimen.substance},
                   {"percent", FormatNumber(percent)},
                   {"threshold", FormatNumber(threshold)},
                   {"taken", std::to_string(mine->counts.taken)},
                   {"planned", std::to_string(mine->counts.planned)},
                   {"window_start", FormatDate(block_from)},
                   {"window_end", FormatDate(LocalDate(sys_days(block_to) - days(1)))}};
    out.push_back(
        MakeCandidate(rule, f, std::move(evidence),
                      "regimen:" + regimen.id.ToString() + "|window:" + FormatDate(block_from)));
  }
}

void NoCheckin(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out) {
  if (!c.in.last_checkin || !c.today || *c.in.last_checkin > c.now) return;
  // Check-ins are expected only while a regimen is in force.
  std::vector<Evidence> active;
  for (const auto& r : c.in.regimens) {
    const records::RegimenVersion* v = VersionOn(r, *c.today);
    if (v == nullptr || v->status != records::RegimenStatus::kActive) continue;
    if (v->end_date && sys_days(*v->end_date) < sys_days(*c.today)) continue;
    active.push_back(RegimenEv(r.id));
  }
  if (active.empty()) return;
  const auto days_silent = (c.now - *c.in.last_checkin) / hours(24);
  if (days_silent < Param(rule, "max_days", 7)) return;
  const Fields f{{"days", std::to_string(days_silent)},
                 {"last_checkin", FormatLocal(*c.in.last_checkin, c.in.patient.time_zone)}};
  out.push_back(MakeCandidate(rule, f, std::move(active),
                              "last_checkin:" + FormatInstant(*c.in.last_checkin)));
}

void AssessmentDue(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out) {
  if (!c.today) return;
  const std::string& zone = c.in.patient.time_zone;
  const std::string substance = rule.texts.count("substance") ? rule.texts.at("substance") : "";
  const std::string list = rule.texts.count("instruments") ? rule.texts.at("instruments") : "";
  std::vector<std::string> instruments;
  for (std::size_t from = 0; from <= list.size();) {
    const std::size_t comma = std::min(list.find(',', from), list.size());
    if (comma > from) instruments.push_back(list.substr(from, comma - from));
    from = comma + 1;
  }
  const double max_days = Param(rule, "max_days", 14);
  // The latest score of any of the instruments.
  std::optional<Instant> last;
  for (const auto& r : c.in.responses) {
    if (std::find(instruments.begin(), instruments.end(), r.code) == instruments.end()) continue;
    if (r.observed_at <= c.now && (!last || r.observed_at > *last)) last = r.observed_at;
  }
  for (const auto& regimen : c.in.regimens) {
    if (!SameSubstance(substance, regimen.substance)) continue;
    const records::RegimenVersion* v = VersionOn(regimen, *c.today);
    if (v == nullptr || v->status != records::RegimenStatus::kActive) continue;
    if (v->end_date && sys_days(*v->end_date) < sys_days(*c.today)) continue;
    // Use as needed is not planned regular use.
    if (v->frequency == records::Frequency::kAsNeeded ||
        records::AverageDosesPerDay(*v) < Param(rule, "min_doses_per_day", 1)) {
      continue;
    }
    // Counted from the last score, or from the day regular use was planned.
    const std::optional<Instant> start = StartOfDay(v->start_date, zone);
    if (!start) return;
    const Instant since = last && *last > *start ? *last : *start;
    const auto days_since = (c.now - since) / hours(24);
    if (days_since < max_days) continue;
    const Fields f{{"substance", regimen.substance},
                   {"instruments", list},
                   {"days", std::to_string(days_since)},
                   {"last_assessed", last ? FormatLocal(*last, zone) : std::string("never")}};
    out.push_back(
        MakeCandidate(rule, f, {RegimenEv(regimen.id)},
                      "regimen:" + regimen.id.ToString() + "|since:" + FormatInstant(since)));
  }
}

void DoseAboveMax(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out) {
  const std::string& zone = c.in.patient.time_zone;
  const Instant since = c.now - hours(24) * static_cast<int>(Param(rule, "lookback_days", 14));
  for (const auto& e : c.events) {
    if (!Consumed(e) || !e.amount) continue;
    const Instant t = e.when();
    if (t < since || t > c.now) continue;
    auto local = ToLocal(t, zone);
    if (!local.ok()) return;
    const records::Regimen* regimen = RegimenFor(e, c.in.regimens, local->date);
    if (regimen == nullptr) continue;
    const records::RegimenVersion* v = VersionOn(*regimen, local->date);
    if (v == nullptr) continue;
    const Mass maximum = LargestDose(*v);
    if (!(e.amount->base() > maximum.base() * (1 + 1e-9))) continue;
    const Fields f{{"substance", regimen->substance},
                   {"amount", e.amount->ToString()},
                   {"maximum", maximum.ToString()},
                   {"taken_at", FormatLocal(t, zone)}};
    out.push_back(MakeCandidate(rule, f, {DoseEv(e.id), RegimenEv(regimen->id)},
                                "dose_event:" + e.id.ToString()));
  }
}

}  // namespace pineal::monitor::alert_internal
