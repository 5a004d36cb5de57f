#include <algorithm>

#include "pineal/core/text.h"
#include "pineal/kb/rules_parse.h"

namespace pineal::kb::rules_yaml {

std::optional<YAML::Node> ReadEntryList(const std::string& path, std::string_view section,
                                        LintReport& report) {
  auto loaded = catalog_yaml::LoadYamlFile(path, report);
  if (!loaded) return std::nullopt;
  const YAML::Node root = *loaded;
  YAML::Node list = root;
  if (root.IsMap()) {
    if (root.size() != 1 || !root[std::string(section)].IsDefined()) {
      report.Error(path, catalog_yaml::LineOf(root), "",
                   "expected a list of entries, or a map with the single key '" +
                       std::string(section) + "'");
      return std::nullopt;
    }
    list = root[std::string(section)];
  }
  if (!list.IsSequence() || list.size() == 0) {
    report.Error(path, catalog_yaml::LineOf(list), "",
                 "'" + std::string(section) + "' must be a non-empty list of entries");
    return std::nullopt;
  }
  return list;
}

void ReadRefsAndPolicy(catalog_yaml::EntryReader& r, const KnownRefs& known,
                       std::vector<std::string>& refs, bool& policy) {
  refs = r.TextList("refs");
  for (const auto& id : refs) {
    if (known.count(id) == 0) {
      r.Error(r.Child("refs"),
              "cites reference '" + id + "', which references.yaml does not define");
    }
  }
  policy = r.Boolean("policy").value_or(false);
  if (r.Child("policy").IsDefined() && r.Child("policy").IsScalar() &&
      r.Child("policy").Scalar() == "false") {
    r.Error(r.Child("policy"), "'policy: false' is the default; leave it out");
  }
  if (refs.empty() && !policy) {
    r.Error("cites no reference: give 'refs' or mark a clinic policy default with 'policy: true'");
  }
}

void ForEachApplies(catalog_yaml::EntryReader& r, const AppliesReader& read) {
  const YAML::Node n = r.Child("applies");
  if (!n.IsDefined()) {
    r.Error("missing 'applies' (use {} for a rule that always applies)");
    return;
  }
  if (!n.IsMap()) {
    r.Error(n, "'applies' must be a map");
    return;
  }
  for (const auto& kv : n) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
      r.Error(kv.second, "applies." + key + " must be a single value");
      continue;
    }
    read(key, kv.first, kv.second);
  }
}

bool ReadSubstanceOrDose(catalog_yaml::EntryReader& r, const std::string& key,
                         const YAML::Node& value, std::string& substance,
                         std::optional<Mass>& dose_above) {
  const std::string& text = value.Scalar();
  if (key == "substance") {
    substance = AsciiLower(text);
    return true;
  }
  if (key != "dose_above") return false;
  auto mass = Mass::Parse(text);
  if (mass.ok()) {
    dose_above = *mass;
  } else {
    r.Error(value, "applies.dose_above '" + text + "': " + mass.status().message());
  }
  return true;
}

}  // namespace pineal::kb::rules_yaml
