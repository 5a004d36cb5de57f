// Scores one response set of a monitoring instrument: validates the answers
// against the instrument's definition, then computes the score (a sum,
// prorated when the instrument allows it, or a mean rounded half up to the
// instrument's decimals), subscores, band and item flags. Pure.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/instrument.h"

namespace pineal::monitor {

// One answer; `value` empty means the item was left unanswered.
struct ItemAnswer {
  std::string item_id;
  std::optional<int> value;
};

struct RaisedFlag {
  std::string id;
  std::string item_id;
  int value = 0;
  std::string level;  // "urgent", "review"
  std::string message;
  std::vector<std::string> refs;
};

struct SubscaleScore {
  std::string id;
  std::string label;
  int total = 0;  // sum: the sum of the answered items; mean: the whole part of `score`
  int answered = 0;
  int missing = 0;
  kb::ScoringMethod method = kb::ScoringMethod::kSum;
  double score = 0;  // sum: == total; mean: the mean of the answered items, rounded
  int decimals = 0;  // digits of `score` after the point
  int raw_sum = 0;   // sum of the answered items
};

struct InstrumentScore {
  std::string instrument_id;
  std::string code;
  // The score as a whole number: for a sum the total (prorated when allowed);
  // for a mean its whole part (3.89 -> 3), which is what the bands hold.
  int total = 0;
  // The score as reported: for a sum == total; for a mean the mean of the
  // answered scored items rounded half up to `decimals` (FSS 35/9 -> 3.89).
  double score = 0;
  kb::ScoringMethod method = kb::ScoringMethod::kSum;
  int decimals = 0;
  int raw_sum = 0;        // sum of all answered items
  bool prorated = false;  // total scaled up (sum), or a mean over fewer items (mean)
  int min_total = 0;
  int max_total = 0;
  std::optional<kb::ScoreBand> band;  // empty when the instrument has no bands
  std::vector<RaisedFlag> flags;
  std::vector<SubscaleScore> subscores;
  int answered = 0;
  int missing = 0;
  std::vector<std::string> missing_items;  // ids, in form order
};

// Errors (InvalidArgument, field() = the item id): an unknown item, an item
// answered twice, an answer that is not an allowed value (the message lists
// them), more unanswered items than the instrument's missing-answer rule allows.
// Items not mentioned in `answers` count as unanswered.
Result<InstrumentScore> ScoreInstrument(const kb::InstrumentDef& def,
                                        const std::vector<ItemAnswer>& answers);

// `sum` / `n` rounded half up to `decimals` digits, in units of 10^-decimals
// (RoundedMeanUnits(35, 9, 2) == 389): exact, without floating point. n > 0, sum >= 0.
long long RoundedMeanUnits(int sum, int n, int decimals);

// "3.89", "4.00", "7": a score with its instrument's decimals.
std::string FormatScore(double score, int decimals);

// "0, 1, 2, 4": an item's allowed answers, for messages.
std::string AllowedValuesText(const kb::InstrumentItem& item);

}  // namespace pineal::monitor
