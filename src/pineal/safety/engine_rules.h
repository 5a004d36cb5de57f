// Rules the engine itself raises (not read from the knowledge base): what it
// could not evaluate, and same-substance duplication. Their ids are as stable
// as knowledge-base rule ids and appear in tests and findings the same way.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/kb/catalog.h"
#include "pineal/safety/finding.h"

namespace pineal::safety {

namespace rules {
inline constexpr std::string_view kUnknownSubstance = "engine.unknown_substance";
inline constexpr std::string_view kUnknownCondition = "engine.unknown_condition";
inline constexpr std::string_view kUnknownIndication = "engine.unknown_indication";
inline constexpr std::string_view kMissingAge = "engine.missing_age";
inline constexpr std::string_view kPregnancyUnknown = "engine.pregnancy_unknown";
inline constexpr std::string_view kMissingWeight = "engine.missing_weight";
inline constexpr std::string_view kMissingDuration = "engine.missing_duration";
inline constexpr std::string_view kNoBand = "engine.no_band";
inline constexpr std::string_view kInvalidDose = "engine.invalid_dose";
inline constexpr std::string_view kDuplicateSubstance = "dup.same_substance";
// Class duplication ids are "dup.class.<class id>" (classes with `duplication`).
inline constexpr std::string_view kDuplicateClassPrefix = "dup.class.";
}  // namespace rules

struct EngineRule {
  std::string_view id;
  FindingKind kind;
  std::string_view description;
};

// The engine's own rules, in id order.
std::span<const EngineRule> EngineRules();

// Every rule id screening can report with this catalog: the catalog's rule ids
// plus the engine's. Sorted, unique.
std::vector<std::string> AllRuleIds(const kb::Catalog& catalog);

}  // namespace pineal::safety
