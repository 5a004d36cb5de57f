#include "pineal/circadian/plan_policy.h"

#include <algorithm>

namespace pineal::circadian {

std::string_view ShiftDirectionName(ShiftDirection d) {
  return d == ShiftDirection::kAdvance ? "advance" : "delay";
}

std::vector<Span> Subtract(Span span, const std::vector<Span>& cut) {
  std::vector<Span> out;
  if (span.second <= span.first) return out;
  out.push_back(span);
  for (const Span& c : cut) {
    std::vector<Span> next;
    for (const Span& s : out) {
      if (c.second <= s.first || c.first >= s.second) {
        next.push_back(s);
        continue;
      }
      if (c.first > s.first) next.push_back({s.first, c.first});
      if (c.second < s.second) next.push_back({c.second, s.second});
    }
    out = std::move(next);
  }
  return out;
}

namespace {

void AddClipped(std::vector<Span>& out, Span s, double from, double to) {
  s.first = std::max(s.first, from);
  s.second = std::min(s.second, to);
  if (s.second - s.first >= 0.5) out.push_back(s);  // drop slivers under 30 min
}

}  // namespace

DayInterventions LightWindows(const DayContext& d, ShiftDirection direction, double light_h) {
  DayInterventions out;
  const double c0 = d.cbtmin_h, c1 = d.cbtmin_h + d.period_h;
  std::vector<Span> seek;
  if (light_h > 0) {
    if (direction == ShiftDirection::kAdvance) {
      const double start = std::max(d.wake_h, c0);
      AddClipped(seek, {start, start + light_h}, d.wake_h, d.bed_h);
    } else {
      // The CBTmin after this wake-up (c0 may lie just before it).
      const double next = c0 > d.wake_h ? c0 : c1;
      const double end = std::min(next - 1.0, d.bed_h);
      const double start = std::max({next - 7.0, d.wake_h, end - light_h});
      AddClipped(seek, {start, end}, d.wake_h, d.bed_h);
    }
  }
  for (const Span& s : seek) {
    for (const Span& part : Subtract(s, d.no_bright)) AddClipped(out.seek, part, s.first, s.second);
  }
  std::vector<Span> avoid;
  for (double c : {c0 - d.period_h, c0, c1}) {
    const Span zone = direction == ShiftDirection::kAdvance ? Span{c - 6.0, c} : Span{c, c + 4.0};
    AddClipped(avoid, zone, d.wake_h, d.bed_h);
  }
  for (const Span& a : avoid) {
    for (const Span& part : Subtract(a, out.seek)) AddClipped(out.avoid, part, a.first, a.second);
  }
  return out;
}

std::optional<double> AdvancingPillTime(const DayContext& d, double before_dlmo_h,
                                        bool allow_in_sleep) {
  // The DLMO ahead of this wake episode's evening.
  double dlmo = d.cbtmin_h - d.cbt_to_dlmo_h;
  while (dlmo < d.wake_h + 6.0) dlmo += d.period_h;
  double pill = std::max(dlmo - before_dlmo_h, d.wake_h + 6.0);
  // "At bedtime": a quarter of an hour before lights out at the latest.
  const double latest = allow_in_sleep ? d.next_wake_h - 0.5 : d.bed_h - 0.25;
  pill = std::min(pill, latest);
  if (pill < dlmo - 9.0 || pill > dlmo + 3.0 || pill < d.wake_h) return std::nullopt;
  return pill;
}

std::optional<double> DelayingPillTime(const DayContext& d) {
  const double pill = d.bed_h - 0.5;
  double dlmo = d.cbtmin_h - d.cbt_to_dlmo_h;
  while (dlmo + d.period_h <= pill) dlmo += d.period_h;
  while (dlmo > pill) dlmo -= d.period_h;
  const double after = pill - dlmo;
  if (after < 6.0 || after > 15.0 || pill < d.wake_h) return std::nullopt;
  return pill;
}

}  // namespace pineal::circadian
