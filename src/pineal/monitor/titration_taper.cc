// A taper (kratom): the rules in the order titration.h lists them. The
// proposed amount is never above the current one.
#include <algorithm>
#include <chrono>
#include <cmath>

#include "pineal/monitor/titration_internal.h"

namespace pineal::monitor::titration_internal {
namespace {

using std::chrono::sys_days;

// The next amount per administration: the daily amount less the protocol's
// fraction, split over the doses of a day, rounded down to the resolution,
// and always at least one resolution unit below the current amount.
Mass NextPerDose(const Context& c) {
  const kb::TaperRule& t = c.protocol.taper;
  const double res = t.round_down_to.base();
  const double current = c.current.per_dose.base();
  const double target =
      c.current.daily().base() * (1.0 - t.reduce_fraction) / c.current.doses_per_day;
  // The epsilon keeps 1.8 g / 0.1 g at 18 units despite binary rounding.
  double units = std::floor(target / res + 1e-9);
  if (units * res >= current) units = std::floor(current / res + 1e-9) - 1;
  return InUnitOf(std::max(0.0, units) * res, c.current.per_dose);
}

}  // namespace

Result<TitrationProposal> ProposeTaper(const Context& c) {
  const kb::Protocol& proto = c.protocol;
  const kb::TaperRule& taper = proto.taper;
  const kb::WithdrawalRule& wd = proto.withdrawal;
  const Mass daily = c.current.daily();
  // Assessments count from the current amount's start, at most one step back.
  const LocalDate window_start =
      std::max(c.dose_since, AddDays(c.today, -taper.step_days),
               [](LocalDate a, LocalDate b) { return sys_days(a) < sys_days(b); });
  const auto in_window = [&](const DatedResponse& r) {
    return sys_days(r.date) >= sys_days(window_start);
  };
  PINEAL_ASSIGN_OR_RETURN(auto scores, ResponsesOf(c, wd.instrument));
  const DatedResponse* score = nullptr;
  if (!scores.empty() && in_window(scores.back())) score = &scores.back();

  if (score != nullptr && score->response->total >= wd.refer_at_or_above) {
    TitrationProposal p =
        Hold(c, "withdrawal",
             wd.instrument + " " + Num(score->response->total) + " on " + FormatDate(score->date) +
                 " is at or above " + Num(wd.refer_at_or_above) +
                 " (moderately severe withdrawal or worse): refer now; no "
                 "change to the amount without a clinician.",
             wd.source);
    p.action = TitrationAction::kRefer;
    p.urgent = true;
    AddEvidence(p, score->response->id);
    return p;
  }
  if (proto.side_effects.refer_min_grade) {
    PINEAL_ASSIGN_OR_RETURN(auto counted, CountedSideEffects(c, window_start));
    const int min = *proto.side_effects.refer_min_grade;
    TitrationProposal p = Start(c);
    for (const auto& s : counted) {
      if (s.report->grade < min) continue;
      p.reasons.push_back(s.report->effect + " grade " + std::to_string(s.report->grade) +
                          " (onset " + FormatDate(s.onset) + ") attributed to " +
                          c.in.regimen.substance + ": grade " + std::to_string(min) +
                          " or more needs a clinician review now.");
      AddEvidence(p, s.report->id);
    }
    if (!p.reasons.empty()) {
      p.action = TitrationAction::kRefer;
      p.urgent = true;
      p.decided_by = "side_effects";
      AddSource(p, proto.side_effects.source);
      return p;
    }
  }
  if (auto refer = ReferForCaution(c)) return std::move(*refer);

  if (score != nullptr && score->response->total >= wd.hold_at_or_above) {
    TitrationProposal p =
        Hold(c, "withdrawal",
             wd.instrument + " " + Num(score->response->total) + " on " + FormatDate(score->date) +
                 " is at or above " + Num(wd.hold_at_or_above) +
                 " (moderate withdrawal or worse): hold the taper at " + daily.ToString() +
                 " a day until it settles.",
             wd.source);
    AddEvidence(p, score->response->id);
    return p;
  }
  // Outlives the block: `rising` points into it.
  std::vector<DatedResponse> other;
  const DatedResponse* rising = nullptr;
  if (!wd.rising_instrument.empty()) {
    PINEAL_ASSIGN_OR_RETURN(other, ResponsesOf(c, wd.rising_instrument));
    if (other.size() >= 2 && in_window(other.back()) &&
        other.back().response->total > other[other.size() - 2].response->total) {
      const DatedResponse& prev = other[other.size() - 2];
      const DatedResponse& last = other.back();
      TitrationProposal p =
          Hold(c, "withdrawal",
               wd.rising_instrument + " rose from " + Num(prev.response->total) + " on " +
                   FormatDate(prev.date) + " to " + Num(last.response->total) + " on " +
                   FormatDate(last.date) + ": hold the taper at " + daily.ToString() + " a day.",
               wd.source);
      AddEvidence(p, prev.response->id);
      AddEvidence(p, last.response->id);
      return p;
    }
    if (!other.empty() && in_window(other.back())) rising = &other.back();
  }

  const LocalDate due = AddDays(c.dose_since, taper.step_days);
  if (sys_days(c.today) < sys_days(due)) {
    TitrationProposal p =
        Hold(c, "step_days",
             daily.ToString() + " a day since " + FormatDate(c.dose_since) +
                 ": the next reduction is due after " + std::to_string(taper.step_days) +
                 " days, on " + FormatDate(due) + ".",
             taper.source);
    p.evaluate_on = due;
    return p;
  }
  if (score == nullptr && rising == nullptr) {
    return Hold(c, "no_assessment",
                "no withdrawal assessment (" + wd.instrument +
                    (wd.rising_instrument.empty() ? "" : " or " + wd.rising_instrument) +
                    ") since " + FormatDate(window_start) +
                    ": record one before the next reduction.",
                wd.source);
  }
  const double min_adherence = proto.adherence.min_percent;
  if (!c.in.adherence_percent || *c.in.adherence_percent < min_adherence) {
    return Hold(c, "adherence",
                c.in.adherence_percent
                    ? "adherence first: " + Num(*c.in.adherence_percent) +
                          "% of planned doses taken as planned, below " + Num(min_adherence) +
                          "%: no further reduction until the current plan is followed."
                    : "adherence over the current step is unknown: no further reduction "
                      "without it.",
                proto.adherence.source);
  }

  TitrationProposal p = Start(c);
  p.decided_by = "taper";
  AddSource(p, taper.source);
  AddSource(p, wd.source);
  if (score != nullptr) AddEvidence(p, score->response->id);
  if (rising != nullptr) AddEvidence(p, rising->response->id);
  const std::string settled =
      "withdrawal below the hold threshold" +
      (score != nullptr ? " (" + wd.instrument + " " + Num(score->response->total) + " on " +
                              FormatDate(score->date) + ")"
                        : std::string()) +
      ", adherence " + Num(*c.in.adherence_percent) + "%";
  if (!(taper.stop_at_or_below_daily < daily)) {
    p.action = TitrationAction::kStop;
    SetDose(p, Mass());
    p.reasons.push_back(daily.ToString() + " a day is at or below " +
                        taper.stop_at_or_below_daily.ToString() + ": the next step is stopping; " +
                        settled + ".");
    p.evaluate_on = AddDays(c.today, taper.step_days);
    return p;
  }
  const Mass next = NextPerDose(c);
  if (next.base() <= 0) {
    p.action = TitrationAction::kStop;
    SetDose(p, Mass());
  } else {
    p.action = TitrationAction::kTaper;
    SetDose(p, next);
  }
  p.reasons.push_back("reduce the daily amount by " + Num(taper.reduce_fraction * 100) + "% of " +
                      daily.ToString() + ", rounded down to " + taper.round_down_to.ToString() +
                      " per dose: " + std::to_string(c.current.doses_per_day) + " x " +
                      p.dose.ToString() + " = " + p.daily_dose.ToString() + " a day; " + settled +
                      ".");
  p.evaluate_on = AddDays(c.today, taper.step_days);
  return p;
}

}  // namespace pineal::monitor::titration_internal
