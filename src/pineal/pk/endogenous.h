// The body's own melatonin as a yardstick: the nocturnal peak for a given age
// (published age groups; linear between groups) and the daytime level.
#pragma once

#include "pineal/kb/pk_model.h"

namespace pineal::pk {

// mg/L. Within an age band: that band's mean; outside all bands: the nearest
// band; between bands: linear interpolation between their edges.
double NocturnalPeakMgPerL(const kb::EndogenousSpec& spec, double age_years);

inline constexpr double kDefaultAdultAgeYears = 30.0;

}  // namespace pineal::pk
