#include "pineal/monitor/instrument_scoring.h"

#include <algorithm>
#include <cstdio>
#include <map>

namespace pineal::monitor {
namespace {

std::string ItemName(const kb::InstrumentItem& item) {
  return "item '" + item.id + "' (" + std::to_string(item.number) + ")";
}

std::string ItemIdsText(const kb::InstrumentDef& def) {
  std::string out;
  for (const auto& item : def.items) out += (out.empty() ? "" : ", ") + item.id;
  return out;
}

std::string JoinText(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ", ") + s;
  return out;
}

// Sum scaled to all items, rounded half up: the integer form of
// raw * n / answered without floating point.
int Prorate(int raw, int n_items, int answered) {
  return (2 * raw * n_items + answered) / (2 * answered);
}

long long Pow10(int decimals) {
  long long p = 1;
  for (int i = 0; i < decimals; ++i) p *= 10;
  return p;
}

}  // namespace

long long RoundedMeanUnits(int sum, int n, int decimals) {
  const long long scale = Pow10(decimals);
  // Half up: floor(sum * scale / n + 1/2) = (2 * sum * scale + n) / (2 * n).
  return (2LL * sum * scale + n) / (2LL * n);
}

std::string FormatScore(double score, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, score);
  return buf;
}

std::string AllowedValuesText(const kb::InstrumentItem& item) {
  std::string out;
  for (int v : item.allowed_values) out += (out.empty() ? "" : ", ") + std::to_string(v);
  return out;
}

Result<InstrumentScore> ScoreInstrument(const kb::InstrumentDef& def,
                                        const std::vector<ItemAnswer>& answers) {
  if (def.items.empty()) return Status::FailedPrecondition(def.code + ": instrument has no items");
  std::map<std::string, std::optional<int>> given;
  for (const auto& a : answers) {
    const kb::InstrumentItem* item = def.FindItem(a.item_id);
    if (item == nullptr) {
      return Status::InvalidArgument(
          def.code + ": unknown item '" + a.item_id + "'; items are " + ItemIdsText(def),
          a.item_id);
    }
    if (!given.emplace(a.item_id, a.value).second) {
      return Status::InvalidArgument(def.code + ": " + ItemName(*item) + " is answered twice",
                                     a.item_id);
    }
    if (a.value && !item->Allows(*a.value)) {
      return Status::InvalidArgument(
          def.code + ": " + ItemName(*item) + ": " + std::to_string(*a.value) +
              " is not an allowed answer; allowed: " + AllowedValuesText(*item),
          a.item_id);
    }
  }
  InstrumentScore s;
  s.instrument_id = def.id;
  s.code = def.code;
  s.min_total = def.min_total;
  s.max_total = def.max_total;
  std::map<std::string, SubscaleScore> subs;
  for (const auto& sub : def.subscales) {
    SubscaleScore& out = subs[sub.id];
    out.id = sub.id;
    out.label = sub.label;
    out.method = sub.method;
    out.decimals = sub.decimals;
  }
  for (const auto& item : def.items) {
    auto it = given.find(item.id);
    const bool answered = it != given.end() && it->second.has_value();
    SubscaleScore* sub = item.subscale.empty() ? nullptr : &subs[item.subscale];
    if (!answered) {
      ++s.missing;
      s.missing_items.push_back(item.id);
      if (sub != nullptr) ++sub->missing;
      continue;
    }
    const int v = *it->second;
    ++s.answered;
    s.raw_sum += v;
    if (sub != nullptr) {
      sub->raw_sum += v;
      ++sub->answered;
    }
    for (const auto& rule : def.flags) {
      if (rule.item_id == item.id && v >= rule.at_least) {
        s.flags.push_back({rule.id, item.id, v, rule.level, rule.message, rule.refs});
      }
    }
  }
  if (s.missing > def.missing.max_missing || s.answered == 0) {
    std::string why =
        def.missing.max_missing == 0
            ? "every item must be answered"
            : "at most " + std::to_string(def.missing.max_missing) + " may be left out";
    if (!def.missing.note.empty()) why += " (" + def.missing.note + ")";
    return Status::InvalidArgument(def.code + ": " + std::to_string(s.missing) + " of " +
                                       std::to_string(def.items.size()) + " items unanswered (" +
                                       JoinText(s.missing_items) + "); " + why,
                                   s.missing_items.front());
  }
  for (const auto& sub : def.subscales) {
    SubscaleScore& out = subs[sub.id];
    if (out.method == kb::ScoringMethod::kMean && out.answered > 0) {
      const long long units = RoundedMeanUnits(out.raw_sum, out.answered, out.decimals);
      out.total = static_cast<int>(units / Pow10(out.decimals));
      out.score = static_cast<double>(units) / static_cast<double>(Pow10(out.decimals));
    } else {
      out.total = out.raw_sum;
      out.score = out.raw_sum;
    }
  }
  s.method = def.method;
  s.decimals = def.decimals;
  if (def.method == kb::ScoringMethod::kMean) {
    // The mean of the answered scored items: all items, or one subscale's.
    int sum = 0, answered = 0, missing = 0;
    if (def.score_subscale.empty()) {
      sum = s.raw_sum;
      answered = s.answered;
      missing = s.missing;
    } else {
      const SubscaleScore& scored = subs[def.score_subscale];
      sum = scored.raw_sum;
      answered = scored.answered;
      missing = scored.missing;
    }
    if (answered == 0) {
      return Status::InvalidArgument(def.code + ": none of the items of subscale '" +
                                         def.score_subscale +
                                         "' is answered; the score is their mean",
                                     s.missing_items.front());
    }
    const long long units = RoundedMeanUnits(sum, answered, def.decimals);
    const long long scale = Pow10(def.decimals);
    s.total = static_cast<int>(units / scale);
    s.score = static_cast<double>(units) / static_cast<double>(scale);
    s.prorated = missing > 0;
  } else {
    int sum = s.raw_sum, answered = s.answered, n = static_cast<int>(def.items.size());
    if (!def.score_subscale.empty()) {
      const SubscaleScore& scored = subs[def.score_subscale];
      sum = scored.raw_sum;
      answered = scored.answered;
      n = answered + scored.missing;
    }
    s.total = sum;
    if (answered < n && def.missing.action == kb::MissingAction::kProrate) {
      if (answered == 0) {
        return Status::InvalidArgument(
            def.code + ": none of the items of subscale '" + def.score_subscale + "' is answered",
            s.missing_items.front());
      }
      // Items differ in range (COWS), so a scaled sum can leave the score range.
      s.total = std::clamp(Prorate(sum, n, answered), def.min_total, def.max_total);
      s.prorated = true;
    }
    s.score = s.total;
  }
  if (const kb::ScoreBand* band = def.BandFor(s.total)) s.band = *band;
  for (const auto& sub : def.subscales) s.subscores.push_back(subs[sub.id]);
  return s;
}

}  // namespace pineal::monitor
