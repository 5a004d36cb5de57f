#include "pineal/circadian/jetlag_planner.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <cmath>
#include <map>
#include <system_error>
#include <thread>
#include <tuple>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/field_rule.h"
#include "pineal/circadian/phase.h"
#include "pineal/circadian/trip_schedule.h"

namespace pineal::circadian {
namespace {

// Pill times before the predicted DLMO tried per dose: around the best
// advance of the Burgess PRCs (0.5 mg ~3.3 h before DLMO, 3 mg ~4.6 h).
std::vector<double> BeforeDlmoOptionsH(double dose_mg) {
  if (dose_mg <= 1.0) return {3.0, 4.0};
  return {4.0, 5.0};
}
// The search compares candidates at a looser tolerance than the final runs
// (CBTmin times agree to ~1e-4 h, far inside the 1 h re-entrainment band).
constexpr double kSearchRtol = 1e-4;
constexpr double kLightOptionsH[] = {2.0, 3.0};

struct Candidate {
  Strategy strategy;
  EngineResult result;
};

// Fewer days first, then smaller summed error, fewer pills, fewer
// adjustment days at home, less bright light.
auto Key(const Candidate& c) {
  const int days = c.result.days_to_reentrain.value_or(1000);
  return std::make_tuple(days, std::round(c.result.error_sum_h * 10.0), c.result.doses,
                         c.strategy.pre_days, c.strategy.bright_light_h);
}

struct Search {
  const JetLagRequest& request;
  const TripFrame& frame;
  EngineInputs inputs;
  double target_clock_h = 0;
  int max_doses = 0;
  int evaluated = 0;
  std::map<std::tuple<int, double, int>, std::vector<TripDay>> days_cache;
  std::optional<Candidate> best;

  Result<const std::vector<TripDay>*> Days(const Strategy& s) {
    const auto key =
        std::make_tuple(s.pre_days, s.pre_shift_h_per_day, static_cast<int>(s.direction));
    auto it = days_cache.find(key);
    if (it == days_cache.end()) {
      PINEAL_ASSIGN_OR_RETURN(auto d, TripDays(frame, request.options, s.pre_days,
                                               s.pre_shift_h_per_day, s.direction, target_clock_h));
      it = days_cache.emplace(key, std::move(d)).first;
    }
    return &it->second;
  }

  EngineStrategy ToEngine(const Strategy& s) const {
    EngineStrategy e;
    e.act = true;
    e.direction = s.direction;
    e.bright_light_h = s.bright_light_h;
    e.dose_mg = s.dose_mg;
    e.dose_before_dlmo_h = s.dose_before_dlmo_h;
    e.max_doses = s.dose_mg > 0 ? max_doses : 0;
    e.allow_in_sleep = request.options.allow_melatonin_in_sleep;
    e.pills_before_counted_days = s.melatonin_before_departure;
    return e;
  }

  // One candidate, stopped early once stable or once it cannot beat `bound`.
  Result<EngineResult> Evaluate(const Strategy& s, const std::vector<TripDay>& days,
                                std::optional<int> bound) const {
    std::vector<EngineDay> ed;
    for (const TripDay& d : days) ed.push_back(d.engine);
    EngineStop stop;
    stop.stable_days = 2;
    stop.give_up_after = bound;
    EngineInputs in = inputs;
    in.sim.solver.rtol = kSearchRtol;
    return RunEngine(in, ed, ToEngine(s), stop);
  }

