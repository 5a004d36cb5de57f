// circadian.md §6.5: FJK99 (original parameters) from y0 = (-0.1, -1.1, 0.5)
// under 250 lux 07-23 with a 10,000 lux pulse 122-125 h, computed by an
// independent reference implementation (RK45, rtol 1e-10, atol 1e-12).
// Stated tolerance: 1e-6 in state, 0.01 h in marker time.
#include <gtest/gtest.h>

#include "pineal/circadian/simulate.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

using testing::LoadModel;

LightSchedule ReferenceLight() {
  LightBuilder b(0.0);
  for (int d = 0; d < 11; ++d) b.Set(24.0 * d + 7, 24.0 * d + 23, 250);
  b.Set(122, 125, 10000);
  return b.Build();
}

TEST(ReferenceVectorsTest, Fjk99StateAt240hMatchesReference) {
  const Model m = LoadModel("fjk1999");
  SimulationOptions opt;
  opt.solver.rtol = 1e-10;
  opt.solver.atol = 1e-12;
  auto r = Simulate(m, {-0.1, -1.1, 0.5}, 0, 240, ReferenceLight(), {}, opt);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_NEAR(r->final_state[0], -0.449652890, 1e-6);
  EXPECT_NEAR(r->final_state[1], -0.980816920, 1e-6);
  EXPECT_NEAR(r->final_state[2], 0.266422372, 1e-6);
}

TEST(ReferenceVectorsTest, Fjk99StateAtRtol1e8WithinStatedTolerance) {
  const Model m = LoadModel("fjk1999");
  SimulationOptions opt;
  opt.solver.rtol = 1e-8;
  opt.solver.atol = 1e-10;
  auto r = Simulate(m, {-0.1, -1.1, 0.5}, 0, 240, ReferenceLight(), {}, opt);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->final_state[0], -0.449652890, 1e-6);
  EXPECT_NEAR(r->final_state[1], -0.980816920, 1e-6);
  EXPECT_NEAR(r->final_state[2], 0.266422372, 1e-6);
}

TEST(ReferenceVectorsTest, Fjk99MinimaOfXMatchReferenceCbtminTimes) {
  const Model m = LoadModel("fjk1999");
  SimulationOptions opt;
  opt.solver.rtol = 1e-8;
  opt.solver.atol = 1e-10;
  auto r = Simulate(m, {-0.1, -1.1, 0.5}, 0, 240, ReferenceLight(), {}, opt);
  ASSERT_TRUE(r.ok());
  // 121.997 h is the minimum dragged to the pulse onset (light masking).
  const double expected[] = {5.798,   29.397,  53.133,  76.957,  100.837,
                             121.997, 148.487, 172.447, 196.476, 220.505};
  ASSERT_EQ(r->markers.x_min_h.size(), std::size(expected));
  for (size_t i = 0; i < std::size(expected); ++i) {
    EXPECT_NEAR(r->markers.x_min_h[i], expected[i], 0.01) << "minimum " << i;
  }
}

}  // namespace
}  // namespace pineal::circadian
