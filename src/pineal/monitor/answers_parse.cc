#include "pineal/monitor/answers_parse.h"

#include <algorithm>
#include <charconv>
#include <string>

#include "pineal/core/text.h"

namespace pineal::monitor {
namespace {

constexpr std::size_t kMaxShown = 24;  // characters of user input quoted in messages

std::string Shown(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, kMaxShown)) {
    out += std::isprint(static_cast<unsigned char>(c)) ? c : '?';
  }
  return s.size() > kMaxShown ? out + "..." : out;
}

std::vector<std::string_view> SplitFields(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = text.find(',', start);
    out.push_back(
        TrimBlanks(text.substr(start, comma == std::string_view::npos ? comma : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

// A whole number, optionally signed; nothing else.
std::optional<int> ParseInt(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int v = 0;
  const char* begin = s.data();
  if (s.front() == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || begin == s.data() + s.size()) {
    return std::nullopt;
  }
  return v;
}

Status BadValue(const kb::InstrumentDef& def, const kb::InstrumentItem& item, std::string_view v) {
  return Status::InvalidArgument(def.code + ": item '" + item.id + "' (" +
                                     std::to_string(item.number) + "): '" + Shown(v) +
                                     "' is not a whole number; allowed: " + AllowedValuesText(item),
                                 item.id);
}

const kb::InstrumentItem* ResolveItem(const kb::InstrumentDef& def, std::string_view name) {
  const std::string key = AsciiLower(name);
  for (const auto& item : def.items) {
    if (AsciiLower(item.id) == key) return &item;
  }
  if (auto n = ParseInt(name)) return def.ItemByNumber(*n);
  return nullptr;
}

}  // namespace

Result<std::vector<ItemAnswer>> ParseAnswers(const kb::InstrumentDef& def, std::string_view text) {
  const std::vector<std::string_view> fields = SplitFields(text);
  const bool named = std::any_of(fields.begin(), fields.end(), [](std::string_view f) {
    return f.find('=') != std::string_view::npos;
  });
  std::vector<ItemAnswer> out;
  if (!named) {
    if (fields.size() != def.items.size()) {
      return Status::InvalidArgument(def.code + ": " + std::to_string(fields.size()) +
                                         " answer(s) given for " +
                                         std::to_string(def.items.size()) +
                                         " items; give one per item in form order, "
                                         "comma-separated (leave a field empty for an unanswered "
                                         "item), or name them: item1=2,...",
                                     "answers");
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const kb::InstrumentItem& item = def.items[i];
      if (fields[i].empty()) {
        out.push_back({item.id, std::nullopt});
        continue;
      }
      auto v = ParseInt(fields[i]);
      if (!v) return BadValue(def, item, fields[i]);
      out.push_back({item.id, v});
    }
    return out;
  }
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const std::string_view f = fields[i];
    const std::size_t eq = f.find('=');
    if (eq == std::string_view::npos) {
      return Status::InvalidArgument(
          def.code + ": field " + std::to_string(i + 1) + " ('" + Shown(f) +
              "') has no '='; name every answer (item1=2,item9=0) or none",
          "answers");
    }
    const std::string_view name = TrimBlanks(f.substr(0, eq));
    const std::string_view value = TrimBlanks(f.substr(eq + 1));
    const kb::InstrumentItem* item = ResolveItem(def, name);
    if (item == nullptr) {
      std::string ids;
      for (const auto& it : def.items) ids += (ids.empty() ? "" : ", ") + it.id;
      return Status::InvalidArgument(def.code + ": unknown item '" + Shown(name) + "'; items are " +
                                         ids + " (or their numbers 1-" +
                                         std::to_string(def.items.size()) + ")",
                                     std::string(name.substr(0, kMaxShown)));
    }
    if (value.empty()) {
      out.push_back({item->id, std::nullopt});
      continue;
    }
    auto v = ParseInt(value);
    if (!v) return BadValue(def, *item, value);
    out.push_back({item->id, v});
  }
  return out;
}

}  // namespace pineal::monitor
