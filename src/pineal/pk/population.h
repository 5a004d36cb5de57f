// Population simulation: N subjects drawn from the model's between-subject
// variability, marched on a uniform grid block by block (memory O(N x block),
// never N x grid), with percentile bands per time point and the distribution
// of per-subject metrics. Subject i's parameters depend only on (seed, i) and
// every statistic is taken over all subjects, so results are identical at any
// thread count.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/pk/covariates.h"
#include "pineal/pk/dosing.h"
#include "pineal/pk/grid_subject.h"

namespace pineal::pk {

struct PopulationRequest {
  PopulationParams pop;
  std::vector<DoseEvent> doses;  // sorted; routes set
  GridSpec grid;
  int subjects = 1000;
  std::uint64_t seed = 1;
  int threads = 0;  // 0: all hardware threads
  std::vector<double> percentiles = {5, 25, 50, 75, 95};
  // Grid points [window_begin, window_end) for the AUC, minimum and time above
  // threshold of each subject (window_end 0: the whole grid).
  std::size_t window_begin = 0;
  std::size_t window_end = 0;
  std::optional<double> threshold_mg_per_l;
  std::vector<std::size_t> probe_points;  // grid indices whose values are summarised
  bool keep_bands = true;
  std::size_t block_points = 0;  // grid points per block; 0: the default (128)
  // Called on the calling thread after each block with the fraction done.
  std::function<void(double)> progress;
};

// A per-subject metric across subjects, at the requested percentiles.
struct Distribution {
  std::vector<double> at_percentiles;
  double mean = 0.0;
};

struct PopulationResult {
  std::vector<double> percentiles;
  std::vector<std::vector<double>> bands;  // [percentile][grid point], mg/L
  Distribution cmax_mg_per_l;
  Distribution tmax_h;
  Distribution auc_window_mg_h_per_l;  // trapezoid on the grid
  Distribution cmin_window_mg_per_l;
  Distribution time_above_h;  // empty without a threshold
  std::vector<Distribution> probes_mg_per_l;
  int subjects_ok = 0;
  int subjects_failed = 0;      // sampled parameters not valid; excluded
  int subjects_exact_path = 0;  // ka ~ a disposition rate: exact walker used
  int threads_used = 1;
  // Wall time by stage: drawing the subjects; marching the grid (with the
  // per-subject metrics and the point-major copy); the percentile bands.
  double seconds_sample = 0.0;
  double seconds_march = 0.0;
  double seconds_percentiles = 0.0;
};

Result<PopulationResult> SimulatePopulation(const PopulationRequest& request);

}  // namespace pineal::pk
