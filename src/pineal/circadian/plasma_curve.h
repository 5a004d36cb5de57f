// A sampled exogenous plasma melatonin curve, e.g. the PK engine's prediction
// for a regimen. The Stowe model adds it to its plasma compartment, so the
// circadian engine can be fed from pk/ without depending on it.
#pragma once

#include <vector>

#include "pineal/core/result.h"

namespace pineal::circadian {

class PlasmaCurve {
 public:
  // `times_h` strictly increasing, concentrations in pg/mL (>= 0), same size,
  // at least 2 samples; `pmol_per_pg_per_ml` converts to the model's pmol/L.
  // Linear between samples, 0 outside them.
  static Result<PlasmaCurve> Make(std::vector<double> times_h, std::vector<double> conc_pg_per_ml,
                                  double pmol_per_pg_per_ml);

  double PmolPerLAt(double t_h) const;
  const std::vector<double>& times_h() const { return times_h_; }

 private:
  PlasmaCurve() = default;
  std::vector<double> times_h_;
  std::vector<double> pmol_per_l_;
};

}  // namespace pineal::circadian
