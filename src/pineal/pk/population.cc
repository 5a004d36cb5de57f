#include "pineal/pk/population.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>
#include <memory>
#include <new>
#include <numeric>
#include <thread>

#include "pineal/pk/block_bands.h"
#include "pineal/pk/exact_solution.h"
#include "pineal/pk/inputs.h"
#include "pineal/pk/percentiles.h"
#include "pineal/pk/rng.h"

namespace pineal::pk {
namespace {

// Time points per block: long enough that per-block costs are small, short
// enough that the per-point histograms (16 KB each, per thread) stay in cache.
constexpr std::size_t kBlockPoints = 128;
constexpr std::size_t kGroup = 8;    // subjects marched together, then transposed
constexpr std::size_t kChunk = 256;  // points per scratch row (8 x 2 KB)
constexpr std::size_t kTile = 256;   // subjects counted together: 256 KB at 128 points

using Clock = std::chrono::steady_clock;

struct AlignedDelete {
  void operator()(double* p) const { ::operator delete[](p, std::align_val_t{64}); }
};
double Since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Runs task(i, t) for i in [0, tasks) on `threads` threads t with a static
// split. If a thread cannot be started its share runs on the calling thread.
template <typename Task>
void RunParallel(int threads, std::size_t tasks, const Task& task) {
  const std::size_t t_count = std::max<std::size_t>(1, std::min<std::size_t>(threads, tasks));
  auto range = [&](std::size_t t) {
    for (std::size_t i = t * tasks / t_count; i < (t + 1) * tasks / t_count; ++i) task(i, t);
  };
  std::vector<std::thread> pool;
  std::vector<std::size_t> inline_parts;
  for (std::size_t t = 1; t < t_count; ++t) {
    try {
      pool.emplace_back(range, t);
    } catch (const std::exception&) {
      inline_parts.push_back(t);
    }
  }
  range(0);
  for (const std::size_t t : inline_parts) range(t);
  for (auto& th : pool) th.join();
}

struct Accumulator {
  double cmax = 0.0;
  std::size_t imax = 0;
  double window_sum = 0.0;
  double cmin = std::numeric_limits<double>::infinity();
  double above_h = 0.0;
  double last = 0.0;
  double window_first = 0.0;  // values at the ends of the window, for the trapezoid
  double window_last = 0.0;
};

struct Window {
  std::size_t begin, end;
  double step;
  std::optional<double> threshold;
};

void Accumulate(Accumulator& a, const double* v, std::size_t i0, std::size_t count,
                const Window& w) {
  // Four independent lanes break the max/min/sum dependency chains (one
  // chain would cost an FP latency per point); lanes combine at the end.
  double mx[4] = {a.cmax, a.cmax, a.cmax, a.cmax};
  std::size_t k = 0;
  for (; k + 4 <= count; k += 4) {
    for (int l = 0; l < 4; ++l) mx[l] = v[k + l] > mx[l] ? v[k + l] : mx[l];
  }
  for (; k < count; ++k) mx[0] = v[k] > mx[0] ? v[k] : mx[0];
  const double block_max = std::max(std::max(mx[0], mx[1]), std::max(mx[2], mx[3]));
  if (block_max > a.cmax) {  // the first point reaching the new maximum
    a.cmax = block_max;
    a.imax = i0 + static_cast<std::size_t>(std::find(v, v + count, block_max) - v);
  }
  const std::size_t lo = std::max(w.begin, i0), hi = std::min(w.end, i0 + count);
  if (lo < hi) {
    double sum[4] = {0, 0, 0, 0}, mn[4] = {a.cmin, a.cmin, a.cmin, a.cmin};
    std::size_t i = lo;
    for (; i + 4 <= hi; i += 4) {
      for (int l = 0; l < 4; ++l) {
        const double c = v[i + l - i0];
        sum[l] += c;
        mn[l] = c < mn[l] ? c : mn[l];
      }
    }
    for (; i < hi; ++i) {
      sum[0] += v[i - i0];
      mn[0] = v[i - i0] < mn[0] ? v[i - i0] : mn[0];
    }
    a.window_sum += (sum[0] + sum[1]) + (sum[2] + sum[3]);
    a.cmin = std::min(std::min(mn[0], mn[1]), std::min(mn[2], mn[3]));
  }
  if (w.begin >= i0 && w.begin < i0 + count) a.window_first = v[w.begin - i0];
  if (w.end >= i0 + 1 && w.end - 1 < i0 + count) a.window_last = v[w.end - 1 - i0];
  if (w.threshold) {
    const double th = *w.threshold;
    double above = a.above_h;
    for (std::size_t i = std::max(lo, w.begin + 1); i < hi; ++i) {
      const double c0 = i == i0 ? a.last : v[i - i0 - 1];
      const double c1 = v[i - i0];
      if (c0 >= th && c1 >= th) {
        above += w.step;
      } else if (c0 >= th || c1 >= th) {
        const double high = std::max(c0, c1), low = std::min(c0, c1);
        above += w.step * (high - th) / (high - low);
      }
    }
    a.above_h = above;
  }
  if (count > 0) a.last = v[count - 1];
}

Distribution Summarise(std::vector<double> values, const std::vector<double>& probs) {
  Distribution d;
  d.at_percentiles.resize(probs.size());
  d.mean = values.empty() ? 0.0
                          : std::accumulate(values.begin(), values.end(), 0.0) /
                                static_cast<double>(values.size());
  PercentileSelector().Compute(values, probs, d.at_percentiles);
  return d;
}

Status Validate(const PopulationRequest& r) {
  if (r.subjects < 1 || r.subjects > 10'000'000) {
    return Status::InvalidArgument("subjects must be between 1 and 10,000,000", "subjects");
  }
  if (r.grid.count < 1 || r.grid.count > 10'000'000 || !(r.grid.step_h > 0) ||
      !std::isfinite(r.grid.t0_h)) {
    return Status::InvalidArgument("the time grid needs 1 to 10,000,000 points and a step > 0",
                                   "grid");
  }
  if (r.percentiles.empty() || r.percentiles.size() > 16) {
    return Status::InvalidArgument("give 1 to 16 percentiles", "percentiles");
  }
  for (const double p : r.percentiles) {
    if (!(p >= 0 && p <= 100)) {
      return Status::InvalidArgument("percentiles must be within 0..100", "percentiles");
    }
  }
  if (r.window_end != 0 && !(r.window_begin < r.window_end && r.window_end <= r.grid.count)) {
    return Status::InvalidArgument("the metric window must be a non-empty part of the grid",
                                   "window");
  }
  for (const std::size_t i : r.probe_points) {
    if (i >= r.grid.count) return Status::InvalidArgument("probe point past the grid", "probe");
  }
  PINEAL_RETURN_IF_ERROR(ValidateDoses(r.doses));
  return ValidateParams(r.pop.typical);
}

}  // namespace

Result<PopulationResult> SimulatePopulation(const PopulationRequest& r) {
  PINEAL_RETURN_IF_ERROR(Validate(r));
  PopulationResult out;
  const std::size_t n = static_cast<std::size_t>(r.subjects);
  const std::size_t points = r.grid.count;
  const int threads = r.threads > 0
                          ? r.threads
                          : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
  out.threads_used = threads;
  std::vector<double> probs;
  for (const double p : r.percentiles) probs.push_back(p / 100.0);
  out.percentiles = r.percentiles;

  // Sample every subject up front; a subject whose draw is not a valid model
  // (overflow) is counted and left out.
  auto t0 = Clock::now();
  std::vector<LinearPkParams> params(n);
  std::vector<double> scales(n);
  std::vector<std::size_t> ok;
  ok.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    SubjectRng rng(r.seed, i);
    params[i] = SampleSubject(r.pop, rng, scales[i]);
    if (ValidateParams(params[i]).ok() && std::isfinite(scales[i])) ok.push_back(i);
  }
  const std::size_t m = ok.size();
  out.subjects_ok = static_cast<int>(m);
  out.subjects_failed = static_cast<int>(n - m);
  if (m == 0) return Status::Internal("no simulated subject had valid parameters");

