// Alert rules as data (knowledge/rules/alerts.yaml): each rule has a kind, the
// parameters that kind takes, a severity and a message template.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/kb/rules_adherence.h"

namespace pineal::kb {

enum class AlertKind {
  kSideEffectGrade,  // a side effect of at least min_grade (CTCAE)
  kInstrumentItem,   // one item of an instrument at least min_value
  kInstrumentTotal,  // an instrument total in [min_total, max_total]
  kUseRising,        // a substance taken more often or in larger amounts lately
  kNoImprovement,    // an instrument did not fall enough over a regimen's window
  kAdherenceBelow,   // adherence below a threshold over a window
  kNoCheckin,        // no check-in for max_days
  kDoseAboveMax,     // a logged dose above the largest planned dose in force
  kAssessmentDue,    // regular use of a substance and none of `instruments` scored for max_days
};

enum class AlertSeverity { kInfo, kWarning, kUrgent };

std::string_view AlertKindName(AlertKind kind);  // "side_effect_grade"
std::optional<AlertKind> ParseAlertKind(std::string_view name);
std::string_view AlertSeverityName(AlertSeverity severity);  // "urgent"
std::optional<AlertSeverity> ParseAlertSeverity(std::string_view name);

// What a kind accepts: its parameters and the placeholders of its message.
struct AlertParamSpec {
  std::string_view name;
  bool text = false;  // text, else a number
  bool required = true;
  double min = 0;  // numbers only
  double max = 1e9;
  bool integer = false;
};
struct AlertKindSpec {
  AlertKind kind;
  std::span<const AlertParamSpec> params;
  std::span<const std::string_view> placeholders;
};
const AlertKindSpec& SpecOf(AlertKind kind);

struct AlertRule {
  std::string id;
  AlertKind kind = AlertKind::kSideEffectGrade;
  AlertSeverity severity = AlertSeverity::kInfo;
  std::map<std::string, double> numbers;     // numeric parameters
  std::map<std::string, std::string> texts;  // text parameters
  std::string title;
  std::string message;  // template with {placeholders}
  std::vector<std::string> refs;
  bool policy = false;
  std::string note;
  // Urgent rules: hours an open alert may go unacknowledged before it is
  // escalated to the patient's whole care team (a clinic policy default).
  std::optional<double> escalate_after_hours;

  std::optional<double> Number(const std::string& name) const;
  std::string Text(const std::string& name) const;  // "" when absent
};

struct AlertRuleSet {
  std::vector<AlertRule> rules;  // in file order
  AdherenceSettings adherence;   // used by adherence_below rules
};

}  // namespace pineal::kb
