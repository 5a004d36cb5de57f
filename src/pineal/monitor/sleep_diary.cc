#include "pineal/monitor/sleep_diary.h"

#include <array>

namespace pineal::monitor {
namespace {

constexpr int kDayMin = 24 * 60;

struct Event {
  const char* field;
  const char* label;
  TimeOfDay clock;
};

std::string HoursText(int minutes) {
  return std::to_string(minutes / 60) + " h " + std::to_string(minutes % 60) + " min";
}

std::string TimesText(const std::array<Event, 4>& events) {
  std::string out;
  for (const Event& ev : events) {
    out += (out.empty() ? "" : ", ") + std::string(ev.label) + " " + FormatTimeOfDay(ev.clock);
  }
  return out;
}

Status Bad(const std::string& field, const std::string& message) {
  return Status::InvalidArgument("sleep diary: " + message, field);
}

Status CheckMinutes(const char* field, const char* label, int value) {
  if (value < 0 || value > kDayMin) {
    return Bad(field,
               std::string(label) + " is " + std::to_string(value) + " min; allowed: 0 to 1440");
  }
  return Status::Ok();
}

}  // namespace

std::optional<double> SleepNight::Measure(std::string_view id) const {
  if (id == "time_in_bed") return time_in_bed_min;
  if (id == "total_sleep_time") return total_sleep_time_min;
  if (id == "sleep_onset_latency") return sleep_onset_latency_min;
  if (id == "wake_after_sleep_onset") return wake_after_sleep_onset_min;
  if (id == "sleep_efficiency") return sleep_efficiency_pct;
  return std::nullopt;
}

Result<SleepNight> DeriveSleepNight(const kb::SleepDiaryDef& def, const SleepDiaryEntry& e) {
  const std::array<Event, 4> events = {{
      {"into_bed", "into bed", e.into_bed},
      {"tried_to_sleep", "tried to sleep", e.tried_to_sleep},
      {"final_awakening", "final awakening", e.final_awakening},
      {"out_of_bed", "out of bed", e.out_of_bed},
  }};
  for (const Event& ev : events) {
    if (ev.clock.minutes < 0 || ev.clock.minutes >= kDayMin) {
      return Bad(ev.field, std::string(ev.label) + " is not a clock time from 00:00 to 23:59");
    }
  }
  // Lay the clock times on one timeline: a time earlier on the clock than the
  // one before it is taken as after midnight. A night crosses midnight once.
  std::array<int, 4> at{};
  int crossings = 0;
  int first_crossing = 0;
  int suspect = 0;  // of several crossings, the step that looks most like a typing error
  int suspect_gap = -1;
  at[0] = events[0].clock.minutes;
  for (std::size_t i = 1; i < events.size(); ++i) {
    const int gap = (events[i].clock.minutes - events[i - 1].clock.minutes + kDayMin) % kDayMin;
    at[i] = at[i - 1] + gap;
    if (events[i].clock.minutes < events[i - 1].clock.minutes) {
      if (++crossings == 1) first_crossing = static_cast<int>(i);
      // A real midnight crossing spans hours; a time typed out of order steps
      // back a little, so read forward it spans nearly a day.
      if (gap > suspect_gap) {
        suspect_gap = gap;
        suspect = static_cast<int>(i);
      }
    }
  }
  if (crossings > 1) {
    const Event& ev = events[suspect];
    const Event& prev = events[suspect - 1];
    return Bad(ev.field,
               "times out of order (" + TimesText(events) + "): " + ev.label + " (" +
                   FormatTimeOfDay(ev.clock) + ") comes before " + prev.label + " (" +
                   FormatTimeOfDay(prev.clock) +
                   "); the times must follow in this order, crossing midnight at most once");
  }
  const int tib = at[3] - at[0];
  if (tib == 0) return Bad("out_of_bed", "out of bed is the same time as into bed; no time in bed");
  if (tib > def.max_time_in_bed_min) {
    // Usually a time typed on the wrong side of midnight (or am/pm): the most
    // common is "tried to sleep" before "into bed".
    return Bad(crossings == 1 && first_crossing == 1 ? "tried_to_sleep" : "out_of_bed",
               "the times (" + TimesText(events) + ") span " + HoursText(tib) +
                   " from into bed to out of bed, more than the " +
                   HoursText(def.max_time_in_bed_min) +
                   " one night may cover; check their order and am/pm");
  }
  PINEAL_RETURN_IF_ERROR(
      CheckMinutes("sleep_onset_latency", "sleep-onset latency", e.sleep_onset_latency_min));
  PINEAL_RETURN_IF_ERROR(CheckMinutes("wake_after_sleep_onset", "wake after sleep onset",
                                      e.wake_after_sleep_onset_min));
  if (e.awakenings && (*e.awakenings < 0 || *e.awakenings > kDayMin)) {
    return Bad("awakenings",
               "number of awakenings is " + std::to_string(*e.awakenings) + "; allowed: 0 or more");
  }
  if (e.awakenings && *e.awakenings == 0 && e.wake_after_sleep_onset_min > 0) {
    return Bad("awakenings",
               "0 awakenings but " + std::to_string(e.wake_after_sleep_onset_min) +
                   " min awake after sleep onset; awake time needs at least one awakening");
  }
  if (e.quality) {
    const kb::DiaryField* q = def.FindField("quality");
    const int lo = q && q->min ? *q->min : 1;
    const int hi = q && q->max ? *q->max : 5;
    if (*e.quality < lo || *e.quality > hi) {
      return Bad("quality", "sleep quality is " + std::to_string(*e.quality) +
                                "; allowed: " + std::to_string(lo) + " to " + std::to_string(hi));
    }
  }
  const int sleep_period = at[2] - at[1];  // tried to sleep -> final awakening
  const int awake = e.sleep_onset_latency_min + e.wake_after_sleep_onset_min;
  if (awake > sleep_period) {
    return Bad("sleep_onset_latency",
               "sleep-onset latency + wake after sleep onset (" + std::to_string(awake) +
                   " min) is longer than the time from trying to sleep to final awakening (" +
                   std::to_string(sleep_period) + " min); total sleep time would be negative");
  }
  SleepNight n;
  n.time_in_bed_min = tib;
  n.total_sleep_time_min = sleep_period - awake;
  n.sleep_onset_latency_min = e.sleep_onset_latency_min;
  n.wake_after_sleep_onset_min = e.wake_after_sleep_onset_min;
  n.sleep_efficiency_pct = 100.0 * n.total_sleep_time_min / tib;
  n.awakenings = e.awakenings;
  n.quality = e.quality;
  n.crosses_midnight = crossings == 1;
  for (const auto& t : def.thresholds) {
    const auto value = n.Measure(t.measure);
    if (!value) continue;
    if (t.above && *value > *t.above)
      n.flags.push_back({t.id, t.measure, t.label, *value, *t.above, true});
    if (t.below && *value < *t.below)
      n.flags.push_back({t.id, t.measure, t.label, *value, *t.below, false});
  }
  return n;
}

}  // namespace pineal::monitor
