// Monitoring instruments as data (knowledge/instruments/*.yaml): items and
// their allowed answers, scoring, bands, item flags and follow-up criteria.
// Loaded and validated by instrument_loader.h; scored by monitor/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pineal::kb {

inline constexpr std::string_view kLoincSystem = "http://loinc.org";
inline constexpr std::string_view kLocalInstrumentSystem = "urn:pineal:instrument";

enum class Respondent { kSelf, kClinician };
std::string_view RespondentName(Respondent r);  // "self", "clinician"
std::optional<Respondent> ParseRespondent(std::string_view text);

// How bad a band is, for display and alert rules (ordered).
enum class SeverityLevel { kNone, kMild, kModerate, kModeratelySevere, kSevere };
std::string_view SeverityLevelName(SeverityLevel s);  // "none" ... "moderately_severe", "severe"
std::optional<SeverityLevel> ParseSeverityLevel(std::string_view text);

struct CodeRef {
  std::string system;  // kLoincSystem or kLocalInstrumentSystem
  std::string code;
};

struct AnswerAnchor {
  int value = 0;
  std::string label;
};

struct InstrumentItem {
  std::string id;                      // "item9", "resting_pulse"
  int number = 0;                      // 1-based position on the form
  std::string label;                   // short label, may be empty
  std::optional<std::string> wording;  // nullopt: licensed or not shipped
  std::vector<int> allowed_values;     // ascending, no duplicates
  std::vector<AnswerAnchor> anchors;   // item-specific anchors, may be empty
  std::string subscale;                // subscale id, or empty

  bool Allows(int value) const;
  int MinValue() const { return allowed_values.front(); }
  int MaxValue() const { return allowed_values.back(); }
};

// [from, to], both inclusive, in whole score points. For a mean score the
// band holds the scores from `from` up to, not including, `to` + 1 (a mean
// of 3.89 is in the band 1-3, 4.00 in the band 4-7): the band of the whole
// part of the rounded score.
struct ScoreBand {
  std::string id;
  int from = 0;
  int to = 0;
  std::string label;
  SeverityLevel severity = SeverityLevel::kNone;
};

// How a score is made from the answers: their sum, or their mean rounded
// half up to the instrument's `decimals` (FSS, BPI).
enum class ScoringMethod { kSum, kMean };
std::string_view ScoringMethodName(ScoringMethod m);  // "sum", "mean"
std::optional<ScoringMethod> ParseScoringMethod(std::string_view text);

enum class MissingAction { kReject, kProrate };
std::string_view MissingActionName(MissingAction a);  // "reject", "prorate"

// How many items may be unanswered, and what then: kReject rejects more
// than `max_missing`; kProrate scales the sum of the answered items up.
struct MissingRule {
  int max_missing = 0;
  MissingAction action = MissingAction::kReject;
  std::string note;
};

// Raised when an item's answer is at least `at_least`, whatever the total
// (PHQ-9 item 9 > 0: same-day follow-up).
struct ItemFlagRule {
  std::string id;
  std::string item_id;
  int at_least = 1;
  std::string level;  // "urgent" or "review"
  std::string message;
  std::vector<std::string> refs;
};

// Follow-up facts the alert rules use (ISI: a fall of >= 8 is meaningful
// improvement; a total < 8 is remission).
struct ChangeCriteria {
  std::optional<int> meaningful_drop;
  std::optional<int> remission_below;
  std::vector<std::string> refs;
};

struct Subscale {
  std::string id;
  std::string label;
  ScoringMethod method = ScoringMethod::kSum;
  int decimals = 0;  // kMean: digits kept after rounding half up
};

struct InstrumentDef {
  std::string id;    // lower case: "isi", "phq9"
  std::string code;  // observation code: "ISI", "PHQ-9"
  std::string name;
  std::vector<std::string> aliases;
  Respondent respondent = Respondent::kSelf;
  std::string recall_period;
  std::optional<CodeRef> panel_code;
  CodeRef total_code;
  std::string licence;
  std::string wording_note;  // why wording is absent, when it is
  std::vector<std::string> refs;
  std::vector<AnswerAnchor> answer_anchors;  // shared by every item
  std::vector<InstrumentItem> items;         // in form order
  std::vector<Subscale> subscales;
  ScoringMethod method = ScoringMethod::kSum;
  int decimals = 0;            // kMean: digits kept after rounding half up
  std::string score_subscale;  // the score is this subscale's items only (BPI: severity), or empty
  int min_total = 0;           // lowest and highest score (for kMean: of the mean)
  int max_total = 0;
  MissingRule missing;
  std::vector<ScoreBand> bands;  // contiguous over [min_total, max_total], or empty
  std::string no_bands_note;     // why there are none
  std::vector<ItemFlagRule> flags;
  std::optional<ChangeCriteria> change;
  std::string source_file;
  int source_line = 0;  // of the id

  const InstrumentItem* FindItem(std::string_view item_id) const;
  const Subscale* FindSubscale(std::string_view subscale_id) const;
  const InstrumentItem* ItemByNumber(int number) const;
  const ScoreBand* BandFor(int total) const;  // nullptr when none covers it
};

// Every citation in `def`, for reference checks.
std::vector<std::string> CitedRefs(const InstrumentDef& def);

}  // namespace pineal::kb
