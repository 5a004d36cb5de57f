// Right-hand sides of the circadian models, header-only so the integrator can
// inline them. Inputs that are constant between breakpoints (light, a
// prolonged-release infusion) are set per segment, so the hot loop only does
// the state-dependent arithmetic. Time is in hours.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>

#include "pineal/circadian/params.h"
#include "pineal/circadian/plasma_curve.h"

namespace pineal::circadian {

// Forger, Jewett & Kronauer 1999 (equations as in the facts file §2.1).
// State: x, xc, n.
class Fjk99Rhs {
 public:
  static constexpr int kDim = 3;
  explicit Fjk99Rhs(const Fjk99Params& p)
      : p_(p), omega_sq_(std::pow(24.0 / (p.period_correction * p.tau_x_h), 2)) {}

  void SetSegment(double lux, double /*gut_rate*/) {
    alpha_ = lux > 0 ? p_.alpha0 * std::pow(lux / p_.i0_lux, p_.p) : 0.0;
  }
  double alpha() const { return alpha_; }

  void operator()(double /*t*/, const double* y, double* dy) const {
    constexpr double kW = std::numbers::pi / 12.0;
    const double x = y[0], xc = y[1], n = y[2];
    const double b_hat = p_.g * alpha_ * (1.0 - n);
    const double b = b_hat * (1.0 - p_.b * x) * (1.0 - p_.b * xc);
    dy[0] = kW * (xc + b);
    dy[1] = kW * (p_.mu * (xc - (4.0 / 3.0) * xc * xc * xc) - x * (omega_sq_ + p_.k * b));
    dy[2] = p_.lambda_per_h * (alpha_ * (1.0 - n) - p_.beta * n);
  }

 private:
  Fjk99Params p_;
  double omega_sq_;
  double alpha_ = 0.0;
};

// The macroscopic forcing shape shared by light and melatonin in the Hannay
// family: amplitude/phase pairs of the first two harmonics plus a constant
// phase term. Cosines and sines of the fixed phases are precomputed.
struct ForcingShape {
  double a1 = 0, cos1 = 1, sin1 = 0, a2 = 0, cos2 = 1, sin2 = 0, eps = 0;
  ForcingShape() = default;
  ForcingShape(double amp1, double th1, double amp2, double th2, double e)
      : a1(amp1),
        cos1(std::cos(th1)),
        sin1(std::sin(th1)),
        a2(amp2),
        cos2(std::cos(th2)),
        sin2(std::sin(th2)),
        eps(e) {}
};

// cos/sin of psi and 2 psi, computed once per right-hand-side evaluation.
struct PhaseTrig {
  double c, s, c2, s2;
  explicit PhaseTrig(double psi) : c(std::cos(psi)), s(std::sin(psi)) {
    c2 = c * c - s * s;
    s2 = 2.0 * s * c;
  }
};

// Adds the forcing of a drive `d` (light: B-hat, melatonin: M-hat) to dR, dpsi.
inline void AddForcing(double d, const ForcingShape& f, double r, const PhaseTrig& t, double* dy) {
  const double r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const double cos1 = t.c * f.cos1 - t.s * f.sin1, sin1 = t.s * f.cos1 + t.c * f.sin1;
  const double cos2 = t.c2 * f.cos2 - t.s2 * f.sin2, sin2 = t.s2 * f.cos2 + t.c2 * f.sin2;
  dy[0] += 0.5 * d * (f.a1 * (1.0 - r4) * cos1 + f.a2 * r * (1.0 - r8) * cos2);
  dy[1] += d * (f.eps - 0.5 * f.a1 * (r2 * r + 1.0 / r) * sin1 - 0.5 * f.a2 * (1.0 + r8) * sin2);
}

// Hannay, Booth & Forger 2019 single population (facts file §3).
// State: R, psi, n.
class Hannay19Rhs {
 public:
  static constexpr int kDim = 3;
  explicit Hannay19Rhs(const Hannay19Params& p)
      : p_(p),
        light_(p.a1, p.beta_l1, p.a2, p.beta_l2, p.sigma),
        k_cos_(0.5 * p.k_coupling * std::cos(p.beta1)),
        k_sin_(0.5 * p.k_coupling * std::sin(p.beta1)) {}

  void SetSegment(double lux, double /*gut_rate*/) {
    const double ip = lux > 0 ? std::pow(lux, p_.p) : 0.0;
    alpha_ = p_.alpha0 * ip / (ip + p_.i0);
  }
  double alpha() const { return alpha_; }
  double BHat(double n) const { return p_.g * (1.0 - n) * alpha_; }

  // The unforced oscillator and Process L.
  void Intrinsic(const double* y, double* dy) const {
    const double r = y[0], n = y[2];
    double r4 = r * r;
    r4 *= r4;
    dy[0] = -p_.gamma * r + k_cos_ * r * (1.0 - r4);
    dy[1] = p_.omega0_rad_per_h + k_sin_ * (1.0 + r4);
    dy[2] = p_.lambda_per_h * (alpha_ * (1.0 - n) - p_.delta * n);
  }
  void AddLight(const double* y, const PhaseTrig& trig, double* dy) const {
    const double b_hat = BHat(y[2]);
    if (b_hat != 0.0) AddForcing(b_hat, light_, y[0], trig, dy);
  }

