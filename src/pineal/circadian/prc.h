// Phase-response curves by simulating the published protocols:
//  - light: a single bright pulse in dim constant routine (Khalsa et al.
//    2003, 6.7 h of ~10,000 lux), shift of the unmasked CBTmin against a
//    no-pulse control, pulse centre relative to the control's CBTmin;
//  - melatonin: Burgess et al. 2008/2010, one pill a day for 3 days in an
//    ultradian 2.5 h light (dim) / 1.5 h dark schedule, plasma DLMO before
//    and after, placebo subtracted, pill time relative to baseline DLMO.
// Shifts are in hours, advance > 0.
#pragma once

#include <vector>

#include "pineal/circadian/light_schedule.h"
#include "pineal/circadian/melatonin_input.h"
#include "pineal/circadian/params.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

struct PrcPoint {
  double stimulus_h = 0;  // stimulus time relative to the reference marker
  double shift_h = 0;     // advance > 0
};

struct LightPrcProtocol {
  SleepWakePattern habitual{7.0, 23.0, 250.0, 0.0};
  double pulse_h = 6.7;
  double pulse_lux = 10000.0;
  double dim_lux = 5.0;    // constant routine, 2-7 lux
  double first_h = -12.0;  // pulse centres, relative to CBTmin
  double last_h = 12.0;
  double step_h = 1.0;
};

// Light PRC against pulse centre relative to CBTmin (any model).
Result<std::vector<PrcPoint>> LightPrc(const Model& model, const LightPrcProtocol& protocol);

struct MelatoninPrcProtocol {
  double dose_mg = 3.0;
  Formulation formulation = Formulation::kImmediateRelease;
  SleepWakePattern habitual{7.0, 23.0, 250.0, 0.0};
  double ultradian_lux = 40.0;  // dim light of the wake episodes (< 150 lux)
  double dim_lux = 5.0;         // phase assessments
  int pills = 3;
  double first_h = -12.0;  // pill times, relative to baseline DLMO
  double last_h = 12.0;
  double step_h = 1.0;
};

// Melatonin PRC against pill time relative to baseline plasma DLMO
// (models with a melatonin layer only).
Result<std::vector<PrcPoint>> MelatoninPrc(const Model& model,
                                           const MelatoninPrcProtocol& protocol);

// One point of the melatonin PRC (placebo subtracted), for a pill `pill_h`
// after baseline DLMO.
Result<double> MelatoninPrcShift(const Model& model, const MelatoninPrcProtocol& protocol,
                                 double pill_h);

// The largest advance and delay of a curve and where they occur.
struct PrcExtremes {
  PrcPoint max_advance;
  PrcPoint max_delay;
  double PeakToTrough() const { return max_advance.shift_h - max_delay.shift_h; }
};
PrcExtremes Extremes(const std::vector<PrcPoint>& curve);

}  // namespace pineal::circadian
