#include "pineal/pk/block_bands.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "pineal/core/check.h"
#include "pineal/pk/percentiles.h"

namespace pineal::pk {
namespace {

constexpr int kShift = 46;  // 6 mantissa bits: 64 bins (1.1% wide) per octave
// Table strides a little over 4 KB multiples: with exact multiples, the tables
// of consecutive points alias in the store-forwarding check and stall.
constexpr std::size_t kHistStride = BlockBands::kBins + 40;
constexpr std::size_t kMarkStride = BlockBands::kBins + 160;

std::int64_t Bits(double x) {
  std::int64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

}  // namespace

BlockBands::BlockBands(std::size_t subjects, std::size_t max_points, int threads,
                       std::vector<double> probabilities)
    : subjects_(subjects),
      max_points_(max_points),
      threads_(threads),
      probs_(std::move(probabilities)) {
  const std::size_t n = subjects_;
  for (const double p : probs_) {
    const auto lo = static_cast<std::size_t>(std::floor((static_cast<double>(n) - 1.0) * p));
    ranks_.push_back(lo);
    if (lo + 1 < n) ranks_.push_back(lo + 1);
  }
  std::sort(ranks_.begin(), ranks_.end());
  ranks_.erase(std::unique(ranks_.begin(), ranks_.end()), ranks_.end());
  const std::size_t tp = static_cast<std::size_t>(threads_) * max_points_;
  base_.resize(max_points_);
  hist_.assign(tp * kHistStride, 0);
  mark_.assign(max_points_ * kMarkStride, 0);
  candidate_rank_.resize(max_points_ * ranks_.size());
  offset_.resize(tp);
  slice_.resize(tp);
  fill_.resize(tp);
  candidates_.resize(max_points_);
  buffer_.resize(max_points_);
  capacity_.assign(max_points_, 0);
}

void BlockBands::Begin(std::span<const double> centre) {
  PINEAL_CHECK(centre.size() <= max_points_, "BlockBands: block too long");
  points_ = centre.size();
  for (std::size_t k = 0; k < points_; ++k) {
    const double c = centre[k] > 0 ? centre[k] : 1.0;
    base_[k] = (Bits(c) >> kShift) - kBins / 2;
  }
}

void BlockBands::Count(int t, std::size_t k, const double* values, std::size_t count) {
  std::uint32_t* h = &hist_[(static_cast<std::size_t>(t) * max_points_ + k) * kHistStride];
  const std::int64_t base = base_[k];
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    // Logical shift (values are >= 0, so the sign bit is 0).
    std::int64_t b = static_cast<std::int64_t>(bits >> kShift) - base;
    b = b < 0 ? 0 : (b > kBins - 1 ? kBins - 1 : b);
    ++h[b];
  }
}

void BlockBands::Prepare() {
  const std::size_t nr = ranks_.size();
  for (std::size_t k = 0; k < points_; ++k) {
    // Merge the threads' histograms into thread 0's.
    std::uint32_t* h0 = &hist_[k * kHistStride];
    for (int t = 1; t < threads_; ++t) {
      std::uint32_t* ht = &hist_[(static_cast<std::size_t>(t) * max_points_ + k) * kHistStride];
      for (int b = 0; b < kBins; ++b) h0[b] += ht[b];
    }
    std::uint8_t* mark = &mark_[k * kMarkStride];
    std::fill(mark, mark + kBins, std::uint8_t{0});
    std::size_t below = 0, candidates = 0, next = 0;
    for (int b = 0; b < kBins && next < nr; ++b) {
      const std::size_t count = h0[b];
      bool target = false;
      while (next < nr && ranks_[next] < below + count) {
        candidate_rank_[k * nr + next] = candidates + (ranks_[next] - below);
        target = true;
        ++next;
      }
      if (target) {
        mark[b] = 1;
        candidates += count;
      }
      below += count;
    }
    PINEAL_CHECK(next == nr, "BlockBands: histogram lost values");
    candidates_[k] = candidates;
    // One slot of slack per thread: Collect writes every value one past its
    // own candidates before deciding whether to keep it.
    const std::size_t needed = candidates + static_cast<std::size_t>(threads_);
    if (capacity_[k] < needed) {
      capacity_[k] = std::max(needed, 2 * capacity_[k]);
      buffer_[k].reset(new double[capacity_[k]]);  // uninitialised: written before read
    }
    // Each thread's candidates go to their own slice of the buffer (with its
    // slack slot); thread 0's count is what the other threads leave of the
    // total, since its histogram now holds the merged counts.
    std::size_t others = 0;
    for (int t = 1; t < threads_; ++t) {
      const std::uint32_t* ht =
          &hist_[(static_cast<std::size_t>(t) * max_points_ + k) * kHistStride];
      std::size_t own = 0;
      for (int b = 0; b < kBins; ++b) own += mark[b] ? ht[b] : 0;
      const std::size_t tk = static_cast<std::size_t>(t) * max_points_ + k;
      fill_[tk] = own;  // temporarily: this thread's count
      others += own;
    }
    std::size_t offset = candidates - others + 1;  // thread 0 writes [0, its count]
    offset_[k] = 0;
    fill_[k] = 0;
    for (int t = 1; t < threads_; ++t) {
      const std::size_t tk = static_cast<std::size_t>(t) * max_points_ + k;
      offset_[tk] = offset;
      offset += fill_[tk] + 1;
      fill_[tk] = 0;
    }
    for (int t = 0; t < threads_; ++t) {
      const std::size_t tk = static_cast<std::size_t>(t) * max_points_ + k;
      slice_[tk] = buffer_[k].get() + offset_[tk];
    }
  }
}

void BlockBands::Collect(int t, std::size_t k, const double* values, std::size_t count) {
  const std::size_t tk = static_cast<std::size_t>(t) * max_points_ + k;
  const std::uint8_t* mark = &mark_[k * kMarkStride];
  const std::int64_t base = base_[k];
  double* dst = slice_[tk];
  std::size_t fill = fill_[tk];
  for (std::size_t i = 0; i < count; ++i) {
    std::uint64_t bits;
    std::memcpy(&bits, &values[i], sizeof bits);
    std::int64_t b = static_cast<std::int64_t>(bits >> kShift) - base;
    b = b < 0 ? 0 : (b > kBins - 1 ? kBins - 1 : b);
    dst[fill] = values[i];
    fill += mark[b];
  }
  fill_[tk] = fill;
}

void BlockBands::Finish(std::size_t k, std::span<double> out) {
  const std::size_t nr = ranks_.size();
  double* data = buffer_[k].get();
  // Close the slack gaps between the threads' slices.
  std::size_t end = fill_[k];
  for (int t = 1; t < threads_; ++t) {
    const std::size_t tk = static_cast<std::size_t>(t) * max_points_ + k;
    std::memmove(data + end, data + offset_[tk], fill_[tk] * sizeof(double));
    end += fill_[tk];
  }
  PINEAL_CHECK(end == candidates_[k], "BlockBands: a candidate went missing");
  SelectRanks(data, data + candidates_[k],
              std::span<const std::size_t>(&candidate_rank_[k * nr], nr));
  const double n = static_cast<double>(subjects_);
  for (std::size_t i = 0; i < probs_.size(); ++i) {
    const double h = (n - 1.0) * probs_[i];
    const auto lo = static_cast<std::size_t>(std::floor(h));
    auto at = [&](std::size_t r) {
      const std::size_t j = static_cast<std::size_t>(
          std::lower_bound(ranks_.begin(), ranks_.end(), r) - ranks_.begin());
      return data[candidate_rank_[k * nr + j]];
    };
    out[i] = lo + 1 < subjects_ ? at(lo) + (h - lo) * (at(lo + 1) - at(lo)) : at(lo);
  }
  // Clear this point's histograms for the next block.
  for (int t = 0; t < threads_; ++t) {
    std::uint32_t* ht = &hist_[(static_cast<std::size_t>(t) * max_points_ + k) * kHistStride];
    std::fill(ht, ht + kBins, 0u);
  }
}

}  // namespace pineal::pk