  std::vector<InputChange> shared;
  LinearPkParams base = r.pop.typical;
  base.tlag_h = 0.0;
  base.f = 1.0;
  CompileInputs(base, r.doses, 1.0, shared);
  const bool use_shared = OrderIndependentOfLag(shared);
  std::vector<GridSubject> subjects(m);
  out.seconds_sample = Since(t0);

  const std::size_t block =
      r.block_points > 0 ? std::min(r.block_points, points) : std::min(kBlockPoints, points);
  // Point-major block: the subjects' values at one point are contiguous (the
  // percentile passes stream them); rows padded to whole groups of kGroup.
  const std::size_t groups = (m + kGroup - 1) / kGroup;
  const std::size_t stride = groups * kGroup;
  // Cache-line aligned, so each group writes whole lines.
  const std::unique_ptr<double[], AlignedDelete> block_values(
      new (std::align_val_t{64}) double[block * stride]);
  double* const buffer = block_values.get();
  std::vector<Accumulator> acc(m);
  std::vector<double> probes(m * r.probe_points.size());
  if (r.keep_bands) out.bands.assign(probs.size(), std::vector<double>(points));
  const Window window{r.window_begin, r.window_end == 0 ? points : std::min(r.window_end, points),
                      r.grid.step_h, r.threshold_mg_per_l};
  // The typical curve places each point's histogram bins (BlockBands).
  std::vector<double> centre(points), times(points);
  for (std::size_t i = 0; i < points; ++i) times[i] = r.grid.TimeAt(i);
  ConcentrationsAt(r.pop.typical, r.doses, times, centre, r.pop.dose_scale);
  for (std::size_t i = points; i-- > 1;) {
    if (!(centre[i - 1] > 0)) centre[i - 1] = centre[i];  // before absorption: the next value
  }
  BlockBands bands(m, block, threads, probs);
  const int parts = static_cast<int>(std::min<std::size_t>(threads, groups));
  // Thread t's subjects: whole groups, so no two threads share a cache line.
  auto subjects_of = [&](std::size_t t) {
    return std::pair<std::size_t, std::size_t>{t * groups / parts * kGroup,
                                               std::min(m, (t + 1) * groups / parts * kGroup)};
  };

