// Parameter sets of the circadian models as plain data. The values live in
// knowledge/circadian/*.yaml (loaded by kb/circadian_params); MakeModel turns
// a loaded name -> value map into the typed structs the engine integrates.
// Internal units: hours, lux, pmol/L, mg.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/result.h"

namespace pineal::circadian {

// Forger, Jewett & Kronauer 1999 "simpler" van der Pol model with Process L.
struct Fjk99Params {
  double tau_x_h = 0;            // intrinsic period
  double mu = 0;                 // van der Pol stiffness
  double k = 0;                  // light effect on the xc equation
  double g = 0;                  // drive gain G
  double alpha0 = 0;             // activation rate constant (per lambda time unit)
  double beta = 0;               // receptor recovery rate
  double p = 0;                  // intensity exponent
  double i0_lux = 0;             // reference intensity
  double lambda_per_h = 0;       // time scale of Process L
  double b = 0;                  // light-sensitivity modulation coefficient
  double period_correction = 0;  // 0.99669: makes the dark period equal tau_x
  double cbt_to_dlmo_h = 0;      // DLMO = CBTmin - this
};

// Hannay, Booth & Forger 2019 single-population macroscopic model.
struct Hannay19Params {
  double omega0_rad_per_h = 0;  // intrinsic angular frequency of the reduced model
  double k_coupling = 0;
  double gamma = 0;
  double beta1 = 0;
  double a1 = 0;
  double a2 = 0;
  double beta_l1 = 0;
  double beta_l2 = 0;
  double sigma = 0;
  double g = 0;
  double alpha0 = 0;
  double delta = 0;
  double p = 0;
  double i0 = 0;
  double lambda_per_h = 0;
  double cbtmin_phase_rad = 0;  // psi at CBTmin (pi)
  double dlmo_phase_rad = 0;    // psi at DLMO (5 pi / 12)
};

// Stowe et al. 2025 melatonin layer on the Hannay pacemaker: pineal (H1),
// plasma (H2) and gut (H3) compartments with Breslow-type rate constants.
struct MelatoninParams {
  double beta_ip_per_h = 0;               // pineal -> plasma
  double beta_cp_per_h = 0;               // plasma clearance
  double beta_ap_per_h = 0;               // gut -> plasma absorption
  double synthesis_pmol_per_l_per_h = 0;  // a
  double psi_on_rad = 0;
  double psi_off_rad = 0;
  double onset_sharpness = 0;  // delta (per rad)
  double offset_decay = 0;     // r (per rad)
  double suppression_m = 0;    // m, light suppression of synthesis
  double m_max = 0;
  double h_sat_pmol_per_l = 0;
  double sigma_m_pmol_per_l = 0;
  double b1 = 0;
  double theta_m1 = 0;
  double b2 = 0;
  double theta_m2 = 0;
  double epsilon = 0;
  // Oral dose -> peak gut input rate (pmol/L/h) = c3 d^3 + c2 d^2 + c1 d + c0.
  double dose_c3 = 0;
  double dose_c2 = 0;
  double dose_c1 = 0;
  double dose_c0 = 0;
  double dose_pulse_sd_h = 0;  // width of the Gaussian input pulse
  double dose_lag_h = 0;       // pulse centre after the pill
  double dose_fit_min_mg = 0;  // range the dose curve was fitted over
  double dose_fit_max_mg = 0;
  double pr_release_h = 0;              // prolonged release: zero-order release time
  double pmol_per_l_per_pg_per_ml = 0;  // 4.3 (MW 232.3)
  double dlmo_threshold_pg_per_ml = 0;  // plasma DLMO threshold (10 pg/mL)
};

enum class ModelKind { kFjk99, kHannay19, kStowe25 };

// "fjk99", "hannay19", "stowe25".
std::string_view ModelKindName(ModelKind kind);
Result<ModelKind> ParseModelKind(std::string_view name);

// One model with one parameter set and the references it rests on.
struct Model {
  std::string id;     // parameter-set id, e.g. "fjk1999", "sf2014", "stowe2025"
  std::string title;  // human-readable description
  ModelKind kind = ModelKind::kFjk99;
  std::vector<std::string> refs;
  Fjk99Params fjk;            // kFjk99
  Hannay19Params hannay;      // kHannay19 and kStowe25
  MelatoninParams melatonin;  // kStowe25
  bool HasMelatonin() const { return kind == ModelKind::kStowe25; }
};

// Builds a typed model from named values (names as in the YAML files, e.g.
// "tau_x_h", "g", "alpha0_per_h"). Every parameter of the kind is required;
// unknown names are rejected, so a typo in the knowledge base cannot pass.
Result<Model> MakeModel(std::string id, std::string title, ModelKind kind,
                        const std::map<std::string, double>& values, std::vector<std::string> refs);

// The parameter names MakeModel requires for a kind, in file order.
std::vector<std::string_view> ParameterNames(ModelKind kind);

// Dose-safety limits for jet-lag melatonin that plans must respect.
struct JetLagDoseLimits {
  double min_dose_mg = 0;
  double max_dose_mg = 0;
  int max_days_per_course = 0;
  std::vector<std::string> refs;
};

}  // namespace pineal::circadian
