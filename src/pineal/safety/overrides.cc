#include "pineal/safety/overrides.h"

#include <algorithm>

namespace pineal::safety {
namespace {

std::size_t TrimmedLength(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return 0;
  const auto last = s.find_last_not_of(" \t\r\n");
  return last - first + 1;
}

}  // namespace

Status OverrideEvaluation::ToStatus() const {
  if (!problems.empty()) return problems.front();
  if (unresolved.empty()) return Status::Ok();
  std::string msg = std::to_string(unresolved.size()) +
                    " blocking finding(s) need a clinician override with a reason:";
  for (const Finding& f : unresolved) {
    msg += " [" + std::string(kb::SeverityName(f.severity)) + "] " + f.key + ";";
  }
  msg.pop_back();
  return Status::FailedPrecondition(msg, "overrides");
}

bool OverrideEvaluation::needs_cosign() const {
  return std::any_of(applied.begin(), applied.end(),
                     [](const AppliedOverride& a) { return a.needs_cosign; });
}

OverrideEvaluation EvaluateOverrides(const std::vector<Finding>& findings,
                                     const std::vector<Override>& overrides) {
  OverrideEvaluation result;
  // For each finding, the first valid override that covers it (or none).
  std::vector<const Override*> covered(findings.size(), nullptr);
  for (std::size_t i = 0; i < overrides.size(); ++i) {
    const Override& o = overrides[i];
    const std::string field = "overrides[" + std::to_string(i) + "]";
    bool matched_any = false;
    bool matched_blocking = false;
    for (const Finding& f : findings) {
      if (f.key != o.finding_key && f.rule_id != o.finding_key) continue;
      matched_any = true;
      matched_blocking = matched_blocking || f.blocking();
    }
    if (!matched_blocking) {
      result.problems.push_back(Status::InvalidArgument(
          matched_any ? "override '" + o.finding_key +
                            "' names a finding that does not block (only major or "
                            "contraindicated findings about a proposed regimen need one)"
                      : "override '" + o.finding_key +
                            "' names no finding of this screening (use a finding key or rule id)",
          field + ".finding_key"));
      continue;
    }
    if (TrimmedLength(o.reason) < kMinOverrideReasonLength) {
      result.problems.push_back(
          Status::InvalidArgument("override '" + o.finding_key + "' needs a reason of at least " +
                                      std::to_string(kMinOverrideReasonLength) + " characters",
                                  field + ".reason"));
      continue;
    }
    for (std::size_t k = 0; k < findings.size(); ++k) {
      const Finding& f = findings[k];
      if (f.blocking() && covered[k] == nullptr &&
          (f.key == o.finding_key || f.rule_id == o.finding_key)) {
        covered[k] = &o;
      }
    }
  }
  for (std::size_t k = 0; k < findings.size(); ++k) {
    if (!findings[k].blocking()) continue;
    if (covered[k] != nullptr) {
      result.applied.push_back({findings[k].key, findings[k].rule_id, covered[k]->reason,
                                findings[k].severity == kb::Severity::kContraindicated});
    } else {
      result.unresolved.push_back(findings[k]);
    }
  }
  return result;
}

}  // namespace pineal::safety
