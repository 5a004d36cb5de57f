// Small helpers for reading phases: wrapping hour differences, finding the
// marker of a given day, clock hours.
#pragma once

#include <optional>
#include <vector>

namespace pineal::circadian {

// An hour difference wrapped to (-12, 12].
double WrapHours(double h);

// The first marker time in [from_h, to_h), if any.
std::optional<double> FirstIn(const std::vector<double>& times_h, double from_h, double to_h);

// The marker time nearest to `t_h`, if any.
std::optional<double> Nearest(const std::vector<double>& times_h, double t_h);

}  // namespace pineal::circadian
