#include "pineal/pk/covariates.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pineal/core/text.h"

namespace pineal::pk {
namespace {

bool MatchesComedication(const kb::CovariateCondition& w, const std::string& name) {
  if (!w.comedication) return false;
  if (AsciiLower(TrimBlanks(*w.comedication)) == name) return true;
  return std::any_of(w.comedication_aliases.begin(), w.comedication_aliases.end(),
                     [&name](const std::string& a) { return AsciiLower(TrimBlanks(a)) == name; });
}

// True when every condition that is set holds for the patient.
bool Applies(const kb::CovariateCondition& w, const PatientCovariates& p,
             const std::vector<std::string>& comeds) {
  if (w.sex && (!p.sex || *p.sex != *w.sex)) return false;
  if (w.age_min_years && (!p.age_years || *p.age_years < *w.age_min_years)) return false;
  if (w.age_max_years && (!p.age_years || *p.age_years > *w.age_max_years)) return false;
  if (w.smoker && p.smoker != *w.smoker) return false;
  if (w.fed && p.fed != *w.fed) return false;
  if (w.hepatic_impairment && p.hepatic_impairment != *w.hepatic_impairment) return false;
  if (w.comedication) {
    return std::any_of(comeds.begin(), comeds.end(),
                       [&w](const std::string& c) { return MatchesComedication(w, c); });
  }
  return true;
}

bool ForFormulation(const kb::CovariateEffectSpec& c, const std::string& formulation) {
  return c.formulations.empty() || std::find(c.formulations.begin(), c.formulations.end(),
                                             formulation) != c.formulations.end();
}

double* ParamSlot(LinearPkParams& p, const std::string& name) {
  if (name == "cl") return &p.cl_l_per_h;
  if (name == "v1") return &p.v1_l;
  if (name == "q") return &p.q_l_per_h;
  if (name == "v2") return &p.v2_l;
  if (name == "ka") return &p.ka_per_h;
  if (name == "tlag") return &p.tlag_h;
  return nullptr;
}

Status ValidatePatient(const PatientCovariates& p) {
  if (p.age_years && !(*p.age_years >= 0 && *p.age_years <= 130)) {
    return Status::InvalidArgument("age must be between 0 and 130 years", "age_years");
  }
  if (p.weight_kg && !(*p.weight_kg >= 1 && *p.weight_kg <= 400)) {
    return Status::InvalidArgument("body weight must be between 1 and 400 kg", "weight_kg");
  }
  if (p.sex && *p.sex != "female" && *p.sex != "male" && *p.sex != "other") {
    return Status::InvalidArgument("sex must be female, male or other, not '" + *p.sex + "'",
                                   "sex");
  }
  return Status::Ok();
}

// Applies the exposure multipliers with the F <= 1 cap.
void ApplyExposure(const kb::PkModelSpec& model, std::vector<const kb::CovariateEffectSpec*> fx,
                   PopulationParams& out) {
  double requested = 1.0;
  std::string names;
  std::vector<std::string> refs;
  for (const auto* c : fx) {
    requested *= c->multiplier;
    names += (names.empty() ? "" : ", ") + fmt::format("{} x{:g}", c->label, c->multiplier);
    refs.insert(refs.end(), c->refs.begin(), c->refs.end());
    std::string range;
    if (c->multiplier_low && c->multiplier_high) {
      range = fmt::format(" (sources: x{:g} to x{:g})", *c->multiplier_low, *c->multiplier_high);
    }
    out.notes.push_back({CovariateNote::Kind::kApplied, c->id,
                         fmt::format("{}: exposure x{:g}{}", c->label, c->multiplier, range),
                         c->refs});
  }
  const double f = model.bioavailability.typical;
  double applied = requested;
  if (f * requested > 1.0) {
    applied = 1.0 / f;
    out.notes.push_back(
        {CovariateNote::Kind::kCapped, "bioavailability_cap",
         fmt::format("combined exposure x{:g} ({}) would need F = {:.3g} on the model's typical "
                     "F of {:g}; F cannot exceed 1, so the prediction uses x{:.3g}. The "
                     "published effect is larger than this model can represent: treat the "
                     "predicted exposure as a lower bound.",
                     requested, names, f * requested, f, applied),
         refs});
  }
  out.exposure_requested = requested;
  out.exposure_applied = applied;
  out.typical.f *= applied;
}

}  // namespace

const char* NoteKindName(CovariateNote::Kind kind) {
  switch (kind) {
    case CovariateNote::Kind::kApplied: return "applied";
    case CovariateNote::Kind::kCapped: return "capped";
    case CovariateNote::Kind::kFlag: return "flag";
    case CovariateNote::Kind::kNotModelled: return "not_modelled";
    case CovariateNote::Kind::kAssumption: return "assumption";
  }
  return "?";
}

Result<PopulationParams> Individualize(const kb::PkModelSpec& model,
                                       const std::string& formulation_id,
                                       const std::string& variant_id,
                                       const PatientCovariates& patient,
                                       std::optional<double> content_mg_per_g) {
  PINEAL_RETURN_IF_ERROR(ValidatePatient(patient));
  PopulationParams out;
  const kb::PkFormulationSpec* form = model.FindFormulation(formulation_id);
  if (form == nullptr) {
    std::string allowed;
    for (const auto& f : model.formulations) allowed += (allowed.empty() ? "" : ", ") + f.id;
    return Status::InvalidArgument(fmt::format("formulation '{}' is not defined for {}; "
                                               "allowed: {}",
                                               formulation_id, model.substance, allowed),
                                   "formulation");
  }
  switch (form->input) {
    case kb::PkInput::kFirstOrder: out.route = Route::kOral; break;
    case kb::PkInput::kZeroOrder: out.route = Route::kOralZeroOrder; break;
    case kb::PkInput::kDualFirstOrder: out.route = Route::kOralDualFirstOrder; break;
  }
  out.zero_order_duration_h = form->duration_h;
  out.fast_fraction = form->input == kb::PkInput::kDualFirstOrder ? form->fast_fraction : 1.0;

  LinearPkParams& p = out.typical;
  p.compartments = model.structure == kb::PkStructure::kTwoCompartment ? 2 : 1;
  p.tlag_h = 0.0;
  for (const auto& spec : model.parameters) {
    *ParamSlot(p, spec.name) = spec.typical;
  }
  if (!variant_id.empty()) {
    const kb::PkVariantSpec* v = model.FindVariant(variant_id);
    if (v == nullptr) {
      return Status::InvalidArgument(
          fmt::format("variant '{}' is not defined for {}", variant_id, model.substance),
          "variant");
    }
    for (const auto& [name, value] : v->overrides) *ParamSlot(p, name) = value;
    out.notes.push_back({CovariateNote::Kind::kApplied, v->id, v->label, v->refs});
  }
  if (form->input == kb::PkInput::kDualFirstOrder) p.ka_slow_per_h = form->ka_slow_per_h;
  // Food changes how the tablet releases (lag, absorption rate), not the
  // disposition, so it comes after any variant of the typical values.
  bool food_modelled = false;
  if (patient.fed && form->fed) {
    std::string values;
    for (const auto& [name, value] : form->fed->overrides) {
      *ParamSlot(p, name) = value;
      values += fmt::format("{}{} {:g}", values.empty() ? "" : ", ", name, value);
    }
    out.notes.push_back({CovariateNote::Kind::kApplied, "food",
                         fmt::format("{} taken with food: {}", form->label, values),
                         form->fed->refs});
    food_modelled = true;
  }
  for (const auto& spec : model.parameters) {
    ParameterOmegas& o = out.omega;
    double* slot = spec.name == "cl"   ? &o.cl
                   : spec.name == "v1" ? &o.v1
                   : spec.name == "q"  ? &o.q
                   : spec.name == "v2" ? &o.v2
                   : spec.name == "ka" ? &o.ka
                                       : &o.tlag;
    *slot = spec.bsv.omega;
  }

  std::vector<std::string> comeds;
  for (const auto& c : patient.comedications) comeds.push_back(AsciiLower(TrimBlanks(c)));
  std::vector<bool> comed_used(comeds.size(), false);
  std::vector<const kb::CovariateEffectSpec*> exposure;
  bool weight_modelled = false;
  for (const auto& c : model.covariates) {
    if (c.kind == kb::CovariateKind::kWeightPower) {
      weight_modelled = true;
      if (!patient.weight_kg) continue;
      const double ratio = *patient.weight_kg / model.reference_weight_kg;
      for (const auto& w : c.weight_exponents) {
        *ParamSlot(p, w.parameter) *= std::pow(ratio, w.exponent);
      }
      out.notes.push_back({CovariateNote::Kind::kApplied, c.id,
                           fmt::format("{} {:g} kg (reference {:g} kg)", c.label,
                                       *patient.weight_kg, model.reference_weight_kg),
                           c.refs});
      continue;
    }
    if (!ForFormulation(c, formulation_id) || !Applies(c.when, patient, comeds)) continue;
    for (std::size_t i = 0; i < comeds.size(); ++i) {
      if (MatchesComedication(c.when, comeds[i])) comed_used[i] = true;
    }
    if (c.kind == kb::CovariateKind::kFlag) {
      out.notes.push_back({CovariateNote::Kind::kFlag, c.id, c.message, c.refs});
    } else {
      exposure.push_back(&c);
    }
    food_modelled = food_modelled || c.when.fed.value_or(false);
  }
  if (patient.fed && !food_modelled) {
    out.notes.push_back(
        {CovariateNote::Kind::kNotModelled,
         "food",
         fmt::format("taken with food: no food effect is modelled for {} {}; fasted values are "
                     "used",
                     model.substance, form->label),
         {}});
  }
  ApplyExposure(model, exposure, out);
  for (std::size_t i = 0; i < comeds.size(); ++i) {
    if (comed_used[i]) continue;
    out.notes.push_back(
        {CovariateNote::Kind::kNotModelled,
         "comedication",
         fmt::format("'{}' has no exposure effect in the {} PK model (interactions are screened "
                     "separately)",
                     patient.comedications[i], model.analyte),
         {}});
  }
  if (patient.weight_kg && !weight_modelled) {
    out.notes.push_back({CovariateNote::Kind::kNotModelled,
                         "body_weight",
                         fmt::format("no body-weight effect is modelled for {} (no published "
                                     "covariate data); typical adult values are used",
                                     model.analyte),
                         {}});
  }
  if (!patient.weight_kg && weight_modelled) {
    out.notes.push_back(
        {CovariateNote::Kind::kAssumption,
         "body_weight",
         fmt::format("body weight not given: {:g} kg assumed", model.reference_weight_kg),
         {}});
  }

  if (model.product_content) {
    const auto& pc = *model.product_content;
    const double content = content_mg_per_g.value_or(pc.default_mg_per_g);
    if (!(content > 0 && content <= 1000)) {
      return Status::InvalidArgument(
          "product content must be more than 0 and at most "
          "1000 mg/g",
          "content");
    }
    out.content_mg_per_g = content;
    out.dose_scale = content / 1000.0;
    out.omega.dose = pc.uncertainty.omega;
    if (!content_mg_per_g) {
      out.notes.push_back({CovariateNote::Kind::kAssumption, "product_content",
                           fmt::format("{} content not given: {:g} mg/g assumed (leaf products "
                                       "{:g}-{:g} mg/g)",
                                       model.analyte, content, pc.low_mg_per_g, pc.high_mg_per_g),
                           pc.refs});
    } else if (content < pc.low_mg_per_g || content > pc.high_mg_per_g) {
      out.notes.push_back({CovariateNote::Kind::kFlag, "product_content",
                           fmt::format("{:g} mg/g is outside the leaf range {:g}-{:g} mg/g "
                                       "(an extract?); potency is uncertain",
                                       content, pc.low_mg_per_g, pc.high_mg_per_g),
                           pc.refs});
    }
  } else if (content_mg_per_g) {
    return Status::InvalidArgument(
        fmt::format("a product content applies only to leaf products; {} doses are given as "
                    "mg of {}",
                    model.substance, model.analyte),
        "content");
  }
  PINEAL_RETURN_IF_ERROR(ValidateParams(p));
  return out;
}

LinearPkParams SampleSubject(const PopulationParams& pop, SubjectRng& rng, double& dose_scale) {
  LinearPkParams p = pop.typical;
  const ParameterOmegas& o = pop.omega;
  p.cl_l_per_h *= std::exp(o.cl * rng.NextNormal());
  p.v1_l *= std::exp(o.v1 * rng.NextNormal());
  p.q_l_per_h *= std::exp(o.q * rng.NextNormal());
  p.v2_l *= std::exp(o.v2 * rng.NextNormal());
  p.ka_per_h *= std::exp(o.ka * rng.NextNormal());
  p.tlag_h *= std::exp(o.tlag * rng.NextNormal());
  dose_scale = pop.dose_scale * std::exp(o.dose * rng.NextNormal());
  return p;
}

}  // namespace pineal::pk
