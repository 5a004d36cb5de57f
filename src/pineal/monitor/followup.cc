#include "pineal/monitor/followup.h"

#include <algorithm>

#include "pineal/monitor/adherence_plan.h"
#include "pineal/monitor/local_dates.h"

namespace pineal::monitor {
namespace {

struct Applied {
  const kb::FollowupRule* rule;
  std::string reason;
};

// Whether `rule` applies; `reason` says why. Notes what could not be checked.
std::optional<std::string> Applies(const kb::FollowupRule& rule, const records::Patient& patient,
                                   const records::Regimen& regimen, LocalDate today,
                                   std::vector<std::string>& notes) {
  const kb::FollowupApplies& a = rule.applies;
  std::string why;
  const auto add = [&why](const std::string& s) { why += (why.empty() ? "" : "; ") + s; };
  if (!a.substance.empty()) {
    if (!SameSubstance(a.substance, regimen.substance)) return std::nullopt;
    add(regimen.substance);
  }
  if (a.dose_above) {
    const Mass largest = LargestDose(regimen.current());
    if (!(largest > *a.dose_above)) return std::nullopt;
    add(largest.ToString() + " per dose is above " + a.dose_above->ToString());
  }
  if (a.min_age_years) {
    if (!patient.birth_date) {
      notes.push_back(rule.id + " not evaluated: birth date unknown");
      return std::nullopt;
    }
    const int age = AgeInYears(*patient.birth_date, today);
    if (age < *a.min_age_years) return std::nullopt;
    add("age " + std::to_string(age) + " (from " + std::to_string(*a.min_age_years) + ")");
  }
  if (a.pregnant_or_breastfeeding) {
    const bool pregnant = patient.pregnancy == records::PregnancyStatus::kPregnant;
    if (!pregnant && !patient.breastfeeding) return std::nullopt;
    add(pregnant && patient.breastfeeding ? "pregnant and breastfeeding"
        : pregnant                        ? "pregnant"
                                          : "breastfeeding");
  }
  return rule.title + (why.empty() ? "" : " (" + why + ")");
}

// The review of the earlier versions that was due when the current version
// started and had not been done then. `closed` when a person has since
// recorded it done.
struct Carried {
  DueReview review;
  bool closed = false;
};

std::optional<Carried> ReviewDueAtTheChange(const kb::FollowupRuleSet& rules,
                                            const records::Patient& patient,
                                            const records::Regimen& regimen,
                                            const std::vector<ReviewRecord>& reviews) {
  if (regimen.versions.size() < 2) return std::nullopt;
  records::Regimen earlier = regimen;
  earlier.versions.pop_back();
  const LocalDate changed = regimen.current().start_date;
  // The earlier plan as it stood the day before, from what had been done by then.
  std::vector<ReviewRecord> by_then;
  for (const auto& r : reviews) {
    const bool done_later =
        r.state == ReviewState::kDone && r.done_on && !Before(*r.done_on, changed);
    if (!done_later) by_then.push_back(r);
  }
  auto then = PlanReviews(rules, patient, earlier, by_then, Plus(changed, -1), 1);
  if (!then.ok() || then->due.empty()) return std::nullopt;
  const DueReview& next = then->due[0];
  if (!Before(next.planned, changed) && !Before(next.date, changed)) return std::nullopt;
  Carried out{then->due[0], false};
  for (const auto& r : reviews) {
    if (r.due == out.review.planned && r.state == ReviewState::kDone) out.closed = true;
  }
  return out;
}

}  // namespace

Result<FollowupSchedule> PlanReviews(const kb::FollowupRuleSet& rules,
                                     const records::Patient& patient,
                                     const records::Regimen& regimen,
                                     const std::vector<ReviewRecord>& reviews, LocalDate today,
                                     int count) {
  if (count < 0 || count > 1000) {
    return Status::InvalidArgument("count must be 0 to 1000, got " + std::to_string(count),
                                   "count");
  }
  if (regimen.versions.empty()) {
    return Status::InvalidArgument("the regimen has no versions", "versions");
  }
  FollowupSchedule out;
  const records::RegimenVersion& current = regimen.current();
  if (current.status == records::RegimenStatus::kStopped) {
    out.notes.push_back("regimen stopped: no reviews are planned");
    return out;
  }
  if (current.status == records::RegimenStatus::kPending) {
    out.notes.push_back("regimen waiting for a second clinician's co-signature: no reviews yet");
    return out;
  }

  std::vector<Applied> applied;
  for (const auto& rule : rules.rules) {
    if (auto why = Applies(rule, patient, regimen, today, out.notes)) {
      applied.push_back({&rule, std::move(*why)});
      out.applicable_rules.push_back(rule.id);
    }
  }
  if (applied.empty()) {
    out.notes.push_back("no follow-up rule applies");
    return out;
  }
  // The first review: the earliest; later ones: the shortest interval (ties go
  // to the rule listed first).
  const Applied* first = &applied[0];
  const Applied* interval = &applied[0];
  for (const auto& a : applied) {
    if (a.rule->first_review_days < first->rule->first_review_days) first = &a;
    if (a.rule->interval_days < interval->rule->interval_days) interval = &a;
  }

  // A new version restarts the schedule, but an overdue review of the version
  // it replaced stays due until a person records it: changing the dose does
  // not clear it.
  std::vector<ReviewRecord> own = reviews;
  if (auto carried = ReviewDueAtTheChange(rules, patient, regimen, reviews)) {
    // Its record, once made, belongs to it, not to the new schedule.
    std::erase_if(own, [&](const ReviewRecord& r) { return r.due == carried->review.planned; });
    if (!carried->closed && count > 0) {
      DueReview& d = carried->review;
      d.overdue = Before(d.date, today);
      d.days_overdue = d.overdue ? DaysFrom(d.date, today) : 0;
      const std::string prefix = "Carried over from an earlier version: ";
      if (d.reason.rfind(prefix, 0) != 0) d.reason = prefix + d.reason;
      out.due.push_back(std::move(d));
    }
  }

  const LocalDate anchor = current.start_date;
  std::vector<ReviewRecord> done;
  for (const auto& r : own) {
    if (r.state == ReviewState::kDone && r.done_on && !Before(*r.done_on, anchor)) {
      done.push_back(r);
    }
  }
  std::sort(done.begin(), done.end(), [](const ReviewRecord& a, const ReviewRecord& b) {
    return Before(*a.done_on, *b.done_on);
  });
  std::size_t next_done = 0;

  LocalDate planned = Plus(anchor, first->rule->first_review_days);
  const Applied* setter = first;
  // Bounded: each step either emits a review or consumes a record.
  for (std::size_t guard = 0; out.due.size() < static_cast<std::size_t>(count) &&
                              guard < own.size() + static_cast<std::size_t>(count) + 1;
       ++guard) {
    const ReviewRecord* record = nullptr;
    for (const auto& r : own) {
      if (r.due == planned && r.state != ReviewState::kDone) record = &r;
    }
    const LocalDate effective = record && record->state == ReviewState::kMoved && record->moved_to
                                    ? *record->moved_to
                                    : planned;
    // The next review done (early, on time, or late while this one was
    // overdue) completes it; the next counts from the day it was done.
    const LocalDate horizon = Before(effective, today) ? today : effective;
    if (next_done < done.size() && !Before(horizon, *done[next_done].done_on)) {
      const LocalDate base = *done[next_done].done_on;
      ++next_done;
      planned = Plus(base, interval->rule->interval_days);
      setter = interval;
      continue;
    }
    if (record && record->state == ReviewState::kCancelled) {
      planned = Plus(planned, interval->rule->interval_days);
      setter = interval;
      continue;
    }
    DueReview due;
    due.date = effective;
    due.planned = planned;
    due.rule_id = setter->rule->id;
    due.reason = setter->reason;
    due.overdue = Before(effective, today);
    due.days_overdue = due.overdue ? DaysFrom(effective, today) : 0;
    if (record) due.review_id = record->id;
    out.due.push_back(std::move(due));
    // An overdue review is still to be done: later ones count from today.
    const LocalDate base = Before(effective, today) ? today : effective;
    planned = Plus(base, interval->rule->interval_days);
    setter = interval;
    guard = 0;  // an emitted review is progress
  }
  return out;
}

}  // namespace pineal::monitor
