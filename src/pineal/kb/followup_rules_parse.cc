// knowledge/rules/followup.yaml: review schedule rules.
#include <algorithm>
#include <charconv>

#include "pineal/core/text.h"
#include "pineal/kb/rules_parse.h"

namespace pineal::kb::rules_yaml {
namespace {

// `applies` is read with the rule's reader so messages name the rule.
void ReadApplies(catalog_yaml::EntryReader& r, FollowupApplies& out) {
  ForEachApplies(r, [&](const std::string& key, const YAML::Node& key_node,
                        const YAML::Node& value) {
    if (ReadSubstanceOrDose(r, key, value, out.substance, out.dose_above)) return;
    const std::string& text = value.Scalar();
    if (key == "min_age_years") {
      int age = -1;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), age);
      if (ec != std::errc() || ptr != text.data() + text.size() || age < 0 || age > 130) {
        r.Error(value, "applies.min_age_years must be a whole number 0 to 130, got '" + text + "'");
      } else {
        out.min_age_years = age;
      }
    } else if (key == "pregnant_or_breastfeeding") {
      if (text != "true") {
        r.Error(value, "applies.pregnant_or_breastfeeding can only be true, got '" + text + "'");
      }
      out.pregnant_or_breastfeeding = text == "true";
    } else {
      r.Error(key_node, "unknown condition 'applies." + key +
                            "' (allowed: substance, dose_above, min_age_years, "
                            "pregnant_or_breastfeeding)");
    }
  });
  if (out.dose_above && out.substance.empty()) {
    r.Error(r.Child("applies"), "applies.dose_above needs applies.substance");
  }
}

}  // namespace

void ParseFollowupRule(const YAML::Node& node, const std::string& file, LintReport& report,
                       const KnownRefs& known, FollowupRuleSet& out) {
  catalog_yaml::EntryReader r(node, file, "follow-up rule", report);
  if (!r.is_map()) return;
  r.AllowKeys(
      {"id", "title", "applies", "first_review_days", "interval_days", "policy", "refs", "note"});
  FollowupRule rule;
  rule.id = r.Text("id");
  rule.title = r.Text("title");
  ReadApplies(r, rule.applies);
  const auto day_count = [&r](const char* key, int& dst) {
    const auto v = r.Integer(key);
    if (!r.Child(key).IsDefined()) {
      r.Error("missing '" + std::string(key) + "'");
    } else if (v && (*v < 1 || *v > 3660)) {
      r.Error(r.Child(key),
              "'" + std::string(key) + "' must be 1 to 3660 days, got " + std::to_string(*v));
    } else if (v) {
      dst = *v;
    }
  };
  day_count("first_review_days", rule.first_review_days);
  day_count("interval_days", rule.interval_days);
  ReadRefsAndPolicy(r, known, rule.refs, rule.policy);
  rule.note = r.Text("note", false);
  if (!rule.id.empty()) {
    for (const auto& other : out.rules) {
      if (other.id == rule.id) r.Error(r.Child("id"), "duplicate rule id");
    }
    if (rule.id.rfind("followup.", 0) != 0) {
      r.Error(r.Child("id"), "id must start with 'followup.'");
    }
  }
  out.rules.push_back(std::move(rule));
}

}  // namespace pineal::kb::rules_yaml
