#include "pineal/kb/circadian_params.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "pineal/core/paths.h"

namespace pineal::kb {
namespace {

constexpr const char* kEquations[] = {"fjk99", "hannay19", "stowe25"};

struct Reader {
  std::string source;

  Status Error(const std::string& at, const std::string& what) const {
    return Status::InvalidArgument(source + ": " + (at.empty() ? "" : at + ": ") + what, at);
  }
  Status OnlyKeys(const YAML::Node& n, const std::string& at,
                  std::initializer_list<const char*> keys) const {
    if (!n.IsMap()) return Error(at, "must be a mapping");
    for (const auto& kv : n) {
      const std::string k = kv.first.as<std::string>();
      if (std::none_of(keys.begin(), keys.end(), [&k](const char* a) { return k == a; })) {
        std::string allowed;
        for (const char* a : keys) allowed += (allowed.empty() ? "" : ", ") + std::string(a);
        return Error(at.empty() ? k : at + "." + k, "unknown key; allowed here: " + allowed);
      }
    }
    return Status::Ok();
  }
  Status Text(const YAML::Node& n, const char* key, const std::string& at, std::string& out,
              bool required) const {
    const YAML::Node v = n[key];
    if (!v) return required ? Error(at + key, "is required") : Status::Ok();
    if (!v.IsScalar() || v.as<std::string>().empty()) {
      return Error(at + key, "must be a non-empty text");
    }
    out = v.as<std::string>();
    return Status::Ok();
  }
  Status Refs(const YAML::Node& n, const std::string& at, std::vector<std::string>& out) const {
    const YAML::Node v = n["refs"];
    if (!v || !v.IsSequence() || v.size() == 0) {
      return Error(at + "refs", "must list at least one reference id");
    }
    for (const auto& id : v) out.push_back(id.as<std::string>());
    return Status::Ok();
  }
  // {value: 24.2, refs: [..], note: ..}
  Status Parameter(const YAML::Node& n, const std::string& at, CircadianParameter& out) const {
    PINEAL_RETURN_IF_ERROR(OnlyKeys(n, at, {"value", "refs", "note"}));
    double d = 0;
    const YAML::Node v = n["value"];
    if (!v || !v.IsScalar() || !YAML::convert<double>::decode(v, d) || !std::isfinite(d)) {
      return Error(at + ".value", "is required and must be a finite number");
    }
    out.value = d;
    PINEAL_RETURN_IF_ERROR(Refs(n, at + ".", out.refs));
    return Text(n, "note", at + ".", out.note, false);
  }
};

Result<std::string> ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) return Status::NotFound("cannot read " + path.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Result<std::vector<CircadianReference>> ParseReferences(std::string_view text,
                                                        const std::string& source) {
  Reader r{source};
  std::vector<CircadianReference> out;
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    const YAML::Node list = root["references"];
    if (!list || !list.IsSequence()) return r.Error("references", "must be a list");
    for (size_t i = 0; i < list.size(); ++i) {
      const YAML::Node n = list[i];
      const std::string at = "references[" + std::to_string(i) + "].";
      PINEAL_RETURN_IF_ERROR(
          r.OnlyKeys(n, at.substr(0, at.size() - 1),
                     {"id", "authors", "year", "title", "journal", "doi", "pmid", "pmc", "code",
                      "document", "confidence", "note", "source"}));
      CircadianReference ref;
      PINEAL_RETURN_IF_ERROR(r.Text(n, "id", at, ref.id, true));
      PINEAL_RETURN_IF_ERROR(r.Text(n, "authors", at, ref.authors, true));
      PINEAL_RETURN_IF_ERROR(r.Text(n, "title", at, ref.title, true));
      if (!n["year"] || !YAML::convert<int>::decode(n["year"], ref.year) || ref.year < 0) {
        return r.Error(at + "year", "is required and must be a year (0 if undated)");
      }
      PINEAL_RETURN_IF_ERROR(r.Text(n, "journal", at, ref.journal, false));
      PINEAL_RETURN_IF_ERROR(r.Text(n, "doi", at, ref.doi, false));
      PINEAL_RETURN_IF_ERROR(r.Text(n, "pmid", at, ref.pmid, false));
      PINEAL_RETURN_IF_ERROR(r.Text(n, "note", at, ref.note, false));
      out.push_back(std::move(ref));
    }
  } catch (const YAML::Exception& e) {
    return r.Error("", std::string("invalid YAML: ") + e.what());
  }
  return out;
}

Result<JetLagMelatoninLimits> ParseLimits(std::string_view text, const std::string& source) {
  Reader r{source};
  JetLagMelatoninLimits out;
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    const YAML::Node n = root["jetlag_melatonin"];
    if (!n) return r.Error("jetlag_melatonin", "is required");
    PINEAL_RETURN_IF_ERROR(
        r.OnlyKeys(n, "jetlag_melatonin",
                   {"min_dose_mg", "max_dose_mg", "max_days_per_course", "max_courses_per_year"}));
    const std::pair<const char*, CircadianParameter*> fields[] = {
        {"min_dose_mg", &out.min_dose_mg},
        {"max_dose_mg", &out.max_dose_mg},
        {"max_days_per_course", &out.max_days_per_course},
        {"max_courses_per_year", &out.max_courses_per_year}};
    for (const auto& [key, dst] : fields) {
      if (!n[key]) return r.Error(std::string("jetlag_melatonin.") + key, "is required");
      PINEAL_RETURN_IF_ERROR(r.Parameter(n[key], std::string("jetlag_melatonin.") + key, *dst));
      if (dst->value <= 0) {
        return r.Error(std::string("jetlag_melatonin.") + key, "must be > 0");
      }
    }
    if (out.min_dose_mg.value > out.max_dose_mg.value) {
      return r.Error("jetlag_melatonin", "min_dose_mg exceeds max_dose_mg");
    }
  } catch (const YAML::Exception& e) {
    return r.Error("", std::string("invalid YAML: ") + e.what());
  }
  return out;
}

