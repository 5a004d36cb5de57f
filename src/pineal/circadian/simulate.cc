#include "pineal/circadian/simulate.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <string>
#include <utility>

#include "pineal/circadian/models.h"

namespace pineal::circadian {
namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kTwoPi = 2.0 * std::numbers::pi;

// Illinois (modified regula falsi) on theta in [0, 1]; g0 and g1 bracket a root.
template <class G>
double FindRoot(G&& g, double g0, double g1) {
  double a = 0, b = 1, fa = g0, fb = g1, c = 0, prev = -1;
  int side = 0;
  for (int it = 0; it < 60; ++it) {
    c = (a * fb - b * fa) / (fb - fa);
    if (std::abs(c - prev) < 1e-12) break;
    prev = c;
    const double fc = g(c);
    if (fc == 0) break;
    if ((fc > 0) == (fb > 0)) {
      b = c;
      fb = fc;
      if (side == -1) fa /= 2;
      side = -1;
    } else {
      a = c;
      fa = fc;
      if (side == 1) fb /= 2;
      side = 1;
    }
  }
  return c;
}

// Records when an increasing phase psi passes target + 2 pi k within a step.
template <int N>
void PhaseCrossing(const DenseStep<N>& s, int index, double target, std::vector<double>& out) {
  const double k0 = std::floor((s.y0[index] - target) / kTwoPi);
  const double k1 = std::floor((s.y1[index] - target) / kTwoPi);
  if (k1 <= k0) return;
  const double level = target + kTwoPi * k1;
  const double th = FindRoot([&](double t) { return s.Eval(index, t) - level; },
                             s.y0[index] - level, s.y1[index] - level);
  out.push_back(s.TimeAt(th));
}

// FJK99 CBTmin as the paper reads it: the minimum of x in each cycle. Light
// can add a kink (a minimum at a light onset) and shallow extra minima, so the
// deepest minimum while x < 0 is committed when x next turns positive.
struct FjkMarkers {
  const Fjk99Rhs& f;
  Markers& m;
  double last_f1 = std::numeric_limits<double>::quiet_NaN();
  double best_t = 0, best_x = std::numeric_limits<double>::infinity();

  void Candidate(double t, double x) {
    if (x < 0 && x < best_x) {
      best_t = t;
      best_x = x;
    }
  }
  void Flush() {
    if (std::isfinite(best_x)) m.x_min_h.push_back(best_t);
    best_x = std::numeric_limits<double>::infinity();
  }
  void operator()(const DenseStep<3>& s) {
    // A derivative that turns positive across an input change (a kink).
    if (last_f1 < 0 && s.f0[0] >= 0) Candidate(s.t0, s.y0[0]);
    last_f1 = s.f1[0];
    if (s.f0[0] < 0 && s.f1[0] >= 0) {  // a smooth minimum inside the step
      auto dxdt = [&](double th) {
        double y[3], dy[3];
        s.EvalAll(th, y);
        f(s.TimeAt(th), y, dy);
        return dy[0];
      };
      const double th = FindRoot(dxdt, s.f0[0], s.f1[0]);
      Candidate(s.TimeAt(th), s.Eval(0, th));
    }
    if (s.y0[0] < 0 && s.y1[0] >= 0) Flush();
    // Angle measured from CBTmin: atan2(xc, -x) passes 0 upwards at CBTmin.
    auto rho = [&](double th) { return std::atan2(s.Eval(1, th), -s.Eval(0, th)); };
    const double r0 = std::atan2(s.y0[1], -s.y0[0]);
    const double r1 = std::atan2(s.y1[1], -s.y1[0]);
    if (r0 < 0 && r1 >= 0 && r0 > -kPi / 2 && r1 < kPi / 2) {
      m.cbtmin_h.push_back(s.TimeAt(FindRoot(rho, r0, r1)));
    }
  }
};

struct HannayMarkers {
  const Hannay19Params& p;
  Markers& m;
  template <int N>
  void operator()(const DenseStep<N>& s) const {
    PhaseCrossing(s, 1, p.cbtmin_phase_rad, m.cbtmin_h);
    PhaseCrossing(s, 1, p.dlmo_phase_rad, m.dlmo_h);
  }
};

struct StoweMarkers {
  const Stowe25Rhs& f;
  const Hannay19Params& p;
  double threshold_pmol_per_l;
  Markers& m;
  void operator()(const DenseStep<6>& s) const {
    HannayMarkers{p, m}(s);
    auto g = [&](double th) {
      double y[6];
      s.EvalAll(th, y);
      return f.Plasma(s.TimeAt(th), y) - threshold_pmol_per_l;
    };
    const double g0 = f.Plasma(s.t0, s.y0.data()) - threshold_pmol_per_l;
    const double g1 = f.Plasma(s.t0 + s.h, s.y1.data()) - threshold_pmol_per_l;
    if (g0 < 0 && g1 >= 0) m.plasma_onset_h.push_back(s.TimeAt(FindRoot(g, g0, g1)));
  }
};

template <class Rhs, class MarkerFn>
Result<SimulationResult> Run(Rhs& f, MarkerFn& marker_fn, const StateVector& y0, double t0,
                             double t1, const LightSchedule& light, const GutInput& gut,
                             const SimulationOptions& options) {
  constexpr int N = Rhs::kDim;
  SimulationResult out;
  std::vector<double> breaks;
  for (const LightStep& s : light.steps()) {
    if (s.start_h > t0 && s.start_h < t1) breaks.push_back(s.start_h);
  }
  for (const GutBolus& b : gut.boluses) {
    if (b.time_h > t0 && b.time_h < t1) breaks.push_back(b.time_h);
  }
  for (const GutInfusion& i : gut.infusions) {
    for (double e : {i.start_h, i.end_h}) {
      if (e > t0 && e < t1) breaks.push_back(e);
    }
  }
  breaks.push_back(t1);
  std::sort(breaks.begin(), breaks.end());
  breaks.erase(std::unique(breaks.begin(), breaks.end()), breaks.end());

  typename Dopri5<Rhs>::State y;
  std::copy_n(y0.begin(), N, y.begin());
  Dopri5Options solver_options = options.solver;
  if constexpr (N == 6) {
    if (solver_options.atol_per_component.empty()) {
      const double a = solver_options.atol, h = options.melatonin_atol_pmol_per_l;
      solver_options.atol_per_component = {a, a, a, h, h, h};
    }
  }
  Dopri5<Rhs> solver(solver_options);
  size_t next_sample = 0, next_bolus = 0;
  const auto& samples = options.sample_times_h;
  while (next_sample < samples.size() && samples[next_sample] < t0) ++next_sample;
  while (next_bolus < gut.boluses.size() && gut.boluses[next_bolus].time_h < t0) ++next_bolus;
  auto observer = [&](const DenseStep<N>& s) {
    if (options.markers) marker_fn(s);
    while (next_sample < samples.size() && samples[next_sample] <= s.t0 + s.h) {
      Sample smp;
      smp.t_h = samples[next_sample++];
      s.EvalAll(s.h > 0 ? (smp.t_h - s.t0) / s.h : 1.0, smp.y.data());
      out.samples.push_back(smp);
    }
  };
  double t = t0;
  for (double b : breaks) {
    while (next_bolus < gut.boluses.size() && gut.boluses[next_bolus].time_h <= t) {
      if constexpr (N == 6) y[5] += gut.boluses[next_bolus].amount_pmol_per_l;
      ++next_bolus;
    }
    double rate = 0;
    for (const GutInfusion& i : gut.infusions) {
      if (i.start_h <= t && t < i.end_h) rate += i.rate_pmol_per_l_per_h;
    }
    f.SetSegment(light.LuxAt(t), rate);
    if (!solver.Integrate(f, t, y, b, observer)) {
      return Status::Internal("circadian solver failed near t = " + std::to_string(t) + " h");
    }
  }
  for (int i = 0; i < N; ++i) {
    if (!std::isfinite(y[i])) {
      return Status::Internal("circadian state is not finite at t = " + std::to_string(t1));
    }
  }
  std::copy_n(y.begin(), N, out.final_state.begin());
  out.stats = solver.stats();
  out.next_step_h = solver.next_step();
  return out;
}

}  // namespace

