// Dormand-Prince 5(4) with error control and the 4th-order continuous
// extension of Hairer, Norsett & Wanner (Solving ODEs I, §II.6), the method
// behind SciPy's RK45. Header-only so the model's right-hand side inlines.
// The caller integrates piecewise between input breakpoints; the step size
// carries over from one piece to the next.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <concepts>
#include <limits>
#include <utility>
#include <vector>

namespace pineal::circadian {

struct Dopri5Options {
  double rtol = 1e-6;
  double atol = 1e-9;
  double h_max = std::numeric_limits<double>::infinity();
  double h_min = 1e-10;  // below this the problem is declared too stiff/singular
  double h_initial = 0;  // first step size; 0: Hairer's estimate
  // Per-component absolute tolerances overriding `atol` where given (states
  // on very different scales, e.g. melatonin in pmol/L next to a phase).
  std::vector<double> atol_per_component;
};

struct Dopri5Stats {
  long rhs_evals = 0;
  long accepted = 0;
  long rejected = 0;
};

// One accepted step with its dense output on theta in [0, 1].
template <int N>
struct DenseStep {
  double t0 = 0, h = 0;
  std::array<double, N> y0{}, y1{}, f0{}, f1{};
  std::array<std::array<double, N>, 5> c{};

  double Eval(int i, double theta) const {
    const double u = 1.0 - theta;
    return c[0][i] + theta * (c[1][i] + u * (c[2][i] + theta * (c[3][i] + u * c[4][i])));
  }
  void EvalAll(double theta, double* out) const {
    for (int i = 0; i < N; ++i) out[i] = Eval(i, theta);
  }
  double TimeAt(double theta) const { return t0 + theta * h; }
};

// A right-hand side with modes (a switch driven by the state, like the
// pineal on/off window) is smooth within a mode; the integrator stops exactly
// at the switch: SwitchFunction(y) turns positive when the mode must change.
template <class Rhs>
concept HasModes = requires(Rhs& f, const double* y) {
  { f.SwitchFunction(y) } -> std::convertible_to<double>;
  f.SwitchMode(y);
  f.SetModeFor(y);
};

template <class Rhs>
class Dopri5 {
 public:
  static constexpr int N = Rhs::kDim;
  static constexpr bool kHasModes = HasModes<Rhs>;
  using State = std::array<double, N>;

  explicit Dopri5(Dopri5Options options) : o_(std::move(options)), h_(o_.h_initial) {
    for (int i = 0; i < N; ++i) {
      atol_[i] =
          i < static_cast<int>(o_.atol_per_component.size()) ? o_.atol_per_component[i] : o_.atol;
    }
  }

  const Dopri5Stats& stats() const { return stats_; }
  // The step size the next step would try (to continue in a later run).
  double next_step() const { return h_; }

  // Integrates y from t to t_end (> t) with the inputs `f` currently holds,
  // calling observer(const DenseStep<N>&) after every accepted step. Returns
  // false if the step size collapsed or the state stopped being finite.
  template <class Observer>
  bool Integrate(Rhs& f, double& t, State& y, double t_end, Observer&& observer) {
    if (!(t_end > t)) return true;
    if constexpr (kHasModes) f.SetModeFor(y.data());
    f(t, y.data(), k_[0].data());
    ++stats_.rhs_evals;
    if (h_ <= 0) h_ = InitialStep(f, t, y, t_end);
    DenseStep<N> step;
    double h_switch = 0;  // > 0: a step ending at a located mode switch
    while (t < t_end) {
      double h = h_switch > 0 ? h_switch : std::min(h_, o_.h_max);
      // Stretch a step that would leave a sliver, so the piece ends exactly at t_end.
      const bool last = t + 1.01 * h >= t_end;
      if (last) h = t_end - t;
      const double err = Attempt(f, t, y, h);
      if (!std::isfinite(err)) {
        h_ = h * 0.1;
        h_switch = 0;
        if (h_ < o_.h_min) return false;
        ++stats_.rejected;
        continue;
      }
      const double fac = err == 0 ? 10.0 : std::clamp(0.9 * std::pow(err, -0.2), 0.2, 10.0);
      if (err > 1.0) {
        ++stats_.rejected;
        h_ = h * std::min(1.0, fac);
        h_switch = 0;
        if (h_ < o_.h_min) return false;
        continue;
      }
      FillDense(t, h, y, step);
      bool switch_now = false;
      if constexpr (kHasModes) {
        // The right-hand side is smooth within a mode; a switch inside this
        // step is located on the dense output and the step cut there.
        if (h_switch > 0) {
          switch_now = true;
        } else if (f.SwitchFunction(ynew_.data()) > 0) {
          const double th = LocateSwitch(f, step);
          if (th < 1.0 - 1e-9 && th * h > 1e-9) {
            h_switch = th * h;
            continue;  // not counted: the same step, shortened
          }
          switch_now = true;
        }
      }
      ++stats_.accepted;
      t = last ? t_end : t + h;
      y = ynew_;
      k_[0] = k_[6];  // first same as last
      // A shortened final or switch step says nothing about the right step size.
      if ((!last && h_switch == 0) || fac < 1.0) h_ = h * fac;
      h_switch = 0;
      observer(static_cast<const DenseStep<N>&>(step));
      if constexpr (kHasModes) {
        if (switch_now) {
          f.SwitchMode(y.data());
          f(t, y.data(), k_[0].data());
          ++stats_.rhs_evals;
        }
      }
    }
    return true;
  }

