#include "pineal/pk/metrics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "pineal/pk/exact_solution.h"

namespace pineal::pk {
namespace {

std::vector<double> ScanTimes(double t0, double t1, double step) {
  std::vector<double> t;
  const auto n = static_cast<std::size_t>(std::ceil((t1 - t0) / step));
  t.reserve(n + 1);
  for (std::size_t i = 0; i < n; ++i) t.push_back(t0 + static_cast<double>(i) * step);
  t.push_back(t1);
  return t;
}

// sign = +1 finds a maximum, -1 a minimum.
Extremum FindExtremum(const LinearPkParams& p, std::span<const DoseEvent> doses, double t0,
                      double t1, double step, double scale, double sign) {
  if (!(t1 > t0)) return {ConcentrationAt(p, doses, t0, scale), t0};
  const std::vector<double> t = ScanTimes(t0, t1, step);
  std::vector<double> c(t.size());
  ConcentrationsAt(p, doses, t, c, scale);
  std::size_t best = 0;
  for (std::size_t i = 1; i < c.size(); ++i) {
    if (sign * c[i] > sign * c[best]) best = i;
  }
  // Golden-section search on the bracket around the best scanned point.
  double a = t[best > 0 ? best - 1 : 0], b = t[std::min(best + 1, t.size() - 1)];
  auto f = [&](double x) { return sign * ConcentrationAt(p, doses, x, scale); };
  const double g = (std::sqrt(5.0) - 1.0) / 2.0;
  double x1 = b - g * (b - a), x2 = a + g * (b - a);
  double f1 = f(x1), f2 = f(x2);
  for (int it = 0; it < 200 && b - a > 1e-10 * std::max(1.0, std::fabs(b)); ++it) {
    if (f1 < f2) {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + g * (b - a);
      f2 = f(x2);
    } else {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - g * (b - a);
      f1 = f(x1);
    }
  }
  Extremum e{c[best], t[best]};
  const double mid = 0.5 * (a + b);
  const double cm = ConcentrationAt(p, doses, mid, scale);
  if (sign * cm > sign * e.value_mg_per_l) e = {cm, mid};
  return e;
}

}  // namespace

Extremum FindPeak(const LinearPkParams& p, std::span<const DoseEvent> doses, double t0_h,
                  double t1_h, double scan_step_h, double dose_scale) {
  return FindExtremum(p, doses, t0_h, t1_h, scan_step_h, dose_scale, 1.0);
}

Extremum FindTrough(const LinearPkParams& p, std::span<const DoseEvent> doses, double t0_h,
                    double t1_h, double scan_step_h, double dose_scale) {
  return FindExtremum(p, doses, t0_h, t1_h, scan_step_h, dose_scale, -1.0);
}

double TimeAboveH(const LinearPkParams& p, std::span<const DoseEvent> doses, double threshold,
                  double t0_h, double t1_h, double scan_step_h, double dose_scale) {
  if (!(t1_h > t0_h)) return 0.0;
  const std::vector<double> t = ScanTimes(t0_h, t1_h, scan_step_h);
  std::vector<double> c(t.size());
  ConcentrationsAt(p, doses, t, c, dose_scale);
  auto crossing = [&](double a, double b) {  // C(a) and C(b) on opposite sides
    const bool a_above = ConcentrationAt(p, doses, a, dose_scale) >= threshold;
    for (int it = 0; it < 100 && b - a > 1e-12; ++it) {
      const double m = 0.5 * (a + b);
      ((ConcentrationAt(p, doses, m, dose_scale) >= threshold) == a_above ? a : b) = m;
    }
    return 0.5 * (a + b);
  };
  double total = 0.0;
  for (std::size_t i = 1; i < t.size(); ++i) {
    const bool above0 = c[i - 1] >= threshold, above1 = c[i] >= threshold;
    if (above0 && above1) {
      total += t[i] - t[i - 1];
    } else if (above0 != above1) {
      const double x = crossing(t[i - 1], t[i]);
      total += above0 ? x - t[i - 1] : t[i] - x;
    }
  }
  return total;
}

double ApparentTerminalHalfLifeH(const LinearPkParams& p, std::span<const DoseEvent> doses) {
  const Disposition d = Decompose(p);
  double slowest = d.lambda[d.modes - 1];
  for (const DoseEvent& dose : doses) {
    if (!dose.taken || dose.amount_mg == 0.0) continue;
    const bool dual = dose.route == Route::kOralDualFirstOrder;
    if (dose.route == Route::kOral || (dual && dose.fast_fraction > 0)) {
      slowest = std::min(slowest, p.ka_per_h);
    }
    if (dual && dose.fast_fraction < 1) slowest = std::min(slowest, p.ka_slow_per_h);
  }
  return std::log(2.0) / slowest;
}

double AucInfinity(const LinearPkParams& p, const DoseEvent& dose, double dose_scale) {
  return dose.amount_mg * dose_scale * (IsOral(dose.route) ? p.f : 1.0) / p.cl_l_per_h;
}

double AccumulationRatio(const LinearPkParams& p, const DoseEvent& dose, double tau_h) {
  DoseEvent d = dose;
  d.time_h = 0.0;
  d.taken = true;
  const double first = AucBetween(p, std::span<const DoseEvent>(&d, 1), 0.0, tau_h);
  return AucInfinity(p, d) / first;
}

double TimeTo90PercentSteadyStateH(const LinearPkParams& p, const DoseEvent& dose) {
  DoseEvent d = dose;
  d.time_h = 0.0;
  d.taken = true;
  const std::span<const DoseEvent> one(&d, 1);
  const double target = 0.9 * AucInfinity(p, d);
  double hi = 1.0;
  while (AucBetween(p, one, 0.0, hi) < target && hi < 1e7) hi *= 2.0;
  double lo = 0.0;
  for (int it = 0; it < 200 && hi - lo > 1e-10 * hi; ++it) {
    const double mid = 0.5 * (lo + hi);
    (AucBetween(p, one, 0.0, mid) < target ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

TroughApproach TroughAccumulation(const LinearPkParams& p, const DoseEvent& dose, double tau_h) {
  DoseEvent d = dose;
  d.time_h = 0.0;
  d.taken = true;
  const std::span<const DoseEvent> one(&d, 1);
  // Terms c(m tau) in batches until they no longer change the sum.
  std::vector<double> terms;
  double sum = 0.0;
  constexpr std::size_t kBatch = 256, kMaxTerms = 1 << 20;
  std::vector<double> t(kBatch), c(kBatch);
  for (std::size_t start = 1; terms.size() < kMaxTerms; start += kBatch) {
    for (std::size_t i = 0; i < kBatch; ++i) t[i] = static_cast<double>(start + i) * tau_h;
    ConcentrationsAt(p, one, t, c);
    bool negligible = false;
    for (std::size_t i = 0; i < kBatch; ++i) {
      terms.push_back(c[i]);
      sum += c[i];
      negligible = c[i] <= 1e-16 * sum && t[i] > p.tlag_h + tau_h;
    }
    if (negligible) break;
  }
  TroughApproach out;
  if (!(sum > 0)) return out;
  out.ratio = terms.front() > 0 ? sum / terms.front() : std::numeric_limits<double>::infinity();
  double partial = 0.0;
  for (std::size_t n = 0; n < terms.size(); ++n) {
    partial += terms[n];
    if (partial >= 0.9 * sum) {
      out.time_to_90_h = static_cast<double>(n + 1) * tau_h;
      break;
    }
  }
  return out;
}

}  // namespace pineal::pk
