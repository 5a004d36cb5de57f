#include "pineal/circadian/plasma_curve.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

namespace pineal::circadian {

Result<PlasmaCurve> PlasmaCurve::Make(std::vector<double> times_h,
                                      std::vector<double> conc_pg_per_ml,
                                      double pmol_per_pg_per_ml) {
  if (times_h.size() != conc_pg_per_ml.size() || times_h.size() < 2) {
    return Status::InvalidArgument(
        "plasma curve needs at least 2 samples and as many concentrations as times", "plasma");
  }
  for (size_t i = 0; i < times_h.size(); ++i) {
    const std::string at = "plasma[" + std::to_string(i) + "]";
    if (!std::isfinite(times_h[i]) || (i > 0 && times_h[i] <= times_h[i - 1])) {
      return Status::InvalidArgument(at + ": times must be finite and strictly increasing", at);
    }
    if (!std::isfinite(conc_pg_per_ml[i]) || conc_pg_per_ml[i] < 0) {
      return Status::InvalidArgument(at + ": concentration must be a finite number >= 0 pg/mL", at);
    }
    conc_pg_per_ml[i] *= pmol_per_pg_per_ml;
  }
  PlasmaCurve c;
  c.times_h_ = std::move(times_h);
  c.pmol_per_l_ = std::move(conc_pg_per_ml);
  return c;
}

double PlasmaCurve::PmolPerLAt(double t_h) const {
  if (t_h < times_h_.front() || t_h > times_h_.back()) return 0.0;
  const auto it = std::upper_bound(times_h_.begin(), times_h_.end(), t_h);
  if (it == times_h_.end()) return pmol_per_l_.back();
  const size_t i = static_cast<size_t>(it - times_h_.begin());
  const double w = (t_h - times_h_[i - 1]) / (times_h_[i] - times_h_[i - 1]);
  return pmol_per_l_[i - 1] + w * (pmol_per_l_[i] - pmol_per_l_[i - 1]);
}

}  // namespace pineal::circadian