 private:
  // Where SwitchFunction turns positive within the step (theta in (0, 1]).
  double LocateSwitch(const Rhs& f, const DenseStep<N>& s) const {
    double a = 0, b = 1, ga = f.SwitchFunction(s.y0.data()), gb = f.SwitchFunction(s.y1.data());
    if (ga > 0) return 0;
    State y;
    for (int it = 0; it < 50 && b - a > 1e-12; ++it) {
      const double m = (ga != gb) ? std::clamp(a + (b - a) * ga / (ga - gb), a + 0.01 * (b - a),
                                               b - 0.01 * (b - a))
                                  : 0.5 * (a + b);
      s.EvalAll(m, y.data());
      const double gm = f.SwitchFunction(y.data());
      if (gm > 0) {
        b = m;
        gb = gm;
      } else {
        a = m;
        ga = gm;
      }
    }
    return b;
  }

  double Attempt(const Rhs& f, double t, const State& y, double h) {
    static constexpr double a21 = 1.0 / 5, a31 = 3.0 / 40, a32 = 9.0 / 40, a41 = 44.0 / 45,
                            a42 = -56.0 / 15, a43 = 32.0 / 9, a51 = 19372.0 / 6561,
                            a52 = -25360.0 / 2187, a53 = 64448.0 / 6561, a54 = -212.0 / 729,
                            a61 = 9017.0 / 3168, a62 = -355.0 / 33, a63 = 46732.0 / 5247,
                            a64 = 49.0 / 176, a65 = -5103.0 / 18656, b1 = 35.0 / 384,
                            b3 = 500.0 / 1113, b4 = 125.0 / 192, b5 = -2187.0 / 6784,
                            b6 = 11.0 / 84, e1 = 71.0 / 57600, e3 = -71.0 / 16695, e4 = 71.0 / 1920,
                            e5 = -17253.0 / 339200, e6 = 22.0 / 525, e7 = -1.0 / 40;
    State& k1 = k_[0];
    State& k2 = k_[1];
    State& k3 = k_[2];
    State& k4 = k_[3];
    State& k5 = k_[4];
    State& k6 = k_[5];
    State& k7 = k_[6];
    State tmp;
    for (int i = 0; i < N; ++i) tmp[i] = y[i] + h * a21 * k1[i];
    f(t + h / 5, tmp.data(), k2.data());
    for (int i = 0; i < N; ++i) tmp[i] = y[i] + h * (a31 * k1[i] + a32 * k2[i]);
    f(t + 3 * h / 10, tmp.data(), k3.data());
    for (int i = 0; i < N; ++i) tmp[i] = y[i] + h * (a41 * k1[i] + a42 * k2[i] + a43 * k3[i]);
    f(t + 4 * h / 5, tmp.data(), k4.data());
    for (int i = 0; i < N; ++i) {
      tmp[i] = y[i] + h * (a51 * k1[i] + a52 * k2[i] + a53 * k3[i] + a54 * k4[i]);
    }
    f(t + 8 * h / 9, tmp.data(), k5.data());
    for (int i = 0; i < N; ++i) {
      tmp[i] = y[i] + h * (a61 * k1[i] + a62 * k2[i] + a63 * k3[i] + a64 * k4[i] + a65 * k5[i]);
    }
    f(t + h, tmp.data(), k6.data());
    for (int i = 0; i < N; ++i) {
      ynew_[i] = y[i] + h * (b1 * k1[i] + b3 * k3[i] + b4 * k4[i] + b5 * k5[i] + b6 * k6[i]);
    }
    f(t + h, ynew_.data(), k7.data());
    stats_.rhs_evals += 6;
    double sum = 0;
    for (int i = 0; i < N; ++i) {
      const double e =
          h * (e1 * k1[i] + e3 * k3[i] + e4 * k4[i] + e5 * k5[i] + e6 * k6[i] + e7 * k7[i]);
      const double sc = atol_[i] + o_.rtol * std::max(std::abs(y[i]), std::abs(ynew_[i]));
      sum += (e / sc) * (e / sc);
    }
    return std::sqrt(sum / N);
  }

