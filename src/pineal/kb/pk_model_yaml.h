// Internal to the PK model loader: reads typed, validated fields from YAML
// nodes. Every error names the file and the entry ("parameters[2] (ka).unit").
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "pineal/core/status.h"
#include "pineal/kb/pk_model.h"

namespace pineal::kb::internal {

struct YamlReader {
  std::string source;

  Status Error(const std::string& at, const std::string& what) const;
  static std::string Join(const std::string& at, const std::string& key);
  // Rejects keys not in `keys` (catches typos in the knowledge base).
  Status OnlyKeys(const YAML::Node& n, const std::string& at,
                  std::initializer_list<const char*> keys) const;
  Status String(const YAML::Node& n, const char* key, const std::string& at,
                std::string& out) const;
  Status OptString(const YAML::Node& n, const char* key, const std::string& at,
                   std::string& out) const;
  Status Number(const YAML::Node& n, const std::string& key, const std::string& at,
                double& out) const;
  Status OptNumber(const YAML::Node& n, const char* key, const std::string& at,
                   std::optional<double>& out) const;
  Status Refs(const YAML::Node& n, const std::string& at, std::vector<std::string>& out,
              bool required) const;
  // {cv_percent: 80} or {omega: 0.5}, optionally with cv_low_percent/cv_high_percent.
  Status Variability(const YAML::Node& n, const std::string& at, PkVariability& out) const;
  // {value: 10, unit: pg/mL} -> mg/L.
  Status ConcentrationValue(const YAML::Node& n, const std::string& at, double& out) const;
  Status Bioavailability(const YAML::Node& n, BioavailabilitySpec& out) const;
  Status Condition(const YAML::Node& n, const std::string& at, CovariateCondition& c) const;
  Status Covariate(const YAML::Node& n, const std::string& at0, const PkModelSpec& m,
                   CovariateEffectSpec& c) const;
  Status Covariates(const YAML::Node& n, PkModelSpec& m) const;
  Status ProductContent(const YAML::Node& n, ProductContentSpec& out) const;
  Status Endogenous(const YAML::Node& n, EndogenousSpec& out) const;
  Status References(const YAML::Node& root, std::vector<PkReference>& out) const;
};

}  // namespace pineal::kb::internal
