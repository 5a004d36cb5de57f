// Starting phase: the state of a person entrained to a habitual sleep/wake
// pattern, optionally shifted to match a measured DLMO.
#pragma once

#include "pineal/circadian/light_schedule.h"
#include "pineal/circadian/params.h"
#include "pineal/circadian/simulate.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

struct EntrainOptions {
  // From the default start, CBTmin settles to 1e-4 h by 30 days in every
  // model here (0.003 h at 20 days, 0.13 h at 10).
  int days = 30;
  double phase_delay_h = 0.0;  // > 0: the clock runs this much later than entrained
  Dopri5Options solver;
};

// The state at local midnight (model time 0 = 00:00 local) after `days` on
// `pattern`. With phase_delay_h, the state the entrained clock had
// phase_delay_h earlier, so every marker falls that much later.
Result<StateVector> EntrainedState(const Model& model, const SleepWakePattern& pattern,
                                   const EntrainOptions& options = {});

// Clock hour in [0, 24) of the DLMO (phase marker) of a person entrained to
// `pattern`: the reference for a measured DLMO.
Result<double> EntrainedDlmoClockHour(const Model& model, const SleepWakePattern& pattern);

// As EntrainedState, but shifted so the model's DLMO falls at the measured
// clock hour (the shift is taken the short way round, within +-12 h).
Result<StateVector> StateForMeasuredDlmo(const Model& model, const SleepWakePattern& pattern,
                                         double measured_dlmo_clock_h);

}  // namespace pineal::circadian
