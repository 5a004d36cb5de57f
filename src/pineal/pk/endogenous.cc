#include "pineal/pk/endogenous.h"

namespace pineal::pk {

double NocturnalPeakMgPerL(const kb::EndogenousSpec& spec, double age_years) {
  const auto& bands = spec.nocturnal_peak_by_age;
  if (bands.empty()) return 0.0;
  if (age_years <= bands.front().age_max_years) return bands.front().peak_mg_per_l;
  for (std::size_t i = 1; i < bands.size(); ++i) {
    const auto& prev = bands[i - 1];
    const auto& next = bands[i];
    if (age_years < next.age_min_years) {
      const double f = (age_years - prev.age_max_years) / (next.age_min_years - prev.age_max_years);
      return prev.peak_mg_per_l + f * (next.peak_mg_per_l - prev.peak_mg_per_l);
    }
    if (age_years <= next.age_max_years) return next.peak_mg_per_l;
  }
  return bands.back().peak_mg_per_l;
}

}  // namespace pineal::pk
