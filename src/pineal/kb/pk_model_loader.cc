#include "pineal/kb/pk_model_loader.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <optional>
#include <set>
#include <sstream>

#include "pineal/core/paths.h"
#include "pineal/core/quantity.h"
#include "pineal/kb/pk_model_yaml.h"

namespace pineal::kb {
namespace {

using internal::YamlReader;

struct ParamRule {
  const char* name;
  const char* unit;
  bool zero_allowed;
};
constexpr ParamRule kParamRules[] = {
    {"cl", "L/h", false}, {"v1", "L", false},   {"q", "L/h", false},
    {"v2", "L", false},   {"ka", "1/h", false}, {"tlag", "h", true},
};

const ParamRule* FindRule(const std::string& name) {
  for (const auto& r : kParamRules) {
    if (name == r.name) return &r;
  }
  return nullptr;
}

Status ParseParameters(YamlReader& r, const YAML::Node& node, PkModelSpec& m) {
  if (!node || !node.IsSequence() || node.size() == 0) {
    return r.Error("parameters", "must be a non-empty list");
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string at = "parameters[" + std::to_string(i) + "]";
    const YAML::Node p = node[i];
    PINEAL_RETURN_IF_ERROR(r.OnlyKeys(p, at, {"name", "value", "unit", "bsv", "refs", "note"}));
    PkParameterSpec spec;
    PINEAL_RETURN_IF_ERROR(r.String(p, "name", at, spec.name));
    const std::string here = at + " (" + spec.name + ")";
    const ParamRule* rule = FindRule(spec.name);
    if (rule == nullptr) {
      return r.Error(here, "unknown parameter; allowed: cl, v1, q, v2, ka, tlag");
    }
    if (m.FindParameter(spec.name) != nullptr) return r.Error(here, "defined twice");
    PINEAL_RETURN_IF_ERROR(r.Number(p, "value", here, spec.typical));
    if (spec.typical < 0 || (!rule->zero_allowed && spec.typical == 0)) {
      return r.Error(here + ".value", rule->zero_allowed ? "must be >= 0" : "must be > 0");
    }
    PINEAL_RETURN_IF_ERROR(r.String(p, "unit", here, spec.unit));
    if (spec.unit != rule->unit) {
      return r.Error(here + ".unit", "is '" + spec.unit + "'; " + spec.name + " must be given in " +
                                         rule->unit + " (no conversion is done)");
    }
    if (p["bsv"]) PINEAL_RETURN_IF_ERROR(r.Variability(p["bsv"], here + ".bsv", spec.bsv));
    PINEAL_RETURN_IF_ERROR(r.Refs(p, here, spec.refs, /*required=*/true));
    PINEAL_RETURN_IF_ERROR(r.OptString(p, "note", here, spec.note));
    m.parameters.push_back(std::move(spec));
  }
  std::vector<std::string> required = {"cl", "v1", "ka"};
  if (m.structure == PkStructure::kTwoCompartment) {
    required.insert(required.end(), {"q", "v2"});
  }
  for (const auto& name : required) {
    if (m.FindParameter(name) == nullptr) {
      return r.Error("parameters", "missing '" + name + "', required by this structure");
    }
  }
  if (m.structure == PkStructure::kOneCompartment &&
      (m.FindParameter("q") != nullptr || m.FindParameter("v2") != nullptr)) {
    return r.Error("parameters", "q and v2 belong to a two_compartment structure");
  }
  return Status::Ok();
}

// {name: value, ...} of typical values that replace the model's parameters.
Status ParseParameterOverrides(YamlReader& r, const YAML::Node& o, const std::string& here,
                               const PkModelSpec& m,
                               std::vector<std::pair<std::string, double>>& out) {
  if (!o || !o.IsMap() || o.size() == 0) {
    return r.Error(here, "must map parameter names to values");
  }
  for (const auto& kv : o) {
    const std::string name = kv.first.as<std::string>();
    if (m.FindParameter(name) == nullptr) {
      return r.Error(here + "." + name, "is not a parameter of this model");
    }
    double value = 0;
    PINEAL_RETURN_IF_ERROR(r.Number(o, name, here, value));
    if (value < 0 || (value == 0 && name != "tlag"))
      return r.Error(here + "." + name, "must be > 0");
    out.emplace_back(name, value);
  }
  return Status::Ok();
}

Status ParseFedSpec(YamlReader& r, const YAML::Node& f, const std::string& here,
                    const PkModelSpec& m, PkFedSpec& out) {
  if (!f.IsMap()) return r.Error(here, "must be a mapping with overrides, refs and note");
  PINEAL_RETURN_IF_ERROR(r.OnlyKeys(f, here, {"overrides", "refs", "note"}));
  PINEAL_RETURN_IF_ERROR(
      ParseParameterOverrides(r, f["overrides"], here + ".overrides", m, out.overrides));
  PINEAL_RETURN_IF_ERROR(r.Refs(f, here, out.refs, /*required=*/true));
  return r.OptString(f, "note", here, out.note);
}

// The keys of one input type, and no other input's.
Status ParseFormulationInput(YamlReader& r, const YAML::Node& f, const std::string& here,
                             PkFormulationSpec& spec) {
  std::string input;
  PINEAL_RETURN_IF_ERROR(r.String(f, "input", here, input));
  const bool zero = input == "zero_order", dual = input == "dual_first_order";
  if (!zero && !dual && input != "first_order") {
    return r.Error(here + ".input",
                   "is '" + input + "'; allowed: first_order, zero_order, dual_first_order");
  }
  if (!zero && f["duration_h"]) return r.Error(here + ".duration_h", "only for zero_order input");
  for (const char* key : {"fast_fraction", "ka_slow_per_h"}) {
    if (!dual && f[key]) {
      return r.Error(here + "." + key, "only for dual_first_order input");
    }
  }
  if (zero) {
    spec.input = PkInput::kZeroOrder;
    PINEAL_RETURN_IF_ERROR(r.Number(f, "duration_h", here, spec.duration_h));
    if (!(spec.duration_h > 0)) return r.Error(here + ".duration_h", "must be > 0");
  } else if (dual) {
    spec.input = PkInput::kDualFirstOrder;
    PINEAL_RETURN_IF_ERROR(r.Number(f, "fast_fraction", here, spec.fast_fraction));
    if (!(spec.fast_fraction >= 0 && spec.fast_fraction <= 1)) {
      return r.Error(here + ".fast_fraction", "must be within 0..1");
    }
    PINEAL_RETURN_IF_ERROR(r.Number(f, "ka_slow_per_h", here, spec.ka_slow_per_h));
    if (!(spec.ka_slow_per_h > 0)) return r.Error(here + ".ka_slow_per_h", "must be > 0");
  } else {
    spec.input = PkInput::kFirstOrder;
  }
  return Status::Ok();
}

Status ParseFormulations(YamlReader& r, const YAML::Node& node, PkModelSpec& m) {
  if (!node || !node.IsSequence() || node.size() == 0) {
    return r.Error("formulations", "must be a non-empty list");
  }
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string at = "formulations[" + std::to_string(i) + "]";
    const YAML::Node f = node[i];
    PINEAL_RETURN_IF_ERROR(r.OnlyKeys(f, at,
                                      {"id", "label", "input", "duration_h", "fast_fraction",
                                       "ka_slow_per_h", "fed", "refs", "note"}));
    PkFormulationSpec spec;
    PINEAL_RETURN_IF_ERROR(r.String(f, "id", at, spec.id));
    const std::string here = at + " (" + spec.id + ")";
    if (m.FindFormulation(spec.id) != nullptr) return r.Error(here, "defined twice");
    PINEAL_RETURN_IF_ERROR(r.String(f, "label", here, spec.label));
    PINEAL_RETURN_IF_ERROR(ParseFormulationInput(r, f, here, spec));
    if (f["fed"]) {
      PkFedSpec fed;
      PINEAL_RETURN_IF_ERROR(ParseFedSpec(r, f["fed"], here + ".fed", m, fed));
      spec.fed = std::move(fed);
    }
    PINEAL_RETURN_IF_ERROR(r.Refs(f, here, spec.refs, /*required=*/true));
    PINEAL_RETURN_IF_ERROR(r.OptString(f, "note", here, spec.note));
    m.formulations.push_back(std::move(spec));
  }
  return Status::Ok();
}

Status ParseVariants(YamlReader& r, const YAML::Node& node, PkModelSpec& m) {
  if (!node) return Status::Ok();
  if (!node.IsSequence()) return r.Error("variants", "must be a list");
  for (std::size_t i = 0; i < node.size(); ++i) {
    const std::string at = "variants[" + std::to_string(i) + "]";
    const YAML::Node v = node[i];
    PINEAL_RETURN_IF_ERROR(r.OnlyKeys(v, at, {"id", "label", "overrides", "refs", "note"}));
    PkVariantSpec spec;
    PINEAL_RETURN_IF_ERROR(r.String(v, "id", at, spec.id));
    const std::string here = at + " (" + spec.id + ")";
    if (m.FindVariant(spec.id) != nullptr) return r.Error(here, "defined twice");
    PINEAL_RETURN_IF_ERROR(r.String(v, "label", here, spec.label));
    PINEAL_RETURN_IF_ERROR(
        ParseParameterOverrides(r, v["overrides"], here + ".overrides", m, spec.overrides));
    PINEAL_RETURN_IF_ERROR(r.Refs(v, here, spec.refs, /*required=*/true));
    PINEAL_RETURN_IF_ERROR(r.OptString(v, "note", here, spec.note));
    m.variants.push_back(std::move(spec));
  }
  return Status::Ok();
}

Status ParseModel(YamlReader& r, const YAML::Node& root, PkModelSpec& m) {
  if (!root.IsMap()) return r.Error("", "the document must be a mapping");
  PINEAL_RETURN_IF_ERROR(
      r.OnlyKeys(root, "",
                 {"id", "substance", "analyte", "display_unit", "molar_mass_g_per_mol", "structure",
                  "reference_weight_kg", "refs", "parameters", "bioavailability", "formulations",
                  "covariates", "product_content", "endogenous", "variants"}));
  PINEAL_RETURN_IF_ERROR(r.String(root, "id", "", m.id));
  PINEAL_RETURN_IF_ERROR(r.String(root, "substance", "", m.substance));
  PINEAL_RETURN_IF_ERROR(r.String(root, "analyte", "", m.analyte));
  PINEAL_RETURN_IF_ERROR(r.String(root, "display_unit", "", m.display_unit));
  const auto per = Concentration::Make(1.0, "mg/L");
  const auto in_display = per.ok() ? per->In(m.display_unit) : Result<double>(per.status());
  if (!in_display.ok()) {
    return r.Error("display_unit", "'" + m.display_unit + "' is not a concentration unit: " +
                                       in_display.status().message());
  }
  m.display_per_mg_per_l = *in_display;
  if (root["molar_mass_g_per_mol"]) {
    double mm = 0;
    PINEAL_RETURN_IF_ERROR(r.Number(root, "molar_mass_g_per_mol", "", mm));
    if (!(mm > 0)) return r.Error("molar_mass_g_per_mol", "must be > 0");
    m.molar_mass_g_per_mol = mm;
  }
  std::string structure;
  PINEAL_RETURN_IF_ERROR(r.String(root, "structure", "", structure));
  if (structure == "one_compartment") {
    m.structure = PkStructure::kOneCompartment;
  } else if (structure == "two_compartment") {
    m.structure = PkStructure::kTwoCompartment;
  } else {
    return r.Error("structure",
                   "is '" + structure + "'; allowed: one_compartment, two_compartment");
  }
  PINEAL_RETURN_IF_ERROR(r.Number(root, "reference_weight_kg", "", m.reference_weight_kg));
  if (!(m.reference_weight_kg > 0)) return r.Error("reference_weight_kg", "must be > 0");
  PINEAL_RETURN_IF_ERROR(r.Refs(root, "", m.refs, /*required=*/true));
  PINEAL_RETURN_IF_ERROR(ParseParameters(r, root["parameters"], m));
  PINEAL_RETURN_IF_ERROR(r.Bioavailability(root["bioavailability"], m.bioavailability));
  PINEAL_RETURN_IF_ERROR(ParseFormulations(r, root["formulations"], m));
  PINEAL_RETURN_IF_ERROR(r.Covariates(root["covariates"], m));
  if (root["product_content"]) {
    ProductContentSpec pc;
    PINEAL_RETURN_IF_ERROR(r.ProductContent(root["product_content"], pc));
    m.product_content = std::move(pc);
  }
  if (root["endogenous"]) {
    EndogenousSpec e;
    PINEAL_RETURN_IF_ERROR(r.Endogenous(root["endogenous"], e));
    m.endogenous = std::move(e);
  }
  return ParseVariants(r, root["variants"], m);
}

std::vector<std::string> CitedIds(const PkModelSpec& m) {
  std::vector<std::string> ids = m.refs;
  auto add = [&ids](const std::vector<std::string>& v) {
    ids.insert(ids.end(), v.begin(), v.end());
  };
  for (const auto& p : m.parameters) add(p.refs);
  add(m.bioavailability.refs);
  for (const auto& f : m.formulations) {
    add(f.refs);
    if (f.fed) add(f.fed->refs);
  }
  for (const auto& c : m.covariates) add(c.refs);
  if (m.product_content) add(m.product_content->refs);
  if (m.endogenous) {
    add(m.endogenous->day_refs);
    add(m.endogenous->peak_refs);
  }
  for (const auto& v : m.variants) add(v.refs);
  return ids;
}

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

Result<PkModelSpec> ParsePkModel(std::string_view yaml_text, std::string_view source) {
  YamlReader r{std::string(source)};
  PkModelSpec m;
  m.source_file = std::string(source);
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    PINEAL_RETURN_IF_ERROR(ParseModel(r, root, m));
  } catch (const YAML::Exception& e) {
    return r.Error("", std::string("YAML error: ") + e.what());
  }
  return m;
}

