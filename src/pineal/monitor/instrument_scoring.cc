#include "pineal/monitor/instrument_scoring.h"

#include <algorithm>
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

}  // namespace

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
  for (const auto& sub : def.subscales) subs[sub.id] = {sub.id, sub.label, 0, 0, 0};
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
      sub->total += v;
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
  s.total = s.raw_sum;
  if (s.missing > 0 && def.missing.action == kb::MissingAction::kProrate) {
    // Items differ in range (COWS), so a scaled sum can leave the score range.
    s.total = std::clamp(Prorate(s.raw_sum, static_cast<int>(def.items.size()), s.answered),
                         def.min_total, def.max_total);
    s.prorated = true;
  }
  if (const kb::ScoreBand* band = def.BandFor(s.total)) s.band = *band;
  for (const auto& sub : def.subscales) s.subscores.push_back(subs[sub.id]);
  return s;
}

}  // namespace pineal::monitor
