#include "pineal/pk/linear_model.h"

#include <cmath>
#include <string>

namespace pineal::pk {
namespace {

Status Positive(double v, const char* name) {
  if (!(std::isfinite(v) && v > 0)) {
    return Status::InvalidArgument(std::string(name) + " must be a finite number > 0", name);
  }
  return Status::Ok();
}

}  // namespace

Status ValidateParams(const LinearPkParams& p) {
  if (p.compartments != 1 && p.compartments != 2) {
    return Status::InvalidArgument("compartments must be 1 or 2", "compartments");
  }
  PINEAL_RETURN_IF_ERROR(Positive(p.cl_l_per_h, "cl_l_per_h"));
  PINEAL_RETURN_IF_ERROR(Positive(p.v1_l, "v1_l"));
  PINEAL_RETURN_IF_ERROR(Positive(p.ka_per_h, "ka_per_h"));
  PINEAL_RETURN_IF_ERROR(Positive(p.ka_slow_per_h, "ka_slow_per_h"));
  if (p.compartments == 2) {
    PINEAL_RETURN_IF_ERROR(Positive(p.q_l_per_h, "q_l_per_h"));
    PINEAL_RETURN_IF_ERROR(Positive(p.v2_l, "v2_l"));
  }
  if (!(std::isfinite(p.tlag_h) && p.tlag_h >= 0)) {
    return Status::InvalidArgument("tlag_h must be a finite number >= 0", "tlag_h");
  }
  if (!(std::isfinite(p.f) && p.f >= 0)) {
    return Status::InvalidArgument("f must be a finite number >= 0", "f");
  }
  return Status::Ok();
}

Disposition Decompose(const LinearPkParams& p) {
  Disposition d;
  const double k10 = p.cl_l_per_h / p.v1_l;
  if (p.compartments == 1) {
    d.modes = 1;
    d.lambda[0] = k10;
    d.weight[0] = 1.0 / p.v1_l;
    return d;
  }
  const double k12 = p.q_l_per_h / p.v1_l;
  const double k21 = p.q_l_per_h / p.v2_l;
  const double s = k10 + k12 + k21;
  // s^2 - 4 k10 k21 = (k10 + k12 - k21)^2 + 4 k12 k21 > 0: two distinct roots.
  const double u = k10 + k12 - k21;
  const double disc = std::sqrt(u * u + 4.0 * k12 * k21);
  const double alpha = 0.5 * (s + disc);
  // beta from the product of the roots (alpha * beta = k10 k21) avoids the
  // cancellation of s - disc when beta is much smaller than alpha.
  const double beta = k10 * k21 / alpha;
  d.modes = 2;
  d.lambda[0] = alpha;
  d.lambda[1] = beta;
  d.weight[0] = (alpha - k21) / (p.v1_l * disc);
  d.weight[1] = (k21 - beta) / (p.v1_l * disc);
  return d;
}

double TerminalHalfLifeH(const LinearPkParams& p) {
  const Disposition d = Decompose(p);
  return std::log(2.0) / d.lambda[d.modes - 1];
}

}  // namespace pineal::pk
