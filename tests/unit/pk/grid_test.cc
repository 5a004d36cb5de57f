// The grid marcher (population fast path) against the exact solution, for any
// dosing history: off-grid and missed doses, lag, zero-order and dual
// first-order input, a grid
// that starts after the first dose, resumable filling and the shared-input mode.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "pineal/pk/exact_solution.h"
#include "pineal/pk/grid_subject.h"
#include "pineal/pk/inputs.h"
#include "test_models.h"

namespace pineal::pk {
namespace {

using testing::MixedHistory;
using testing::OneCmt;
using testing::TwoCmt;

std::vector<double> Exact(const LinearPkParams& p, const std::vector<DoseEvent>& d,
                          const GridSpec& g, double scale = 1.0) {
  std::vector<double> t(g.count), c(g.count);
  for (std::size_t i = 0; i < g.count; ++i) t[i] = g.TimeAt(i);
  ConcentrationsAt(p, d, t, c, scale);
  return c;
}

// The marcher's rounding is absolute, a few ulp of the mode amplitudes (about
// the peak): 1e-12 of the peak is a bound with a wide margin.
void ExpectClose(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  const double peak = *std::max_element(want.begin(), want.end());
  for (std::size_t i = 0; i < got.size(); ++i) {
    ASSERT_NEAR(got[i], want[i], 1e-12 * peak) << "point " << i;
  }
}

TEST(GridMarcher, MatchesExactForAnIrregularHistory) {
  for (const LinearPkParams& p :
       {OneCmt(40, 80, 1.1, 0.3, 0.6), TwoCmt(40, 80, 25, 200, 1.1, 0.3, 0.6)}) {
    const GridSpec grid{0.0, 0.1, 901};
    GridSubject g;
    g.Reset(p, MixedHistory(), 1.0, grid);
    std::vector<double> c(grid.count);
    g.FillNext(c.data(), c.size());
    EXPECT_FALSE(g.uses_exact_path());
    ExpectClose(c, Exact(p, MixedHistory(), grid));
  }
}

TEST(GridMarcher, GridStartingAfterTheFirstDoses) {
  const LinearPkParams p = TwoCmt(40, 80, 25, 200, 1.1, 0.3);
  const GridSpec grid{26.13, 0.25, 300};
  GridSubject g;
  g.Reset(p, MixedHistory(), 1.0, grid);
  std::vector<double> c(grid.count);
  g.FillNext(c.data(), c.size());
  ExpectClose(c, Exact(p, MixedHistory(), grid));
}

TEST(GridMarcher, ResumableFillingInUnevenChunks) {
  const LinearPkParams p = OneCmt(40, 80, 1.1, 0.3);
  const GridSpec grid{0.0, 0.05, 1777};
  GridSubject g;
  g.Reset(p, MixedHistory(), 1.0, grid);
  std::vector<double> c(grid.count);
  std::size_t done = 0;
  for (std::size_t chunk : {1u, 7u, 64u, 3u, 500u, 9u}) {
    g.FillNext(c.data() + done, chunk);
    done += chunk;
  }
  g.FillNext(c.data() + done, grid.count - done);
  ExpectClose(c, Exact(p, MixedHistory(), grid));
}

TEST(GridMarcher, SharedInputsEqualOwnInputs) {
  LinearPkParams p = TwoCmt(40, 80, 25, 200, 1.7, 0.37, 0.8);
  const auto doses = RegularDoses(0.0, 12.0, 9, 2.0, Route::kOralZeroOrder, 5.0);
  LinearPkParams base = p;
  base.tlag_h = 0;
  base.f = 1;
  std::vector<InputChange> shared;
  CompileInputs(base, doses, 1.0, shared);
  ASSERT_TRUE(OrderIndependentOfLag(shared));
  const GridSpec grid{0.0, 0.25, 500};
  GridSubject g;
  g.ResetShared(p, shared, 1.3, grid);
  std::vector<double> c(grid.count);
  g.FillNext(c.data(), c.size());
  ExpectClose(c, Exact(p, doses, grid, 1.3));
}

TEST(GridMarcher, SharedDualFirstOrderInputsEqualOwnInputs) {
  LinearPkParams p = TwoCmt(40, 80, 25, 200, 1.7, 0.37, 0.8);
  p.ka_slow_per_h = 0.17;
  auto doses = RegularDoses(0.3, 24.0, 5, 2.0, Route::kOralDualFirstOrder);
  for (auto& d : doses) d.fast_fraction = 0.25;
  LinearPkParams base = p;
  base.tlag_h = 0;
  base.f = 1;
  std::vector<InputChange> shared;
  CompileInputs(base, doses, 1.0, shared);
  const GridSpec grid{0.0, 0.1, 1500};
  GridSubject g;
  g.ResetShared(p, shared, 1.3, grid);
  std::vector<double> c(grid.count);
  g.FillNext(c.data(), c.size());
  EXPECT_FALSE(g.uses_exact_path());
  ExpectClose(c, Exact(p, doses, grid, 1.3));
}

// ka_slow equal to k: the slow depot's amplitudes would cancel; exact path.
TEST(GridMarcher, SlowAbsorptionRateEqualToAModeUsesTheExactPath) {
  LinearPkParams p = OneCmt(50, 100, 2.0, 0.1);
  p.ka_slow_per_h = 0.5;  // = k
  auto doses = RegularDoses(0, 12, 5, 10.0, Route::kOralDualFirstOrder);
  for (auto& d : doses) d.fast_fraction = 0.6;
  const GridSpec grid{0.0, 0.25, 400};
  GridSubject g;
  g.Reset(p, doses, 1.0, grid);
  EXPECT_TRUE(g.uses_exact_path());
  std::vector<double> c(grid.count);
  g.FillNext(c.data(), c.size());
  ExpectClose(c, Exact(p, doses, grid));
  // Without a dual dose the slow rate plays no part.
  g.Reset(p, RegularDoses(0, 12, 5, 10.0), 1.0, grid);
  EXPECT_FALSE(g.uses_exact_path());
}

TEST(GridMarcher, AbsorptionRateEqualToAModeUsesTheExactPath) {
  const LinearPkParams p = OneCmt(50, 100, 0.5, 0.0);  // ka = k
  const GridSpec grid{0.0, 0.25, 400};
  GridSubject g;
  g.Reset(p, RegularDoses(0, 12, 5, 10.0), 1.0, grid);
  EXPECT_TRUE(g.uses_exact_path());
  std::vector<double> c(grid.count);
  g.FillNext(c.data(), c.size());
  ExpectClose(c, Exact(p, RegularDoses(0, 12, 5, 10.0), grid));
}

// Long tails: fast modes decay below 1e-181 mg/L and are dropped (they would
// otherwise crawl through subnormal numbers); values still match the exact path.
TEST(GridMarcher, LongTailsAfterFastModes) {
  const LinearPkParams p = TwoCmt(400, 80, 25, 2000, 20.0, 0.0);
  const GridSpec grid{0.0, 0.25, 4000};
  const auto doses = RegularDoses(0, 24, 3, 5.0);
  GridSubject g;
  g.Reset(p, doses, 1.0, grid);
  std::vector<double> c(grid.count);
  g.FillNext(c.data(), c.size());
  ExpectClose(c, Exact(p, doses, grid));
  EXPECT_GT(c.back(), 0.0);  // the slow mode is still there after 1,000 h
}

TEST(GridMarcher, NoDosesGivesZeros) {
  GridSubject g;
  const GridSpec grid{0.0, 1.0, 10};
  g.Reset(OneCmt(), {}, 1.0, grid);
  std::vector<double> c(grid.count, -1.0);
  g.FillNext(c.data(), c.size());
  for (double v : c) EXPECT_EQ(v, 0.0);
}

}  // namespace
}  // namespace pineal::pk
