// From a population model spec and a patient's covariates to the typical
// individual parameters and their between-subject variability. A formulation's
// input type sets the route (and its fast fraction and ka_slow); its fed-state
// values replace the typical lag and absorption rate when the dose is taken
// with food. Exposure
// multipliers (CYP1A2 inhibitors, sex, age, food, smoking) change F: they
// scale oral doses, which for a linear model is the same as dividing CL/F and
// V/F alike. F cannot exceed 1, so a product of multipliers that would need
// F > 1 is capped there and REPORTED, never silently dropped.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/pk_model.h"
#include "pineal/pk/dosing.h"
#include "pineal/pk/linear_model.h"
#include "pineal/pk/rng.h"

namespace pineal::pk {

struct PatientCovariates {
  std::optional<double> age_years;
  std::optional<double> weight_kg;
  std::optional<std::string> sex;  // "female", "male" or "other"
  bool smoker = false;
  bool fed = false;  // dose taken with food
  bool hepatic_impairment = false;
  std::vector<std::string> comedications;
};

struct CovariateNote {
  enum class Kind {
    kApplied,      // an effect changed the prediction
    kCapped,       // an effect larger than the model can represent
    kFlag,         // a condition the model cannot quantify
    kNotModelled,  // an input with no effect in this model
    kAssumption,   // a default used in place of a missing input
  };
  Kind kind = Kind::kApplied;
  std::string id;
  std::string message;
  std::vector<std::string> refs;
};
const char* NoteKindName(CovariateNote::Kind kind);

// Log-normal SDs of the sampled parameters; 0 means fixed.
struct ParameterOmegas {
  double cl = 0, v1 = 0, q = 0, v2 = 0, ka = 0, tlag = 0;
  double dose = 0;  // product content uncertainty
};

struct PopulationParams {
  LinearPkParams typical;  // variant, covariates and exposure applied
  ParameterOmegas omega;
  double dose_scale = 1.0;  // mg analyte per mg of dose as written
  std::optional<double> content_mg_per_g;
  Route route = Route::kOral;
  double zero_order_duration_h = 0.0;
  double fast_fraction = 1.0;       // dual first-order route: share absorbed with ka
  double exposure_requested = 1.0;  // product of the multipliers that apply
  double exposure_applied = 1.0;    // after the F <= 1 cap
  std::vector<CovariateNote> notes;
};

// Validates the patient (age, weight, sex) and builds the parameters.
Result<PopulationParams> Individualize(const kb::PkModelSpec& model,
                                       const std::string& formulation_id,
                                       const std::string& variant_id,
                                       const PatientCovariates& patient,
                                       std::optional<double> content_mg_per_g);

// One simulated subject: etas in a fixed order (cl, v1, q, v2, ka, tlag,
// dose), so the stream is the same whichever omegas are 0.
LinearPkParams SampleSubject(const PopulationParams& pop, SubjectRng& rng, double& dose_scale);

}  // namespace pineal::pk
