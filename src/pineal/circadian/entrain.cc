#include "pineal/circadian/entrain.h"

#include <cmath>

#include "pineal/circadian/phase.h"

namespace pineal::circadian {

Result<StateVector> EntrainedState(const Model& model, const SleepWakePattern& pattern,
                                   const EntrainOptions& options) {
  const double end = 24.0 * options.days;
  const double stop = end - options.phase_delay_h;
  if (options.days < 2 || stop <= 24.0) {
    return Status::InvalidArgument("entrainment needs >= 2 days and a phase shift under a day",
                                   "phase_delay_h");
  }
  const LightSchedule light = SleepWakeLight(pattern, 0.0, end + 24.0);
  SimulationOptions opt;
  opt.solver = options.solver;
  opt.markers = false;
  PINEAL_ASSIGN_OR_RETURN(SimulationResult r,
                          Simulate(model, DefaultInitialState(model), 0.0, stop, light, {}, opt));
  return r.final_state;
}

Result<double> EntrainedDlmoClockHour(const Model& model, const SleepWakePattern& pattern) {
  PINEAL_ASSIGN_OR_RETURN(StateVector y0, EntrainedState(model, pattern));
  const LightSchedule light = SleepWakeLight(pattern, 0.0, 72.0);
  PINEAL_ASSIGN_OR_RETURN(SimulationResult r, Simulate(model, y0, 0.0, 72.0, light));
  for (double t : r.markers.dlmo_h) {
    if (t >= 24.0 && t < 48.0) return t - 24.0;
  }
  return Status::Internal("no DLMO found on the second entrained day");
}

Result<StateVector> StateForMeasuredDlmo(const Model& model, const SleepWakePattern& pattern,
                                         double measured_dlmo_clock_h) {
  if (!std::isfinite(measured_dlmo_clock_h) || measured_dlmo_clock_h < 0 ||
      measured_dlmo_clock_h >= 24) {
    return Status::InvalidArgument("measured DLMO must be a clock time 00:00-23:59", "dlmo");
  }
  PINEAL_ASSIGN_OR_RETURN(double model_dlmo, EntrainedDlmoClockHour(model, pattern));
  EntrainOptions opt;
  opt.phase_delay_h = WrapHours(measured_dlmo_clock_h - model_dlmo);
  return EntrainedState(model, pattern, opt);
}

}  // namespace pineal::circadian
