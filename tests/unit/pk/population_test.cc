// Population driver: determinism across thread counts, percentiles against a
// full sort, the typical curve when there is no variability, and the sampled
// spread against log-normal theory.
#include "pineal/pk/population.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <vector>

#include "pineal/pk/block_bands.h"
#include "pineal/pk/exact_solution.h"
#include "pineal/pk/percentiles.h"
#include "test_models.h"

namespace pineal::pk {
namespace {

using testing::OneCmt;
using testing::TwoCmt;

PopulationRequest MelatoninLike(int subjects, int threads) {
  PopulationRequest r;
  r.pop.typical = OneCmt(600, 650, 2.0, 0.1, 0.15);
  r.pop.omega = {0.75, 0.39, 0, 0, 0.55, 0.47, 0.0};
  r.doses = RegularDoses(0.0, 24.0, 5, 3.0);
  r.grid = {0.0, 0.1, 1300};
  r.subjects = subjects;
  r.seed = 20240601;
  r.threads = threads;
  r.window_begin = 960;
  r.window_end = 1200;
  r.threshold_mg_per_l = 1e-5;
  r.probe_points = {90, 1050};
  r.block_points = 97;  // several blocks, boundaries off the dosing rhythm
  return r;
}

void ExpectIdentical(const PopulationResult& a, const PopulationResult& b) {
  ASSERT_EQ(a.bands.size(), b.bands.size());
  for (std::size_t k = 0; k < a.bands.size(); ++k) EXPECT_EQ(a.bands[k], b.bands[k]);
  EXPECT_EQ(a.cmax_mg_per_l.at_percentiles, b.cmax_mg_per_l.at_percentiles);
  EXPECT_EQ(a.auc_window_mg_h_per_l.at_percentiles, b.auc_window_mg_h_per_l.at_percentiles);
  EXPECT_EQ(a.time_above_h.at_percentiles, b.time_above_h.at_percentiles);
  ASSERT_EQ(a.probes_mg_per_l.size(), b.probes_mg_per_l.size());
  for (std::size_t k = 0; k < a.probes_mg_per_l.size(); ++k) {
    EXPECT_EQ(a.probes_mg_per_l[k].at_percentiles, b.probes_mg_per_l[k].at_percentiles);
  }
}

TEST(Population, IdenticalAtAnyThreadCount) {
  auto one = SimulatePopulation(MelatoninLike(1003, 1));
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  for (int threads : {2, 3, 8}) {
    auto many = SimulatePopulation(MelatoninLike(1003, threads));
    ASSERT_TRUE(many.ok());
    ExpectIdentical(*one, *many);
  }
}

TEST(Population, SeedDeterminesTheResult) {
  auto a = SimulatePopulation(MelatoninLike(300, 2));
  auto b = SimulatePopulation(MelatoninLike(300, 2));
  PopulationRequest other = MelatoninLike(300, 2);
  other.seed += 1;
  auto c = SimulatePopulation(other);
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  ExpectIdentical(*a, *b);
  EXPECT_NE(a->bands[2], c->bands[2]);
}

TEST(Population, BandsAreOrdered) {
  auto r = SimulatePopulation(MelatoninLike(500, 2));
  ASSERT_TRUE(r.ok());
  for (std::size_t i = 0; i < r->bands[0].size(); ++i) {
    for (std::size_t k = 1; k < r->bands.size(); ++k) {
      ASSERT_LE(r->bands[k - 1][i], r->bands[k][i]) << i;
    }
  }
}

// Without variability every percentile is the typical individual's curve.
TEST(Population, NoVariabilityGivesTheTypicalCurve) {
  PopulationRequest r = MelatoninLike(40, 2);
  r.pop.typical = TwoCmt(233, 600, 200, 7000, 1.5, 0.2);
  r.pop.omega = {};
  auto res = SimulatePopulation(r);
  ASSERT_TRUE(res.ok());
  std::vector<double> t(r.grid.count), c(r.grid.count);
  for (std::size_t i = 0; i < t.size(); ++i) t[i] = r.grid.TimeAt(i);
  ConcentrationsAt(r.pop.typical, r.doses, t, c);
  const double peak = *std::max_element(c.begin(), c.end());
  for (const auto& band : res->bands) {
    for (std::size_t i = 0; i < c.size(); ++i) ASSERT_NEAR(band[i], c[i], 1e-12 * peak) << i;
  }
}

// With log-normal CL only (IV bolus), AUC = D / CL is log-normal: its median
// is D / CL_typical and its 95th/50th percentile ratio is exp(1.645 omega).
TEST(Population, SampledSpreadMatchesLogNormalTheory) {
  PopulationRequest r;
  r.pop.typical = OneCmt(10, 50, 1, 0);
  r.pop.omega.cl = 0.4;
  r.doses = {{0.0, 5.0, Route::kIvBolus, 0.0, true}};
  r.grid = {0.0, 0.1, 2001};  // 200 h: beyond 14 half-lives at the slowest subjects
  r.subjects = 4000;
  r.threads = 2;
  auto res = SimulatePopulation(r);
  ASSERT_TRUE(res.ok());
  const auto& auc = res->auc_window_mg_h_per_l.at_percentiles;  // 5 25 50 75 95
  // Tolerances are about 3 standard errors of sample percentiles for N = 4000.
  const double ratio = std::exp(1.645 * 0.4);
  EXPECT_NEAR(auc[2], 0.5, 0.5 * 0.025);
  EXPECT_NEAR(auc[4] / auc[2], ratio, 0.05 * ratio);
  EXPECT_NEAR(auc[2] / auc[0], ratio, 0.05 * ratio);
}

TEST(Population, ReportsProgressUpToOne) {
  PopulationRequest r = MelatoninLike(200, 2);
  std::vector<double> seen;
  r.progress = [&seen](double f) { seen.push_back(f); };
  ASSERT_TRUE(SimulatePopulation(r).ok());
  ASSERT_GT(seen.size(), 1u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_DOUBLE_EQ(seen.back(), 1.0);
}

TEST(Population, RejectsBadRequests) {
  PopulationRequest r = MelatoninLike(10, 1);
  r.subjects = 0;
  EXPECT_FALSE(SimulatePopulation(r).ok());
  r = MelatoninLike(10, 1);
  r.percentiles = {50, 101};
  EXPECT_FALSE(SimulatePopulation(r).ok());
  r = MelatoninLike(10, 1);
  r.probe_points = {5000};
  EXPECT_FALSE(SimulatePopulation(r).ok());
}

// Percentiles by selection against a full sort with linear interpolation.
TEST(Percentiles, MatchFullSort) {
  std::mt19937_64 gen(7);
  std::uniform_int_distribution<int> small(0, 20);  // many ties
  const std::vector<double> probs = {0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0};
  for (std::size_t n : {1u, 2u, 3u, 10u, 101u, 1000u}) {
    std::vector<double> v(n);
    for (auto& x : v) x = small(gen) * 0.5;
    std::vector<double> sorted = v;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> out(probs.size());
    Percentiles(v, probs, out);
    for (std::size_t i = 0; i < probs.size(); ++i) {
      const double h = (n - 1) * probs[i];
      const auto lo = static_cast<std::size_t>(std::floor(h));
      const double hi = sorted[std::min(lo + 1, n - 1)];
      EXPECT_DOUBLE_EQ(out[i], sorted[lo] + (h - lo) * (hi - sorted[lo])) << n << " " << probs[i];
    }
  }
}

// The radix pre-selection for large inputs gives exactly the full-sort result,
// with ties, zeros, a wide dynamic range, and (by falling back) negatives.
TEST(Percentiles, RadixSelectorMatchesFullSort) {
  std::mt19937_64 gen(11);
  std::lognormal_distribution<double> spread(0.0, 2.0);
  std::uniform_int_distribution<int> kind(0, 9);
  const std::vector<double> probs = {0.0, 0.05, 0.25, 0.5, 0.75, 0.95, 1.0};
  PercentileSelector selector;
  for (std::size_t n : {4096u, 5000u, 100000u}) {
    for (bool negative : {false, true}) {
      std::vector<double> v(n);
      for (auto& x : v) {
        const int k = kind(gen);
        x = k == 0 ? 0.0 : k == 1 ? 1.5 : spread(gen) * 1e-6;
      }
      if (negative) v[n / 2] = -1.0;
      std::vector<double> sorted = v;
      std::sort(sorted.begin(), sorted.end());
      std::vector<double> out(probs.size());
      selector.Compute(v, probs, out);
      for (std::size_t i = 0; i < probs.size(); ++i) {
        const double h = (n - 1) * probs[i];
        const auto lo = static_cast<std::size_t>(std::floor(h));
        const double hi = sorted[std::min(lo + 1, n - 1)];
        EXPECT_DOUBLE_EQ(out[i], sorted[lo] + (h - lo) * (hi - sorted[lo])) << n << " " << probs[i];
      }
    }
  }
}

// Block bands from subject-major rows, counted by three threads, against a
// full sort per point: zeros, ties and values far outside the histogram range.
TEST(BlockBands, MatchFullSortPerPoint) {
  const std::size_t n = 3001, points = 5;
  const int threads = 3;
  const std::vector<double> probs = {0.05, 0.25, 0.5, 0.75, 0.95};
  std::mt19937_64 gen(3);
  std::lognormal_distribution<double> spread(0.0, 1.5);
  std::uniform_int_distribution<int> kind(0, 19);
  std::vector<double> rows(n * points);  // point-major: point k at k * n
  for (std::size_t s = 0; s < n; ++s) {
    for (std::size_t k = 0; k < points; ++k) {
      const int c = kind(gen);
      double x = spread(gen) * 1e-3;
      if (k == 0 || c == 0) x = 0.0;  // point 0: all zero
      if (c == 1) x = 1e9;            // far above the 64 octaves
      if (c == 2) x = 1e-30;          // far below
      if (c == 3) x = 2e-3;           // ties
      rows[k * n + s] = x;
    }
  }
  BlockBands bands(n, points, threads, probs);
  const std::vector<double> centre(points, 1e-3);
  bands.Begin(centre);
  auto part = [&](int t) {
    return std::pair<std::size_t, std::size_t>{t * n / threads, (t + 1) * n / threads};
  };
  for (int t = 0; t < threads; ++t) {
    const auto [first, last] = part(t);
    for (std::size_t k = 0; k < points; ++k) bands.Count(t, k, &rows[k * n + first], last - first);
  }
  bands.Prepare();
  for (int t = threads - 1; t >= 0; --t) {  // any order
    const auto [first, last] = part(t);
    for (std::size_t k = 0; k < points; ++k) {
      bands.Collect(t, k, &rows[k * n + first], last - first);
    }
  }
  for (std::size_t k = 0; k < points; ++k) {
    std::vector<double> column(n);
    for (std::size_t s = 0; s < n; ++s) column[s] = rows[k * n + s];
    std::sort(column.begin(), column.end());
    std::vector<double> got(probs.size());
    bands.Finish(k, got);
    for (std::size_t i = 0; i < probs.size(); ++i) {
      const double h = (n - 1) * probs[i];
      const auto lo = static_cast<std::size_t>(std::floor(h));
      const double want = column[lo] + (h - lo) * (column[lo + 1] - column[lo]);
      EXPECT_DOUBLE_EQ(got[i], want) << "point " << k << " p " << probs[i];
    }
  }
}

TEST(Percentiles, EmptyInputGivesNaN) {
  std::vector<double> v;
  std::vector<double> out(1);
  const std::vector<double> p = {0.5};
  Percentiles(v, p, out);
  EXPECT_TRUE(std::isnan(out[0]));
}

}  // namespace
}  // namespace pineal::pk