  for (std::size_t b0 = 0; b0 < points; b0 += block) {
    const std::size_t len = std::min(block, points - b0);
    t0 = Clock::now();
    if (r.keep_bands) bands.Begin(std::span<const double>(&centre[b0], len));
    std::vector<double> count_share(static_cast<std::size_t>(parts), 0.0);
    RunParallel(parts, static_cast<std::size_t>(parts), [&](std::size_t, std::size_t t) {
      const auto [first, last] = subjects_of(t);
      const auto start = Clock::now();
      double counting = 0.0;
      double scratch[kGroup][kChunk];
      // Tiles of kTile subjects: marched, then counted while still in cache.
      for (std::size_t tile = first; tile < last; tile += kTile) {
        const std::size_t tile_end = std::min(last, tile + kTile);
        for (std::size_t g0 = tile; g0 < tile_end; g0 += kGroup) {
          const std::size_t cols = std::min(kGroup, tile_end - g0);
          for (std::size_t c0 = 0; c0 < len; c0 += kChunk) {
            const std::size_t clen = std::min(kChunk, len - c0);
            for (std::size_t j = 0; j < cols; ++j) {
              const std::size_t col = g0 + j;
              if (b0 == 0 && c0 == 0) {
                const std::size_t s = ok[col];
                if (use_shared) {
                  subjects[col].ResetShared(params[s], shared, scales[s], r.grid);
                } else {
                  subjects[col].Reset(params[s], r.doses, scales[s], r.grid);
                }
              }
              subjects[col].FillNext(scratch[j], clen);
              Accumulate(acc[col], scratch[j], b0 + c0, clen, window);
              for (std::size_t p = 0; p < r.probe_points.size(); ++p) {
                const std::size_t at = r.probe_points[p];
                if (at >= b0 + c0 && at < b0 + c0 + clen) {
                  probes[col * r.probe_points.size() + p] = scratch[j][at - b0 - c0];
                }
              }
            }
            for (std::size_t k = 0; k < clen; ++k) {
              double* dst = &buffer[(c0 + k) * stride + g0];
              for (std::size_t j = 0; j < cols; ++j) dst[j] = scratch[j][k];
            }
          }
        }
        if (r.keep_bands) {
          const auto c0 = Clock::now();
          for (std::size_t k = 0; k < len; ++k) {
            bands.Count(static_cast<int>(t), k, &buffer[k * stride + tile], tile_end - tile);
          }
          counting += Since(c0);
        }
      }
      count_share[t] = counting / std::max(Since(start), 1e-12);
    });
    // Counting runs inside the march: split the phase's wall time by the
    // threads' average share of it.
    const double phase = Since(t0);
    double share = 0.0;
    for (const double c : count_share) share += c / static_cast<double>(parts);
    out.seconds_march += phase * (1.0 - share);
    out.seconds_percentiles += phase * share;
    t0 = Clock::now();
    if (r.keep_bands) {
      bands.Prepare();
      RunParallel(parts, static_cast<std::size_t>(parts), [&](std::size_t, std::size_t t) {
        const auto [first, last] = subjects_of(t);
        for (std::size_t k = 0; k < len; ++k) {
          bands.Collect(static_cast<int>(t), k, &buffer[k * stride + first], last - first);
        }
      });
      RunParallel(threads, len, [&](std::size_t k, std::size_t) {
        double values[16];
        bands.Finish(k, std::span<double>(values, probs.size()));
        for (std::size_t p = 0; p < probs.size(); ++p) out.bands[p][b0 + k] = values[p];
      });
    }
    out.seconds_percentiles += Since(t0);
    if (r.progress) r.progress(static_cast<double>(b0 + len) / static_cast<double>(points));
  }