int StateDim(ModelKind kind) { return kind == ModelKind::kStowe25 ? 6 : 3; }

StateVector DefaultInitialState(const Model& model) {
  if (model.kind == ModelKind::kFjk99) return {-0.1, -1.1, 0.5, 0, 0, 0};
  return {0.8, 0.0, 0.0, 0, 0, 0};
}

Result<SimulationResult> Simulate(const Model& model, const StateVector& y0, double t0_h,
                                  double t1_h, const LightSchedule& light,
                                  const MelatoninInput& melatonin,
                                  const SimulationOptions& options) {
  if (!std::isfinite(t0_h) || !std::isfinite(t1_h) || t1_h < t0_h) {
    return Status::InvalidArgument("simulation needs finite times with end >= start", "t");
  }
  const bool has_melatonin = !melatonin.doses.empty() || melatonin.exogenous_plasma != nullptr;
  if (has_melatonin && !model.HasMelatonin()) {
    return Status::InvalidArgument(
        "model '" + model.id + "' has no melatonin input; use a stowe25 parameter set",
        "melatonin");
  }
  Markers markers;
  Result<SimulationResult> r = Status::Internal("unreachable");
  switch (model.kind) {
    case ModelKind::kFjk99: {
      Fjk99Rhs f(model.fjk);
      FjkMarkers fjk{f, markers};
      r = Run(f, fjk, y0, t0_h, t1_h, light, {}, options);
      fjk.Flush();  // the last minimum may be provisional
      for (double c : markers.cbtmin_h) markers.dlmo_h.push_back(c - model.fjk.cbt_to_dlmo_h);
      break;
    }
    case ModelKind::kHannay19: {
      Hannay19Rhs f(model.hannay);
      HannayMarkers hm{model.hannay, markers};
      r = Run(f, hm, y0, t0_h, t1_h, light, {}, options);
      break;
    }
    case ModelKind::kStowe25: {
      PINEAL_ASSIGN_OR_RETURN(GutInput gut, MakeGutInput(model.melatonin, melatonin.doses));
      Stowe25Rhs f(model.hannay, model.melatonin, melatonin.exogenous_plasma);
      const double threshold =
          model.melatonin.dlmo_threshold_pg_per_ml * model.melatonin.pmol_per_l_per_pg_per_ml;
      StoweMarkers sm{f, model.hannay, threshold, markers};
      r = Run(f, sm, y0, t0_h, t1_h, light, gut, options);
      break;
    }
  }
  if (r.ok()) r->markers = std::move(markers);
  return r;
}

double PhaseAngle(const Model& model, const StateVector& y) {
  if (model.kind == ModelKind::kFjk99) return std::atan2(-y[1], y[0]);
  return y[1];
}

double PlasmaPgPerMl(const Model& model, const StateVector& y) {
  if (model.kind != ModelKind::kStowe25) return 0.0;
  return y[4] / model.melatonin.pmol_per_l_per_pg_per_ml;
}

}  // namespace pineal::circadian
