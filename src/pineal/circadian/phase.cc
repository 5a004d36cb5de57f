#include "pineal/circadian/phase.h"

#include <cmath>

namespace pineal::circadian {

double WrapHours(double h) {
  double w = std::fmod(h, 24.0);
  if (w > 12.0) w -= 24.0;
  if (w <= -12.0) w += 24.0;
  return w;
}

std::optional<double> FirstIn(const std::vector<double>& times_h, double from_h, double to_h) {
  for (double t : times_h) {
    if (t >= from_h && t < to_h) return t;
  }
  return std::nullopt;
}

std::optional<double> Nearest(const std::vector<double>& times_h, double t_h) {
  std::optional<double> best;
  for (double t : times_h) {
    if (!best || std::abs(t - t_h) < std::abs(*best - t_h)) best = t;
  }
  return best;
}

}  // namespace pineal::circadian
