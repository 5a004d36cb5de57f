// Alert kinds over observations: side effects and scored instruments.
#include <algorithm>

#include "pineal/monitor/adherence_plan.h"
#include "pineal/monitor/alert_kinds.h"

namespace pineal::monitor::alert_internal {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::sys_days;

Instant LookbackStart(const Context& c, const kb::AlertRule& rule) {
  return c.now - hours(24) * static_cast<int>(Param(rule, "lookback_days", 0));
}

bool Recent(const Context& c, const kb::AlertRule& rule, Instant t) {
  return t >= LookbackStart(c, rule) && t <= c.now;
}

Evidence Obs(ObservationId id) { return {EvidenceKind::kObservation, id.value()}; }

// Responses of one instrument observed no later than now, oldest first.
std::vector<const ScoredResponse*> ResponsesOf(const Context& c, const std::string& code) {
  std::vector<const ScoredResponse*> out;
  for (const auto& r : c.in.responses) {
    if (SameSubstance(r.code, code) && r.observed_at <= c.now) out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(), [](const ScoredResponse* a, const ScoredResponse* b) {
    return a->observed_at < b->observed_at;
  });
  return out;
}

}  // namespace

void SideEffectGrade(const Context& c, const kb::AlertRule& rule,
                     std::vector<AlertCandidate>& out) {
  const int min_grade = static_cast<int>(Param(rule, "min_grade", 3));
  for (const auto& s : c.in.side_effects) {
    if (s.grade < min_grade || s.onset > c.now) continue;
    // An ongoing effect stays relevant however long ago it began.
    if (!s.ongoing && !Recent(c, rule, s.onset)) continue;
    const Fields f{{"effect", s.effect},
                   {"grade", std::to_string(s.grade)},
                   {"substance", s.substance.empty() ? "an unknown substance" : s.substance},
                   {"onset", FormatLocal(s.onset, c.in.patient.time_zone)}};
    out.push_back(MakeCandidate(rule, f, {Obs(s.id)}, "observation:" + s.id.ToString()));
  }
}

void InstrumentItem(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out) {
  const std::string item = rule.Text("item");
  const double min_value = Param(rule, "min_value", 1);
  for (const ScoredResponse* r : ResponsesOf(c, rule.Text("instrument"))) {
    if (!Recent(c, rule, r->observed_at)) continue;
    auto it = r->items.find(item);
    if (it == r->items.end() || it->second < min_value) continue;
    const Fields f{{"instrument", r->code},
                   {"item", item},
                   {"value", std::to_string(it->second)},
                   {"total", FormatNumber(r->total)},
                   {"observed", FormatLocal(r->observed_at, c.in.patient.time_zone)}};
    out.push_back(MakeCandidate(rule, f, {Obs(r->id)}, "observation:" + r->id.ToString()));
  }
}

void InstrumentTotal(const Context& c, const kb::AlertRule& rule,
                     std::vector<AlertCandidate>& out) {
  const double min_total = Param(rule, "min_total", 0);
  const auto max_total = rule.Number("max_total");
  for (const ScoredResponse* r : ResponsesOf(c, rule.Text("instrument"))) {
    if (!Recent(c, rule, r->observed_at)) continue;
    if (r->total < min_total || (max_total && r->total > *max_total)) continue;
    const Fields f{{"instrument", r->code},
                   {"total", FormatNumber(r->total)},
                   {"band", r->band_id.empty() ? "no band" : r->band_id},
                   {"observed", FormatLocal(r->observed_at, c.in.patient.time_zone)}};
    out.push_back(MakeCandidate(rule, f, {Obs(r->id)}, "observation:" + r->id.ToString()));
  }
}

void NoImprovement(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out) {
  const std::string& zone = c.in.patient.time_zone;
  const std::string substance = rule.Text("substance");
  const int eval_days = static_cast<int>(Param(rule, "evaluation_days", 28));
  const double min_fall = Param(rule, "min_fall", 0);
  const auto responses = ResponsesOf(c, rule.Text("instrument"));
  for (const auto& regimen : c.in.regimens) {
    if (regimen.versions.empty()) continue;
    if (!substance.empty() && !SameSubstance(substance, regimen.substance)) continue;
    if (regimen.current().status != records::RegimenStatus::kActive) continue;
    // The window counts from the regimen's first start; the baseline is the
    // latest response on or before that day.
    const LocalDate start = regimen.versions.front().start_date;
    const auto after_start = StartOfDay(LocalDate(sys_days(start) + days(1)), zone);
    const auto window_end = StartOfDay(LocalDate(sys_days(start) + days(eval_days)), zone);
    if (!after_start || !window_end || c.now < *window_end) continue;
    const ScoredResponse* baseline = nullptr;
    const ScoredResponse* latest = nullptr;
    for (const ScoredResponse* r : responses) {
      if (r->observed_at < *after_start) baseline = r;
      if (r->observed_at >= *window_end) latest = r;
    }
    if (baseline == nullptr || latest == nullptr) continue;
    const double fall = baseline->total - latest->total;
    if (fall >= min_fall) continue;
    const auto local = ToLocal(latest->observed_at, zone);
    const int since = local.ok()
                          ? static_cast<int>((sys_days(local->date) - sys_days(start)).count())
                          : eval_days;
    const Fields f{
        {"instrument", latest->code},
        {"substance", regimen.substance},
        {"baseline", FormatNumber(baseline->total)},
        {"latest", FormatNumber(latest->total)},
        {"fall", FormatNumber(fall) + (FormatNumber(fall) == "1" ? " point" : " points")},
        {"min_fall", FormatNumber(min_fall)},
        {"days", std::to_string(since)}};
    out.push_back(MakeCandidate(
        rule, f, {{EvidenceKind::kRegimen, regimen.id.value()}, Obs(baseline->id), Obs(latest->id)},
        "regimen:" + regimen.id.ToString() + "|observation:" + latest->id.ToString()));
  }
}

}  // namespace pineal::monitor::alert_internal
