#include "pineal/circadian/plan_engine.h"

#include <cmath>
#include <numbers>

#include "pineal/circadian/phase.h"
#include "pineal/circadian/reentrainment.h"

namespace pineal::circadian {
namespace {

constexpr double kNominalPeriodH = 24.2;
constexpr double kDoneWithinH = 0.5;  // no intervention once this close

}  // namespace

double HoursSinceCbtmin(const Model& model, const StateVector& y) {
  constexpr double kTwoPi = 2.0 * std::numbers::pi;
  double since = std::fmod(PhaseAngle(model, y) - std::numbers::pi, kTwoPi);
  if (since < 0) since += kTwoPi;
  return since / kTwoPi * kNominalPeriodH;
}

Result<EngineResult> RunEngine(const EngineInputs& in, const std::vector<EngineDay>& days,
                               const EngineStrategy& s, const EngineStop& stop) {
  const Model& model = *in.model;
  EngineResult out;
  StateVector y = in.y0;
  double t = in.t0_h;
  SimulationOptions sim = in.sim;  // carries the step size from one piece to the next
  std::vector<double> cbtmins, dlmos;
  std::vector<double> counted_errors;
  int stable = 0;
  for (size_t i = 0; i < days.size(); ++i) {
    const EngineDay& d = days[i];
    // Through the preceding sleep (dark) to this wake-up.
    if (d.wake_h > t) {
      PINEAL_ASSIGN_OR_RETURN(SimulationResult r,
                              Simulate(model, y, t, d.wake_h, LightSchedule(), {}, sim));
      sim.solver.h_initial = r.next_step_h;
      y = r.final_state;
      t = d.wake_h;
      cbtmins.insert(cbtmins.end(), r.markers.cbtmin_h.begin(), r.markers.cbtmin_h.end());
      dlmos.insert(dlmos.end(), r.markers.dlmo_h.begin(), r.markers.dlmo_h.end());
    }
    EngineDayResult day;
    MelatoninInput mel;
    if (s.fixed != nullptr) {
      if (i < s.fixed->size()) day.interventions = (*s.fixed)[i];
      if (!model.HasMelatonin()) day.interventions.pill_h.reset();
      if (day.interventions.pill_h) {
        mel.doses.push_back({*day.interventions.pill_h, s.dose_mg, Formulation::kImmediateRelease});
        ++out.doses;
      }
    } else if (s.act && d.interventions) {
      DayContext ctx;
      ctx.wake_h = d.wake_h;
      ctx.bed_h = d.bed_h;
      ctx.next_wake_h = d.next_wake_h;
      ctx.period_h = kNominalPeriodH;
      ctx.cbt_to_dlmo_h = in.cbt_to_dlmo_h;
      ctx.no_bright = d.no_bright;
      // The predicted CBTmin nearest the wake-up.
      double c = d.wake_h - HoursSinceCbtmin(model, y);
      if (d.wake_h - c > kNominalPeriodH / 2) c += kNominalPeriodH;
      ctx.cbtmin_h = c;
      const double predicted_error = WrapHours(c - d.target_cbtmin_h);
      ShiftDirection dir = predicted_error > 0 ? ShiftDirection::kAdvance : ShiftDirection::kDelay;
      bool act = std::abs(predicted_error) > kDoneWithinH;
      if (s.direction) {
        // A fixed direction stops once it would overshoot.
        dir = *s.direction;
        const double remaining =
            dir == ShiftDirection::kAdvance ? predicted_error : -predicted_error;
        // Going the long way round, the error wraps: only stop near zero.
        act = remaining > kDoneWithinH || std::abs(predicted_error) > 6.0;
      }
      if (act) {
        day.interventions = LightWindows(ctx, dir, s.bright_light_h);
        if (s.dose_mg > 0 && out.doses < s.max_doses && (s.pills_before_counted_days || d.counts) &&
            (dir == ShiftDirection::kAdvance || s.delay_pills)) {
          day.interventions.pill_h =
              dir == ShiftDirection::kAdvance
                  ? AdvancingPillTime(ctx, s.dose_before_dlmo_h, s.allow_in_sleep)
                  : DelayingPillTime(ctx);
          if (day.interventions.pill_h) {
            mel.doses.push_back(
                {*day.interventions.pill_h, s.dose_mg, Formulation::kImmediateRelease});
            ++out.doses;
          }
        }
      }
    }
    // Through this wake episode and the sleep after it.
    LightBuilder b(0.0);
    b.Set(d.wake_h, d.bed_h, in.light.indoor_lux);
    for (const Span& a : day.interventions.avoid) b.Set(a.first, a.second, in.light.dim_lux);
    for (const Span& sk : day.interventions.seek) b.Set(sk.first, sk.second, in.light.bright_lux);
    PINEAL_ASSIGN_OR_RETURN(SimulationResult r,
                            Simulate(model, y, t, d.next_wake_h, b.Build(), mel, sim));
    sim.solver.h_initial = r.next_step_h;
    y = r.final_state;
    t = d.next_wake_h;
    cbtmins.insert(cbtmins.end(), r.markers.cbtmin_h.begin(), r.markers.cbtmin_h.end());
    dlmos.insert(dlmos.end(), r.markers.dlmo_h.begin(), r.markers.dlmo_h.end());

    day.cbtmin_h = Nearest(cbtmins, d.target_cbtmin_h);
    if (day.cbtmin_h) {
      day.error_h = WrapHours(*day.cbtmin_h - d.target_cbtmin_h);
      day.dlmo_h = Nearest(dlmos, *day.cbtmin_h - in.cbt_to_dlmo_h);
    }
    const bool acted = !day.interventions.seek.empty() || !day.interventions.avoid.empty() ||
                       day.interventions.pill_h.has_value();
    out.days.push_back(std::move(day));
    if (!d.counts) continue;
    const double err = out.days.back().error_h;
    counted_errors.push_back(err);
    out.error_sum_h += std::abs(err);
    const bool within = std::abs(err) <= kReentrainedWithinH;
    stable = within && !acted ? stable + 1 : 0;
    const int index = static_cast<int>(counted_errors.size()) - 1;
    if (stop.stable_days > 0 && stable >= stop.stable_days) break;
    if (stop.give_up_after && index > *stop.give_up_after && !within) break;
  }
  out.complete = out.days.size() == days.size();
  out.days_to_reentrain = DaysToReentrain(counted_errors);
  // Stopped while stable: re-entrained; stopped while not: unknown (worse).
  if (!out.complete && stable == 0) out.days_to_reentrain.reset();
  return out;
}

}  // namespace pineal::circadian
