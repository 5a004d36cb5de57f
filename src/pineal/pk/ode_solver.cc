#include "pineal/pk/ode_solver.h"

#include <cvode/cvode.h>
#include <nvector/nvector_serial.h>
#include <sundials/sundials_context.h>
#include <sunlinsol/sunlinsol_dense.h>
#include <sunmatrix/sunmatrix_dense.h>

#include <cmath>
#include <string>

#include "pineal/pk/inputs.h"

namespace pineal::pk {
namespace {

constexpr int kStates = 5;  // depot, central, peripheral, eliminated, slow depot

struct Rhs {
  double ka, k12, k21, cl, v1, vmax, km, ka_slow;
  double rate_mg_per_h = 0.0;  // current zero-order input
};

// CVRhsFn: 0 = success. Nothing here can throw.
int RhsFn(sunrealtype /*t*/, N_Vector y, N_Vector ydot, void* user_data) noexcept {
  const Rhs& r = *static_cast<const Rhs*>(user_data);
  const sunrealtype* a = N_VGetArrayPointer(y);
  sunrealtype* da = N_VGetArrayPointer(ydot);
  const double c = a[1] / r.v1;
  // A negative amount within the tolerance is treated as zero in the
  // saturable term, so Km + C never approaches 0.
  const double c_sat = c > 0 ? c : 0.0;
  const double elim = r.cl * c + (r.vmax > 0 ? r.vmax * c_sat / (r.km + c_sat) : 0.0);
  da[0] = -r.ka * a[0];
  da[1] = r.ka * a[0] + r.ka_slow * a[4] - elim - r.k12 * a[1] + r.k21 * a[2] + r.rate_mg_per_h;
  da[2] = r.k12 * a[1] - r.k21 * a[2];
  da[3] = elim;
  da[4] = -r.ka_slow * a[4];
  return 0;
}

void SilentErrors(int, const char*, const char*, char* msg, void* data) noexcept {
  *static_cast<std::string*>(data) = msg != nullptr ? msg : "";
}

// Owns the SUNDIALS objects and frees them on every path.
class Cvode {
 public:
  Cvode() {
    ok_ = SUNContext_Create(nullptr, &ctx_) == 0;
    if (!ok_) return;
    y_ = N_VNew_Serial(kStates, ctx_);
    mem_ = CVodeCreate(CV_BDF, ctx_);
    a_ = SUNDenseMatrix(kStates, kStates, ctx_);
    ok_ = y_ != nullptr && mem_ != nullptr && a_ != nullptr;
    if (ok_) ls_ = SUNLinSol_Dense(y_, a_, ctx_);
    ok_ = ok_ && ls_ != nullptr;
  }
  ~Cvode() {
    if (mem_ != nullptr) CVodeFree(&mem_);
    if (ls_ != nullptr) SUNLinSolFree(ls_);
    if (a_ != nullptr) SUNMatDestroy(a_);
    if (y_ != nullptr) N_VDestroy(y_);
    if (ctx_ != nullptr) SUNContext_Free(&ctx_);
  }
  Cvode(const Cvode&) = delete;
  Cvode& operator=(const Cvode&) = delete;

  bool ok() const { return ok_; }
  void* mem() { return mem_; }
  N_Vector y() { return y_; }
  SUNMatrix a() { return a_; }
  SUNLinearSolver ls() { return ls_; }

