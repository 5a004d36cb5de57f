#include <fmt/format.h>
#include <fmt/ranges.h>

#include <string>

#include "pineal/circadian/plan_format.h"

namespace pineal::circadian {
namespace {

std::string Window(const Interval& i, const std::string& zone) {
  return LocalClock(i.start, zone) + "-" + LocalClock(i.end, zone);
}

std::string Windows(const std::vector<Interval>& v, const std::string& zone) {
  std::string out;
  for (const Interval& i : v) out += (out.empty() ? "" : ", ") + Window(i, zone);
  return out;
}

std::string Clock(const DayPhase& p, const std::string& zone) {
  return p.dlmo ? fmt::format("{} ({:+.1f} h)", LocalClock(*p.dlmo, zone), p.error_h) : "?";
}

}  // namespace

std::string FormatRotaText(const RotaPlan& p) {
  std::string out = fmt::format("Shift-rota plan ({}): ", p.zone);
  out += p.bright_light_h > 0
             ? fmt::format("{:g} h of bright light when it helps", p.bright_light_h)
             : std::string("no bright-light windows");
  if (p.dose_mg > 0) out += fmt::format("; melatonin {:g} mg before some sleeps", p.dose_mg);
  out += fmt::format("\nMisaligned days: {} with the plan, {} without (of {})\n",
                     p.misaligned_days_with_plan, p.misaligned_days_without_plan, p.days.size());
  out += fmt::format("Model: {} ({}); {} candidates compared\n\n", p.model_id,
                     fmt::join(p.model_refs, ", "), p.candidates_evaluated);
  for (const PlanDay& d : p.days) {
    out += fmt::format("{}  awake {}  sleep {}\n", FormatDate(d.date), Window(d.wake, d.zone),
                       d.sleep ? Window(*d.sleep, d.zone) : "-");
    if (!d.seek_light.empty()) out += "    seek light   " + Windows(d.seek_light, d.zone) + "\n";
    if (!d.avoid_light.empty()) out += "    avoid light  " + Windows(d.avoid_light, d.zone) + "\n";
    if (d.melatonin) {
      out += fmt::format("    melatonin    {:g} mg at {}\n", d.melatonin->dose_mg,
                         LocalClock(d.melatonin->time, d.zone));
    }
    out += fmt::format("    body clock   DLMO {} with plan, {} without\n",
                       Clock(d.with_plan, d.zone), Clock(d.without_plan, d.zone));
  }
  out += "\nError = body clock minus where the day's sleep needs it (> 0: late).\n";
  for (const std::string& n : p.notes) out += "Note: " + n + "\n";
  out += "A model prediction to discuss with a clinician, not a prescription.\n";
  return out;
}

}  // namespace pineal::circadian
