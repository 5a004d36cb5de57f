#include "pineal/safety/finding.h"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <unordered_set>

namespace pineal::safety {

std::string_view FindingKindName(FindingKind kind) {
  switch (kind) {
    case FindingKind::kDose: return "dose";
    case FindingKind::kFrequency: return "frequency";
    case FindingKind::kCumulativeDailyAmount: return "cumulative_daily_amount";
    case FindingKind::kContraindication: return "contraindication";
    case FindingKind::kInteraction: return "interaction";
    case FindingKind::kCombination: return "combination";
    case FindingKind::kDuplication: return "duplication";
    case FindingKind::kUnknownPotency: return "unknown_potency";
    case FindingKind::kCouldNotEvaluate: return "could_not_evaluate";
  }
  return "?";
}

std::string_view FindingKindLabel(FindingKind kind) {
  switch (kind) {
    case FindingKind::kDose: return "dose";
    case FindingKind::kFrequency: return "frequency";
    case FindingKind::kCumulativeDailyAmount: return "cumulative daily amount";
    case FindingKind::kContraindication: return "contraindication";
    case FindingKind::kInteraction: return "interaction";
    case FindingKind::kCombination: return "combination";
    case FindingKind::kDuplication: return "duplication";
    case FindingKind::kUnknownPotency: return "unknown product potency";
    case FindingKind::kCouldNotEvaluate: return "could not evaluate";
  }
  return "?";
}

void SortAndDeduplicate(std::vector<Finding>& findings) {
  auto order = [](const Finding& f) {
    return std::make_tuple(-static_cast<int>(f.severity), static_cast<int>(f.kind),
                           std::cref(f.rule_id), std::cref(f.key), std::cref(f.message),
                           !f.involves_proposed);
  };
  // Sort indexes (cheap to swap), then move each finding once.
  std::vector<std::size_t> index(findings.size());
  for (std::size_t i = 0; i < index.size(); ++i) index[i] = i;
  std::sort(index.begin(), index.end(),
            [&](std::size_t a, std::size_t b) { return order(findings[a]) < order(findings[b]); });
  // Keep the first (most severe) finding of each key.
  std::vector<Finding> kept;
  kept.reserve(findings.size());
  std::unordered_set<std::string_view> seen;  // views into `kept`, which never reallocates
  for (std::size_t i : index) {
    if (seen.contains(findings[i].key)) continue;
    kept.push_back(std::move(findings[i]));
    seen.insert(kept.back().key);
  }
  findings = std::move(kept);
}

std::optional<kb::Severity> TopSeverity(const std::vector<Finding>& findings) {
  std::optional<kb::Severity> top;
  for (const Finding& f : findings) {
    if (!top || f.severity > *top) top = f.severity;
  }
  return top;
}

}  // namespace pineal::safety
