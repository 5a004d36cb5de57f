#include "pineal/kb/pk_model_yaml.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include "pineal/core/quantity.h"

namespace pineal::kb::internal {

Status YamlReader::Error(const std::string& at, const std::string& what) const {
  return Status::InvalidArgument(source + ": " + (at.empty() ? "" : at + ": ") + what, at);
}

std::string YamlReader::Join(const std::string& at, const std::string& key) {
  return at.empty() ? key : at + "." + key;
}

Status YamlReader::OnlyKeys(const YAML::Node& n, const std::string& at,
                            std::initializer_list<const char*> keys) const {
  if (!n.IsMap()) return Error(at, "must be a mapping");
  for (const auto& kv : n) {
    const std::string k = kv.first.as<std::string>();
    if (std::none_of(keys.begin(), keys.end(), [&k](const char* a) { return k == a; })) {
      std::string allowed;
      for (const char* a : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(a);
      return Error(Join(at, k), "unknown key; allowed here: " + allowed);
    }
  }
  return Status::Ok();
}

Status YamlReader::String(const YAML::Node& n, const char* key, const std::string& at,
                          std::string& out) const {
  const YAML::Node v = n[key];
  if (!v || !v.IsScalar() || v.as<std::string>().empty()) {
    return Error(Join(at, key), "is required and must be a non-empty text");
  }
  out = v.as<std::string>();
  return Status::Ok();
}

Status YamlReader::OptString(const YAML::Node& n, const char* key, const std::string& at,
                             std::string& out) const {
  return n[key] ? String(n, key, at, out) : Status::Ok();
}

Status YamlReader::Number(const YAML::Node& n, const std::string& key, const std::string& at,
                          double& out) const {
  const YAML::Node v = n[key];
  double d = 0;
  if (!v || !v.IsScalar() || !YAML::convert<double>::decode(v, d) || !std::isfinite(d)) {
    return Error(Join(at, key), "is required and must be a finite number");
  }
  out = d;
  return Status::Ok();
}

Status YamlReader::OptNumber(const YAML::Node& n, const char* key, const std::string& at,
                             std::optional<double>& out) const {
  if (!n[key]) return Status::Ok();
  double d = 0;
  PINEAL_RETURN_IF_ERROR(Number(n, key, at, d));
  out = d;
  return Status::Ok();
}

Status YamlReader::Refs(const YAML::Node& n, const std::string& at, std::vector<std::string>& out,
                        bool required) const {
  const YAML::Node v = n["refs"];
  if (!v && !required) return Status::Ok();
  if (!v || !v.IsSequence() || v.size() == 0) {
    return Error(Join(at, "refs"), "must list at least one reference id");
  }
  for (const auto& id : v) out.push_back(id.as<std::string>());
  return Status::Ok();
}

Status YamlReader::Variability(const YAML::Node& n, const std::string& at,
                               PkVariability& out) const {
  PINEAL_RETURN_IF_ERROR(
      OnlyKeys(n, at, {"cv_percent", "omega", "cv_low_percent", "cv_high_percent"}));
  if (static_cast<bool>(n["cv_percent"]) == static_cast<bool>(n["omega"])) {
    return Error(at, "give exactly one of cv_percent and omega");
  }
  if (n["cv_percent"]) {
    PINEAL_RETURN_IF_ERROR(Number(n, "cv_percent", at, out.cv_percent));
    if (out.cv_percent < 0 || out.cv_percent > 1000) {
      return Error(Join(at, "cv_percent"), "must be within 0..1000");
    }
    const double cv = out.cv_percent / 100.0;
    out.omega = std::sqrt(std::log1p(cv * cv));
  } else {
    PINEAL_RETURN_IF_ERROR(Number(n, "omega", at, out.omega));
    if (out.omega < 0 || out.omega > 3) return Error(Join(at, "omega"), "must be within 0..3");
    out.cv_percent = 100.0 * std::sqrt(std::expm1(out.omega * out.omega));
  }
  PINEAL_RETURN_IF_ERROR(OptNumber(n, "cv_low_percent", at, out.cv_low_percent));
  PINEAL_RETURN_IF_ERROR(OptNumber(n, "cv_high_percent", at, out.cv_high_percent));
  if ((out.cv_low_percent && *out.cv_low_percent > out.cv_percent) ||
      (out.cv_high_percent && *out.cv_high_percent < out.cv_percent)) {
    return Error(at, "cv_low_percent <= cv_percent <= cv_high_percent must hold");
  }
  return Status::Ok();
}

Status YamlReader::ConcentrationValue(const YAML::Node& n, const std::string& at,
                                      double& out) const {
  PINEAL_RETURN_IF_ERROR(OnlyKeys(n, at, {"value", "unit"}));
  double value = 0;
  std::string unit;
  PINEAL_RETURN_IF_ERROR(Number(n, "value", at, value));
  PINEAL_RETURN_IF_ERROR(String(n, "unit", at, unit));
  const auto q = Concentration::Make(value, unit);
  if (!q.ok()) return Error(at, q.status().message());
  out = q->base();
  return Status::Ok();
}

Status YamlReader::Bioavailability(const YAML::Node& n, BioavailabilitySpec& out) const {
  const std::string at = "bioavailability";
  if (!n) return Error(at, "is required (use typical: 1.0 when unknown, and say so)");
  PINEAL_RETURN_IF_ERROR(OnlyKeys(n, at, {"typical", "bsv", "refs", "note"}));
  PINEAL_RETURN_IF_ERROR(Number(n, "typical", at, out.typical));
  if (!(out.typical > 0 && out.typical <= 1)) return Error(at + ".typical", "must be in (0, 1]");
  if (n["bsv"]) PINEAL_RETURN_IF_ERROR(Variability(n["bsv"], at + ".bsv", out.bsv));
  PINEAL_RETURN_IF_ERROR(Refs(n, at, out.refs, /*required=*/true));
  return OptString(n, "note", at, out.note);
}

Status YamlReader::Condition(const YAML::Node& n, const std::string& at,
                             CovariateCondition& c) const {
  PINEAL_RETURN_IF_ERROR(OnlyKeys(n, at,
                                  {"sex", "age_min_years", "age_max_years", "smoker", "fed",
                                   "hepatic_impairment", "comedication", "aliases"}));
  if (n.size() == 0) return Error(at, "needs at least one condition");
  if (n["sex"]) {
    c.sex = n["sex"].as<std::string>();
    if (*c.sex != "female" && *c.sex != "male") return Error(at + ".sex", "female or male");
  }
  PINEAL_RETURN_IF_ERROR(OptNumber(n, "age_min_years", at, c.age_min_years));
  PINEAL_RETURN_IF_ERROR(OptNumber(n, "age_max_years", at, c.age_max_years));
  for (const char* key : {"smoker", "fed", "hepatic_impairment"}) {
    bool b = false;
    if (n[key] && !YAML::convert<bool>::decode(n[key], b)) {
      return Error(Join(at, key), "must be true or false");
    }
  }
  if (n["smoker"]) c.smoker = n["smoker"].as<bool>();
  if (n["fed"]) c.fed = n["fed"].as<bool>();
  if (n["hepatic_impairment"]) c.hepatic_impairment = n["hepatic_impairment"].as<bool>();
  if (n["comedication"]) c.comedication = n["comedication"].as<std::string>();
  if (n["aliases"]) {
    if (!c.comedication) return Error(at + ".aliases", "only with comedication");
    for (const auto& a : n["aliases"]) c.comedication_aliases.push_back(a.as<std::string>());
  }
  return Status::Ok();
}

Status YamlReader::Covariate(const YAML::Node& n, const std::string& at0, const PkModelSpec& m,
                             CovariateEffectSpec& c) const {
  PINEAL_RETURN_IF_ERROR(
      OnlyKeys(n, at0,
               {"id", "label", "kind", "when", "formulations", "multiplier", "multiplier_low",
                "multiplier_high", "exponents", "message", "refs", "note"}));
  PINEAL_RETURN_IF_ERROR(String(n, "id", at0, c.id));
  const std::string at = at0 + " (" + c.id + ")";
  PINEAL_RETURN_IF_ERROR(String(n, "label", at, c.label));
  std::string kind;
  PINEAL_RETURN_IF_ERROR(String(n, "kind", at, kind));
  if (kind == "exposure_multiplier") {
    c.kind = CovariateKind::kExposureMultiplier;
    PINEAL_RETURN_IF_ERROR(Number(n, "multiplier", at, c.multiplier));
    PINEAL_RETURN_IF_ERROR(OptNumber(n, "multiplier_low", at, c.multiplier_low));
    PINEAL_RETURN_IF_ERROR(OptNumber(n, "multiplier_high", at, c.multiplier_high));
    if (!(c.multiplier > 0)) return Error(at + ".multiplier", "must be > 0");
    if ((c.multiplier_low && *c.multiplier_low > c.multiplier) ||
        (c.multiplier_high && *c.multiplier_high < c.multiplier)) {
      return Error(at, "multiplier_low <= multiplier <= multiplier_high must hold");
    }
  } else if (kind == "flag") {
    c.kind = CovariateKind::kFlag;
    PINEAL_RETURN_IF_ERROR(String(n, "message", at, c.message));
  } else if (kind == "weight_power") {
    c.kind = CovariateKind::kWeightPower;
    const YAML::Node e = n["exponents"];
    if (!e || !e.IsMap() || e.size() == 0) return Error(at + ".exponents", "is required");
    for (const auto& kv : e) {
      WeightExponent w{kv.first.as<std::string>(), 0.0};
      if (m.FindParameter(w.parameter) == nullptr) {
        return Error(at + ".exponents." + w.parameter, "is not a parameter of this model");
      }
      PINEAL_RETURN_IF_ERROR(Number(e, w.parameter, at + ".exponents", w.exponent));
      c.weight_exponents.push_back(w);
    }
  } else {
    return Error(at + ".kind",
                 "is '" + kind + "'; allowed: exposure_multiplier, flag, weight_power");
  }
  if (c.kind != CovariateKind::kWeightPower) {
    if (!n["when"]) return Error(at + ".when", "is required");
    PINEAL_RETURN_IF_ERROR(Condition(n["when"], at + ".when", c.when));
  }
  if (n["formulations"]) {
    for (const auto& f : n["formulations"]) {
      c.formulations.push_back(f.as<std::string>());
      if (m.FindFormulation(c.formulations.back()) == nullptr) {
        return Error(at + ".formulations", "'" + c.formulations.back() + "' is not defined");
      }
    }
  }
  PINEAL_RETURN_IF_ERROR(Refs(n, at, c.refs, /*required=*/true));
  return OptString(n, "note", at, c.note);
}

Status YamlReader::Covariates(const YAML::Node& n, PkModelSpec& m) const {
  if (!n) return Status::Ok();
  if (!n.IsSequence()) return Error("covariates", "must be a list");
  for (std::size_t i = 0; i < n.size(); ++i) {
    CovariateEffectSpec c;
    PINEAL_RETURN_IF_ERROR(Covariate(n[i], "covariates[" + std::to_string(i) + "]", m, c));
    for (const auto& other : m.covariates) {
      if (other.id == c.id) return Error("covariates", "'" + c.id + "' is defined twice");
    }
    m.covariates.push_back(std::move(c));
  }
  return Status::Ok();
}

Status YamlReader::ProductContent(const YAML::Node& n, ProductContentSpec& out) const {
  const std::string at = "product_content";
  PINEAL_RETURN_IF_ERROR(OnlyKeys(
      n, at, {"default_mg_per_g", "low_mg_per_g", "high_mg_per_g", "uncertainty", "refs", "note"}));
  PINEAL_RETURN_IF_ERROR(Number(n, "default_mg_per_g", at, out.default_mg_per_g));
  PINEAL_RETURN_IF_ERROR(Number(n, "low_mg_per_g", at, out.low_mg_per_g));
  PINEAL_RETURN_IF_ERROR(Number(n, "high_mg_per_g", at, out.high_mg_per_g));
  if (!(out.low_mg_per_g > 0 && out.low_mg_per_g <= out.default_mg_per_g &&
        out.default_mg_per_g <= out.high_mg_per_g && out.high_mg_per_g <= 1000)) {
    return Error(at, "0 < low <= default <= high <= 1000 mg/g must hold");
  }
  if (!n["uncertainty"]) return Error(at + ".uncertainty", "is required");
  PINEAL_RETURN_IF_ERROR(Variability(n["uncertainty"], at + ".uncertainty", out.uncertainty));
  PINEAL_RETURN_IF_ERROR(Refs(n, at, out.refs, /*required=*/true));
  return OptString(n, "note", at, out.note);
}

Status YamlReader::Endogenous(const YAML::Node& n, EndogenousSpec& out) const {
  const std::string at = "endogenous";
  PINEAL_RETURN_IF_ERROR(
      OnlyKeys(n, at, {"day", "day_refs", "nocturnal_peak_by_age", "peak_refs", "note"}));
  if (!n["day"]) return Error(at + ".day", "is required");
  PINEAL_RETURN_IF_ERROR(ConcentrationValue(n["day"], at + ".day", out.day_mg_per_l));
  const YAML::Node bands = n["nocturnal_peak_by_age"];
  if (!bands || !bands.IsSequence() || bands.size() == 0) {
    return Error(at + ".nocturnal_peak_by_age", "must be a non-empty list");
  }
  for (std::size_t i = 0; i < bands.size(); ++i) {
    const std::string b_at = at + ".nocturnal_peak_by_age[" + std::to_string(i) + "]";
    const YAML::Node b = bands[i];
    PINEAL_RETURN_IF_ERROR(OnlyKeys(b, b_at, {"age_min_years", "age_max_years", "peak", "sd"}));
    EndogenousAgeBand band;
    PINEAL_RETURN_IF_ERROR(Number(b, "age_min_years", b_at, band.age_min_years));
    PINEAL_RETURN_IF_ERROR(Number(b, "age_max_years", b_at, band.age_max_years));
    if (!b["peak"] || !b["sd"]) return Error(b_at, "peak and sd are required");
    PINEAL_RETURN_IF_ERROR(ConcentrationValue(b["peak"], b_at + ".peak", band.peak_mg_per_l));
    PINEAL_RETURN_IF_ERROR(ConcentrationValue(b["sd"], b_at + ".sd", band.sd_mg_per_l));
    const bool ordered = out.nocturnal_peak_by_age.empty() ||
                         out.nocturnal_peak_by_age.back().age_max_years < band.age_min_years;
    if (band.age_min_years > band.age_max_years || !ordered) {
      return Error(b_at, "age bands must be ordered and must not overlap");
    }
    out.nocturnal_peak_by_age.push_back(band);
  }
  const YAML::Node day_refs = n["day_refs"];
  const YAML::Node peak_refs = n["peak_refs"];
  if (!day_refs || !peak_refs || day_refs.size() == 0 || peak_refs.size() == 0) {
    return Error(at, "day_refs and peak_refs must list reference ids");
  }
  for (const auto& id : day_refs) out.day_refs.push_back(id.as<std::string>());
  for (const auto& id : peak_refs) out.peak_refs.push_back(id.as<std::string>());
  return OptString(n, "note", at, out.note);
}

Status YamlReader::References(const YAML::Node& root, std::vector<PkReference>& out) const {
  if (!root.IsMap() || !root["references"] || !root["references"].IsSequence()) {
    return Error("references", "the document must hold a 'references' list");
  }
  const YAML::Node list = root["references"];
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = "references[" + std::to_string(i) + "]";
    const YAML::Node n = list[i];
    PINEAL_RETURN_IF_ERROR(
        OnlyKeys(n, at, {"id", "authors", "year", "title", "journal", "pmid", "doi", "note"}));
    PkReference ref;
    PINEAL_RETURN_IF_ERROR(String(n, "id", at, ref.id));
    const std::string here = at + " (" + ref.id + ")";
    for (char ch : ref.id) {
      if (!(std::islower(static_cast<unsigned char>(ch)) ||
            std::isdigit(static_cast<unsigned char>(ch)) || ch == '_')) {
        return Error(here + ".id", "use lower-case letters, digits and '_' only");
      }
    }
    for (const auto& other : out) {
      if (other.id == ref.id) return Error(here, "id defined twice");
    }
    PINEAL_RETURN_IF_ERROR(String(n, "authors", here, ref.authors));
    double year = 0;
    PINEAL_RETURN_IF_ERROR(Number(n, "year", here, year));
    if (year != 0 && (year < 1900 || year > 2100 || year != std::floor(year))) {
      return Error(here + ".year", "must be a year, or 0 when the source states none");
    }
    ref.year = static_cast<int>(year);
    PINEAL_RETURN_IF_ERROR(OptString(n, "title", here, ref.title));
    PINEAL_RETURN_IF_ERROR(String(n, "journal", here, ref.journal));
    PINEAL_RETURN_IF_ERROR(OptString(n, "pmid", here, ref.pmid));
    PINEAL_RETURN_IF_ERROR(OptString(n, "doi", here, ref.doi));
    PINEAL_RETURN_IF_ERROR(OptString(n, "note", here, ref.note));
    out.push_back(std::move(ref));
  }
  return Status::Ok();
}

}  // namespace pineal::kb::internal
