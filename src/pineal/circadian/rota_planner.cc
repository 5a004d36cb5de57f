#include "pineal/circadian/rota_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <tuple>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/jetlag_planner.h"
#include "pineal/circadian/phase.h"
#include "pineal/circadian/plan_engine.h"
#include "pineal/circadian/plan_policy.h"

namespace pineal::circadian {
namespace {

constexpr double kNightShiftEndsAfterH = 27.0;  // covers 03:00 of the next day

struct Night {
  double start = 0, end = 0;  // hours from the date's local midnight
  bool after_night_shift = false;
};

// The main sleep belonging to each rota date (clock hours from its midnight).
std::vector<Night> RotaNights(const RotaRequest& r) {
  const double bed = ClockH(r.habitual_bedtime) < 12 ? ClockH(r.habitual_bedtime) + 24
                                                     : ClockH(r.habitual_bedtime);
  const double dur = std::fmod(ClockH(r.habitual_waketime) - ClockH(r.habitual_bedtime) + 48, 24);
  const double earliest = ClockH(r.options.earliest_bedtime) < 12
                              ? ClockH(r.options.earliest_bedtime) + 24
                              : ClockH(r.options.earliest_bedtime);
  std::vector<Night> nights;
  for (size_t i = 0; i < r.shifts.size(); ++i) {
    const RotaShift& s = r.shifts[i];
    Night n{bed, bed + dur, false};
    if (s.start) {
      const double start = ClockH(*s.start);
      double end = ClockH(*s.end);
      if (end <= start) end += 24;
      if (end >= kNightShiftEndsAfterH) {
        n = {end + r.commute_h, end + r.commute_h + dur, true};
      } else if (end + r.commute_h + 0.5 > n.start) {
        n.start = end + r.commute_h + 0.5;  // after a late shift
        n.end = n.start + dur;
      }
    }
    // Before an early shift the next morning: wake in time for it.
    if (i + 1 < r.shifts.size() && r.shifts[i + 1].start && !n.after_night_shift) {
      const double latest_wake = 24 + ClockH(*r.shifts[i + 1].start) - r.commute_h - 0.5;
      if (latest_wake < n.end && latest_wake > n.start) {
        n.end = latest_wake;
        n.start = std::max(latest_wake - dur, std::min(earliest, n.start));
      }
    }
    nights.push_back(n);
  }
  return nights;
}

auto Key(int misaligned, const EngineResult& r, double light_h) {
  return std::make_tuple(misaligned, std::round(r.error_sum_h * 10), r.doses, light_h);
}

int Misaligned(const EngineResult& r) {
  int n = 0;
  for (const EngineDayResult& d : r.days) n += std::abs(d.error_h) > kMisalignedAboveH;
  return n;
}

}  // namespace

Result<RotaPlan> PlanRota(const RotaRequest& r) {
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(r.zone).WithFieldPrefix("zone"));
  PINEAL_RETURN_IF_ERROR(ValidatePlanOptions(r.options, r.model));
  if (r.shifts.empty()) return Status::InvalidArgument("the rota has no days", "rota");
  for (const RotaShift& s : r.shifts) {
    if (s.start && s.start->minutes < 5 * 60) {
      return Status::InvalidArgument(
          "a shift starting " + FormatTimeOfDay(*s.start) + " on " + FormatDate(s.date) +
              " is not supported: list it on the previous date as a night shift",
          "rota");
    }
  }
  const double dur = std::fmod(ClockH(r.habitual_waketime) - ClockH(r.habitual_bedtime) + 48, 24);
  if (dur < 4 || dur > 12 || !(r.commute_h >= 0 && r.commute_h <= 4)) {
    return Status::InvalidArgument("habitual sleep must last 4-12 h and commute 0-4 h", "sleep");
  }
  PINEAL_ASSIGN_OR_RETURN(Instant t0, FromLocal(r.shifts.front().date, TimeOfDay{0}, r.zone));
  auto hours_of = [&](size_t i, double clock_h) -> Result<double> {
    const double days = std::floor(clock_h / 24);
    const LocalDate d{std::chrono::sys_days(r.shifts[i].date) +
                      std::chrono::days(static_cast<int>(days))};
    const int minute = static_cast<int>(std::lround((clock_h - 24 * days) * 60)) % (24 * 60);
    PINEAL_ASSIGN_OR_RETURN(Instant at, FromLocal(d, TimeOfDay{minute}, r.zone));
    return std::chrono::duration<double, std::ratio<3600>>(at - t0).count();
  };
  const SleepWakePattern pattern{ClockH(r.habitual_waketime), ClockH(r.habitual_bedtime),
                                 r.options.light.indoor_lux, 0.0};
  PINEAL_ASSIGN_OR_RETURN(StateVector y0, EntrainedState(r.model, pattern));
  PINEAL_ASSIGN_OR_RETURN(SimulationResult home,
                          Simulate(r.model, y0, 0, 48, SleepWakeLight(pattern, 0, 48)));
  const auto home_cbt = FirstIn(home.markers.cbtmin_h, 24.0, 48.0);
  if (!home_cbt) return Status::Internal("no CBTmin on the habitual schedule");
  const double cbt_before_wake = std::fmod(ClockH(r.habitual_waketime) - (*home_cbt - 24) + 48, 24);

