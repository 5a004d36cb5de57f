// Numerically stable exponential differences used by the closed forms.
#pragma once

#include <algorithm>
#include <cmath>

namespace pineal::pk {

// (1 - e^{-lambda t}) / lambda, with the limit t at lambda = 0.
inline double OneMinusExpOver(double lambda, double t) {
  const double x = lambda * t;
  return x == 0.0 ? t : -std::expm1(-x) / lambda;
}

// (e^{-a t} - e^{-b t}) / (b - a), symmetric in a and b, exact as b -> a
// (limit t e^{-a t}). Written around the smaller rate so that no term
// overflows and no two large terms cancel.
inline double DiffExp(double a, double b, double t) {
  const double lo = std::min(a, b);
  const double d = std::max(a, b) - lo;
  const double x = d * t;
  const double base = std::exp(-lo * t);
  return x == 0.0 ? t * base : base * (-std::expm1(-x) / d);
}

}  // namespace pineal::pk