  void FillDense(double t, double h, const State& y, DenseStep<N>& s) const {
    static constexpr double d1 = -12715105075.0 / 11282082432.0, d3 = 87487479700.0 / 32700410799.0,
                            d4 = -10690763975.0 / 1880347072.0,
                            d5 = 701980252875.0 / 199316789632.0, d6 = -1453857185.0 / 822651844.0,
                            d7 = 69997945.0 / 29380423.0;
    s.t0 = t;
    s.h = h;
    s.y0 = y;
    s.y1 = ynew_;
    s.f0 = k_[0];
    s.f1 = k_[6];
    for (int i = 0; i < N; ++i) {
      const double dy = ynew_[i] - y[i];
      const double bspl = h * k_[0][i] - dy;
      s.c[0][i] = y[i];
      s.c[1][i] = dy;
      s.c[2][i] = bspl;
      s.c[3][i] = dy - h * k_[6][i] - bspl;
      s.c[4][i] = h * (d1 * k_[0][i] + d3 * k_[2][i] + d4 * k_[3][i] + d5 * k_[4][i] +
                       d6 * k_[5][i] + d7 * k_[6][i]);
    }
  }

  // Hairer's starting-step heuristic (as in SciPy's select_initial_step).
  double InitialStep(const Rhs& f, double t, const State& y, double t_end) {
    double d0 = 0, d1 = 0;
    for (int i = 0; i < N; ++i) {
      const double sc = atol_[i] + o_.rtol * std::abs(y[i]);
      d0 += (y[i] / sc) * (y[i] / sc);
      d1 += (k_[0][i] / sc) * (k_[0][i] / sc);
    }
    d0 = std::sqrt(d0 / N);
    d1 = std::sqrt(d1 / N);
    double h0 = (d0 < 1e-5 || d1 < 1e-5) ? 1e-6 : 0.01 * d0 / d1;
    h0 = std::min(h0, t_end - t);
    State y1, f1;
    for (int i = 0; i < N; ++i) y1[i] = y[i] + h0 * k_[0][i];
    f(t + h0, y1.data(), f1.data());
    ++stats_.rhs_evals;
    double d2 = 0;
    for (int i = 0; i < N; ++i) {
      const double sc = atol_[i] + o_.rtol * std::abs(y[i]);
      d2 += ((f1[i] - k_[0][i]) / sc) * ((f1[i] - k_[0][i]) / sc);
    }
    d2 = std::sqrt(d2 / N) / h0;
    const double h1 = (d1 <= 1e-15 && d2 <= 1e-15) ? std::max(1e-6, h0 * 1e-3)
                                                   : std::pow(0.01 / std::max(d1, d2), 0.2);
    return std::min({100 * h0, h1, t_end - t});
  }

  Dopri5Options o_;
  std::array<double, N> atol_{};
  Dopri5Stats stats_;
  double h_;
  std::array<State, 7> k_{};
  State ynew_{};
};

}  // namespace pineal::circadian
