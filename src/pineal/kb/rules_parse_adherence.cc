// knowledge/rules/adherence.yaml: one entry per setting, each a value in a
// fixed unit with its refs or `policy: true`.
#include <cmath>

#include "pineal/kb/rules_parse.h"

namespace pineal::kb::rules_yaml {

void ParseAdherenceSetting(const YAML::Node& node, const std::string& file, LintReport& report,
                           const KnownRefs& known, AdherenceSettings& out, AdherenceSeen& seen) {
  catalog_yaml::EntryReader r(node, file, "adherence setting", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "value", "unit", "refs", "policy", "note"});
  const std::string id = r.Text("id");
  const std::optional<double> value = r.Number("value");
  const std::string unit = r.Text("unit");
  std::vector<std::string> refs;
  bool policy = false;
  ReadRefsAndPolicy(r, known, refs, policy);
  r.Text("note", false);
  if (!value) {
    if (r.Child("value").IsDefined() == false) r.Error("missing 'value'");
    return;
  }

  struct Known {
    const char* id;
    const char* unit;
    double min, max;
    bool* seen;
  };
  const Known settings[] = {
      {"adherence.on_time_tolerance", "min", 0, 1440, &seen.tolerance},
      {"adherence.match_window", "min", 1, 1440, &seen.window},
      {"adherence.threshold", "%", 0, 100, &seen.threshold},
  };
  const Known* k = nullptr;
  for (const auto& candidate : settings) {
    if (id == candidate.id) k = &candidate;
  }
  if (k == nullptr) {
    if (!id.empty()) {
      r.Error(r.Child("id"), "unknown setting '" + id +
                                 "' (allowed: adherence.on_time_tolerance, "
                                 "adherence.match_window, adherence.threshold)");
    }
    return;
  }
  if (*k->seen) {
    r.Error(r.Child("id"), "setting defined twice");
    return;
  }
  *k->seen = true;
  if (unit != k->unit) {
    r.Error(r.Child("unit"), "unit is '" + unit + "'; " + id + " must be given in " + k->unit);
    return;
  }
  if (*value < k->min || *value > k->max) {
    r.Error(r.Child("value"), "value " + r.Child("value").Scalar() + " is out of range [" +
                                  std::to_string(static_cast<int>(k->min)) + ", " +
                                  std::to_string(static_cast<int>(k->max)) + "]");
    return;
  }
  if (k->seen == &seen.threshold) {
    out.threshold_percent = *value;
  } else if (*value != std::floor(*value)) {
    r.Error(r.Child("value"), "must be a whole number of minutes");
  } else if (k->seen == &seen.tolerance) {
    out.on_time_tolerance_min = static_cast<int>(*value);
  } else {
    out.match_window_min = static_cast<int>(*value);
  }
  for (auto& ref : refs) out.refs.push_back(ref);
}

}  // namespace pineal::kb::rules_yaml
