// Simulation driver and markers: the FJK99 period correction (its free-run
// period in darkness equals tau_x, Forger 1999 via circadian.md §2.1), the
// phase angle at the minimum of x, and bad input.
#include "pineal/circadian/simulate.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/phase.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

TEST(SimulateTest, Fjk99FreeRunsAtTauInDarkness) {
  const Model m = testing::LoadModel("fjk1999");
  auto y0 = EntrainedState(m, {7, 23, 250, 0});
  ASSERT_TRUE(y0.ok());
  auto r = Simulate(m, *y0, 0, 24 * 30, LightSchedule::Constant(0));
  ASSERT_TRUE(r.ok());
  const auto& c = r->markers.cbtmin_h;
  ASSERT_GE(c.size(), 25u);
  // After the transient from entrainment, cycles last tau_x = 24.2 h.
  const double period = (c.back() - c[c.size() - 11]) / 10.0;
  EXPECT_NEAR(period, 24.2, 0.02);
}

TEST(SimulateTest, PhaseAngleIsPiAtTheMinimumOfXInDarkness) {
  const Model m = testing::LoadModel("fjk1999");
  auto y0 = EntrainedState(m, {7, 23, 250, 0});
  ASSERT_TRUE(y0.ok());
  auto r = Simulate(m, *y0, 0, 48, LightSchedule::Constant(0));
  ASSERT_TRUE(r.ok());
  ASSERT_FALSE(r->markers.x_min_h.empty());
  ASSERT_EQ(r->markers.x_min_h.size(), r->markers.cbtmin_h.size());
  for (size_t i = 0; i < r->markers.x_min_h.size(); ++i) {
    EXPECT_NEAR(r->markers.x_min_h[i], r->markers.cbtmin_h[i], 1e-4);
  }
  SimulationOptions opt;
  opt.sample_times_h = {r->markers.cbtmin_h.front()};
  auto s = Simulate(m, *y0, 0, 48, LightSchedule::Constant(0), {}, opt);
  ASSERT_EQ(s->samples.size(), 1u);
  EXPECT_NEAR(std::abs(PhaseAngle(m, s->samples[0].y)), std::numbers::pi, 1e-4);
}

TEST(SimulateTest, FjkDlmoIsSevenHoursBeforeCbtmin) {
  const Model m = testing::LoadModel("fjk1999");
  auto r = Simulate(m, DefaultInitialState(m), 0, 72, LightSchedule::Constant(0));
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->markers.dlmo_h.size(), r->markers.cbtmin_h.size());
  EXPECT_NEAR(r->markers.cbtmin_h[0] - r->markers.dlmo_h[0], 7.0, 1e-12);
}

TEST(SimulateTest, RejectsReversedTime) {
  const Model m = testing::LoadModel("hannay2019");
  EXPECT_FALSE(Simulate(m, DefaultInitialState(m), 10, 5, LightSchedule()).ok());
}

TEST(SimulateTest, MeasuredDlmoShiftsTheStartingClock) {
  const Model m = testing::LoadModel("hannay2019");
  const SleepWakePattern p{7, 23, 250, 0};
  auto base = EntrainedDlmoClockHour(m, p);
  ASSERT_TRUE(base.ok());
  auto on_time = StateForMeasuredDlmo(m, p, *base);
  auto late = StateForMeasuredDlmo(m, p, std::fmod(*base + 1.5, 24.0));
  ASSERT_TRUE(on_time.ok() && late.ok());
  // In darkness from midnight, the later clock's DLMO comes ~1.5 h later
  // (the two states differ only by where they were on the entrained cycle).
  auto a = Simulate(m, *on_time, 0, 30, LightSchedule::Constant(0));
  auto b = Simulate(m, *late, 0, 30, LightSchedule::Constant(0));
  ASSERT_TRUE(a.ok() && b.ok());
  ASSERT_FALSE(a->markers.dlmo_h.empty() || b->markers.dlmo_h.empty());
  EXPECT_NEAR(b->markers.dlmo_h.front() - a->markers.dlmo_h.front(), 1.5, 0.25);
  EXPECT_FALSE(StateForMeasuredDlmo(m, p, 25).ok());
}

}  // namespace
}  // namespace pineal::circadian
