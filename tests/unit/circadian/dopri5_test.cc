// The integrator against closed forms: a harmonic oscillator (y'' = -y:
// y = cos t, y' = -sin t), the dense output between steps, and a switched
// right-hand side whose switch time is known exactly.
#include "pineal/circadian/dopri5.h"

#include <gtest/gtest.h>

#include <cmath>

namespace pineal::circadian {
namespace {

struct Oscillator {
  static constexpr int kDim = 2;
  void operator()(double, const double* y, double* dy) const {
    dy[0] = y[1];
    dy[1] = -y[0];
  }
};

TEST(Dopri5Test, HarmonicOscillatorWithinTolerance) {
  for (double rtol : {1e-6, 1e-9}) {
    Dopri5Options o;
    o.rtol = rtol;
    o.atol = rtol * 1e-3;
    Dopri5<Oscillator> solver(o);
    Oscillator f;
    double t = 0;
    std::array<double, 2> y{1.0, 0.0};
    ASSERT_TRUE(solver.Integrate(f, t, y, 50.0, [](const DenseStep<2>&) {}));
    EXPECT_DOUBLE_EQ(t, 50.0);
    // Global error grows with the ~8 periods; 100x the local tolerance.
    EXPECT_NEAR(y[0], std::cos(50.0), 100 * rtol);
    EXPECT_NEAR(y[1], -std::sin(50.0), 100 * rtol);
  }
}

TEST(Dopri5Test, DenseOutputMatchesClosedFormBetweenSteps) {
  Dopri5Options o;
  o.rtol = 1e-9;
  o.atol = 1e-12;
  Dopri5<Oscillator> solver(o);
  Oscillator f;
  double t = 0;
  std::array<double, 2> y{1.0, 0.0};
  double worst = 0;
  int steps = 0;
  ASSERT_TRUE(solver.Integrate(f, t, y, 20.0, [&](const DenseStep<2>& s) {
    ++steps;
    for (double th : {0.25, 0.5, 0.75}) {
      worst = std::max(worst, std::abs(s.Eval(0, th) - std::cos(s.TimeAt(th))));
    }
  }));
  EXPECT_GT(steps, 10);
  EXPECT_LT(worst, 1e-7);  // 4th-order interpolant, same order as the tolerance
}

TEST(Dopri5Test, PiecewiseRestartKeepsAccuracy) {
  Dopri5Options o;
  o.rtol = 1e-8;
  o.atol = 1e-11;
  Dopri5<Oscillator> solver(o);
  Oscillator f;
  double t = 0;
  std::array<double, 2> y{1.0, 0.0};
  for (double b = 0.7; b < 30; b += 0.7) {
    ASSERT_TRUE(solver.Integrate(f, t, y, b, [](const DenseStep<2>&) {}));
  }
  EXPECT_NEAR(y[0], std::cos(t), 1e-6);
}

// y' = 2 until y reaches 1 (t = 0.5), then y' = -1: y(2) = 1 - 1.5 = -0.5.
struct Switched {
  static constexpr int kDim = 1;
  bool second = false;
  double switch_seen_at = -1;
  void operator()(double, const double*, double* dy) const { dy[0] = second ? -1.0 : 2.0; }
  void SetModeFor(const double* y) { second = second || y[0] >= 1.0; }
  double SwitchFunction(const double* y) const { return second ? -1.0 : y[0] - 1.0; }
  void SwitchMode(const double*) { second = true; }
};

TEST(Dopri5Test, ModeSwitchIsLocatedAndNotSmoothedOver) {
  Dopri5<Switched> solver(Dopri5Options{});
  Switched f;
  double t = 0;
  std::array<double, 1> y{0.0};
  double end_of_rise = -1;
  ASSERT_TRUE(solver.Integrate(f, t, y, 2.0, [&](const DenseStep<1>& s) {
    if (!f.second) end_of_rise = s.t0 + s.h;
  }));
  EXPECT_NEAR(end_of_rise, 0.5, 1e-9);
  EXPECT_NEAR(y[0], -0.5, 1e-9);
  EXPECT_EQ(solver.stats().rejected, 0);
}

}  // namespace
}  // namespace pineal::circadian