  t0 = Clock::now();
  std::vector<double> cmax(m), tmax(m), auc(m), cmin(m), above(m);
  for (std::size_t i = 0; i < m; ++i) {
    cmax[i] = acc[i].cmax;
    tmax[i] = r.grid.TimeAt(acc[i].imax);
    cmin[i] = acc[i].cmin;
    above[i] = acc[i].above_h;
    out.subjects_exact_path += subjects[i].uses_exact_path() ? 1 : 0;
  }
  // Trapezoid = step * (sum - half of each end point of the window).
  for (std::size_t i = 0; i < m; ++i) {
    auc[i] = (acc[i].window_sum - 0.5 * (acc[i].window_first + acc[i].window_last)) * r.grid.step_h;
  }
  out.cmax_mg_per_l = Summarise(std::move(cmax), probs);
  out.tmax_h = Summarise(std::move(tmax), probs);
  out.cmin_window_mg_per_l = Summarise(std::move(cmin), probs);
  if (r.threshold_mg_per_l) out.time_above_h = Summarise(std::move(above), probs);
  for (std::size_t p = 0; p < r.probe_points.size(); ++p) {
    std::vector<double> v(m);
    for (std::size_t i = 0; i < m; ++i) v[i] = probes[i * r.probe_points.size() + p];
    out.probes_mg_per_l.push_back(Summarise(std::move(v), probs));
  }
  out.auc_window_mg_h_per_l = Summarise(std::move(auc), probs);
  out.seconds_percentiles += Since(t0);
  return out;
}

}  // namespace pineal::pk
