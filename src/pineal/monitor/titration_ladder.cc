// A dose ladder (melatonin for insomnia): the rules in the order titration.h
// lists them. Each returns as soon as it decides.
#include <algorithm>
#include <chrono>

#include "pineal/monitor/titration_internal.h"

namespace pineal::monitor::titration_internal {
namespace {

using std::chrono::sys_days;

const kb::Ladder* LadderFor(const kb::Protocol& p, std::optional<int> age) {
  const kb::Ladder* best = nullptr;
  for (const kb::Ladder& l : p.ladders) {
    if (!l.min_age_years) {
      if (best == nullptr) best = &l;
    } else if (age && *age >= *l.min_age_years &&
               (best == nullptr || !best->min_age_years ||
                *best->min_age_years < *l.min_age_years)) {
      best = &l;
    }
  }
  return best;
}

Mass Top(const kb::Ladder& l) {
  return l.explicit_steps.empty() ? l.ceiling() : l.explicit_steps.back();
}

// The largest step (standard or explicit) below `dose`.
std::optional<Mass> StepBelow(const kb::Ladder& l, const Mass& dose) {
  std::optional<Mass> out;
  for (const auto* list : {&l.steps, &l.explicit_steps}) {
    for (const Mass& m : *list) {
      if (m < dose && (!out || *out < m)) out = m;
    }
  }
  return out;
}

std::optional<Mass> FirstAbove(const std::vector<Mass>& steps, const Mass& dose) {
  for (const Mass& m : steps) {
    if (dose < m) return m;
  }
  return std::nullopt;
}

std::string Label(const kb::Ladder& l) { return "the " + l.id + " ladder"; }

// Rule 1: side effects attributed to the substance.
Result<std::optional<TitrationProposal>> SideEffects(const Context& c, const kb::Ladder& ladder) {
  const kb::SideEffectRule& rule = c.protocol.side_effects;
  PINEAL_ASSIGN_OR_RETURN(
      auto counted, CountedSideEffects(c, AddDays(c.today, -c.protocol.evaluation.window_days)));
  const CountedSideEffect* worst = nullptr;
  for (const auto& s : counted) {
    if (worst == nullptr || s.report->grade > worst->report->grade) worst = &s;
  }
  if (worst == nullptr) return std::optional<TitrationProposal>();
  const int grade = worst->report->grade;
  const auto at_least = [&](const std::optional<int>& min) { return min && grade >= *min; };
  TitrationProposal p = Start(c);
  const std::string what = worst->report->effect + " grade " + std::to_string(grade) + " (onset " +
                           FormatDate(worst->onset) + (worst->report->ongoing ? ", ongoing" : "") +
                           ") attributed to " + c.in.regimen.substance;
  if (at_least(rule.refer_min_grade)) {
    p.action = TitrationAction::kRefer;
    p.urgent = true;
    p.reasons.push_back(what + ": grade " + std::to_string(*rule.refer_min_grade) +
                        " or more needs a clinician review now.");
  } else if (at_least(rule.stop_min_grade)) {
    p.action = TitrationAction::kStop;
    SetDose(p, Mass());
    p.reasons.push_back(what + ": grade " + std::to_string(*rule.stop_min_grade) +
                        " or more: stop " + c.in.regimen.substance + ".");
  } else if (at_least(rule.step_down_min_grade)) {
    const auto below = StepBelow(ladder, c.current.per_dose);
    p.action = below ? TitrationAction::kDecrease : TitrationAction::kStop;
    SetDose(p, below.value_or(Mass()));
    p.reasons.push_back(
        what + ": grade " + std::to_string(*rule.step_down_min_grade) + " or more: " +
        (below
             ? "step down from " + c.current.per_dose.ToString() + " to " + below->ToString() + "."
             : c.current.per_dose.ToString() + " is the lowest step: stop."));
    if (below) p.evaluate_on = AddDays(c.today, c.protocol.evaluation.window_days);
  } else {
    return std::optional<TitrationProposal>();
  }
  p.decided_by = "side_effects";
  for (const auto& s : counted) {
    if (s.report->grade >= grade) AddEvidence(p, s.report->id);
  }
  AddSource(p, rule.source);
  return std::optional<TitrationProposal>(std::move(p));
}

}  // namespace

Result<TitrationProposal> ProposeLadder(const Context& c) {
  const kb::Protocol& proto = c.protocol;
  const kb::Ladder* ladder = LadderFor(proto, c.age_years);
  if (ladder == nullptr) return Status::Internal("protocol " + proto.id + " has no default ladder");
  const Mass& dose = c.current.per_dose;
  const int window = proto.evaluation.window_days;

  PINEAL_ASSIGN_OR_RETURN(auto side_effect, SideEffects(c, *ladder));
  if (side_effect) return std::move(*side_effect);

  if (auto refer = ReferForCaution(c)) return std::move(*refer);

  // Rule 3. With the age unknown, only a dose above every ladder's top counts:
  // no decrease rests on a guessed age.
  Mass top = Top(*ladder);
  if (!c.age_years) {
    for (const kb::Ladder& l : proto.ladders) top = std::max(top, Top(l));
  }
  if (top < dose) {
    TitrationProposal p =
        Hold(c, "ceiling",
             dose.ToString() + " is above " + top.ToString() + ", the top of " + Label(*ladder) +
                 ": step down to its ceiling, " + ladder->ceiling().ToString() + ".",
             ladder->source);
    p.action = TitrationAction::kDecrease;
    SetDose(p, ladder->ceiling());
    p.evaluate_on = AddDays(c.today, window);
    return p;
  }

  // Rule 4: the evaluation window on the current dose.
  const LocalDate window_end = AddDays(c.dose_since, window);
  if (sys_days(c.today) < sys_days(window_end)) {
    TitrationProposal p =
        Hold(c, "evaluation_window",
             dose.ToString() + " since " + FormatDate(c.dose_since) + " (" +
                 std::to_string(DaysBetween(c.dose_since, c.today)) +
                 " days): the protocol judges a dose after " + std::to_string(window) +
                 " days on it; evaluate again on " + FormatDate(window_end) + ".",
             proto.evaluation.source);
    p.evaluate_on = window_end;
    return p;
  }
  const std::string& code = proto.response.instrument;
  PINEAL_ASSIGN_OR_RETURN(auto responses, ResponsesOf(c, code));
  if (responses.empty() || sys_days(responses.back().date) < sys_days(window_end)) {
    return Hold(c, "no_response",
                "no " + code + " on or after " + FormatDate(window_end) + " (" +
                    std::to_string(window) + " days on " + dose.ToString() +
                    "): record one, then evaluate again.",
                proto.evaluation.source);
  }
  const DatedResponse& latest = responses.back();
  const double total = latest.response->total;

  // Rule 5: remission, and how long it has held (the trailing run below the cut-off).
  const double cut = proto.response.remission_below;
  if (total < cut) {
    std::size_t first = responses.size() - 1;
    while (first > 0 && responses[first - 1].response->total < cut) --first;
    const LocalDate since = responses[first].date;
    const int held = DaysBetween(since, latest.date);
    const int needed = proto.remission.sustained_days;
    const std::string head = code + " " + Num(total) + " on " + FormatDate(latest.date) +
                             " is below " + Num(cut) + " (remission) since " + FormatDate(since) +
                             " (" + std::to_string(held) + " days)";
    TitrationProposal p = Start(c);
    p.decided_by = "remission";
    AddSource(p, proto.response.source);
    for (std::size_t i = first; i < responses.size(); ++i)
      AddEvidence(p, responses[i].response->id);
    AddSource(p, proto.remission.source);
    if (held < needed) {
      p.evaluate_on = AddDays(since, needed);
      p.reasons.push_back(head + ": keep " + dose.ToString() + "; if it holds for " +
                          std::to_string(needed) + " days (to " + FormatDate(*p.evaluate_on) +
                          "), the protocol proposes the lowest effective dose.");
      return p;
    }
    const auto below = StepBelow(*ladder, dose);
    p.action = below ? TitrationAction::kTaper : TitrationAction::kStop;
    SetDose(p, below.value_or(Mass()));
    p.reasons.push_back(
        head + ", at least " + std::to_string(needed) + " days: " +
        (below ? "step down to " + below->ToString() + " to find the lowest effective dose."
               : dose.ToString() + " is the lowest step: stop."));
    if (below) p.evaluate_on = AddDays(c.today, window);
    return p;
  }

  // Rule 6: the baseline, the latest response on or before the first start.
  const LocalDate start = c.in.regimen.versions.front().start_date;
  const DatedResponse* baseline = nullptr;
  for (const auto& r : responses) {
    if (sys_days(r.date) <= sys_days(start)) baseline = &r;
  }
  if (baseline == nullptr) {
    TitrationProposal p = Hold(c, "no_baseline",
                               "no " + code + " on or before " + FormatDate(start) +
                                   ", when the regimen started: the change from baseline cannot "
                                   "be judged, so the dose is not changed.",
                               proto.response.source);
    AddEvidence(p, latest.response->id);
    return p;
  }
  const double fall = baseline->response->total - total;
  const std::string change =
      code + " " + Num(baseline->response->total) + " on " + FormatDate(baseline->date) +
      " (baseline) and " + Num(total) + " on " + FormatDate(latest.date) + ", after " +
      std::to_string(DaysBetween(c.dose_since, latest.date)) + " days on " + dose.ToString() +
      ": a fall of " + Num(fall) + (Num(fall) == "1" ? " point" : " points");
  const double min_fall = proto.response.min_fall;
  if (fall >= min_fall) {
    TitrationProposal p =
        Hold(c, "improved",
             change + ", at least the " + Num(min_fall) +
                 " that marks meaningful improvement: keep " + dose.ToString() + ".",
             proto.response.source);
    AddEvidence(p, baseline->response->id);
    AddEvidence(p, latest.response->id);
    p.evaluate_on = AddDays(c.today, window);
    return p;
  }

  // Rule 8: not enough improvement; step up unless something stands in the way.
  TitrationProposal p = Start(c);
  AddSource(p, proto.response.source);
  AddEvidence(p, baseline->response->id);
  AddEvidence(p, latest.response->id);
  p.reasons.push_back(change + ", below the " + Num(min_fall) +
                      " that marks meaningful improvement.");
  std::vector<std::string> blocks;
  for (const kb::Caution& caution : proto.cautions) {
    if (caution.effect != kb::CautionEffect::kNoIncrease ||
        !CautionApplies(caution, c.in.patient)) {
      continue;
    }
    if (blocks.empty()) p.decided_by = "caution";
    blocks.push_back("no step up: " + caution.message + " (caution " + caution.id + ").");
    AddSource(p, caution.source);
  }
  if (!c.age_years) {
    if (blocks.empty()) p.decided_by = "age_unknown";
    blocks.push_back(
        "no step up: the patient's age is unknown and the ceiling depends on it; "
        "record the birth date.");
  }
  const double min_adherence = proto.adherence.min_percent;
  if (!c.in.adherence_percent || *c.in.adherence_percent < min_adherence) {
    if (blocks.empty()) p.decided_by = "adherence";
    blocks.push_back(c.in.adherence_percent
                         ? "adherence first: " + Num(*c.in.adherence_percent) +
                               "% of planned doses taken, below " + Num(min_adherence) +
                               "%: no step up until adherence improves."
                         : "adherence over the evaluation window is unknown: no step up without "
                           "it.");
    AddSource(p, proto.adherence.source);
  }
  const auto next = FirstAbove(ladder->steps, dose);
  if (!next) {
    if (blocks.empty()) p.decided_by = "ceiling";
    p.explicit_option = FirstAbove(ladder->explicit_steps, dose);
    blocks.push_back(dose.ToString() + " is at or above " + ladder->ceiling().ToString() +
                     ", the ceiling of " + Label(*ladder) + ": no further step" +
                     (p.explicit_option ? "; " + p.explicit_option->ToString() +
                                              " only by an explicit clinician decision."
                                        : "."));
    AddSource(p, ladder->source);
  }
  if (!blocks.empty()) {
    for (auto& b : blocks) p.reasons.push_back(std::move(b));
    p.evaluate_on = AddDays(c.today, window);
    return p;
  }
  p.action = TitrationAction::kIncrease;
  p.decided_by = "increase";
  SetDose(p, *next);
  AddSource(p, ladder->source);
  AddSource(p, proto.adherence.source);
  p.reasons.push_back("step up one step, from " + dose.ToString() + " to " + next->ToString() +
                      " (" + Label(*ladder) + ", ceiling " + ladder->ceiling().ToString() +
                      "); adherence " + Num(*c.in.adherence_percent) + "%.");
  p.evaluate_on = AddDays(c.today, window);
  return p;
}

}  // namespace pineal::monitor::titration_internal
