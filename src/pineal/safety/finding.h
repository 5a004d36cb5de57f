// A screening finding: one rule that fired, with what a clinician needs to act.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/kb/grading.h"

namespace pineal::safety {

enum class FindingKind {
  kDose,                   // a single dose against a per-dose band
  kFrequency,              // doses per day or course length
  kCumulativeDailyAmount,  // the day's total against a per-day band
  kContraindication,       // a substance in a patient condition
  kInteraction,            // two substances
  kCombination,            // a pattern over the whole list
  kDuplication,            // the same substance or class twice
  kUnknownPotency,         // product strength unknown: bands not applied
  kCouldNotEvaluate,       // something needed was missing: never silent
};

std::string_view FindingKindName(FindingKind kind);   // "cumulative_daily_amount", ...
std::string_view FindingKindLabel(FindingKind kind);  // "cumulative daily amount", ...

struct Finding {
  std::string rule_id;  // stable: the knowledge-base or engine rule that fired
  // Stable identity of this finding for overrides: rule id, the substance ids
  // involved and, where needed, a qualifier ("ix.melatonin.fluvoxamine|fluvoxamine+melatonin").
  std::string key;
  FindingKind kind = FindingKind::kCouldNotEvaluate;
  kb::Severity severity = kb::Severity::kInfo;
  std::string title;                    // one line
  std::string message;                  // what was found, in clinical words
  std::string mechanism;                // why (may be empty for dose findings)
  std::string action;                   // what to do
  std::vector<std::string> refs;        // reference ids
  std::vector<std::string> substances;  // substance ids involved, sorted
  std::optional<kb::Likelihood> likelihood;
  std::optional<kb::EvidenceLevel> evidence;
  // True when a screened (proposed) regimen is part of the finding; only such
  // findings can block the regimen.
  bool involves_proposed = false;

  // Major or contraindicated, and about a proposed regimen: needs an override.
  bool blocking() const { return involves_proposed && severity >= kb::Severity::kMajor; }
};

// Orders findings (most severe first, then kind, rule id, key, message) and
// keeps one finding per key. The result does not depend on the input order.
void SortAndDeduplicate(std::vector<Finding>& findings);

// The highest severity, or nullopt when there are no findings.
std::optional<kb::Severity> TopSeverity(const std::vector<Finding>& findings);

}  // namespace pineal::safety
