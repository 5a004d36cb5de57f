// Properties over every shipped instrument: for valid answers the score is
// the sum (or, for a mean instrument, the mean of its scored items to within
// half its last digit), lies in [min, max] and falls in exactly one band;
// raising one answer never lowers the score or the band's severity.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cmath>

#include "instrument_test_support.h"
#include "pineal/kb/instrument_catalog.h"
#include "pineal/monitor/instrument_scoring.h"

namespace pineal::monitor {
namespace {

const kb::InstrumentCatalog& Catalog() { return testing::ShippedInstruments(); }

// Random valid answers: one allowed value per item, as indices into allowed_values.
std::vector<std::size_t> RandomChoice(const kb::InstrumentDef& def) {
  std::vector<std::size_t> choice;
  for (const auto& item : def.items) {
    choice.push_back(*rc::gen::inRange<std::size_t>(0, item.allowed_values.size()));
  }
  return choice;
}

std::vector<ItemAnswer> Answers(const kb::InstrumentDef& def,
                                const std::vector<std::size_t>& choice) {
  std::vector<ItemAnswer> out;
  for (std::size_t i = 0; i < def.items.size(); ++i) {
    out.push_back({def.items[i].id, def.items[i].allowed_values[choice[i]]});
  }
  return out;
}

const kb::InstrumentDef& AnyInstrument() {
  const auto& list = Catalog().instruments;
  return list[*rc::gen::inRange<std::size_t>(0, list.size())];
}

RC_GTEST_PROP(InstrumentProperties, TotalIsTheSumWithinRangeAndInOneBand, ()) {
  const kb::InstrumentDef& def = AnyInstrument();
  const auto answers = Answers(def, RandomChoice(def));
  auto s = ScoreInstrument(def, answers);
  RC_ASSERT(s.ok());
  int sum = 0, scored_sum = 0, scored_n = 0;
  for (std::size_t i = 0; i < answers.size(); ++i) {
    sum += *answers[i].value;
    if (def.score_subscale.empty() || def.items[i].subscale == def.score_subscale) {
      scored_sum += *answers[i].value;
      ++scored_n;
    }
  }
  RC_ASSERT(s->raw_sum == sum);
  if (def.method == kb::ScoringMethod::kSum) {
    RC_ASSERT(s->total == scored_sum);
    RC_ASSERT(s->score == static_cast<double>(scored_sum));
  } else {
    const double mean = static_cast<double>(scored_sum) / scored_n;
    RC_ASSERT(std::fabs(s->score - mean) <= 0.5 * std::pow(10.0, -def.decimals) + 1e-9);
    RC_ASSERT(s->total == static_cast<int>(std::floor(s->score + 1e-9)));
  }
  RC_ASSERT(s->score >= def.min_total && s->score <= def.max_total);
  RC_ASSERT(s->total >= def.min_total && s->total <= def.max_total);
  int covering = 0;
  for (const auto& b : def.bands) covering += (s->total >= b.from && s->total <= b.to) ? 1 : 0;
  RC_ASSERT(covering == (def.bands.empty() ? 0 : 1));
  RC_ASSERT(s->band.has_value() == !def.bands.empty());
}

RC_GTEST_PROP(InstrumentProperties, RaisingOneAnswerNeverLowersTotalOrSeverity, ()) {
  const kb::InstrumentDef& def = AnyInstrument();
  auto choice = RandomChoice(def);
  const std::size_t i = *rc::gen::inRange<std::size_t>(0, def.items.size());
  const std::size_t top = def.items[i].allowed_values.size() - 1;
  RC_PRE(choice[i] < top);
  auto before = ScoreInstrument(def, Answers(def, choice));
  choice[i] = *rc::gen::inRange<std::size_t>(choice[i] + 1, top + 1);
  auto after = ScoreInstrument(def, Answers(def, choice));
  RC_ASSERT(before.ok() && after.ok());
  RC_ASSERT(after->raw_sum > before->raw_sum);
  RC_ASSERT(after->score >= before->score);
  RC_ASSERT(after->total >= before->total);
  if (def.method == kb::ScoringMethod::kSum && def.score_subscale.empty()) {
    RC_ASSERT(after->total > before->total);
  }
  if (before->band) RC_ASSERT(after->band->severity >= before->band->severity);
  RC_ASSERT(after->flags.size() >= before->flags.size());
}

RC_GTEST_PROP(InstrumentProperties, Phq9FlagIffItem9AboveZero, ()) {
  const kb::InstrumentDef& def = *Catalog().Find("phq9");
  const auto answers = Answers(def, RandomChoice(def));
  auto s = ScoreInstrument(def, answers);
  RC_ASSERT(s.ok());
  RC_ASSERT(s->flags.empty() == (*answers[8].value == 0));
}

}  // namespace
}  // namespace pineal::monitor
