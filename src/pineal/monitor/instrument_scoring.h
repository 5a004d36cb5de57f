// Scores one response set of a monitoring instrument: validates the answers
// against the instrument's definition, then computes the total (prorated when
// the instrument allows it), subscores, band and item flags. Pure.
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
  int total = 0;  // sum of the answered items of the subscale
  int answered = 0;
  int missing = 0;
};

struct InstrumentScore {
  std::string instrument_id;
  std::string code;
  int total = 0;
  int raw_sum = 0;        // sum of the answered items
  bool prorated = false;  // total scaled up for missing items
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

// "0, 1, 2, 4": an item's allowed answers, for messages.
std::string AllowedValuesText(const kb::InstrumentItem& item);

}  // namespace pineal::monitor
