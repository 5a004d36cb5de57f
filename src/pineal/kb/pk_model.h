// Population pharmacokinetic model specifications: plain data loaded from
// knowledge/pk/*.yaml by pk_model_loader. The pk engine consumes these structs;
// every number carries the reference ids it rests on.
//
// Internal units: h, mg, L (so clearances in L/h, rate constants in 1/h and
// concentrations in mg/L). Display units are only named here.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pineal::kb {

// Between-subject variability of a log-normal parameter. Sources state it as
// a CV% or as omega (SD of the log); the loader keeps both consistent:
// omega^2 = ln(1 + CV^2).
struct PkVariability {
  double omega = 0.0;       // SD of log(parameter); 0 means no variability
  double cv_percent = 0.0;  // the same spread as a coefficient of variation
  // Where sources give a range of CVs, the range (the value used is `cv_percent`).
  std::optional<double> cv_low_percent;
  std::optional<double> cv_high_percent;
};

// One structural parameter with its typical value (70 kg adult unless noted).
struct PkParameterSpec {
  std::string name;  // "cl", "v1", "q", "v2", "ka", "tlag"
  double typical = 0.0;
  std::string unit;  // "L/h", "L", "1/h", "h"
  PkVariability bsv;
  std::vector<std::string> refs;
  std::string note;
};

enum class PkStructure { kOneCompartment, kTwoCompartment };

enum class PkInput {
  kFirstOrder,      // oral dose into a depot, absorbed with ka after tlag
  kZeroOrder,       // released at a constant rate over `duration_h` after tlag
  kDualFirstOrder,  // `fast_fraction` absorbed with ka, the rest with
                    // `ka_slow_per_h`, both after tlag
};

// Typical parameter values that replace the model's when the dose is taken
// with food (a prolonged-release tablet's lag and absorption rate).
struct PkFedSpec {
  std::vector<std::pair<std::string, double>> overrides;  // parameter name -> typical
  std::vector<std::string> refs;
  std::string note;
};

struct PkFormulationSpec {
  std::string id;     // "ir", "pr", "leaf"
  std::string label;  // "immediate release"
  PkInput input = PkInput::kFirstOrder;
  double duration_h = 0.0;     // zero-order release time
  double fast_fraction = 1.0;  // dual first-order: share absorbed with ka
  double ka_slow_per_h = 0.0;  // dual first-order: rate of the rest
  std::optional<PkFedSpec> fed;
  std::vector<std::string> refs;
  std::string note;
};

enum class CovariateKind {
  kExposureMultiplier,  // divides CL/F and V/F alike (a change in F)
  kFlag,                // reported, not modelled
  kWeightPower,         // parameter * (weight / reference weight)^exponent
};

// When a covariate applies. Unset fields are not checked; all set ones must hold.
struct CovariateCondition {
  std::optional<std::string> sex;  // "female" | "male"
  std::optional<double> age_min_years;
  std::optional<double> age_max_years;
  std::optional<bool> smoker;
  std::optional<bool> fed;
  std::optional<bool> hepatic_impairment;
  std::optional<std::string> comedication;  // canonical id, e.g. "fluvoxamine"
  std::vector<std::string> comedication_aliases;
};

struct WeightExponent {
  std::string parameter;  // "cl", "v1", ...
  double exponent = 1.0;
};

struct CovariateEffectSpec {
  std::string id;
  std::string label;
  CovariateKind kind = CovariateKind::kExposureMultiplier;
  CovariateCondition when;
  std::vector<std::string> formulations;  // empty: all formulations
  double multiplier = 1.0;                // kExposureMultiplier
  std::optional<double> multiplier_low;   // range where sources disagree
  std::optional<double> multiplier_high;
  std::vector<WeightExponent> weight_exponents;  // kWeightPower
  std::string message;                           // kFlag: what to tell the clinician
  std::vector<std::string> refs;
  std::string note;
};

// Oral bioavailability behind the apparent CL/F and V/F. It is not sampled
// (its spread is inside the BSV of CL/F and V/F); it bounds exposure
// multipliers, because F cannot exceed 1.
struct BioavailabilitySpec {
  double typical = 1.0;
  PkVariability bsv;
  std::vector<std::string> refs;
  std::string note;
};

// Dose = grams of product x mg analyte per gram (kratom leaf).
struct ProductContentSpec {
  double default_mg_per_g = 0.0;
  double low_mg_per_g = 0.0;  // range of products seen
  double high_mg_per_g = 0.0;
  PkVariability uncertainty;  // log-normal, applied to each simulated subject
  std::vector<std::string> refs;
  std::string note;
};

// Endogenous plasma level of the analyte (melatonin), for ratio metrics.
struct EndogenousAgeBand {
  double age_min_years = 0.0;
  double age_max_years = 0.0;
  double peak_mg_per_l = 0.0;
  double sd_mg_per_l = 0.0;
};
struct EndogenousSpec {
  double day_mg_per_l = 0.0;
  std::vector<std::string> day_refs;
  std::vector<EndogenousAgeBand> nocturnal_peak_by_age;  // sorted by age
  std::vector<std::string> peak_refs;
  std::string note;
};

// A named alternative parameter set (a published calibration or a sensitivity case).
struct PkVariantSpec {
  std::string id;
  std::string label;
  std::vector<std::pair<std::string, double>> overrides;  // parameter name -> typical
  std::vector<std::string> refs;
  std::string note;
};

struct PkModelSpec {
  std::string id;                   // "melatonin"
  std::string substance;            // what the patient takes
  std::string analyte;              // what is measured in plasma
  std::string display_unit;         // "pg/mL" or "ng/mL"
  double display_per_mg_per_l = 1;  // 1 mg/L = 1e6 pg/mL = 1e3 ng/mL
  std::optional<double> molar_mass_g_per_mol;
  PkStructure structure = PkStructure::kOneCompartment;
  double reference_weight_kg = 70.0;
  std::vector<PkParameterSpec> parameters;
  BioavailabilitySpec bioavailability;
  std::vector<PkFormulationSpec> formulations;
  std::vector<CovariateEffectSpec> covariates;
  std::optional<ProductContentSpec> product_content;
  std::optional<EndogenousSpec> endogenous;
  std::vector<PkVariantSpec> variants;
  std::vector<std::string> refs;
  std::string source_file;  // for messages

  const PkParameterSpec* FindParameter(const std::string& name) const {
    for (const auto& p : parameters) {
      if (p.name == name) return &p;
    }
    return nullptr;
  }
  const PkFormulationSpec* FindFormulation(const std::string& formulation_id) const {
    for (const auto& f : formulations) {
      if (f.id == formulation_id) return &f;
    }
    return nullptr;
  }
  const PkVariantSpec* FindVariant(const std::string& variant_id) const {
    for (const auto& v : variants) {
      if (v.id == variant_id) return &v;
    }
    return nullptr;
  }
};

// One bibliographic entry of knowledge/pk/references.yaml.
struct PkReference {
  std::string id;  // "andersen2016_bmc"
  std::string authors;
  int year = 0;  // 0 when the source gives none (labels, web pages)
  std::string title;
  std::string journal;
  std::string pmid;
  std::string doi;
  std::string note;
};

struct PkCatalog {
  std::vector<PkModelSpec> models;
  std::vector<PkReference> references;

  const PkModelSpec* FindModel(const std::string& model_id) const {
    for (const auto& m : models) {
      if (m.id == model_id) return &m;
    }
    return nullptr;
  }
};

}  // namespace pineal::kb
