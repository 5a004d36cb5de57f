#include "pineal/kb/alert_rules.h"

#include <array>

namespace pineal::kb {
namespace {

constexpr std::array kKindNames = {
    std::pair{AlertKind::kSideEffectGrade, std::string_view("side_effect_grade")},
    std::pair{AlertKind::kInstrumentItem, std::string_view("instrument_item")},
    std::pair{AlertKind::kInstrumentTotal, std::string_view("instrument_total")},
    std::pair{AlertKind::kUseRising, std::string_view("use_rising")},
    std::pair{AlertKind::kNoImprovement, std::string_view("no_improvement")},
    std::pair{AlertKind::kAdherenceBelow, std::string_view("adherence_below")},
    std::pair{AlertKind::kNoCheckin, std::string_view("no_checkin")},
    std::pair{AlertKind::kDoseAboveMax, std::string_view("dose_above_max")},
    std::pair{AlertKind::kAssessmentDue, std::string_view("assessment_due")},
};

constexpr double kMaxDays = 3660;  // ten years: longer windows are typos

constexpr AlertParamSpec kSideEffectParams[] = {{"min_grade", false, true, 1, 5, true},
                                                {"lookback_days", false, true, 1, kMaxDays, true}};
constexpr std::string_view kSideEffectHoles[] = {"effect", "grade", "substance", "onset"};

constexpr AlertParamSpec kItemParams[] = {{"instrument", true},
                                          {"item", true},
                                          {"min_value", false, true, 0, 1000},
                                          {"lookback_days", false, true, 1, kMaxDays, true}};
constexpr std::string_view kItemHoles[] = {"instrument", "item", "value", "total", "observed"};

constexpr AlertParamSpec kTotalParams[] = {{"instrument", true},
                                           {"min_total", false, true, 0, 1000},
                                           {"max_total", false, false, 0, 1000},
                                           {"lookback_days", false, true, 1, kMaxDays, true}};
constexpr std::string_view kTotalHoles[] = {"instrument", "total", "band", "observed"};

constexpr AlertParamSpec kRisingParams[] = {{"substance", true},
                                            {"window_days", false, true, 1, 365, true},
                                            {"min_increase_percent", false, true, 0, 10000}};
constexpr std::string_view kRisingHoles[] = {"substance",       "count",           "previous_count",
                                             "amount",          "previous_amount", "window_days",
                                             "increase_percent"};

constexpr AlertParamSpec kNoImprovementParams[] = {
    {"instrument", true},
    {"substance", true, false},
    {"evaluation_days", false, true, 1, kMaxDays, true},
    {"min_fall", false, true, 0, 1000}};
constexpr std::string_view kNoImprovementHoles[] = {"instrument", "substance", "baseline", "latest",
                                                    "fall",       "min_fall",  "days"};

constexpr AlertParamSpec kAdherenceParams[] = {{"threshold_percent", false, true, 0, 100},
                                               {"window_days", false, true, 1, 365, true},
                                               {"min_planned", false, true, 1, 10000, true}};
constexpr std::string_view kAdherenceHoles[] = {"substance", "percent",      "threshold", "taken",
                                                "planned",   "window_start", "window_end"};

constexpr AlertParamSpec kCheckinParams[] = {{"max_days", false, true, 1, 365, true}};
constexpr std::string_view kCheckinHoles[] = {"days", "last_checkin"};

constexpr AlertParamSpec kDoseParams[] = {{"lookback_days", false, true, 1, kMaxDays, true}};
constexpr std::string_view kDoseHoles[] = {"substance", "amount", "maximum", "taken_at"};

// instruments: instrument codes separated by commas ("SOWS,COWS").
constexpr AlertParamSpec kAssessmentParams[] = {{"substance", true},
                                                {"instruments", true},
                                                {"max_days", false, true, 1, 365, true},
                                                {"min_doses_per_day", false, true, 0.01, 100}};
constexpr std::string_view kAssessmentHoles[] = {"substance", "instruments", "days",
                                                 "last_assessed"};

constexpr AlertKindSpec kSpecs[] = {
    {AlertKind::kSideEffectGrade, kSideEffectParams, kSideEffectHoles},
    {AlertKind::kInstrumentItem, kItemParams, kItemHoles},
    {AlertKind::kInstrumentTotal, kTotalParams, kTotalHoles},
    {AlertKind::kUseRising, kRisingParams, kRisingHoles},
    {AlertKind::kNoImprovement, kNoImprovementParams, kNoImprovementHoles},
    {AlertKind::kAdherenceBelow, kAdherenceParams, kAdherenceHoles},
    {AlertKind::kNoCheckin, kCheckinParams, kCheckinHoles},
    {AlertKind::kDoseAboveMax, kDoseParams, kDoseHoles},
    {AlertKind::kAssessmentDue, kAssessmentParams, kAssessmentHoles},
};

}  // namespace

std::string_view AlertKindName(AlertKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "?";
}

std::optional<AlertKind> ParseAlertKind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

std::string_view AlertSeverityName(AlertSeverity severity) {
  switch (severity) {
    case AlertSeverity::kInfo: return "info";
    case AlertSeverity::kWarning: return "warning";
    case AlertSeverity::kUrgent: return "urgent";
  }
  return "?";
}

std::optional<AlertSeverity> ParseAlertSeverity(std::string_view name) {
  if (name == "info") return AlertSeverity::kInfo;
  if (name == "warning") return AlertSeverity::kWarning;
  if (name == "urgent") return AlertSeverity::kUrgent;
  return std::nullopt;
}

const AlertKindSpec& SpecOf(AlertKind kind) {
  for (const auto& spec : kSpecs) {
    if (spec.kind == kind) return spec;
  }
  return kSpecs[0];  // unreachable: every kind has a spec
}

std::optional<double> AlertRule::Number(const std::string& name) const {
  auto it = numbers.find(name);
  if (it == numbers.end()) return std::nullopt;
  return it->second;
}

std::string AlertRule::Text(const std::string& name) const {
  auto it = texts.find(name);
  return it == texts.end() ? std::string() : it->second;
}

}  // namespace pineal::kb
