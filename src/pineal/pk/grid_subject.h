// One subject on a uniform time grid, for any dosing history: the state is
// kept as the amplitudes of the exponential modes at the next grid point;
// input changes (doses into one or two depots, lag, zero-order starts and
// stops, missed doses already removed) add their own amplitudes, scaled to that grid point. The
// cost is one multiply-add per mode per point plus a few exp() per off-grid event. Filling is
// resumable, so a population can be marched block by block.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <vector>

#include "pineal/pk/dosing.h"
#include "pineal/pk/exact_solution.h"
#include "pineal/pk/grid_kernel.h"
#include "pineal/pk/inputs.h"
#include "pineal/pk/linear_model.h"

namespace pineal::pk {

struct GridSpec {
  double t0_h = 0.0;
  double step_h = 0.25;
  std::size_t count = 0;  // points t0 + i * step, i < count

  double TimeAt(std::size_t i) const { return t0_h + static_cast<double>(i) * step_h; }
};

class GridSubject {
 public:
  // `dose_scale` multiplies every dose (product content factor).
  void Reset(const LinearPkParams& p, std::span<const DoseEvent> doses, double dose_scale,
             const GridSpec& grid);
  // Population mode: `shared` was compiled with tlag 0, f 1 and dose scale 1
  // (OrderIndependentOfLag must hold); this subject's tlag, f and dose scale
  // are applied as the changes are reached. `shared` must outlive the subject.
  void ResetShared(const LinearPkParams& p, std::span<const InputChange> shared, double dose_scale,
                   const GridSpec& grid);
  // Writes the next `count` grid values (mg/L) to `out`.
  void FillNext(double* out, std::size_t count);
  // True when ka (or ka_slow, with dual first-order doses) is so close to a
  // disposition rate constant that the mode
  // amplitudes would cancel badly; such subjects use the exact walker.
  bool uses_exact_path() const { return exact_.has_value(); }

 private:
  void Prepare(const LinearPkParams& p, const GridSpec& grid);
  void ApplyChange(const InputChange& c, double delay_h);
  std::size_t RunBeforeUnderflow(std::size_t wanted);
  std::size_t GridIndexOf(double t) const;

  GridSpec grid_;
  LinearPkParams params_;
  double dose_scale_ = 1.0;
  std::vector<InputChange> owned_;
  std::span<const InputChange> changes_;  // owned_ or a population's shared list
  bool shared_ = false;
  std::size_t next_change_ = 0;
  bool peeked_ = false;  // next_ and next_index_ hold changes_[next_change_]
  InputChange next_;
  std::size_t next_index_ = 0;
  std::size_t next_point_ = 0;
  int disposition_modes_ = 1;
  int slow_mode_ = -1;                            // term of the slow depot; -1: none
  double rate_[kMaxGridTerms] = {};               // lambda_1, (lambda_2), ka, (ka_slow)
  double c_[2] = {};                              // depot -> mode j: ka w_j / (ka - lambda_j)
  double c_slow_[2] = {};                         // slow depot -> mode j, with ka_slow
  double w_[2] = {};                              // bolus -> mode j
  double w_over_lambda_[2] = {};                  // rate -> steady contribution of mode j
  double steps_per_halving_[kMaxGridTerms] = {};  // ln 2 / (rate * step)
  GridTerms terms_;
  double amp_[kMaxGridTerms] = {};
  double constant_ = 0.0;
  int active_infusions_ = 0;
  std::optional<ExactWalker> exact_;
};

}  // namespace pineal::pk
