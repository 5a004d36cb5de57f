// Follow-up (review schedule) rules, as loaded from knowledge/rules/followup.yaml.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"

namespace pineal::kb {

// All set conditions must hold for the rule to apply; an empty one always applies.
struct FollowupApplies {
  std::string substance;             // lower case; empty = any substance
  std::optional<Mass> dose_above;    // largest planned dose of the version is above it
  std::optional<int> min_age_years;  // age on "today" is at least this
  bool pregnant_or_breastfeeding = false;
};

struct FollowupRule {
  std::string id;
  std::string title;
  FollowupApplies applies;
  int first_review_days = 0;  // after the current version's start date
  int interval_days = 0;      // between later reviews
  bool policy = false;        // the numbers are clinic policy defaults
  std::vector<std::string> refs;
  std::string note;
};

struct FollowupRuleSet {
  std::vector<FollowupRule> rules;  // in file order
};

}  // namespace pineal::kb
