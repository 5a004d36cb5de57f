// knowledge/rules/questionnaires.yaml: when each instrument is due.
#include <charconv>

#include "pineal/core/text.h"
#include "pineal/kb/rules_parse.h"

namespace pineal::kb::rules_yaml {
namespace {

void ReadApplies(catalog_yaml::EntryReader& r, QuestionnaireApplies& out) {
  ForEachApplies(r,
                 [&](const std::string& key, const YAML::Node& key_node, const YAML::Node& value) {
                   if (ReadSubstanceOrDose(r, key, value, out.substance, out.dose_above)) return;
                   if (key == "condition") {
                     out.condition = value.Scalar();
                   } else {
                     r.Error(key_node, "unknown condition 'applies." + key +
                                           "' (allowed: substance, dose_above, condition)");
                   }
                 });
  if (out.dose_above && out.substance.empty()) {
    r.Error(r.Child("applies"), "applies.dose_above needs applies.substance");
  }
}

// `when: {at_start: true, every_days: 14, after_change_days: 14}`.
void ReadWhen(catalog_yaml::EntryReader& r, QuestionnaireRule& rule) {
  const YAML::Node n = r.Child("when");
  if (!n.IsDefined() || !n.IsMap()) {
    r.Error(n.IsDefined() ? n : YAML::Node(),
            "'when' must be a map of at_start, every_days, "
            "after_change_days");
    return;
  }
  for (const auto& kv : n) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    const std::string text = kv.second.IsScalar() ? kv.second.Scalar() : "";
    if (key == "at_start") {
      if (text != "true") r.Error(kv.second, "when.at_start can only be true, got '" + text + "'");
      rule.at_start = text == "true";
      continue;
    }
    if (key != "every_days" && key != "after_change_days") {
      r.Error(kv.first,
              "unknown 'when." + key + "' (allowed: at_start, every_days, after_change_days)");
      continue;
    }
    int days = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), days);
    if (ec != std::errc() || end != text.data() + text.size() || days < 1 || days > 366) {
      r.Error(kv.second,
              "when." + key + " must be a whole number of days, 1 to 366, got '" + text + "'");
      continue;
    }
    (key == "every_days" ? rule.every_days : rule.after_change_days) = days;
  }
  if (!rule.at_start && !rule.every_days && !rule.after_change_days) {
    r.Error(n, "'when' sets no time: give at_start, every_days or after_change_days");
  }
}

}  // namespace

void ParseQuestionnaireRule(const YAML::Node& node, const std::string& file, LintReport& report,
                            const KnownRefs& known, QuestionnaireRuleSet& out) {
  catalog_yaml::EntryReader r(node, file, "questionnaire rule", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "title", "applies", "instruments", "when", "answer_window_days", "policy",
               "refs", "note"});
  QuestionnaireRule rule;
  rule.id = r.Text("id");
  rule.title = r.Text("title");
  ReadApplies(r, rule.applies);
  rule.instruments = r.TextList("instruments", true);
  ReadWhen(r, rule);
  const auto window = r.Integer("answer_window_days");
  if (!r.Child("answer_window_days").IsDefined()) {
    r.Error("missing 'answer_window_days' (0: only on the day itself)");
  } else if (window && (*window < 0 || *window > 30)) {
    r.Error(r.Child("answer_window_days"),
            "'answer_window_days' must be 0 to 30, got " + std::to_string(*window));
  } else if (window) {
    rule.answer_window_days = *window;
  }
  if (rule.every_days && rule.answer_window_days >= *rule.every_days) {
    r.Error(r.Child("answer_window_days"),
            "'answer_window_days' must be shorter than when.every_days");
  }
  ReadRefsAndPolicy(r, known, rule.refs, rule.policy);
  rule.note = r.Text("note", false);
  if (!rule.id.empty()) {
    for (const auto& other : out.rules) {
      if (other.id == rule.id) r.Error(r.Child("id"), "duplicate rule id");
    }
    if (rule.id.rfind("questionnaire.", 0) != 0) {
      r.Error(r.Child("id"), "id must start with 'questionnaire.'");
    }
  }
  out.rules.push_back(std::move(rule));
}

}  // namespace pineal::kb::rules_yaml