  // Sleeps in model hours: the habitual night before the rota, then one per date.
  std::vector<Span> sleeps{
      {ClockH(r.habitual_bedtime) - 24 + (ClockH(r.habitual_bedtime) < 12 ? 24 : 0),
       ClockH(r.habitual_waketime)}};
  const std::vector<Night> nights = RotaNights(r);
  for (size_t i = 0; i < nights.size(); ++i) {
    PINEAL_ASSIGN_OR_RETURN(double s, hours_of(i, nights[i].start));
    PINEAL_ASSIGN_OR_RETURN(double e, hours_of(i, nights[i].end));
    s = std::max(s, sleeps.back().second + kMinSleepH);
    if (e - s < kMinSleepH) {
      return Status::InvalidArgument(
          "the rota leaves no room for sleep after " + FormatDate(r.shifts[i].date), "rota");
    }
    sleeps.push_back({s, e});
  }
  std::vector<EngineDay> days;
  for (size_t i = 1; i < sleeps.size(); ++i) {
    EngineDay d;
    d.wake_h = sleeps[i - 1].second;
    d.bed_h = sleeps[i].first;
    d.next_wake_h = sleeps[i].second;
    d.target_cbtmin_h = sleeps[i].second - cbt_before_wake;
    d.interventions = true;
    d.counts = true;
    days.push_back(d);
  }
  EngineInputs in;
  in.model = &r.model;
  in.y0 = y0;
  in.light = r.options.light;
  PINEAL_ASSIGN_OR_RETURN(EngineResult base, RunEngine(in, days, EngineStrategy{}));

  std::vector<double> lights{0.0};
  if (r.options.allow_bright_light) lights = {0.0, 2.0, 3.0};
  std::vector<double> doses{0.0};
  if (r.options.allow_melatonin) {
    doses.insert(doses.end(), r.options.dose_options_mg.begin(), r.options.dose_options_mg.end());
  }
  std::optional<std::tuple<EngineStrategy, EngineResult, int>> best;
  int evaluated = 0;
  for (double light : lights) {
    for (double dose : doses) {
      EngineStrategy s;
      s.act = true;
      s.bright_light_h = light;
      s.dose_mg = dose;
      s.max_doses =
          dose > 0 ? std::min(r.options.max_melatonin_days, r.options.limits.max_days_per_course)
                   : 0;
      s.delay_pills = true;
      s.allow_in_sleep = r.options.allow_melatonin_in_sleep;
      PINEAL_ASSIGN_OR_RETURN(EngineResult res, RunEngine(in, days, s));
      ++evaluated;
      const int mis = Misaligned(res);
      if (!best || Key(mis, res, light) < Key(std::get<2>(*best), std::get<1>(*best),
                                              std::get<0>(*best).bright_light_h)) {
        best.emplace(s, std::move(res), mis);
      }
    }
  }
  const auto& [strategy, plan, misaligned] = *best;
  RotaPlan out;
  out.zone = r.zone;
  out.misaligned_days_with_plan = misaligned;
  out.misaligned_days_without_plan = Misaligned(base);
  out.bright_light_h = strategy.bright_light_h;
  out.dose_mg = plan.doses > 0 ? strategy.dose_mg : 0;
  out.candidates_evaluated = evaluated;
  out.model_id = r.model.id;
  out.model_refs = r.model.refs;
  auto at = [&](double h) { return t0 + std::chrono::seconds(std::llround(h * 3600)); };
  for (size_t i = 0; i < days.size(); ++i) {
    PlanDay d;
    d.day = static_cast<int>(i);
    d.date = r.shifts[i].date;
    d.zone = r.zone;
    d.wake = {at(days[i].wake_h), at(days[i].bed_h)};
    d.sleep = Interval{at(days[i].bed_h), at(days[i].next_wake_h)};
    const DayInterventions& iv = plan.days[i].interventions;
    for (const Span& s : iv.seek) d.seek_light.push_back({at(s.first), at(s.second)});
    for (const Span& s : iv.avoid) d.avoid_light.push_back({at(s.first), at(s.second)});
    if (iv.pill_h) d.melatonin = PlannedDose{at(*iv.pill_h), strategy.dose_mg};
    auto phase = [&](const EngineDayResult& res) {
      DayPhase p;
      if (res.cbtmin_h) p.cbtmin = at(*res.cbtmin_h);
      if (res.dlmo_h) p.dlmo = at(*res.dlmo_h);
      p.error_h = res.error_h;
      return p;
    };
    d.with_plan = phase(plan.days[i]);
    d.without_plan = phase(base.days[i]);
    out.days.push_back(std::move(d));
  }
  out.notes.push_back(
      fmt::format("misaligned: body clock more than {:g} h from where the day's sleep needs it",
                  kMisalignedAboveH));
  if (out.dose_mg > 0) {
    out.notes.push_back(fmt::format("melatonin {:g} mg on at most {} days, within {:g}-{:g} mg",
                                    out.dose_mg, strategy.max_doses, r.options.limits.min_dose_mg,
                                    r.options.limits.max_dose_mg));
  }
  return out;
}

}  // namespace pineal::circadian
