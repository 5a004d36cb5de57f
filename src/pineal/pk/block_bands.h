// Exact percentile bands for a block of time points, from point-major rows
// (the subjects' values at one point are contiguous).
//
// Pass 1 (Count, while the rows are produced) builds, per time point, a
// histogram of the values' log2 position: the bits of a positive double order
// it like its value, and bits >> 46 cut one octave into 64 bins. 4,096 bins
// around a centre value per point (the typical curve) span 64 octaves (the
// spread of a population late after a dose can exceed 20); the edges collect
// what falls outside (bin 0 also holds exact zeros). The bins holding
// the wanted ranks follow from a prefix sum (Prepare). Pass 2 (Collect) copies
// the few values of those bins without branches, and Finish selects the exact
// order statistics among them. Each thread counts into its own histograms, so
// no atomics are needed and the result does not depend on the thread count.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace pineal::pk {

class BlockBands {
 public:
  static constexpr int kBins = 4096;

  // `probabilities` in [0, 1]; up to `max_points` points per block.
  BlockBands(std::size_t subjects, std::size_t max_points, int threads,
             std::vector<double> probabilities);

  // Starts a block of `points` time points; centre[k] > 0 places the bins.
  void Begin(std::span<const double> centre);
  // Thread `t` counts `count` values of point k (its subjects' values at
  // that point, contiguous). One point's histogram stays in L1 meanwhile.
  void Count(int t, std::size_t k, const double* values, std::size_t count);
  // After every Count: finds the bins of the wanted ranks.
  void Prepare();
  // Thread `t`, again for the same values of point k.
  void Collect(int t, std::size_t k, const double* values, std::size_t count);
  // Percentile p of point k of the block (call after every Collect; point
  // ranges may be split across threads).
  void Finish(std::size_t k, std::span<double> percentiles);

 private:
  std::size_t subjects_, max_points_, points_ = 0;
  int threads_;
  std::vector<double> probs_;
  std::vector<std::size_t> ranks_;                 // distinct order statistics needed
  std::vector<std::int64_t> base_;                 // per point: bits >> 46 of the lowest bin
  std::vector<std::uint32_t> hist_;                // [thread][point][bin]
  std::vector<std::uint8_t> mark_;                 // [point][bin]: 1 for a target bin
  std::vector<std::size_t> candidate_rank_;        // [point][rank]
  std::vector<std::size_t> offset_;                // [thread][point]: where its candidates go
  std::vector<double*> slice_;                     // [thread][point]: buffer + offset
  std::vector<std::size_t> fill_;                  // [thread][point]: candidates written so far
  std::vector<std::size_t> candidates_;            // [point]
  std::vector<std::unique_ptr<double[]>> buffer_;  // [point]: candidates, +1 slack
  std::vector<std::size_t> capacity_;              // [point]
};

}  // namespace pineal::pk
