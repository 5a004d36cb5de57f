// Overrides: a blocking finding (major or contraindicated, about a proposed
// regimen) stands until a clinician overrides it with a documented reason. A
// contraindicated finding is a hard stop: its override also needs a second
// clinician's co-signature (app/ keeps the change pending until then).
// Pure: app/ stores overrides with the regimen version and calls this.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "pineal/core/status.h"
#include "pineal/safety/finding.h"

namespace pineal::safety {

inline constexpr std::size_t kMinOverrideReasonLength = 10;

struct Override {
  // A finding key (exact), or a rule id: then it covers every blocking finding
  // of that rule in this screening.
  std::string finding_key;
  std::string reason;
};

// A blocking finding and the override that covers it.
struct AppliedOverride {
  std::string finding_key;
  std::string rule_id;
  std::string reason;
  bool needs_cosign = false;  // the finding is a hard stop (contraindicated)
};

struct OverrideEvaluation {
  std::vector<Finding> unresolved;       // blocking findings without a valid override
  std::vector<AppliedOverride> applied;  // covered blocking findings, in finding order, each
                                         // with the first valid override that names it
  // One InvalidArgument per bad override; field() is "overrides[i].reason" or
  // "overrides[i].finding_key".
  std::vector<Status> problems;

  bool ok() const { return unresolved.empty() && problems.empty(); }
  // Some applied override covers a hard stop: a second clinician must co-sign.
  bool needs_cosign() const;
  // OK, or the first problem, or FailedPrecondition naming the unresolved findings.
  Status ToStatus() const;
};

// Checks each override (names a blocking finding in `findings`; reason of at
// least kMinOverrideReasonLength characters after trimming) and returns the
// blocking findings that remain. Invalid overrides do not count.
OverrideEvaluation EvaluateOverrides(const std::vector<Finding>& findings,
                                     const std::vector<Override>& overrides);

}  // namespace pineal::safety
