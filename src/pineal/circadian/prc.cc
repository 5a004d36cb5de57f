#include "pineal/circadian/prc.h"

#include <cmath>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/phase.h"
#include "pineal/circadian/simulate.h"

namespace pineal::circadian {
namespace {

Status CheckGrid(double first, double last, double step) {
  if (!(step > 0) || !(last >= first) || (last - first) / step > 1000) {
    return Status::InvalidArgument("PRC grid needs first <= last and 0 < step (<= 1000 points)",
                                   "step_h");
  }
  return Status::Ok();
}

// Light protocol: constant routine from the wake-up of day 1 to day 8.
constexpr double kCrStart = 24.0;
constexpr double kEnd = 24.0 * 8;

Result<SimulationResult> RunLight(const Model& m, const StateVector& y0, const LightPrcProtocol& p,
                                  double pulse_start) {
  LightBuilder b(0.0);
  for (double t = -24; t < kCrStart; t += 24) {
    b.Set(t + p.habitual.wake_clock_h, t + p.habitual.wake_clock_h + p.habitual.WakeHours(),
          p.habitual.wake_lux);
  }
  b.Set(kCrStart + p.habitual.wake_clock_h, kEnd, p.dim_lux);
  if (pulse_start >= 0) b.Set(pulse_start, pulse_start + p.pulse_h, p.pulse_lux);
  return Simulate(m, y0, 0.0, kEnd, b.Build());
}

// Melatonin protocol (days of 24 h from a local midnight): day 0 dim
// (baseline DLMO), days 1-3 ultradian with a pill a day, day 4 dim (final DLMO).
Result<double> FinalMinusBaseline(const Model& m, const StateVector& y0,
                                  const MelatoninPrcProtocol& p, double pill_clock, bool placebo) {
  LightBuilder b(p.dim_lux);
  const double lights_on = std::fmod(pill_clock, 4.0);
  for (double t = 24.0 + lights_on - 4.0; t < 96.0; t += 4.0) {
    b.Set(std::max(t, 24.0), std::min(t + 2.5, 96.0), p.ultradian_lux);
    b.Set(std::max(t + 2.5, 24.0), std::min(t + 4.0, 96.0), 0.0);
  }
  MelatoninInput mel;
  double last_pill = 24.0;
  for (int i = 0; i < p.pills && !placebo; ++i) {
    last_pill = 24.0 * (1 + i) + pill_clock;
    mel.doses.push_back({last_pill, p.dose_mg, p.formulation});
  }
  PINEAL_ASSIGN_OR_RETURN(SimulationResult r, Simulate(m, y0, 0.0, 132.0, b.Build(), mel));
  const auto base = FirstIn(r.markers.plasma_onset_h, 12.0, 36.0);
  // Skip rises caused by the pill itself: the final DLMO comes >= 12 h later.
  const auto final_dlmo =
      FirstIn(r.markers.plasma_onset_h, std::max(last_pill + 12.0, 96.0), 132.0);
  if (!base || !final_dlmo) {
    return Status::Internal("melatonin PRC: plasma DLMO not found at baseline or at the end");
  }
  return *final_dlmo - *base - 96.0;
}

}  // namespace

Result<std::vector<PrcPoint>> LightPrc(const Model& model, const LightPrcProtocol& p) {
  PINEAL_RETURN_IF_ERROR(CheckGrid(p.first_h, p.last_h, p.step_h));
  PINEAL_ASSIGN_OR_RETURN(StateVector y0, EntrainedState(model, p.habitual));
  PINEAL_ASSIGN_OR_RETURN(SimulationResult control, RunLight(model, y0, p, -1.0));
  // The reference CBTmin: the first one in the constant routine after a day.
  const auto ref = FirstIn(control.markers.cbtmin_h, kCrStart + 24.0, kCrStart + 48.0);
  if (!ref) return Status::Internal("light PRC: no CBTmin in the control constant routine");
  std::vector<PrcPoint> out;
  for (double rel = p.first_h; rel <= p.last_h + 1e-9; rel += p.step_h) {
    const double start = *ref + rel - p.pulse_h / 2;
    PINEAL_ASSIGN_OR_RETURN(SimulationResult pulsed, RunLight(model, y0, p, start));
    // Compare well after the pulse, where masking and transients are gone.
    const auto c = FirstIn(control.markers.cbtmin_h, start + p.pulse_h + 36.0, kEnd);
    if (!c) return Status::Internal("light PRC: no late control CBTmin");
    const auto q = Nearest(pulsed.markers.cbtmin_h, *c);
    if (!q) return Status::Internal("light PRC: no late CBTmin after the pulse");
    out.push_back({rel, *c - *q});
  }
  return out;
}

namespace {

// What every point of a melatonin PRC shares: start state, baseline DLMO
// clock hour and the placebo shift.
struct MelatoninBaseline {
  StateVector y0{};
  double dlmo_clock_h = 0;
  double placebo_h = 0;
};

Result<MelatoninBaseline> PrepareMelatonin(const Model& model, const MelatoninPrcProtocol& p) {
  if (!model.HasMelatonin()) {
    return Status::InvalidArgument(
        "model '" + model.id + "' has no melatonin layer; use a stowe25 parameter set", "model");
  }
  MelatoninBaseline b;
  PINEAL_ASSIGN_OR_RETURN(b.y0, EntrainedState(model, p.habitual));
  PINEAL_ASSIGN_OR_RETURN(b.placebo_h, FinalMinusBaseline(model, b.y0, p, 12.0, true));
  PINEAL_ASSIGN_OR_RETURN(SimulationResult day0,
                          Simulate(model, b.y0, 0.0, 36.0, LightSchedule::Constant(p.dim_lux)));
  const auto base = FirstIn(day0.markers.plasma_onset_h, 12.0, 36.0);
  if (!base) return Status::Internal("melatonin PRC: no baseline plasma DLMO");
  b.dlmo_clock_h = std::fmod(*base, 24.0);
  return b;
}

Result<double> ShiftFor(const Model& model, const MelatoninPrcProtocol& p,
                        const MelatoninBaseline& b, double pill_h) {
  double clock = std::fmod(b.dlmo_clock_h + pill_h, 24.0);
  if (clock < 0) clock += 24.0;
  PINEAL_ASSIGN_OR_RETURN(double moved, FinalMinusBaseline(model, b.y0, p, clock, false));
  // A later final DLMO is a delay; report advance > 0, placebo subtracted.
  return -(moved - b.placebo_h);
}

}  // namespace

Result<double> MelatoninPrcShift(const Model& model, const MelatoninPrcProtocol& p, double pill_h) {
  PINEAL_ASSIGN_OR_RETURN(MelatoninBaseline b, PrepareMelatonin(model, p));
  return ShiftFor(model, p, b, pill_h);
}

Result<std::vector<PrcPoint>> MelatoninPrc(const Model& model, const MelatoninPrcProtocol& p) {
  PINEAL_RETURN_IF_ERROR(CheckGrid(p.first_h, p.last_h, p.step_h));
  PINEAL_ASSIGN_OR_RETURN(MelatoninBaseline b, PrepareMelatonin(model, p));
  std::vector<PrcPoint> out;
  for (double rel = p.first_h; rel <= p.last_h + 1e-9; rel += p.step_h) {
    PINEAL_ASSIGN_OR_RETURN(double shift, ShiftFor(model, p, b, rel));
    out.push_back({rel, shift});
  }
  return out;
}

PrcExtremes Extremes(const std::vector<PrcPoint>& curve) {
  PrcExtremes e;
  for (size_t i = 0; i < curve.size(); ++i) {
    if (i == 0 || curve[i].shift_h > e.max_advance.shift_h) e.max_advance = curve[i];
    if (i == 0 || curve[i].shift_h < e.max_delay.shift_h) e.max_delay = curve[i];
  }
  return e;
}

}  // namespace pineal::circadian
