#include "pineal/pk/superposition.h"

#include <cmath>

namespace pineal::pk {
namespace {

// Macro-constants of the model: C = sum_i coef[i] * exp(-rate[i] * s) per mg
// of a central bolus.
struct Macro {
  int n = 1;
  double rate[2] = {0, 0};
  double coef[2] = {0, 0};
  double k21 = 0;
};

Macro MacroConstants(const LinearPkParams& p) {
  Macro m;
  const double k = p.cl_l_per_h / p.v1_l;
  if (p.compartments == 1) {
    m.rate[0] = k;
    m.coef[0] = 1.0 / p.v1_l;
    return m;
  }
  const double k12 = p.q_l_per_h / p.v1_l;
  const double k21 = p.q_l_per_h / p.v2_l;
  const double s = k + k12 + k21;
  const double root = std::sqrt(s * s - 4.0 * k * k21);
  const double alpha = 0.5 * (s + root);
  const double beta = 0.5 * (s - root);
  m.n = 2;
  m.k21 = k21;
  m.rate[0] = alpha;
  m.rate[1] = beta;
  m.coef[0] = (alpha - k21) / (p.v1_l * (alpha - beta));
  m.coef[1] = (k21 - beta) / (p.v1_l * (alpha - beta));
  return m;
}

// Single oral dose of `amount` into a depot absorbed with `ka`, s hours after
// absorption starts.
double OralSingle(const LinearPkParams& p, const Macro& m, double amount, double ka, double s) {
  if (m.n == 1) {
    const double k = m.rate[0];
    return amount * ka / (p.v1_l * (ka - k)) * (std::exp(-k * s) - std::exp(-ka * s));
  }
  const double al = m.rate[0], be = m.rate[1], k21 = m.k21;
  const double f = amount * ka / p.v1_l;
  const double a = f * (k21 - al) / ((ka - al) * (be - al));
  const double b = f * (k21 - be) / ((ka - be) * (al - be));
  const double c = f * (k21 - ka) / ((al - ka) * (be - ka));
  return a * std::exp(-al * s) + b * std::exp(-be * s) + c * std::exp(-ka * s);
}

// Constant-rate input of `rate` for `duration` hours, s hours after it starts.
double ZeroOrderSingle(const Macro& m, double rate, double duration, double s) {
  double c = 0.0;
  for (int i = 0; i < m.n; ++i) {
    const double r = m.rate[i];
    if (s <= duration) {
      c += rate * m.coef[i] / r * (1.0 - std::exp(-r * s));
    } else {
      c += rate * m.coef[i] / r * (1.0 - std::exp(-r * duration)) * std::exp(-r * (s - duration));
    }
  }
  return c;
}

}  // namespace

double SuperpositionConcentration(const LinearPkParams& p, std::span<const DoseEvent> doses,
                                  double t_h) {
  const Macro m = MacroConstants(p);
  double c = 0.0;
  for (const DoseEvent& d : doses) {
    if (!d.taken) continue;
    switch (d.route) {
      case Route::kOral: {
        const double s = t_h - d.time_h - p.tlag_h;
        if (s > 0) c += OralSingle(p, m, d.amount_mg * p.f, p.ka_per_h, s);
        break;
      }
      case Route::kOralDualFirstOrder: {
        const double s = t_h - d.time_h - p.tlag_h;
        if (s > 0) {
          const double amount = d.amount_mg * p.f;
          c += OralSingle(p, m, amount * d.fast_fraction, p.ka_per_h, s) +
               OralSingle(p, m, amount * (1.0 - d.fast_fraction), p.ka_slow_per_h, s);
        }
        break;
      }
      case Route::kIvBolus: {
        const double s = t_h - d.time_h;
        if (s >= 0) {
          for (int i = 0; i < m.n; ++i) c += d.amount_mg * m.coef[i] * std::exp(-m.rate[i] * s);
        }
        break;
      }
      case Route::kOralZeroOrder: {
        const double s = t_h - d.time_h - p.tlag_h;
        if (s > 0) c += ZeroOrderSingle(m, d.amount_mg * p.f / d.duration_h, d.duration_h, s);
        break;
      }
      case Route::kIvInfusion: {
        const double s = t_h - d.time_h;
        if (s > 0) c += ZeroOrderSingle(m, d.amount_mg / d.duration_h, d.duration_h, s);
        break;
      }
    }
  }
  return c;
}

}  // namespace pineal::pk
