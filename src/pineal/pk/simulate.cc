#include "pineal/pk/simulate.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "pineal/pk/endogenous.h"
#include "pineal/pk/exact_solution.h"

namespace pineal::pk {
namespace {

constexpr double kNiceSteps[] = {1.0 / 60, 2.0 / 60, 5.0 / 60, 10.0 / 60, 0.25, 0.5, 1.0, 2.0};
constexpr double kMaxPoints = 6000;

// Next time after t (strictly) when the local clock reads `clock_h`.
double NextClockTime(double t, double start_clock_h, double clock_h) {
  const double now = std::fmod(start_clock_h + t, 24.0);
  double delta = std::fmod(clock_h - now + 48.0, 24.0);
  if (delta <= 1e-9) delta = 24.0;
  return t + delta;
}

Status ValidateRequest(const SimulationRequest& r) {
  if (r.doses.empty()) return Status::InvalidArgument("give at least one dose", "doses");
  PINEAL_RETURN_IF_ERROR(ValidateDoses(r.doses));
  if (std::none_of(r.doses.begin(), r.doses.end(), [](const DoseEvent& d) { return d.taken; })) {
    return Status::InvalidArgument("every dose is marked as missed: nothing to simulate", "doses");
  }
  for (const double c : {r.start_clock_h, r.wake_clock_h}) {
    if (!(c >= 0 && c < 24)) {
      return Status::InvalidArgument("clock times must be within 00:00..23:59", "clock");
    }
  }
  if (!(r.horizon_h >= 0 && r.horizon_h <= 24 * 366) || !(r.grid_step_h >= 0)) {
    return Status::InvalidArgument("the horizon must be within 0..366 days", "horizon");
  }
  if (r.subjects < 0 || r.subjects > 1'000'000) {
    return Status::InvalidArgument("subjects must be between 0 and 1,000,000", "subjects");
  }
  if (r.threshold_mg_per_l && !(*r.threshold_mg_per_l > 0)) {
    return Status::InvalidArgument("the threshold must be a concentration > 0", "threshold");
  }
  return Status::Ok();
}

// Metrics of one individual with parameters `p`.
SimulationMetrics Measure(const LinearPkParams& p, const std::vector<DoseEvent>& doses,
                          double scale, const SimulationRequest& r, double horizon,
                          const std::optional<double>& interval) {
  SimulationMetrics m;
  std::vector<const DoseEvent*> taken;
  for (const auto& d : doses) {
    if (d.taken) taken.push_back(&d);
  }
  const double first = taken.front()->time_h, last = taken.back()->time_h;
  const double scan = std::min(1.0 / 60, horizon / 2000);
  m.peak = FindPeak(p, doses, 0.0, horizon, scan, scale);
  const double first_end = taken.size() > 1 ? taken[1]->time_h : horizon;
  m.peak_first_interval = FindPeak(p, doses, first, first_end, scan, scale);
  m.window_begin_h = last;
  m.window_end_h = std::min(horizon, last + interval.value_or(24.0));
  if (taken.size() > 1) {
    const double prev = taken[taken.size() - 2]->time_h;
    m.trough = FindTrough(p, doses, prev + 0.5 * (last - prev), last + p.tlag_h, scan, scale);
  }
  m.auc_horizon_mg_h_per_l = AucBetween(p, doses, 0.0, horizon, scale);
  m.auc_last_interval_mg_h_per_l = AucBetween(p, doses, m.window_begin_h, m.window_end_h, scale);
  m.interval_h = interval;
  if (interval) {
    DoseEvent one = *taken.back();
    one.amount_mg *= scale;
    m.accumulation_ratio = AccumulationRatio(p, one, *interval);
    m.time_to_90_steady_state_h = TimeTo90PercentSteadyStateH(p, one);
    m.trough_approach = TroughAccumulation(p, one, *interval);
  }
  if (r.threshold_mg_per_l) {
    m.time_above_threshold_h =
        TimeAboveH(p, doses, *r.threshold_mg_per_l, m.window_begin_h, m.window_end_h, scan, scale);
  }
  m.first_wake_h = NextClockTime(first, r.start_clock_h, r.wake_clock_h);
  m.last_wake_h = NextClockTime(last, r.start_clock_h, r.wake_clock_h);
  m.first_wake_mg_per_l = ConcentrationAt(p, doses, m.first_wake_h, scale);
  m.last_wake_mg_per_l = ConcentrationAt(p, doses, m.last_wake_h, scale);
  m.terminal_half_life_h = ApparentTerminalHalfLifeH(p, doses);
  return m;
}

void AddEndogenousRatios(SimulationMetrics& m, const SimulationResult& res) {
  if (res.endogenous_peak_mg_per_l) {
    m.peak_to_endogenous_peak = m.peak.value_mg_per_l / *res.endogenous_peak_mg_per_l;
  }
  if (res.endogenous_day_mg_per_l) {
    m.last_wake_to_endogenous_day = m.last_wake_mg_per_l / *res.endogenous_day_mg_per_l;
  }
}

std::vector<std::string> CitedRefs(const kb::PkModelSpec& model) {
  std::set<std::string> ids(model.refs.begin(), model.refs.end());
  for (const auto& p : model.parameters) ids.insert(p.refs.begin(), p.refs.end());
  for (const auto& c : model.covariates) ids.insert(c.refs.begin(), c.refs.end());
  for (const auto& f : model.formulations) {
    ids.insert(f.refs.begin(), f.refs.end());
    if (f.fed) ids.insert(f.fed->refs.begin(), f.fed->refs.end());
  }
  for (const auto& v : model.variants) ids.insert(v.refs.begin(), v.refs.end());
  ids.insert(model.bioavailability.refs.begin(), model.bioavailability.refs.end());
  if (model.product_content) {
    ids.insert(model.product_content->refs.begin(), model.product_content->refs.end());
  }
  if (model.endogenous) {
    ids.insert(model.endogenous->day_refs.begin(), model.endogenous->day_refs.end());
    ids.insert(model.endogenous->peak_refs.begin(), model.endogenous->peak_refs.end());
  }
  return {ids.begin(), ids.end()};
}

}  // namespace

Result<const kb::PkModelSpec*> ModelFor(const kb::PkCatalog& catalog,
                                        const std::string& substance) {
  const kb::PkModelSpec* model = catalog.FindModel(substance);
  if (model == nullptr) {
    std::vector<std::string> known;
    for (const auto& m : catalog.models) known.push_back(m.id);
    return Status::InvalidArgument(
        fmt::format("no PK model for '{}'; models: {}", substance, fmt::join(known, ", ")),
        "substance");
  }
  return model;
}

Result<SimulationResult> Simulate(const kb::PkCatalog& catalog, const SimulationRequest& r) {
  PINEAL_ASSIGN_OR_RETURN(const kb::PkModelSpec* model, ModelFor(catalog, r.substance));
  PINEAL_RETURN_IF_ERROR(ValidateRequest(r));
  SimulationResult res;
  res.formulation = r.formulation.empty() ? model->formulations.front().id : r.formulation;
  PINEAL_ASSIGN_OR_RETURN(
      res.params, Individualize(*model, res.formulation, r.variant, r.patient, r.content_mg_per_g));
  const kb::PkFormulationSpec& form = *model->FindFormulation(res.formulation);
  res.substance = model->substance;
  res.analyte = model->analyte;
  res.display_unit = model->display_unit;
  res.display_per_mg_per_l = model->display_per_mg_per_l;
  res.molar_mass_g_per_mol = model->molar_mass_g_per_mol;
  res.formulation_label = form.label;
  res.variant = r.variant;
  res.start_clock_h = r.start_clock_h;
  res.wake_clock_h = r.wake_clock_h;
  res.dose_scale = res.params.dose_scale;
  res.model_refs = CitedRefs(*model);
  res.doses = r.doses;
  for (auto& d : res.doses) {
    d.route = res.params.route;
    d.duration_h =
        res.params.route == Route::kOralZeroOrder ? res.params.zero_order_duration_h : 0.0;
    d.fast_fraction = res.params.fast_fraction;
  }
  const LinearPkParams& p = res.params.typical;

  // Regular dosing: every gap between taken doses equal.
  std::vector<double> times;
  for (const auto& d : res.doses) {
    if (d.taken) times.push_back(d.time_h);
  }
  std::optional<double> interval;
  if (times.size() > 1) {
    const double gap = times[1] - times[0];
    bool regular = gap > 0;
    for (std::size_t i = 2; i < times.size(); ++i) {
      regular = regular && std::fabs(times[i] - times[i - 1] - gap) <= 1e-9 * gap;
    }
    if (regular) interval = gap;
  }
  const double last = times.back();
  double horizon = r.horizon_h;
  if (horizon == 0) {
    const double tail = std::max({24.0, interval.value_or(0.0),
                                  std::min(2.0 * ApparentTerminalHalfLifeH(p, res.doses), 168.0)});
    horizon = std::max(last + tail, NextClockTime(last, r.start_clock_h, r.wake_clock_h) + 1.0);
  }
  if (horizon <= times.front()) {
    return Status::InvalidArgument("the horizon ends before the first dose", "horizon");
  }
  double step = r.grid_step_h;
  if (step == 0) {
    step = kNiceSteps[std::size(kNiceSteps) - 1];
    for (const double s : kNiceSteps) {
      if (horizon / s <= kMaxPoints) {
        step = s;
        break;
      }
    }
  }
  res.grid = {0.0, step, static_cast<std::size_t>(std::floor(horizon / step + 1e-9)) + 1};
  if (res.grid.count > 200'000) {
    return Status::InvalidArgument("the time grid would exceed 200,000 points; use a larger step",
                                   "grid_step");
  }
  horizon = res.grid.TimeAt(res.grid.count - 1);

  std::vector<double> grid_times(res.grid.count);
  for (std::size_t i = 0; i < res.grid.count; ++i) grid_times[i] = res.grid.TimeAt(i);
  res.typical_mg_per_l.resize(res.grid.count);
  ConcentrationsAt(p, res.doses, grid_times, res.typical_mg_per_l, res.dose_scale);

  if (model->endogenous) {
    const auto& e = *model->endogenous;
    res.endogenous_day_mg_per_l = e.day_mg_per_l;
    res.endogenous_age_years = r.patient.age_years.value_or(kDefaultAdultAgeYears);
    res.endogenous_peak_mg_per_l = NocturnalPeakMgPerL(e, res.endogenous_age_years);
    res.endogenous_refs = e.peak_refs;
    if (!r.patient.age_years) {
      res.params.notes.push_back(
          {CovariateNote::Kind::kAssumption, "age",
           fmt::format("age not given: the endogenous nocturnal peak of a {:g}-year-old adult is "
                       "used",
                       kDefaultAdultAgeYears),
           e.peak_refs});
    }
  }
  res.metrics = Measure(p, res.doses, res.dose_scale, r, horizon, interval);
  AddEndogenousRatios(res.metrics, res);

  for (const auto& v : model->variants) {
    if (v.id == r.variant) continue;
    auto alt = Individualize(*model, res.formulation, v.id, r.patient, r.content_mg_per_g);
    if (!alt.ok()) continue;
    SensitivityCase sc{v.id, v.label, v.refs,
                       Measure(alt->typical, res.doses, alt->dose_scale, r, horizon, interval)};
    AddEndogenousRatios(sc.metrics, res);
    res.sensitivity.push_back(std::move(sc));
  }

  if (r.subjects > 0) {
    PopulationRequest pr;
    pr.pop = res.params;
    pr.doses = res.doses;
    pr.grid = res.grid;
    pr.subjects = r.subjects;
    pr.seed = r.seed;
    pr.threads = r.threads;
    auto index_of = [&](double t) {
      return std::min(res.grid.count - 1, static_cast<std::size_t>(std::llround(t / step)));
    };
    pr.window_begin = index_of(res.metrics.window_begin_h);
    pr.window_end = std::max(pr.window_begin + 1, index_of(res.metrics.window_end_h) + 1);
    pr.threshold_mg_per_l = r.threshold_mg_per_l;
    pr.probe_points = {index_of(res.metrics.first_wake_h), index_of(res.metrics.last_wake_h)};
    pr.progress = r.progress;
    PINEAL_ASSIGN_OR_RETURN(res.population, SimulatePopulation(pr));
  }
  return res;
}

}  // namespace pineal::pk
