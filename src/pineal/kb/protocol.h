// Titration protocols, as loaded from knowledge/protocols/*.yaml (one file per
// protocol). Plain data for monitor/titration.h. Every section keeps the refs
// behind its numbers, or `policy` when the sources give none.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/kb/entries.h"

namespace pineal::kb {

// A dose ladder ("start low, go slow") or a taper that only ever goes down.
enum class ProtocolKind { kLadder, kTaper };

// What a caution does when it applies to the patient.
enum class CautionEffect { kNoIncrease, kRefer };

// Where the numbers of a section come from.
struct ProtocolSource {
  std::vector<std::string> refs;
  bool policy = false;  // the numbers are clinic policy defaults
  std::string note;
  SourceLocation where;
};

// Doses for one population, per administration, strictly ascending.
struct Ladder {
  std::string id;                    // "adult", "older_adult"
  std::optional<int> min_age_years;  // none: the default ladder
  std::vector<Mass> steps;           // the last one is the ceiling
  std::vector<Mass> explicit_steps;  // above the ceiling: explicit clinician decision only
  ProtocolSource source;

  const Mass& ceiling() const { return steps.back(); }
};

struct EvaluationRule {
  int window_days = 0;  // days on a dose before its effect is judged
  ProtocolSource source;
};

// Response on an instrument whose lower totals are better (ISI).
struct ResponseRule {
  std::string instrument;      // observation code, e.g. "ISI"
  double min_fall = 0;         // fall from baseline that marks meaningful improvement
  double remission_below = 0;  // a total below this is remission
  ProtocolSource source;
};

struct RemissionRule {
  int sustained_days = 0;  // remission held this long -> step down or stop
  ProtocolSource source;
};

// CTCAE grades (1..5) of side effects attributed to the substance.
struct SideEffectRule {
  std::optional<int> step_down_min_grade;
  std::optional<int> stop_min_grade;
  std::optional<int> refer_min_grade;
  ProtocolSource source;
};

struct AdherenceRule {
  double min_percent = 0;  // below it: no step up (ladder) or down (taper)
  ProtocolSource source;
};

struct Caution {
  std::string id;
  bool pregnant_or_breastfeeding = false;
  std::vector<std::string> conditions;  // normalised names (kb::NormalizeName)
  CautionEffect effect = CautionEffect::kNoIncrease;
  std::string message;
  ProtocolSource source;
};

struct TaperRule {
  double reduce_fraction = 0;  // of the current daily amount, per step (0.1 = 10%)
  int step_days = 0;
  Mass stop_at_or_below_daily;  // the next step is stopping at or below this per day
  Mass round_down_to;           // per administration
  ProtocolSource source;
};

struct WithdrawalRule {
  std::string instrument;         // "COWS"
  double hold_at_or_above = 0;    // no further reduction
  double refer_at_or_above = 0;   // urgent referral
  std::string rising_instrument;  // "SOWS": a rise of its total holds the taper; may be empty
  ProtocolSource source;
};

struct Protocol {
  std::string id;  // "protocol.melatonin.insomnia"
  std::string title;
  ProtocolKind kind = ProtocolKind::kLadder;
  std::string substance;                 // lower case
  std::vector<std::string> indications;  // normalised names
  std::optional<int> min_age_years;
  std::vector<std::string> refs;
  std::string note;
  SourceLocation where;

  // kLadder
  EvaluationRule evaluation;
  std::vector<Ladder> ladders;  // exactly one without min_age_years
  ResponseRule response;
  RemissionRule remission;
  // kTaper
  TaperRule taper;
  WithdrawalRule withdrawal;
  // Both
  SideEffectRule side_effects;
  AdherenceRule adherence;
  std::vector<Caution> cautions;
};

struct ProtocolSet {
  std::vector<Reference> references;
  std::vector<Protocol> protocols;  // by file name

  const Protocol* Find(const std::string& id) const;
};

std::string_view ProtocolKindName(ProtocolKind kind);  // "ladder", "taper"
std::string_view CautionEffectName(CautionEffect e);   // "no_increase", "refer"

}  // namespace pineal::kb