  // Evaluates the candidates two at a time on two threads (the machine's
  // cores); the bound for each pair comes from the pairs before it, so the
  // outcome does not depend on thread timing.
  Status TryAll(const std::vector<Strategy>& list) {
    const size_t chunk = request.threads > 1 ? 2 : 1;
    for (size_t i = 0; i < list.size(); i += chunk) {
      const size_t n = std::min(chunk, list.size() - i);
      std::vector<const std::vector<TripDay>*> days;
      for (size_t k = 0; k < n; ++k) {
        PINEAL_ASSIGN_OR_RETURN(const std::vector<TripDay>* d, Days(list[i + k]));
        days.push_back(d);
      }
      std::optional<int> bound;
      if (best && best->result.days_to_reentrain) bound = *best->result.days_to_reentrain;
      std::vector<Result<EngineResult>> results(n, Status::Internal("not evaluated"));
      auto run = [&](size_t k) { results[k] = Evaluate(list[i + k], *days[k], bound); };
      std::thread helper;
      if (n > 1) {
        try {
          helper = std::thread(run, 1);
        } catch (const std::system_error&) {
          run(1);  // no thread available: evaluate it here
        }
      }
      run(0);
      if (helper.joinable()) helper.join();
      for (size_t k = 0; k < n; ++k) {
        if (!results[k].ok()) return results[k].status();
        ++evaluated;
        Candidate c{list[i + k], std::move(results[k]).value()};
        if (!best || Key(c) < Key(*best)) best = std::move(c);
      }
    }
    return Status::Ok();
  }
};

std::vector<double> PreShiftRates(ShiftDirection d) {
  // Eastman 2005 / Revell 2006 advance sleep 1 h a day; delays are easier
  // (Eastman & Burgess 2009), up to 2 h a day.
  if (d == ShiftDirection::kAdvance) return {1.0, 0.5};
  return {1.0, 2.0};
}

Interval ToInterval(const TripFrame& f, Span s) { return {f.At(s.first), f.At(s.second)}; }

DayPhase ToPhase(const TripFrame& f, const EngineDayResult& r) {
  DayPhase p;
  if (r.cbtmin_h) p.cbtmin = f.At(*r.cbtmin_h);
  if (r.dlmo_h) p.dlmo = f.At(*r.dlmo_h);
  p.error_h = r.error_h;
  return p;
}

double CbtToDlmoH(const Model& m) {
  return m.kind == ModelKind::kFjk99 ? m.fjk.cbt_to_dlmo_h : 7.0;
}

}  // namespace

Status ValidatePlanOptions(const PlanOptions& o, const Model& model) {
  const JetLagDoseLimits& l = o.limits;
  if (o.light.indoor_lux < 0 || o.light.bright_lux <= 0 || o.light.dim_lux < 0 ||
      !std::isfinite(o.light.bright_lux)) {
    return Status::InvalidArgument("light levels must be finite and >= 0 lux", "light");
  }
  if (!o.allow_melatonin) return Status::Ok();
  if (!model.HasMelatonin()) {
    return Status::InvalidArgument("model '" + model.id +
                                       "' has no melatonin input; plan without melatonin or "
                                       "use a stowe25 parameter set",
                                   "model");
  }
  if (l.max_dose_mg <= 0 || l.max_days_per_course <= 0) {
    return Status::FailedPrecondition("jet-lag melatonin limits are not loaded", "limits");
  }
  if (o.dose_options_mg.empty()) {
    return Status::InvalidArgument("no melatonin dose to choose from", "doses");
  }
  for (double d : o.dose_options_mg) {
    if (!(d >= l.min_dose_mg && d <= l.max_dose_mg)) {
      return Status::InvalidArgument(
          fmt::format("melatonin dose {:g} mg is outside the jet-lag band {:g}-{:g} mg "
                      "(higher doses bring no extra benefit)",
                      d, l.min_dose_mg, l.max_dose_mg),
          "doses");
    }
  }
  if (o.max_melatonin_days < 1 || o.max_melatonin_days > l.max_days_per_course) {
    return Status::InvalidArgument(
        fmt::format("melatonin days per course must be 1-{}", l.max_days_per_course),
        "max_melatonin_days");
  }
  return Status::Ok();
}

namespace {

// Everything a plan needs before strategies are compared: the trip frame, the
// starting clock and the target, and the engine inputs.
struct Prepared {
  TripFrame frame;
  SleepWakePattern pattern;
  double target_clock_h = 0;
  EngineInputs inputs;
  int max_doses = 0;
};

Result<Prepared> Prepare(const JetLagRequest& request) {
  const PlanOptions& o = request.options;
  PINEAL_RETURN_IF_ERROR(ValidatePlanOptions(o, request.model));
  Prepared p;
  PINEAL_ASSIGN_OR_RETURN(p.frame, MakeTripFrame(request));
  p.pattern = {p.frame.habitual_wake_h, p.frame.habitual_bed_h, o.light.indoor_lux, 0.0};
  StateVector y0{};
  if (request.measured_dlmo) {
    PINEAL_ASSIGN_OR_RETURN(
        y0, StateForMeasuredDlmo(request.model, p.pattern, request.measured_dlmo->minutes / 60.0));
  } else {
    PINEAL_ASSIGN_OR_RETURN(y0, EntrainedState(request.model, p.pattern));
  }
  // The person's own CBTmin clock hour on the habitual schedule: the target.
  PINEAL_ASSIGN_OR_RETURN(SimulationResult home,
                          Simulate(request.model, y0, 0, 48, SleepWakeLight(p.pattern, 0, 48)));
  const auto home_cbt = FirstIn(home.markers.cbtmin_h, 24.0, 48.0);
  if (!home_cbt) return Status::Internal("no CBTmin on the habitual schedule");
  p.target_clock_h = *home_cbt - 24.0;
  p.inputs.model = &request.model;
  p.inputs.y0 = y0;
  p.inputs.light = o.light;
  p.inputs.cbt_to_dlmo_h = CbtToDlmoH(request.model);
  p.max_doses =
      o.allow_melatonin ? std::min(o.max_melatonin_days, o.limits.max_days_per_course) : 0;
  return p;
}

ShiftDirection Orthodromic(const TripFrame& f) {
  return f.zone_shift_h >= 0 ? ShiftDirection::kAdvance : ShiftDirection::kDelay;
}

// Full runs of a strategy, the no-plan baseline and the cross-check, and
// the plan they make.
Result<JetLagPlan> Build(const JetLagRequest& request, Search& search, const Strategy& chosen,
                         int evaluated) {
  const PlanOptions& o = request.options;
  const TripFrame& frame = search.frame;
  const double shift = frame.zone_shift_h;
  const ShiftDirection ortho = Orthodromic(frame);
  const SleepWakePattern pattern{frame.habitual_wake_h, frame.habitual_bed_h, o.light.indoor_lux,
                                 0.0};

  // Full runs of the chosen plan, the baseline and the cross-check.
  PINEAL_ASSIGN_OR_RETURN(const std::vector<TripDay>* plan_days, search.Days(chosen));
  PINEAL_ASSIGN_OR_RETURN(const std::vector<TripDay>* base_days,
                          search.Days({ortho, 0, 0, 0, 0, 0}));
  std::vector<EngineDay> pe, be;
  for (const TripDay& d : *plan_days) pe.push_back(d.engine);
  for (const TripDay& d : *base_days) be.push_back(d.engine);
  EngineStrategy act = search.ToEngine(chosen);
  act.act = std::abs(shift) >= 0.5;
  PINEAL_ASSIGN_OR_RETURN(EngineResult plan, RunEngine(search.inputs, pe, act));
  PINEAL_ASSIGN_OR_RETURN(EngineResult base, RunEngine(search.inputs, be, EngineStrategy{}));
  std::optional<EngineResult> cross;
  if (request.cross_check) {
    EngineInputs ci = search.inputs;
    ci.model = &*request.cross_check;
    if (request.measured_dlmo) {
      PINEAL_ASSIGN_OR_RETURN(ci.y0, StateForMeasuredDlmo(*request.cross_check, pattern,
                                                          request.measured_dlmo->minutes / 60.0));
    } else {
      PINEAL_ASSIGN_OR_RETURN(ci.y0, EntrainedState(*request.cross_check, pattern));
    }
    ci.cbt_to_dlmo_h = CbtToDlmoH(*request.cross_check);
    // Its own entrained CBTmin is its target (models differ by minutes).
    PINEAL_ASSIGN_OR_RETURN(SimulationResult home, Simulate(*request.cross_check, ci.y0, 0, 48,
                                                            SleepWakeLight(pattern, 0, 48)));
    const auto home_cbt = FirstIn(home.markers.cbtmin_h, 24.0, 48.0);
    if (!home_cbt) return Status::Internal("no CBTmin for the cross-check model");
    PINEAL_ASSIGN_OR_RETURN(std::vector<TripDay> cross_days,
                            TripDays(frame, o, chosen.pre_days, chosen.pre_shift_h_per_day,
                                     chosen.direction, *home_cbt - 24.0));
    std::vector<EngineDay> ce;
    for (const TripDay& d : cross_days) ce.push_back(d.engine);
    std::vector<DayInterventions> fixed;
    for (const EngineDayResult& d : plan.days) fixed.push_back(d.interventions);
    EngineStrategy replay;
    replay.fixed = &fixed;
    PINEAL_ASSIGN_OR_RETURN(cross, RunEngine(ci, ce, replay));
  }

  JetLagPlan out;
  out.origin_zone = frame.origin;
  out.destination_zone = frame.destination;
  out.zone_shift_h = shift;
  out.legs = request.legs;
  out.strategy = chosen;
  out.candidates_evaluated = evaluated;
  out.model_id = request.model.id;
  out.model_refs = request.model.refs;
  out.days_to_reentrain_with_plan = plan.days_to_reentrain;
  out.days_to_reentrain_without_plan = base.days_to_reentrain;
  out.days_to_reentrain_field_rule = FieldRuleDays(shift);
  if (cross) {
    out.cross_check_model_id = request.cross_check->id;
    out.days_to_reentrain_cross_check = cross->days_to_reentrain;
  }
  for (size_t i = 0; i < plan_days->size(); ++i) {
    const TripDay& td = (*plan_days)[i];
    PlanDay day;
    day.day = td.day;
    day.date = td.date;
    day.zone = td.zone;
    day.travel = td.travel;
    day.wake = ToInterval(frame, {td.engine.wake_h, td.engine.bed_h});
    day.sleep = ToInterval(frame, {td.engine.bed_h, td.engine.next_wake_h});
    for (const Span& fl : frame.flights) {
      day.sleep_in_flight = day.sleep_in_flight ||
                            (fl.first <= td.engine.bed_h && td.engine.next_wake_h <= fl.second);
    }
    const DayInterventions& iv = plan.days[i].interventions;
    for (const Span& s : iv.seek) day.seek_light.push_back(ToInterval(frame, s));
    for (const Span& s : iv.avoid) day.avoid_light.push_back(ToInterval(frame, s));
    if (iv.pill_h) day.melatonin = PlannedDose{frame.At(*iv.pill_h), chosen.dose_mg};
    day.with_plan = ToPhase(frame, plan.days[i]);
    if (i < base.days.size()) day.without_plan = ToPhase(frame, base.days[i]);
    if (cross && i < cross->days.size()) day.cross_check_error_h = cross->days[i].error_h;
    out.days.push_back(std::move(day));
  }
  if (chosen.dose_mg > 0) {
    out.notes.push_back(fmt::format(
        "melatonin {:g} mg on at most {} days: jet-lag band {:g}-{:g} mg, at most {} days "
        "per course ({})",
        chosen.dose_mg, search.max_doses, o.limits.min_dose_mg, o.limits.max_dose_mg,
        o.limits.max_days_per_course, fmt::join(o.limits.refs, ", ")));
  }
  if (std::abs(shift) < 0.5) out.notes.push_back("no time-zone change: nothing to plan");
  return out;
}

}  // namespace

Result<JetLagPlan> PlanJetLag(const JetLagRequest& request) {
  const PlanOptions& o = request.options;
  PINEAL_ASSIGN_OR_RETURN(Prepared prep, Prepare(request));
  Search search{request, prep.frame, prep.inputs, prep.target_clock_h, prep.max_doses, 0, {}, {}};
  const TripFrame& frame = prep.frame;
  const double shift = frame.zone_shift_h;
  const ShiftDirection ortho = Orthodromic(frame);
  std::vector<ShiftDirection> dirs{ortho};
  if (std::abs(shift) >= 8.0) {
    dirs.push_back(ortho == ShiftDirection::kAdvance ? ShiftDirection::kDelay
                                                     : ShiftDirection::kAdvance);
  }
  std::vector<double> lights(std::begin(kLightOptionsH), std::end(kLightOptionsH));
  if (!o.allow_bright_light) lights = {0.0};
  if (std::abs(shift) >= 0.5) {
    // Stage 1: sleep shifting and light.
    std::vector<Strategy> stage1;
    for (ShiftDirection dir : dirs) {
      for (int pre = 0; pre <= request.max_pre_days; ++pre) {
        for (double rate : PreShiftRates(dir)) {
          for (double light : lights)
            stage1.push_back({dir, pre, pre > 0 ? rate : 0.0, light, 0, 0});
          if (pre == 0) break;
        }
      }
    }
    PINEAL_RETURN_IF_ERROR(search.TryAll(stage1));
    // Stage 2: melatonin on the best light plan, for advances: from the
    // arrival day, or from the first adjustment day at home.
    const Strategy base = search.best->strategy;
    if (search.max_doses > 0 && base.direction == ShiftDirection::kAdvance) {
      const double rate =
          base.pre_days > 0 ? base.pre_shift_h_per_day : PreShiftRates(base.direction).front();
      std::vector<Strategy> stage2;
      for (int pre = 0; pre <= request.max_pre_days; ++pre) {
        for (bool at_home : {false, true}) {
          if (at_home && pre == 0) continue;
          for (double dose : o.dose_options_mg) {
            for (double before : BeforeDlmoOptionsH(dose)) {
              Strategy s = base;
              s.pre_days = pre;
              s.pre_shift_h_per_day = pre > 0 ? rate : 0.0;
              s.melatonin_before_departure = at_home;
              s.dose_mg = dose;
              s.dose_before_dlmo_h = before;
              stage2.push_back(s);
            }
          }
        }
      }
      PINEAL_RETURN_IF_ERROR(search.TryAll(stage2));
    }
  }
  const Strategy chosen = search.best ? search.best->strategy : Strategy{ortho, 0, 0, 0, 0, 0};
  return Build(request, search, chosen, search.evaluated);
}

Result<JetLagPlan> EvaluateJetLagStrategy(const JetLagRequest& request, const Strategy& strategy) {
  PINEAL_ASSIGN_OR_RETURN(Prepared prep, Prepare(request));
  Search search{request, prep.frame, prep.inputs, prep.target_clock_h, prep.max_doses, 0, {}, {}};
  return Build(request, search, strategy, 0);
}

}  // namespace pineal::circadian
