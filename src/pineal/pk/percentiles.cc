#include "pineal/pk/percentiles.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "pineal/core/check.h"

namespace pineal::pk {
namespace {

constexpr std::size_t kRadixMinSize = 4096;
constexpr std::size_t kBins = 1 << 16;

// Places the elements of ranks [rb, re) (sorted, distinct, relative to
// `base`) at their sorted positions within [first, last).
void MultiSelect(double* first, double* last, std::size_t base, const std::size_t* rb,
                 const std::size_t* re) {
  while (rb < re && first < last) {
    const std::size_t* mid = rb + (re - rb) / 2;
    double* nth = first + (*mid - base);
    std::nth_element(first, nth, last);
    MultiSelect(first, nth, base, rb, mid);  // the smaller side recursively
    first = nth + 1;
    base = *mid + 1;
    rb = mid + 1;
  }
}

std::vector<std::size_t> Ranks(std::size_t n, std::span<const double> probabilities) {
  std::vector<std::size_t> ranks;
  for (const double p : probabilities) {
    const double h = (static_cast<double>(n) - 1.0) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    ranks.push_back(lo);
    if (lo + 1 < n) ranks.push_back(lo + 1);
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  return ranks;
}

// Interpolates the percentiles from the order statistics `at(rank)`.
template <typename At>
void Interpolate(std::size_t n, std::span<const double> probabilities, std::span<double> out,
                 const At& at) {
  for (std::size_t i = 0; i < probabilities.size(); ++i) {
    const double h = (static_cast<double>(n) - 1.0) * std::clamp(probabilities[i], 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double frac = h - static_cast<double>(lo);
    out[i] = lo + 1 < n ? at(lo) + frac * (at(lo + 1) - at(lo)) : at(lo);
  }
}

inline std::uint32_t BinOf(double x) {
  std::uint64_t bits;
  std::memcpy(&bits, &x, sizeof bits);
  return static_cast<std::uint32_t>(bits >> 48);
}

}  // namespace

void SelectRanks(double* first, double* last, std::span<const std::size_t> ranks) {
  MultiSelect(first, last, 0, ranks.data(), ranks.data() + ranks.size());
}

void Percentiles(std::span<double> values, std::span<const double> probabilities,
                 std::span<double> out) {
  PINEAL_CHECK(out.size() == probabilities.size(), "Percentiles: output size mismatch");
  const std::size_t n = values.size();
  if (n == 0) {
    std::fill(out.begin(), out.end(), std::numeric_limits<double>::quiet_NaN());
    return;
  }
  const std::vector<std::size_t> ranks = Ranks(n, probabilities);
  MultiSelect(values.data(), values.data() + n, 0, ranks.data(), ranks.data() + ranks.size());
  Interpolate(n, probabilities, out, [&](std::size_t r) { return values[r]; });
}

void PercentileSelector::Compute(std::span<double> values, std::span<const double> probabilities,
                                 std::span<double> out) {
  PINEAL_CHECK(out.size() == probabilities.size(), "Percentiles: output size mismatch");
  const std::size_t n = values.size();
  if (n < kRadixMinSize) return Percentiles(values, probabilities, out);
  if (hist_.empty()) {
    hist_.assign(kBins, 0);
    mark_.assign(kBins, 0);
  }
  // Pass 1: histogram of the top 16 bits, and the range of bins used.
  std::uint32_t lo = kBins - 1, hi = 0;
  for (const double x : values) {
    const std::uint32_t b = BinOf(x);
    ++hist_[b];
    lo = std::min(lo, b);
    hi = std::max(hi, b);
  }
  if (hi >= kBins / 2) {  // a negative value (sign bit): bins are not ordered
    std::fill(hist_.begin() + lo, hist_.begin() + hi + 1, 0u);
    return Percentiles(values, probabilities, out);
  }
  // The bin of each wanted rank, and that rank among the candidates (the
  // values of all target bins, which keep their order across bins).
  const std::vector<std::size_t> ranks = Ranks(n, probabilities);
  std::vector<std::size_t> candidate_ranks(ranks.size());
  std::size_t below = 0, candidates = 0, next = 0;
  for (std::uint32_t b = lo; b <= hi && next < ranks.size(); ++b) {
    const std::size_t count = hist_[b];
    bool target = false;
    while (next < ranks.size() && ranks[next] < below + count) {
      candidate_ranks[next] = candidates + (ranks[next] - below);
      target = true;
      ++next;
    }
    if (target) {
      mark_[b] = 1;
      candidates += count;
    }
    below += count;
  }
  // Pass 2: copy the values of the target bins, without branches.
  candidates_.resize(n);
  double* dst = candidates_.data();
  std::size_t pos = 0;
  for (const double x : values) {
    dst[pos] = x;
    pos += mark_[BinOf(x)];
  }
  PINEAL_DCHECK(pos == candidates, "radix selection lost a candidate");
  std::fill(hist_.begin() + lo, hist_.begin() + hi + 1, 0u);
  std::fill(mark_.begin() + lo, mark_.begin() + hi + 1, std::uint8_t{0});
  MultiSelect(dst, dst + pos, 0, candidate_ranks.data(),
              candidate_ranks.data() + candidate_ranks.size());
  Interpolate(n, probabilities, out, [&](std::size_t r) {
    const auto it = std::lower_bound(ranks.begin(), ranks.end(), r);
    return dst[candidate_ranks[static_cast<std::size_t>(it - ranks.begin())]];
  });
}

}  // namespace pineal::pk