  void operator()(double /*t*/, const double* y, double* dy) const {
    Intrinsic(y, dy);
    if (alpha_ != 0.0) AddLight(y, PhaseTrig(y[1]), dy);
  }

 private:
  Hannay19Params p_;
  ForcingShape light_;
  double k_cos_, k_sin_;
  double alpha_ = 0.0;
};

// Stowe, Duston, Robinson & Diniz Behn 2025: Hannay19 plus pineal (H1),
// plasma (H2) and gut (H3) melatonin in pmol/L (facts file §4.5).
// State: R, psi, n, H1, H2, H3. An optional exogenous plasma curve (from the
// PK engine) adds to H2 in the melatonin drive.
class Stowe25Rhs {
 public:
  static constexpr int kDim = 6;
  Stowe25Rhs(const Hannay19Params& h, const MelatoninParams& m,
             const PlasmaCurve* exogenous = nullptr)
      : pacemaker_(h),
        m_(m),
        melatonin_(m.b1, m.theta_m1, m.b2, m.theta_m2, m.epsilon),
        exogenous_(exogenous) {}

  void SetSegment(double lux, double gut_rate) {
    pacemaker_.SetSegment(lux, gut_rate);
    gut_rate_ = gut_rate;
  }
  double alpha() const { return pacemaker_.alpha(); }

  // Pineal synthesis drive A(psi) before light suppression.
  double Synthesis(double psi) const {
    constexpr double kTwoPi = 2.0 * std::numbers::pi;
    double ph = std::fmod(psi, kTwoPi);
    if (ph < 0) ph += kTwoPi;
    const double a = m_.synthesis_pmol_per_l_per_h;
    if (ph > m_.psi_on_rad && ph < m_.psi_off_rad) {
      return a * (1.0 - std::exp(-m_.onset_sharpness * (ph - m_.psi_on_rad)));
    }
    double since_off = ph - m_.psi_off_rad;
    if (since_off < 0) since_off += kTwoPi;
    return a * std::exp(-m_.offset_decay * since_off);
  }

  // Pineal window as integrator modes (dopri5.h HasModes): inside or outside
  // the on/off window, with the unwrapped psi at which the mode began, so
  // the synthesis term is smooth within a mode and its switches are located.
  void SetModeFor(const double* y) {
    constexpr double kTwoPi = 2.0 * std::numbers::pi;
    const double psi = y[1];
    double ph = std::fmod(psi, kTwoPi);
    if (ph < 0) ph += kTwoPi;
    inside_ = ph > m_.psi_on_rad && ph < m_.psi_off_rad;
    double since = inside_ ? ph - m_.psi_on_rad : ph - m_.psi_off_rad;
    if (since < 0) since += kTwoPi;
    mode_start_psi_ = psi - since;
  }
  double SwitchFunction(const double* y) const {
    const double psi = y[1];
    return std::max(psi - (mode_start_psi_ + ModeWidth(inside_)), mode_start_psi_ - psi);
  }
  void SwitchMode(const double* y) {
    const double psi = y[1];
    const bool forward = psi >= mode_start_psi_ + 0.5 * ModeWidth(inside_);
    inside_ = !inside_;
    mode_start_psi_ = forward ? psi : psi - ModeWidth(inside_);
  }

  // Total plasma melatonin (pmol/L) that drives the clock at time t.
  double Plasma(double t, const double* y) const {
    return exogenous_ != nullptr ? y[4] + exogenous_->PmolPerLAt(t) : y[4];
  }

  void operator()(double t, const double* y, double* dy) const {
    pacemaker_.Intrinsic(y, dy);
    const PhaseTrig trig(y[1]);
    if (pacemaker_.alpha() != 0.0) pacemaker_.AddLight(y, trig, dy);
    const double h1 = y[3], h2 = y[4], h3 = y[5];
    const double suppression = 1.0 - m_.suppression_m * pacemaker_.BHat(y[2]);
    const double synth = suppression > 0 ? ModeSynthesis(y[1]) * suppression : 0.0;
    dy[3] = -m_.beta_ip_per_h * h1 + synth;
    dy[4] = m_.beta_ip_per_h * h1 - m_.beta_cp_per_h * h2 + m_.beta_ap_per_h * h3;
    dy[5] = -m_.beta_ap_per_h * h3 + gut_rate_;
    const double m_hat =
        m_.m_max / (1.0 + std::exp((m_.h_sat_pmol_per_l - Plasma(t, y)) / m_.sigma_m_pmol_per_l));
    AddForcing(m_hat, melatonin_, y[0], trig, dy);
  }

 private:
  double ModeWidth(bool inside) const {
    const double on = m_.psi_off_rad - m_.psi_on_rad;
    return inside ? on : 2.0 * std::numbers::pi - on;
  }
  // Synthesis(psi) within the current mode.
  double ModeSynthesis(double psi) const {
    const double since = psi - mode_start_psi_;
    const double a = m_.synthesis_pmol_per_l_per_h;
    return inside_ ? a * (1.0 - std::exp(-m_.onset_sharpness * since))
                   : a * std::exp(-m_.offset_decay * since);
  }

  Hannay19Rhs pacemaker_;
  MelatoninParams m_;
  ForcingShape melatonin_;
  const PlasmaCurve* exogenous_;
  double gut_rate_ = 0.0;
  bool inside_ = false;
  double mode_start_psi_ = 0.0;
};

}  // namespace pineal::circadian