Result<std::vector<PkReference>> ParsePkReferences(std::string_view yaml_text,
                                                   std::string_view source) {
  YamlReader r{std::string(source)};
  std::vector<PkReference> refs;
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    PINEAL_RETURN_IF_ERROR(r.References(root, refs));
  } catch (const YAML::Exception& e) {
    return r.Error("", std::string("YAML error: ") + e.what());
  }
  return refs;
}

Status CheckPkReferences(const PkModelSpec& model, const std::vector<PkReference>& references) {
  std::set<std::string> known;
  for (const auto& ref : references) known.insert(ref.id);
  for (const auto& id : CitedIds(model)) {
    if (known.count(id) == 0) {
      return Status::InvalidArgument(model.source_file + ": reference '" + id +
                                     "' is cited but not defined in references.yaml");
    }
  }
  return Status::Ok();
}

Result<PkCatalog> LoadPkCatalog(const std::string& dir) {
  namespace fs = std::filesystem;
  PkCatalog catalog;
  const fs::path refs_path = fs::path(dir) / "references.yaml";
  PINEAL_ASSIGN_OR_RETURN(std::string refs_text, ReadFile(refs_path));
  PINEAL_ASSIGN_OR_RETURN(catalog.references, ParsePkReferences(refs_text, refs_path.string()));
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto& p = entry.path();
    if (p.extension() == ".yaml" && p.filename() != "references.yaml") files.push_back(p);
  }
  if (ec) return Status::NotFound("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());  // stable order whatever the file system does
  for (const auto& path : files) {
    PINEAL_ASSIGN_OR_RETURN(std::string text, ReadFile(path));
    PINEAL_ASSIGN_OR_RETURN(PkModelSpec model, ParsePkModel(text, path.string()));
    if (catalog.FindModel(model.id) != nullptr) {
      return Status::InvalidArgument(path.string() + ": model id '" + model.id +
                                     "' is already defined by another file");
    }
    PINEAL_RETURN_IF_ERROR(CheckPkReferences(model, catalog.references));
    catalog.models.push_back(std::move(model));
  }
  if (catalog.models.empty()) return Status::NotFound("no PK model files in " + dir);
  return catalog;
}

Result<PkCatalog> LoadDefaultPkCatalog() { return LoadPkCatalog(KnowledgeDir() + "/pk"); }

}  // namespace pineal::kb
