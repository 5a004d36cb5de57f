#include "pineal/monitor/alert.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "pineal/monitor/adherence_plan.h"
#include "pineal/monitor/alert_kinds.h"

namespace pineal::monitor {

std::string_view EvidenceKindName(EvidenceKind kind) {
  switch (kind) {
    case EvidenceKind::kDoseEvent: return "dose_event";
    case EvidenceKind::kObservation: return "observation";
    case EvidenceKind::kRegimen: return "regimen";
  }
  return "?";
}

bool LapsesWhenNoLongerTrue(kb::AlertKind kind) {
  return kind == kb::AlertKind::kAdherenceBelow || kind == kb::AlertKind::kUseRising ||
         kind == kb::AlertKind::kNoCheckin || kind == kb::AlertKind::kAssessmentDue;
}

namespace alert_internal {

std::string FillTemplate(const std::string& text, const Fields& fields) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t end = text[i] == '{' ? text.find('}', i) : std::string::npos;
    if (end != std::string::npos) {
      auto it = fields.find(text.substr(i + 1, end - i - 1));
      if (it != fields.end()) {
        out += it->second;
        i = end;
        continue;
      }
    }
    out += text[i];
  }
  return out;
}

std::string FormatNumber(double v) {
  const double rounded = std::round(v * 10) / 10;
  char buf[64];
  if (rounded == std::floor(rounded)) {
    std::snprintf(buf, sizeof buf, "%.0f", rounded);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
  }
  return buf;
}

std::string FormatLocal(Instant t, const std::string& zone) {
  auto local = ToLocal(t, zone);
  if (!local.ok()) return FormatInstant(t);
  return FormatDate(local->date) + " " + FormatTimeOfDay(local->time);
}

std::optional<Instant> StartOfDay(LocalDate day, const std::string& zone) {
  auto t = FromLocal(day, TimeOfDay{0}, zone);
  if (!t.ok()) return std::nullopt;
  return *t;
}

double Param(const kb::AlertRule& rule, const char* name, double fallback) {
  return rule.Number(name).value_or(fallback);
}

AlertCandidate MakeCandidate(const kb::AlertRule& rule, const Fields& fields,
                             std::vector<Evidence> evidence, const std::string& key_suffix) {
  AlertCandidate c;
  c.rule_id = rule.id;
  c.severity = rule.severity;
  c.title = FillTemplate(rule.title, fields);
  c.message = FillTemplate(rule.message, fields);
  c.evidence = std::move(evidence);
  c.dedupe_key = rule.id + "|" + key_suffix;
  c.refs = rule.refs;
  return c;
}

}  // namespace alert_internal

std::chrono::hours DoseLookback(const kb::AlertRuleSet& rules) {
  using alert_internal::Param;
  using std::chrono::hours;
  const hours day(24);
  // A local day starts up to 14 hours before its UTC midnight; two days
  // cover any zone and a daylight-saving shift.
  const hours zone_margin = 2 * day;
  hours longest(0);
  for (const kb::AlertRule& rule : rules.rules) {
    hours back(0);
    switch (rule.kind) {
      case kb::AlertKind::kUseRising:
        back = 2 * static_cast<int>(Param(rule, "window_days", 7)) * day + zone_margin;
        break;
      case kb::AlertKind::kAdherenceBelow:
        // Doses are planned from a match window before the block, and an
        // event pairs with a planned dose up to a match window away.
        back =
            (2 * static_cast<int>(Param(rule, "window_days", 14)) + 1) * day +
            2 * std::chrono::ceil<hours>(std::chrono::minutes(rules.adherence.match_window_min)) +
            zone_margin;
        break;
      case kb::AlertKind::kDoseAboveMax:
        back = static_cast<int>(Param(rule, "lookback_days", 14)) * day + zone_margin;
        break;
      case kb::AlertKind::kSideEffectGrade:
      case kb::AlertKind::kInstrumentItem:
      case kb::AlertKind::kInstrumentTotal:
      case kb::AlertKind::kNoImprovement:
      case kb::AlertKind::kNoCheckin:
      case kb::AlertKind::kAssessmentDue: break;  // the dose log is not read
    }
    longest = std::max(longest, back);
  }
  return longest;
}

std::vector<AlertCandidate> EvaluateAlerts(const kb::AlertRuleSet& rules, const AlertInputs& inputs,
                                           Instant now) {
  using namespace alert_internal;
  std::optional<LocalDate> today;
  if (auto local = ToLocal(now, inputs.patient.time_zone); local.ok()) today = local->date;
  const Context c{rules, inputs, now, today, CurrentDoseEvents(inputs.dose_events)};
  std::vector<AlertCandidate> out;
  for (const kb::AlertRule& rule : rules.rules) {
    switch (rule.kind) {
      case kb::AlertKind::kSideEffectGrade: SideEffectGrade(c, rule, out); break;
      case kb::AlertKind::kInstrumentItem: InstrumentItem(c, rule, out); break;
      case kb::AlertKind::kInstrumentTotal: InstrumentTotal(c, rule, out); break;
      case kb::AlertKind::kNoImprovement: NoImprovement(c, rule, out); break;
      case kb::AlertKind::kUseRising: UseRising(c, rule, out); break;
      case kb::AlertKind::kAdherenceBelow: AdherenceBelow(c, rule, out); break;
      case kb::AlertKind::kNoCheckin: NoCheckin(c, rule, out); break;
      case kb::AlertKind::kDoseAboveMax: DoseAboveMax(c, rule, out); break;
      case kb::AlertKind::kAssessmentDue: AssessmentDue(c, rule, out); break;
    }
  }
  return out;
}

}  // namespace pineal::monitor
