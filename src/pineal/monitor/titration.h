// Titration proposals from the protocols of knowledge/protocols/. Pure:
// "today" is a parameter. A proposal is never applied by itself: it says what
// the protocol suggests, why (in plain words, with the numbers), on which
// observations it rests, and a clinician approves or rejects it.
//
// A ladder (melatonin for insomnia), in order:
//  1. a side effect attributed to the substance at or above the refer grade ->
//     refer (urgent); at or above the stop grade -> stop; at or above the
//     step-down grade -> decrease one step (stop from the lowest). A report
//     counts while ongoing or when its onset lies within the evaluation
//     window, and only if the daily amount is not lower now than at onset;
//  2. a caution with effect `refer` -> refer;
//  3. a dose above the top of the patient's ladder -> decrease to the ceiling;
//  4. the evaluation window on the current dose not yet over, or no response
//     since it ended -> hold ("evaluate again on ...");
//  5. the latest total below `remission_below` -> hold; held for
//     `sustained_days` -> taper one step (the lowest effective dose), or stop
//     from the lowest step;
//  6. no baseline (a response on or before the regimen's first start) -> hold;
//  7. a fall from baseline of at least `min_fall` -> hold (it works);
//  8. otherwise an increase of one step, unless a caution (`no_increase`), an
//     unknown age, unknown or low adherence, or the ceiling stands in the way
//     (then hold, naming every obstacle). Steps above the ceiling are never
//     proposed; at the ceiling the next one is offered as `explicit_option`.
//
// Either kind, last: an increase is held while an urgent alert is unresolved
// (a decrease, a stop or a referral still goes ahead).
//
// A taper (kratom), in order: refer (urgent) when the latest withdrawal score
// in the assessment window is at or above `refer_at_or_above`, or a side
// effect reaches `refer_min_grade`; refer for a `refer` caution; hold while
// the withdrawal score is at or above `hold_at_or_above` or the rising
// instrument's total rose; hold until the step's days are over, while there is
// no withdrawal assessment in the window, or while adherence is unknown or
// low; then reduce the daily amount by the protocol's fraction (rounded down
// per administration), or stop at the floor. A taper never increases.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/result.h"
#include "pineal/core/time.h"
#include "pineal/kb/protocol.h"
#include "pineal/monitor/alert.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"

namespace pineal::monitor {

enum class TitrationAction { kIncrease, kDecrease, kHold, kTaper, kStop, kRefer };

// "increase", "decrease", "hold", "taper", "stop", "refer".
std::string_view TitrationActionName(TitrationAction action);

// An alert that is not resolved yet, as titration sees it.
struct UnresolvedAlert {
  std::string rule_id;
  std::string title;
  Instant opened_at;
};

struct TitrationInputs {
  records::Regimen regimen;
  records::Patient patient;  // birth date, pregnancy, conditions, time zone
  // Current views, any instrument; of two at the same time the later in the
  // vector counts as the later one.
  std::vector<ScoredResponse> responses;
  std::vector<SideEffectReport> side_effects;  // current views
  // Percent of planned doses taken over the evaluation window (ladder) or the
  // current step (taper), from monitor::ComputeAdherence; none when unknown.
  std::optional<double> adherence_percent;
  // Urgent alerts not resolved yet (self-harm item, severe side effect, severe
  // withdrawal): while any stands, no increase is proposed.
  std::vector<UnresolvedAlert> urgent_alerts;
};

struct TitrationProposal {
  std::string protocol_id;
  std::string protocol_title;     // "Melatonin for insomnia (start low, go slow)"
  std::vector<std::string> refs;  // the protocol's, then those of the rules that decided
  RegimenId regimen_id;
  int regimen_version = 0;

  TitrationAction action = TitrationAction::kHold;
  // What decided: "side_effects", "caution", "ceiling", "evaluation_window",
  // "no_response", "remission", "no_baseline", "improved", "increase",
  // "withdrawal", "step_days", "no_assessment", "adherence", "taper",
  // "urgent_alert" (an increase held while an urgent alert is unresolved).
  std::string decided_by;

  Mass current_dose;        // per administration, planned on `today`
  Mass current_daily_dose;  // per dosing day
  Mass dose;                // proposed per administration (0 for stop)
  Mass daily_dose;          // proposed per dosing day
  int doses_per_day = 1;

  LocalDate applies_from{};              // earliest date the proposed dose applies
  std::optional<LocalDate> evaluate_on;  // when the protocol looks again
  std::vector<std::string> reasons;      // plain words, with the numbers
  std::vector<Evidence> evidence;        // the observations behind it
  bool urgent = false;                   // refer now
  // At the ceiling: the next step, possible only by an explicit clinician
  // decision (never the proposed dose).
  std::optional<Mass> explicit_option;
  bool needs_clinician_decision = true;  // always: nothing is applied by itself
};

// The first protocol (in set order) for the regimen's substance whose
// indications include the current version's indication (same normalised
// name, or the same kb::Indication). Null when none fits.
const kb::Protocol* ProtocolFor(const kb::ProtocolSet& protocols, const records::Regimen& regimen);

// Errors: InvalidArgument for a protocol of another substance or an unknown
// time zone; FailedPrecondition when the regimen has no version on `today`,
// is stopped, or the patient is younger than the protocol's min_age_years.
Result<TitrationProposal> ProposeTitration(const kb::Protocol& protocol,
                                           const TitrationInputs& inputs, LocalDate today);

}  // namespace pineal::monitor
