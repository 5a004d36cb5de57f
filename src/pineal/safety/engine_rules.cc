#include "pineal/safety/engine_rules.h"

#include <algorithm>
#include <array>

namespace pineal::safety {
namespace {

constexpr std::array<EngineRule, 10> kRules{{
    {rules::kDuplicateSubstance, FindingKind::kDuplication,
     "the same substance is listed more than once (regimens and current medicines)"},
    {rules::kInvalidDose, FindingKind::kCouldNotEvaluate,
     "a regimen's dose or doses per day is zero or negative"},
    {rules::kMissingAge, FindingKind::kCouldNotEvaluate,
     "no age: adult bands were used and age-specific bands could not be checked"},
    {rules::kMissingDuration, FindingKind::kCouldNotEvaluate,
     "a course-length limit applies but the regimen has no planned duration"},
    {rules::kMissingWeight, FindingKind::kCouldNotEvaluate,
     "a weight-based (mg/kg) band applies but no weight is recorded"},
    {rules::kNoBand, FindingKind::kCouldNotEvaluate,
     "no dose band covers this substance, formulation, indication and population"},
    {rules::kPregnancyUnknown, FindingKind::kCouldNotEvaluate,
     "a pregnancy rule applies to a proposed substance but the pregnancy status of a patient "
     "who may be pregnant is not recorded"},
    {rules::kUnknownCondition, FindingKind::kCouldNotEvaluate,
     "a patient condition is not in the knowledge base: its contraindications were not checked"},
    {rules::kUnknownIndication, FindingKind::kCouldNotEvaluate,
     "the regimen's indication is not recognised: indication-specific rules were not checked"},
    {rules::kUnknownSubstance, FindingKind::kCouldNotEvaluate,
     "a substance is not in the knowledge base: its interactions were not checked"},
}};

}  // namespace

std::span<const EngineRule> EngineRules() { return kRules; }

std::vector<std::string> AllRuleIds(const kb::Catalog& catalog) {
  std::vector<std::string> out = catalog.RuleIds();
  for (const EngineRule& r : kRules) out.emplace_back(r.id);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace pineal::safety
