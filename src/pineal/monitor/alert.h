// Alert rules evaluated over a patient's recent record. Pure: `now` is a
// parameter. Each rule of knowledge/rules/alerts.yaml yields zero or more
// candidates; a rule whose data are missing (no baseline, no check-in, an
// unknown time zone...) yields none and never fails. The store opens an alert
// for a candidate unless one with the same dedupe_key exists.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/ids.h"
#include "pineal/core/time.h"
#include "pineal/kb/alert_rules.h"
#include "pineal/records/dose_event.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"

namespace pineal::monitor {

// A scored instrument response, as the latest correction shows it.
struct ScoredResponse {
  ObservationId id;
  std::string code;  // "PHQ-9", "ISI", "COWS"
  Instant observed_at{};
  double total = 0;
  std::string band_id;
  std::map<std::string, int> items;  // item id -> value, e.g. "item9"
};

// A side effect as reported, graded after CTCAE (1 mild ... 5 death).
struct SideEffectReport {
  ObservationId id;
  std::string effect;
  int grade = 0;
  Instant onset{};
  std::string substance;  // the suspected substance, if known
  bool ongoing = false;
};

struct AlertInputs {
  records::Patient patient;  // time zone, birth date
  std::vector<records::Regimen> regimens;
  std::vector<records::DoseEvent> dose_events;  // corrections are applied here
  std::vector<ScoredResponse> responses;        // current views (corrections applied)
  std::vector<SideEffectReport> side_effects;   // current views
  std::optional<Instant> last_checkin;
};

enum class EvidenceKind { kDoseEvent, kObservation, kRegimen };
std::string_view EvidenceKindName(EvidenceKind kind);  // "dose_event", "observation", "regimen"

struct Evidence {
  EvidenceKind kind = EvidenceKind::kObservation;
  std::int64_t id = 0;
  bool operator==(const Evidence&) const = default;
};

struct AlertCandidate {
  std::string rule_id;
  kb::AlertSeverity severity = kb::AlertSeverity::kInfo;
  std::string title;
  std::string message;  // the rule's template with the numbers filled in
  std::vector<Evidence> evidence;
  // Rule id plus what fired it (the evidence, or the window), e.g.
  // "alert.side_effect.severe|observation:17".
  std::string dedupe_key;
  std::vector<std::string> refs;
};

// Whether alerts of this kind describe a state over a window (low adherence,
// rising use, no check-in) that ends once the record no longer shows it,
// rather than an entry (a score, a side effect, a dose) a clinician resolves.
bool LapsesWhenNoLongerTrue(kb::AlertKind kind);

// What the rules read of the record, so that a caller can load only that and
// get the same candidates as from the whole record:
//  - dose events: only those taken or planned at or after now - DoseLookback
//    (use_rising: two windows; adherence_below: the latest complete block,
//    at most two windows and a day back, widened by twice the match window
//    (doses planned a window early, events paired a window away) and a
//    time-zone margin; dose_above_max: its look-back; no other kind);
//  - instrument scores and side effects: all of them, however old (a
//    no_improvement baseline precedes the regimen's start, assessment_due
//    counts from the last score, an ongoing side effect stays relevant);
//    other observations only through last_checkin, the newest recording.
std::chrono::hours DoseLookback(const kb::AlertRuleSet& rules);

// Candidates in rule order, then in the order their evidence occurred.
std::vector<AlertCandidate> EvaluateAlerts(const kb::AlertRuleSet& rules, const AlertInputs& inputs,
                                           Instant now);

}  // namespace pineal::monitor
