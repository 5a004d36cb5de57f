// knowledge/rules/alerts.yaml: alert rules. Parameters and message
// placeholders are checked against what the rule's kind accepts.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "pineal/kb/rules_parse.h"

namespace pineal::kb::rules_yaml {
namespace {

std::string Join(std::span<const std::string_view> names) {
  std::string out;
  for (auto n : names) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

std::string ParamNames(const AlertKindSpec& spec) {
  std::string out;
  for (const auto& p : spec.params) {
    out += (out.empty() ? "" : ", ") + std::string(p.name) + (p.required ? "" : " (optional)");
  }
  return out;
}

std::optional<double> ParseNumber(const std::string& s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

void ReadParams(catalog_yaml::EntryReader& r, AlertRule& rule) {
  const AlertKindSpec& spec = SpecOf(rule.kind);
  const YAML::Node n = r.Child("params");
  if (!n.IsDefined() || !n.IsMap()) {
    r.Error(n.IsDefined() ? n : YAML::Node(), "'params' must be a map; kind " +
                                                  std::string(AlertKindName(rule.kind)) +
                                                  " takes: " + ParamNames(spec));
    return;
  }
  for (const auto& kv : n) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : "?";
    const auto p = std::find_if(spec.params.begin(), spec.params.end(),
                                [&key](const AlertParamSpec& s) { return s.name == key; });
    if (p == spec.params.end()) {
      r.Error(kv.first, "unknown parameter '" + key + "' for kind " +
                            std::string(AlertKindName(rule.kind)) +
                            " (allowed: " + ParamNames(spec) + ")");
      continue;
    }
    if (!kv.second.IsScalar() || kv.second.Scalar().empty()) {
      r.Error(kv.second, "parameter '" + key + "' must be a single value");
      continue;
    }
    const std::string& text = kv.second.Scalar();
    if (p->text) {
      rule.texts[key] = text;
      continue;
    }
    const auto v = ParseNumber(text);
    if (!v) {
      r.Error(kv.second, "parameter '" + key + "' must be a number, got '" + text + "'");
    } else if (*v < p->min || *v > p->max) {
      r.Error(kv.second, "parameter '" + key + "' is " + text + "; allowed range [" +
                             std::to_string(static_cast<long long>(p->min)) + ", " +
                             std::to_string(static_cast<long long>(p->max)) + "]");
    } else if (p->integer && *v != std::floor(*v)) {
      r.Error(kv.second, "parameter '" + key + "' must be a whole number, got " + text);
    } else {
      rule.numbers[key] = *v;
    }
  }
  for (const auto& p : spec.params) {
    const std::string name(p.name);
    if (p.required && !n[name].IsDefined()) {
      r.Error(n,
              "missing parameter '" + name + "' for kind " + std::string(AlertKindName(rule.kind)));
    }
  }
  const auto lo = rule.Number("min_total");
  const auto hi = rule.Number("max_total");
  if (lo && hi && *hi < *lo) r.Error(n, "max_total is below min_total");
}

void CheckTemplate(catalog_yaml::EntryReader& r, const AlertRule& rule) {
  const AlertKindSpec& spec = SpecOf(rule.kind);
  const std::string& m = rule.message;
  for (std::size_t i = 0; i < m.size(); ++i) {
    if (m[i] == '}') {
      r.Error(r.Child("message"), "unbalanced '}' in message");
      return;
    }
    if (m[i] != '{') continue;
    const std::size_t end = m.find('}', i);
    if (end == std::string::npos) {
      r.Error(r.Child("message"), "unclosed '{' in message");
      return;
    }
    const std::string name = m.substr(i + 1, end - i - 1);
    if (std::find(spec.placeholders.begin(), spec.placeholders.end(), name) ==
        spec.placeholders.end()) {
      r.Error(r.Child("message"), "unknown placeholder '{" + name + "}' for kind " +
                                      std::string(AlertKindName(rule.kind)) +
                                      " (allowed: " + Join(spec.placeholders) + ")");
    }
    i = end;
  }
}

}  // namespace

void ParseAlertRule(const YAML::Node& node, const std::string& file, LintReport& report,
                    const KnownRefs& known, AlertRuleSet& out) {
  catalog_yaml::EntryReader r(node, file, "alert rule", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "kind", "severity", "params", "title", "message", "refs", "policy", "note",
               "escalate_after_hours"});
  AlertRule rule;
  rule.id = r.Text("id");
  const auto kind = r.Enum<AlertKind>(
      "kind", ParseAlertKind,
      "side_effect_grade, instrument_item, instrument_total, use_rising, no_improvement, "
      "adherence_below, no_checkin, dose_above_max, assessment_due");
  const auto severity =
      r.Enum<AlertSeverity>("severity", ParseAlertSeverity, "urgent, warning, info");
  rule.severity = severity.value_or(AlertSeverity::kInfo);
  rule.title = r.Text("title");
  rule.message = r.Text("message");
  if (kind) {
    rule.kind = *kind;
    ReadParams(r, rule);
    CheckTemplate(r, rule);
  }
  ReadRefsAndPolicy(r, known, rule.refs, rule.policy);
  rule.note = r.Text("note", false);
  rule.escalate_after_hours = r.Number("escalate_after_hours");
  if (rule.escalate_after_hours) {
    if (rule.severity != AlertSeverity::kUrgent) {
      r.Error(r.Child("escalate_after_hours"), "only urgent alerts are escalated");
    } else if (!(*rule.escalate_after_hours > 0 && *rule.escalate_after_hours <= 72)) {
      r.Error(r.Child("escalate_after_hours"), "must be more than 0 and at most 72 hours");
    }
  }
  if (!rule.id.empty()) {
    for (const auto& other : out.rules) {
      if (other.id == rule.id) r.Error(r.Child("id"), "duplicate rule id");
    }
    if (rule.id.rfind("alert.", 0) != 0) r.Error(r.Child("id"), "id must start with 'alert.'");
  }
  out.rules.push_back(std::move(rule));
}

}  // namespace pineal::kb::rules_yaml
