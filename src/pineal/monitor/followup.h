// Follow-up: the review dates of a regimen from the rules of
// knowledge/rules/followup.yaml. Pure: "today" is a parameter.
//
// Every rule whose conditions hold applies. The first review is the earliest
// first_review_days among them after the current version's start date (a new
// version restarts the schedule, but a review of the version it replaced that
// was due and not done stays due, first in the list, until a person records
// it done or cancelled; a move keeps it, at the new date); later reviews
// follow at the shortest interval among them, counted from the previous
// review as it happened: the day it was done, the date it was moved to, or
// today while it is overdue.
// A cancelled review is skipped and the next one keeps the plan.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/core/time.h"
#include "pineal/kb/followup_rules.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"

namespace pineal::monitor {

enum class ReviewState { kScheduled, kDone, kMoved, kCancelled };

// A review as the store will keep it, for one regimen.
struct ReviewRecord {
  std::int64_t id = 0;
  LocalDate due{};  // the planned date it was made for
  ReviewState state = ReviewState::kScheduled;
  std::optional<LocalDate> done_on;   // kDone
  std::optional<LocalDate> moved_to;  // kMoved
  std::string note;                   // why moved or cancelled
};

struct DueReview {
  LocalDate date{};      // when it is due (the moved date for a moved review)
  LocalDate planned{};   // the date the rules gave
  std::string rule_id;   // the rule that set the date
  std::string reason;    // that rule's title and the facts that made it apply
  bool overdue = false;  // date is before today
  int days_overdue = 0;
  std::optional<std::int64_t> review_id;  // the record it comes from, if any
};

struct FollowupSchedule {
  std::vector<std::string> applicable_rules;  // ids, in file order
  std::vector<DueReview> due;                 // the next reviews, in date order
  std::vector<std::string> notes;             // what could not be evaluated, or why none
};

// The next `count` reviews of `regimen` for `patient` on local date `today`.
// `reviews` are this regimen's; each review done on or after the current
// version's start completes the next one due, in order. A stopped regimen has
// no reviews.
Result<FollowupSchedule> PlanReviews(const kb::FollowupRuleSet& rules,
                                     const records::Patient& patient,
                                     const records::Regimen& regimen,
                                     const std::vector<ReviewRecord>& reviews, LocalDate today,
                                     int count);

}  // namespace pineal::monitor
