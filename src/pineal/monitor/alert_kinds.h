// Internal to monitor/: one evaluator per alert kind, and what they share.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pineal/monitor/alert.h"

namespace pineal::monitor::alert_internal {

struct Context {
  const kb::AlertRuleSet& rules;
  const AlertInputs& in;
  Instant now;
  std::optional<LocalDate> today;          // local date of now; none for an unknown zone
  std::vector<records::DoseEvent> events;  // current views of the dose log
};

using Fields = std::map<std::string, std::string>;

AlertCandidate MakeCandidate(const kb::AlertRule& rule, const Fields& fields,
                             std::vector<Evidence> evidence, const std::string& key_suffix);
std::string FillTemplate(const std::string& text, const Fields& fields);
// 3 -> "3", 62.5 -> "62.5", 2.345 -> "2.3" (one decimal at most).
std::string FormatNumber(double v);
// "2026-03-01 22:00" in the patient's zone ("...Z" in UTC when it is unknown).
std::string FormatLocal(Instant t, const std::string& zone);
// Local midnight starting `day`, or none for an unknown zone.
std::optional<Instant> StartOfDay(LocalDate day, const std::string& zone);
// The rule's number; rules are validated on load, the fallback only guards misuse.
double Param(const kb::AlertRule& rule, const char* name, double fallback);

void SideEffectGrade(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void InstrumentItem(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void InstrumentTotal(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void NoImprovement(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void UseRising(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void AdherenceBelow(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void NoCheckin(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void DoseAboveMax(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);
void AssessmentDue(const Context& c, const kb::AlertRule& rule, std::vector<AlertCandidate>& out);

}  // namespace pineal::monitor::alert_internal
