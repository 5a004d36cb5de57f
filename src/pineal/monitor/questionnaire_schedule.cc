#include "pineal/monitor/questionnaire_schedule.h"

#include <algorithm>

#include "pineal/core/text.h"
#include "pineal/monitor/adherence_plan.h"
#include "pineal/monitor/local_dates.h"

namespace pineal::monitor {
namespace {

// The regimens a rule's substance and dose conditions select; empty when the
// rule does not apply.
std::vector<const records::Regimen*> Matching(const kb::QuestionnaireApplies& a,
                                              const QuestionnaireFacts& facts) {
  if (!a.condition.empty() && facts.conditions.count(a.condition) == 0) return {};
  std::vector<const records::Regimen*> out;
  for (const records::Regimen* r : facts.active) {
    if (!a.substance.empty() && !SameSubstance(a.substance, r->substance)) continue;
    if (a.dose_above && !(LargestDose(r->current()) > *a.dose_above)) continue;
    out.push_back(r);
  }
  return out;
}

// The start of the current version when it stepped the dose up from the
// version before.
std::optional<LocalDate> StepUpStart(const records::Regimen& r) {
  if (r.versions.size() < 2) return std::nullopt;
  const auto& now = r.versions.back();
  const auto& before = r.versions[r.versions.size() - 2];
  if (!(LargestDose(now) > LargestDose(before))) return std::nullopt;
  return now.start_date;
}

std::string Why(const kb::QuestionnaireRule& rule, const records::Regimen& first,
                const QuestionnaireFacts& facts) {
  std::string why;
  if (!rule.applies.substance.empty()) why = first.substance;
  if (rule.applies.dose_above) {
    why += (why.empty() ? "" : ", ") + LargestDose(first.current()).ToString() +
           " per dose is above " + rule.applies.dose_above->ToString();
  }
  if (!rule.applies.condition.empty()) {
    why += (why.empty() ? "" : ", ") + AsciiLower(facts.conditions.at(rule.applies.condition));
  }
  return rule.title + (why.empty() ? "" : " (" + why + ")");
}

// The next date `rule` gives `instrument`, if any: the earliest of its times
// that the last answer has not met.
std::optional<LocalDate> NextDate(const kb::QuestionnaireRule& rule,
                                  const std::vector<const records::Regimen*>& regimens,
                                  std::optional<LocalDate> last) {
  LocalDate start = regimens.front()->versions.front().start_date;
  for (const records::Regimen* r : regimens) {
    if (Before(r->versions.front().start_date, start)) start = r->versions.front().start_date;
  }
  const int window = rule.answer_window_days;
  const auto met = [&](LocalDate date) { return last && !Before(*last, Plus(date, -window)); };
  std::optional<LocalDate> next;
  const auto consider = [&](LocalDate date) {
    if (!met(date) && (!next || Before(date, *next))) next = date;
  };
  if (rule.at_start) consider(start);
  if (rule.every_days) {
    // Counted from the last answer given for this programme, or from its start.
    const bool counts = last && !Before(*last, Plus(start, -window));
    consider(Plus(counts ? *last : start, *rule.every_days));
  }
  if (rule.after_change_days) {
    for (const records::Regimen* r : regimens) {
      if (auto step = StepUpStart(*r)) consider(Plus(*step, *rule.after_change_days));
    }
  }
  return next;
}

}  // namespace

std::string DueStateName(DueState s) {
  switch (s) {
    case DueState::kUpcoming: return "upcoming";
    case DueState::kDue: return "due";
    case DueState::kOverdue: return "overdue";
  }
  return "upcoming";
}

std::vector<DueQuestionnaire> PlanQuestionnaires(const kb::QuestionnaireRuleSet& rules,
                                                 const QuestionnaireFacts& facts, LocalDate today) {
  std::map<std::string, DueQuestionnaire> by_instrument;
  for (const kb::QuestionnaireRule& rule : rules.rules) {
    const auto regimens = Matching(rule.applies, facts);
    if (regimens.empty()) continue;
    for (const std::string& instrument : rule.instruments) {
      const auto found = facts.last_answered.find(instrument);
      const std::optional<LocalDate> last =
          found == facts.last_answered.end() ? std::nullopt : std::optional(found->second);
      const auto date = NextDate(rule, regimens, last);
      if (!date) continue;
      auto [it, fresh] = by_instrument.try_emplace(instrument);
      DueQuestionnaire& due = it->second;
      if (fresh || Before(*date, due.date)) {
        due.instrument = instrument;
        due.date = *date;
        due.opens = Plus(*date, -rule.answer_window_days);
        due.reason = Why(rule, *regimens.front(), facts);
        due.rules.insert(due.rules.begin(), &rule);
      } else {
        due.rules.push_back(&rule);
      }
    }
  }
  std::vector<DueQuestionnaire> out;
  for (auto& [id, due] : by_instrument) {
    if (Before(due.date, today)) {
      due.state = DueState::kOverdue;
      due.days_overdue = DaysFrom(due.date, today);
    } else if (!Before(today, due.opens)) {
      due.state = DueState::kDue;
    }
    out.push_back(std::move(due));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return Before(a.date, b.date); });
  return out;
}

}  // namespace pineal::monitor