 private:
  bool ok_ = false;
  SUNContext ctx_ = nullptr;
  N_Vector y_ = nullptr;
  void* mem_ = nullptr;
  SUNMatrix a_ = nullptr;
  SUNLinearSolver ls_ = nullptr;
};

Status Flag(int flag, const char* what, const std::string& message, double t) {
  if (flag >= 0) return Status::Ok();
  return Status::Internal(std::string("CVODE ") + what + " failed (flag " + std::to_string(flag) +
                          ") at t = " + std::to_string(t) + " h" +
                          (message.empty() ? "" : ": " + message));
}

Status ValidateModel(const OdeModel& m) {
  LinearPkParams p = m.linear;
  const bool saturable = m.vmax_mg_per_h > 0;
  if (saturable) p.cl_l_per_h = 1.0;  // CL may be 0 when elimination is saturable
  PINEAL_RETURN_IF_ERROR(ValidateParams(p));
  if (!(m.linear.cl_l_per_h >= 0) || !(m.vmax_mg_per_h >= 0) ||
      (saturable && !(m.km_mg_per_l > 0))) {
    return Status::InvalidArgument("need cl >= 0, vmax >= 0 and km > 0 when vmax > 0", "vmax");
  }
  return Status::Ok();
}

}  // namespace

Result<OdeSolution> SolveOde(const OdeModel& model, std::span<const DoseEvent> doses,
                             std::span<const double> times_h, const OdeOptions& options) {
  PINEAL_RETURN_IF_ERROR(ValidateModel(model));
  PINEAL_RETURN_IF_ERROR(ValidateDoses(doses));
  const LinearPkParams& p = model.linear;
  Rhs rhs{p.ka_per_h,
          p.compartments == 2 ? p.q_l_per_h / p.v1_l : 0.0,
          p.compartments == 2 ? p.q_l_per_h / p.v2_l : 0.0,
          p.cl_l_per_h,
          p.v1_l,
          model.vmax_mg_per_h,
          model.km_mg_per_l,
          p.ka_slow_per_h};
  std::vector<InputChange> changes;
  CompileInputs(p, doses, 1.0, changes);

  OdeSolution out;
  out.concentration_mg_per_l.reserve(times_h.size());
  out.amounts_mg.reserve(times_h.size());
  Cvode cv;
  if (!cv.ok()) return Status::Internal("could not create the CVODE solver");
  std::string message;
  sunrealtype* y = N_VGetArrayPointer(cv.y());
  for (int i = 0; i < kStates; ++i) y[i] = 0.0;
  double t = changes.empty() ? (times_h.empty() ? 0.0 : times_h.front()) : changes.front().time_h;
  t = std::min(t, times_h.empty() ? t : times_h.front());
  PINEAL_RETURN_IF_ERROR(Flag(CVodeInit(cv.mem(), RhsFn, t, cv.y()), "init", message, t));
  CVodeSetErrHandlerFn(cv.mem(), SilentErrors, &message);
  PINEAL_RETURN_IF_ERROR(
      Flag(CVodeSStolerances(cv.mem(), options.rtol, options.atol_mg), "tolerances", message, t));
  PINEAL_RETURN_IF_ERROR(
      Flag(CVodeSetLinearSolver(cv.mem(), cv.ls(), cv.a()), "linear solver", message, t));
  CVodeSetUserData(cv.mem(), &rhs);
  CVodeSetMaxNumSteps(cv.mem(), options.max_steps);

  std::size_t next_change = 0;
  int active = 0;
  bool dirty = false;  // state changed by an input since the last (re)init
  auto advance_to = [&](double target) -> Status {
    if (target <= t) return Status::Ok();
    if (dirty) {
      PINEAL_RETURN_IF_ERROR(Flag(CVodeReInit(cv.mem(), t, cv.y()), "reinit", message, t));
      dirty = false;
    }
    CVodeSetStopTime(cv.mem(), target);
    sunrealtype reached = t;
    const int flag = CVode(cv.mem(), target, cv.y(), &reached, CV_NORMAL);
    PINEAL_RETURN_IF_ERROR(Flag(flag, "step", message, reached));
    t = target;
    return Status::Ok();
  };
  for (const double tout : times_h) {
    while (next_change < changes.size() && changes[next_change].time_h <= tout) {
      const InputChange& c = changes[next_change++];
      PINEAL_RETURN_IF_ERROR(advance_to(c.time_h));
      y[0] += c.depot_mg;
      y[4] += c.depot_slow_mg;
      y[1] += c.bolus_mg;
      active += c.active_infusions_delta;
      rhs.rate_mg_per_h = active == 0 ? 0.0 : rhs.rate_mg_per_h + c.rate_mg_per_h;
      dirty = true;
    }
    PINEAL_RETURN_IF_ERROR(advance_to(tout));
    out.concentration_mg_per_l.push_back(y[1] / p.v1_l);
    out.amounts_mg.push_back({y[0], y[1], y[2], y[3], y[4]});
  }
  long steps = 0;
  CVodeGetNumSteps(cv.mem(), &steps);
  out.steps = steps;
  return out;
}

}  // namespace pineal::pk
