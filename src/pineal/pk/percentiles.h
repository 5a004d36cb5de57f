// Percentiles by selection (no full sort), with linear interpolation between
// order statistics (NumPy's default "linear" method).
//
// Small inputs use nested nth_element calls. Large inputs of non-negative
// values (concentrations) use a radix pre-selection: the top 16 bits of a
// non-negative double order it like its value, so one pass builds a 65,536-bin
// histogram, the bins holding the wanted ranks are found by a prefix sum, a
// second branch-free pass copies the few values in those bins, and only those
// are selected exactly. Two streaming passes instead of repeated partitioning.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace pineal::pk {

// `values` is reordered. `probabilities` are in [0, 1]. NaNs must be removed
// by the caller. An empty input yields NaNs.
void Percentiles(std::span<double> values, std::span<const double> probabilities,
                 std::span<double> out);

// Places the order statistics `ranks` (sorted, distinct, < last - first) at
// their sorted positions within [first, last): nested nth_element calls, each
// on the part left or right of the previous one.
void SelectRanks(double* first, double* last, std::span<const std::size_t> ranks);

// Reusable buffers for repeated calls (one per thread); results are the same
// as Percentiles().
class PercentileSelector {
 public:
  void Compute(std::span<double> values, std::span<const double> probabilities,
               std::span<double> out);

 private:
  std::vector<std::uint32_t> hist_;
  std::vector<std::uint8_t> mark_;
  std::vector<double> candidates_;
};

}  // namespace pineal::pk
