#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <string>

#include "pineal/circadian/plan_format.h"

namespace pineal::circadian {
namespace {

std::string ClockSpan(const Interval& i, const std::string& zone) {
  return LocalClock(i.start, zone) + "-" + LocalClock(i.end, zone);
}

std::string ClockSpans(const std::vector<Interval>& v, const std::string& zone) {
  std::string out;
  for (const Interval& i : v) out += (out.empty() ? "" : ", ") + ClockSpan(i, zone);
  return out.empty() ? "-" : out;
}

std::string Phase(const DayPhase& p, const std::string& zone) {
  if (!p.dlmo) return "  ?              ";
  return fmt::format("{} ({:+.1f} h)", LocalClock(*p.dlmo, zone), p.error_h);
}

std::string Days(const std::optional<int>& d) {
  return d ? fmt::format("{} day{}", *d, *d == 1 ? "" : "s") : "not within the horizon";
}

}  // namespace

std::string LocalClock(Instant t, const std::string& zone) {
  auto l = ToLocal(t, zone);
  return l.ok() ? FormatTimeOfDay(l->time) : "??:??";
}

std::string FormatJetLagText(const JetLagPlan& p) {
  std::string out;
  const Strategy& s = p.strategy;
  out += fmt::format("Jet-lag plan: {} -> {} ({:+.1f} h, {})\n", p.origin_zone, p.destination_zone,
                     p.zone_shift_h, p.zone_shift_h >= 0 ? "eastward" : "westward");
  out += fmt::format("Strategy: {} the body clock", ShiftDirectionName(s.direction));
  if (s.pre_days > 0) {
    out += fmt::format("; {} day{} before departure, sleep {:g} h {} each day", s.pre_days,
                       s.pre_days == 1 ? "" : "s", s.pre_shift_h_per_day,
                       s.direction == ShiftDirection::kAdvance ? "earlier" : "later");
  }
  if (s.bright_light_h > 0) out += fmt::format("; {:g} h of bright light a day", s.bright_light_h);
  if (s.dose_mg > 0) {
    out += fmt::format(
        "; melatonin {:g} mg about {:g} h before the body's DLMO{}", s.dose_mg,
        s.dose_before_dlmo_h,
        s.melatonin_before_departure ? ", starting before departure" : ", from the arrival day");
  }
  out += "\n";
  out += fmt::format(
      "Predicted days to re-entrain (within 1 h): {} with the plan, {} without ({}; the field "
      "rule of about 57 min a day east and 92 west gives {:.1f})",
      Days(p.days_to_reentrain_with_plan), Days(p.days_to_reentrain_without_plan), p.model_id,
      p.days_to_reentrain_field_rule);
  if (!p.cross_check_model_id.empty()) {
    out += fmt::format("; {} (light only) {}", p.cross_check_model_id,
                       Days(p.days_to_reentrain_cross_check));
  }
  out += fmt::format("\nModel: {} ({}); {} candidate schedules compared\n\n", p.model_id,
                     fmt::join(p.model_refs, ", "), p.candidates_evaluated);
  for (const PlanDay& d : p.days) {
    out += fmt::format("Day {:+d}  {}  {}{}\n", d.day, FormatDate(d.date), d.zone,
                       d.travel ? "  (travel)" : "");
    out += fmt::format("  awake        {}\n", ClockSpan(d.wake, d.zone));
    if (d.sleep && d.sleep_in_flight) {
      out += fmt::format("  sleep        {} on the plane ({} {})\n", ClockSpan(*d.sleep, d.zone),
                         ClockSpan(*d.sleep, p.destination_zone), p.destination_zone);
    } else if (d.sleep) {
      out += fmt::format("  sleep        {}\n", ClockSpan(*d.sleep, d.zone));
    }
    if (!d.seek_light.empty()) {
      out += fmt::format("  seek light   {}\n", ClockSpans(d.seek_light, d.zone));
    }
    if (!d.avoid_light.empty()) {
      out += fmt::format("  avoid light  {}\n", ClockSpans(d.avoid_light, d.zone));
    }
    if (d.melatonin) {
      out += fmt::format("  melatonin    {:g} mg at {}\n", d.melatonin->dose_mg,
                         LocalClock(d.melatonin->time, d.zone));
    }
    out += fmt::format("  body clock   DLMO {} with plan, {} without", Phase(d.with_plan, d.zone),
                       Phase(d.without_plan, d.zone));
    if (d.cross_check_error_h)
      out += fmt::format("; cross-check {:+.1f} h", *d.cross_check_error_h);
    out += "\n";
  }
  out +=
      "\nError = body clock minus the destination schedule's (> 0: late). Bright light:"
      " outdoors or a light box; avoid: dim room or dark glasses.\n";
  for (const std::string& n : p.notes) out += "Note: " + n + "\n";
  out += "A model prediction to discuss with a clinician, not a prescription.\n";
  return out;
}

}  // namespace pineal::circadian
