#include "pineal/pk/grid_subject.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <utility>

#include "pineal/core/check.h"

namespace pineal::pk {
namespace {

// Below this relative gap between ka and a disposition rate constant the
// depot amplitudes ka w / (ka - lambda) grow large enough to cost accuracy.
constexpr double kDegenerateGap = 1e-4;
// Input times within this fraction of a step from a grid point sit on it.
constexpr double kOnGrid = 1e-9;

}  // namespace

void GridSubject::Reset(const LinearPkParams& p, std::span<const DoseEvent> doses,
                        double dose_scale, const GridSpec& grid) {
  CompileInputs(p, doses, dose_scale, owned_);
  changes_ = owned_;
  shared_ = false;
  dose_scale_ = dose_scale;
  Prepare(p, grid);
  if (exact_) exact_.emplace(p, owned_);
}

void GridSubject::ResetShared(const LinearPkParams& p, std::span<const InputChange> shared,
                              double dose_scale, const GridSpec& grid) {
  PINEAL_DCHECK(OrderIndependentOfLag(shared), "shared inputs must not depend on the lag");
  changes_ = shared;
  shared_ = true;
  dose_scale_ = dose_scale;
  Prepare(p, grid);
  if (exact_) {
    std::vector<InputChange> own;
    own.reserve(shared.size());
    for (const auto& c : shared) own.push_back(Individualized(c, p, dose_scale));
    exact_.emplace(p, std::move(own));
  }
}

void GridSubject::Prepare(const LinearPkParams& p, const GridSpec& grid) {
  PINEAL_DCHECK(grid.step_h > 0, "grid step must be > 0");
  grid_ = grid;
  params_ = p;
  next_change_ = 0;
  next_point_ = 0;
  peeked_ = false;
  constant_ = 0.0;
  active_infusions_ = 0;
  exact_.reset();

  const Disposition d = Decompose(p);
  disposition_modes_ = d.modes;
  // The slow depot costs a term per point, so it is marched only when a dose uses it.
  const bool slow = std::any_of(changes_.begin(), changes_.end(),
                                [](const InputChange& c) { return c.depot_slow_mg != 0.0; });
  const double ka = p.ka_per_h;
  const double ks = p.ka_slow_per_h;
  bool degenerate = false;
  for (int j = 0; j < d.modes; ++j) {
    rate_[j] = d.lambda[j];
    w_[j] = d.weight[j];
    w_over_lambda_[j] = d.weight[j] / d.lambda[j];
    const double gap = ka - d.lambda[j];
    const double slow_gap = ks - d.lambda[j];
    degenerate = degenerate || std::fabs(gap) <= kDegenerateGap * ka ||
                 (slow && std::fabs(slow_gap) <= kDegenerateGap * ks);
    c_[j] = degenerate ? 0.0 : ka * d.weight[j] / gap;
    c_slow_[j] = degenerate || !slow ? 0.0 : ks * d.weight[j] / slow_gap;
  }
  rate_[d.modes] = ka;
  slow_mode_ = slow ? d.modes + 1 : -1;
  if (slow) rate_[slow_mode_] = ks;
  const int n = d.modes + (slow ? 2 : 1);
  double ratio[kMaxGridTerms];
  for (int i = 0; i < n; ++i) {
    ratio[i] = std::exp(-rate_[i] * grid.step_h);
    steps_per_halving_[i] = std::log(2.0) / (rate_[i] * grid.step_h);
    amp_[i] = 0.0;
  }
  SetGridTerms(terms_, n, ratio);
  if (degenerate) exact_.emplace(p, std::vector<InputChange>{});  // filled by the caller
}

// A mode decaying towards the subnormal range would slow every multiply by a
// hundred times: stop the run before any amplitude falls below 2^-600
// (1e-181 mg/L, zero for any purpose) and zero those amplitudes.
std::size_t GridSubject::RunBeforeUnderflow(std::size_t wanted) {
  constexpr int kTinyExponent = -600;
  const int modes = terms_.n;
  std::size_t run = wanted;
  for (int i = 0; i < modes; ++i) {
    if (amp_[i] == 0.0) continue;
    std::uint64_t bits;
    std::memcpy(&bits, &amp_[i], sizeof bits);
    const int e = static_cast<int>((bits >> 52) & 0x7FF) - 1023;  // ilogb without the call
    if (e < kTinyExponent) {
      amp_[i] = 0.0;
      continue;
    }
    // Steps until |amp| * ratio^m < 2^-600, rounded down (at least one).
    const double steps = (e - kTinyExponent) * steps_per_halving_[i];
    if (steps < static_cast<double>(run))
      run = std::max<std::size_t>(1, static_cast<std::size_t>(steps));
  }
  return run;
}

std::size_t GridSubject::GridIndexOf(double t) const {
  const double x = (t - grid_.t0_h) / grid_.step_h;
  if (x <= 0) return 0;
  const double nearest = std::round(x);
  const double index = std::fabs(x - nearest) <= kOnGrid ? nearest : std::ceil(x);
  return static_cast<std::size_t>(index);
}

void GridSubject::ApplyChange(const InputChange& c, double delay_h) {
  const int ka_mode = disposition_modes_;
  double decay[kMaxGridTerms];
  for (int i = 0; i < terms_.n; ++i) {
    decay[i] = delay_h > 0 ? std::exp(-rate_[i] * delay_h) : 1.0;
  }
  if (c.depot_mg != 0.0) {
    double to_ka = 0.0;
    for (int j = 0; j < ka_mode; ++j) {
      amp_[j] += c.depot_mg * c_[j] * decay[j];
      to_ka += c_[j];
    }
    amp_[ka_mode] -= c.depot_mg * to_ka * decay[ka_mode];
  }
  if (c.depot_slow_mg != 0.0) {
    double to_ks = 0.0;
    for (int j = 0; j < ka_mode; ++j) {
      amp_[j] += c.depot_slow_mg * c_slow_[j] * decay[j];
      to_ks += c_slow_[j];
    }
    amp_[slow_mode_] -= c.depot_slow_mg * to_ks * decay[slow_mode_];
  }
  if (c.bolus_mg != 0.0) {
    for (int j = 0; j < ka_mode; ++j) amp_[j] += c.bolus_mg * w_[j] * decay[j];
  }
  if (c.active_infusions_delta != 0 || c.rate_mg_per_h != 0.0) {
    active_infusions_ += c.active_infusions_delta;
    double steady = 0.0;
    for (int j = 0; j < ka_mode; ++j) {
      steady += c.rate_mg_per_h * w_over_lambda_[j];
      amp_[j] -= c.rate_mg_per_h * w_over_lambda_[j] * decay[j];
    }
    constant_ = active_infusions_ == 0 ? 0.0 : constant_ + steady;
  }
}

void GridSubject::FillNext(double* out, std::size_t count) {
  const std::size_t end = next_point_ + count;
  PINEAL_CHECK(end <= grid_.count, "GridSubject::FillNext past the end of the grid");
  if (exact_) {
    for (std::size_t i = next_point_; i < end; ++i) {
      exact_->MoveTo(grid_.TimeAt(i));
      *out++ = exact_->state().ConcentrationMgPerL();
    }
    next_point_ = end;
    return;
  }
  while (next_point_ < end) {
    // Changes at or before the next grid point enter its amplitudes now.
    std::size_t until = end;
    while (next_change_ < changes_.size()) {
      if (!peeked_) {  // individualise and locate the next change once
        next_ = shared_ ? Individualized(changes_[next_change_], params_, dose_scale_)
                        : changes_[next_change_];
        next_index_ = GridIndexOf(next_.time_h);
        peeked_ = true;
      }
      if (next_index_ > next_point_) {
        until = std::min(next_index_, end);
        break;
      }
      const double delay = grid_.TimeAt(next_point_) - next_.time_h;
      ApplyChange(next_, std::fabs(delay) <= kOnGrid * grid_.step_h ? 0.0 : delay);
      ++next_change_;
      peeked_ = false;
    }
    while (next_point_ < until) {
      const std::size_t run = RunBeforeUnderflow(until - next_point_);
      FillExpSum(out, run, constant_, terms_, amp_);
      out += run;
      next_point_ += run;
    }
  }
}

}  // namespace pineal::pk
