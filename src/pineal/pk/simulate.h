// The PK engine's entry point: a regimen or a real dose log in, predicted
// concentrations out: the typical individual (or the patient's covariates),
// the population spread, and the metrics a clinician asks about (peak,
// trough, accumulation, next-morning residual, ratio to the body's own
// melatonin). Pure: no I/O; the same request and seed give the same result.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/pk_model.h"
#include "pineal/pk/covariates.h"
#include "pineal/pk/dosing.h"
#include "pineal/pk/grid_subject.h"
#include "pineal/pk/metrics.h"
#include "pineal/pk/population.h"

namespace pineal::pk {

struct SimulationRequest {
  std::string substance;    // a model id of the catalog: "melatonin", "kratom"
  std::string formulation;  // empty: the model's first ("ir", "pr", "leaf")
  std::string variant;      // empty: the model's typical values
  // Times in hours from t = 0; amounts as written: mg of the substance taken
  // (for a leaf product, mg of product; the content gives the analyte).
  // Routes are set from the formulation; `taken == false` marks a missed dose.
  std::vector<DoseEvent> doses;
  double start_clock_h = 0.0;  // local clock time at t = 0, in [0, 24)
  double wake_clock_h = 7.0;   // for the next-morning residual
  double horizon_h = 0.0;      // 0: chosen from the regimen and the half-life
  double grid_step_h = 0.0;    // 0: chosen from the horizon
  PatientCovariates patient;
  std::optional<double> content_mg_per_g;
  std::optional<double> threshold_mg_per_l;
  int subjects = 0;  // 0: typical individual only
  std::uint64_t seed = 1;
  int threads = 0;  // 0: all hardware threads
  std::function<void(double)> progress;
};

struct SimulationMetrics {
  Extremum peak;                      // over the horizon
  Extremum peak_first_interval;       // after the first dose taken
  std::optional<Extremum> trough;     // last dosing interval (2 doses or more)
  double auc_horizon_mg_h_per_l = 0;  // 0 .. horizon
  double auc_last_interval_mg_h_per_l = 0;
  double window_begin_h = 0, window_end_h = 0;       // the last dosing interval
  std::optional<double> interval_h;                  // when doses are regular
  std::optional<double> accumulation_ratio;          // regular dosing
  std::optional<double> time_to_90_steady_state_h;   // by AUC per dosing interval
  std::optional<TroughApproach> trough_approach;     // by trough
  std::optional<double> time_above_threshold_h;      // in the last dosing interval
  double first_wake_h = 0, first_wake_mg_per_l = 0;  // after the first dose
  double last_wake_h = 0, last_wake_mg_per_l = 0;    // after the last dose
  double terminal_half_life_h = 0;
  std::optional<double> peak_to_endogenous_peak;  // melatonin only
  std::optional<double> last_wake_to_endogenous_day;
};

struct SensitivityCase {
  std::string variant;
  std::string label;
  std::vector<std::string> refs;
  SimulationMetrics metrics;
};

struct SimulationResult {
  std::string substance, analyte, display_unit, formulation, formulation_label, variant;
  double display_per_mg_per_l = 1.0;
  std::optional<double> molar_mass_g_per_mol;
  PopulationParams params;       // typical individual with covariates, omegas, notes
  std::vector<DoseEvent> doses;  // as simulated (routes set, amounts as written)
  double dose_scale = 1.0;       // analyte mg per mg as written
  double start_clock_h = 0.0, wake_clock_h = 7.0;
  GridSpec grid;
  std::vector<double> typical_mg_per_l;  // on the grid
  SimulationMetrics metrics;
  std::optional<PopulationResult> population;
  std::optional<double> endogenous_day_mg_per_l;
  std::optional<double> endogenous_peak_mg_per_l;
  double endogenous_age_years = 0.0;
  std::vector<std::string> endogenous_refs;
  std::vector<SensitivityCase> sensitivity;
  std::vector<std::string> model_refs;  // every reference the model cites
};

// The catalog's model for `substance` (a model id such as "melatonin"); an
// unknown one is refused naming the models there are.
Result<const kb::PkModelSpec*> ModelFor(const kb::PkCatalog& catalog, const std::string& substance);

Result<SimulationResult> Simulate(const kb::PkCatalog& catalog, const SimulationRequest& request);

}  // namespace pineal::pk