Status CheckRefs(const std::vector<std::string>& refs, const CircadianCatalog& c,
                 const std::string& where) {
  for (const std::string& id : refs) {
    if (c.FindReference(id) == nullptr) {
      return Status::InvalidArgument(
          where + ": reference '" + id + "' is not defined in circadian/references.yaml", where);
    }
  }
  return Status::Ok();
}

}  // namespace

std::map<std::string, double> CircadianParameterSet::Values() const {
  std::map<std::string, double> out;
  for (const auto& [name, p] : parameters) out[name] = p.value;
  return out;
}

const CircadianParameterSet* CircadianCatalog::FindSet(std::string_view id) const {
  for (const auto& s : parameter_sets) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

const CircadianReference* CircadianCatalog::FindReference(std::string_view id) const {
  for (const auto& r : references) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

Result<CircadianParameterSet> ParseCircadianParameterSet(std::string_view yaml_text,
                                                         std::string_view source) {
  Reader r{std::string(source)};
  CircadianParameterSet set;
  set.source = std::string(source);
  try {
    const YAML::Node root = YAML::Load(std::string(yaml_text));
    PINEAL_RETURN_IF_ERROR(
        r.OnlyKeys(root, "", {"id", "equations", "extends", "title", "refs", "parameters"}));
    PINEAL_RETURN_IF_ERROR(r.Text(root, "id", "", set.id, true));
    PINEAL_RETURN_IF_ERROR(r.Text(root, "equations", "", set.equations, true));
    if (std::none_of(std::begin(kEquations), std::end(kEquations),
                     [&](const char* e) { return set.equations == e; })) {
      return r.Error("equations", "unknown equations '" + set.equations +
                                      "'; allowed: fjk99, hannay19, stowe25");
    }
    PINEAL_RETURN_IF_ERROR(r.Text(root, "extends", "", set.extends, false));
    PINEAL_RETURN_IF_ERROR(r.Text(root, "title", "", set.title, true));
    PINEAL_RETURN_IF_ERROR(r.Refs(root, "", set.refs));
    const YAML::Node params = root["parameters"];
    if (!params || !params.IsMap() || params.size() == 0) {
      return r.Error("parameters", "must map parameter names to {value, refs}");
    }
    for (const auto& kv : params) {
      const std::string name = kv.first.as<std::string>();
      CircadianParameter p;
      PINEAL_RETURN_IF_ERROR(r.Parameter(kv.second, "parameters." + name, p));
      set.parameters[name] = std::move(p);
    }
  } catch (const YAML::Exception& e) {
    return r.Error("", std::string("invalid YAML: ") + e.what());
  }
  return set;
}

Result<CircadianCatalog> LoadCircadianCatalog(const std::string& dir) {
  namespace fs = std::filesystem;
  CircadianCatalog c;
  const fs::path root(dir);
  PINEAL_ASSIGN_OR_RETURN(std::string refs_text, ReadFile(root / "references.yaml"));
  PINEAL_ASSIGN_OR_RETURN(c.references,
                          ParseReferences(refs_text, (root / "references.yaml").string()));
  std::set<std::string> ids;
  for (const auto& ref : c.references) {
    if (!ids.insert(ref.id).second) {
      return Status::InvalidArgument("circadian/references.yaml: duplicate id '" + ref.id + "'");
    }
  }
  PINEAL_ASSIGN_OR_RETURN(std::string limits_text, ReadFile(root / "jetlag_limits.yaml"));
  PINEAL_ASSIGN_OR_RETURN(c.jetlag_limits,
                          ParseLimits(limits_text, (root / "jetlag_limits.yaml").string()));
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root, ec)) {
    const fs::path p = entry.path();
    if (p.extension() != ".yaml") continue;
    if (p.filename() == "references.yaml" || p.filename() == "jetlag_limits.yaml") continue;
    files.push_back(p);
  }
  if (ec) return Status::NotFound("cannot list " + dir + ": " + ec.message());
  std::sort(files.begin(), files.end());
  for (const fs::path& p : files) {
    PINEAL_ASSIGN_OR_RETURN(std::string text, ReadFile(p));
    PINEAL_ASSIGN_OR_RETURN(CircadianParameterSet set,
                            ParseCircadianParameterSet(text, p.string()));
    if (c.FindSet(set.id) != nullptr) {
      return Status::InvalidArgument(p.string() + ": duplicate parameter-set id '" + set.id + "'");
    }
    c.parameter_sets.push_back(std::move(set));
  }
  // Inheritance: a set's own values override its parent's (one level suffices).
  for (CircadianParameterSet& set : c.parameter_sets) {
    if (set.extends.empty()) continue;
    const CircadianParameterSet* parent = c.FindSet(set.extends);
    if (parent == nullptr || !parent->extends.empty()) {
      return Status::InvalidArgument(set.source + ": extends '" + set.extends +
                                     "', which is not a base parameter set in " + dir);
    }
    for (const auto& [name, p] : parent->parameters) set.parameters.emplace(name, p);
  }
  for (const CircadianParameterSet& set : c.parameter_sets) {
    PINEAL_RETURN_IF_ERROR(CheckRefs(set.refs, c, set.source));
    for (const auto& [name, p] : set.parameters) {
      PINEAL_RETURN_IF_ERROR(CheckRefs(p.refs, c, set.source + ": parameters." + name));
    }
  }
  const JetLagMelatoninLimits& l = c.jetlag_limits;
  for (const CircadianParameter* p :
       {&l.min_dose_mg, &l.max_dose_mg, &l.max_days_per_course, &l.max_courses_per_year}) {
    PINEAL_RETURN_IF_ERROR(CheckRefs(p->refs, c, "circadian/jetlag_limits.yaml"));
  }
  return c;
}

Result<CircadianCatalog> LoadDefaultCircadianCatalog() {
  return LoadCircadianCatalog(KnowledgeDir() + "/circadian");
}

}  // namespace pineal::kb
