// The inner loop of the population engine. Between input changes a linear
// model's concentration is a constant plus a sum of exponential modes, and on
// a uniform grid each mode decays by a constant factor per step, so the grid
// is marched with one multiply per mode per point (no exp), eight points at a
// time in independent vector lanes.
#pragma once

#include <cstddef>

namespace pineal::pk {

// Two disposition modes + absorption + the slow depot of dual first-order input.
inline constexpr int kMaxGridTerms = 4;

// Per-step decay factors of the terms, with the powers the kernel needs.
struct GridTerms {
  int n = 0;
  double pow[kMaxGridTerms][9] = {};  // pow[i][k] = ratio_i^k, k = 0..8
};

// Sets pow[i][k] from ratio[i] = exp(-rate_i * step).
void SetGridTerms(GridTerms& terms, int n, const double* ratio);

// out[m] = max(0, constant + sum_i amp[i] * ratio_i^m) for m in [0, count), and
// on return amp[i] *= ratio_i^count (the amplitudes at the next grid point).
// The clamp removes rounding-level negatives where terms of opposite sign
// cancel exactly (at a dose time); it never changes a meaningful value.
void FillExpSum(double* out, std::size_t count, double constant, const GridTerms& terms,
                double* amp);

}  // namespace pineal::pk
