#include "pineal/safety/frequency.h"

#include <array>
#include <charconv>
#include <string>
#include <utility>

#include "pineal/kb/names.h"

namespace pineal::safety {
namespace {

constexpr std::array<std::pair<std::string_view, double>, 30> kWords{{
    {"daily", 1},
    {"once daily", 1},
    {"once a day", 1},
    {"od", 1},
    {"qd", 1},
    {"nightly", 1},
    {"every night", 1},
    {"at night", 1},
    {"at bedtime", 1},
    {"qhs", 1},
    {"every morning", 1},
    {"each morning", 1},
    {"every day", 1},
    {"bid", 2},
    {"twice daily", 2},
    {"twice a day", 2},
    {"tid", 3},
    {"three times daily", 3},
    {"three times a day", 3},
    {"qid", 4},
    {"four times daily", 4},
    {"four times a day", 4},
    {"every other day", 0.5},
    {"alternate days", 0.5},
    {"weekly", 1.0 / 7},
    {"once weekly", 1.0 / 7},
    {"once a week", 1.0 / 7},
    {"monthly", 1.0 / 30},
    {"once a month", 1.0 / 30},
    {"hourly", 24},
}};

// Reads a leading positive number; returns it and the rest.
std::optional<std::pair<double, std::string_view>> LeadingNumber(std::string_view s) {
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || v <= 0) return std::nullopt;
  std::string_view rest = s.substr(static_cast<std::size_t>(ptr - s.data()));
  while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  return std::pair{v, rest};
}

bool OneOf(std::string_view s, std::initializer_list<std::string_view> options) {
  for (auto o : options) {
    if (s == o) return true;
  }
  return false;
}

}  // namespace

std::optional<double> ParseDosesPerDay(std::string_view text) {
  const std::string s = kb::NormalizeName(text);
  for (const auto& [word, per_day] : kWords) {
    if (s == word) return per_day;
  }
  // "q6h", "q 6 h"
  if (s.size() > 2 && s.front() == 'q' && s.back() == 'h') {
    std::string inner = s.substr(1, s.size() - 2);
    std::erase(inner, ' ');
    if (auto n = LeadingNumber(inner); n && n->second.empty()) return 24.0 / n->first;
  }
  // "every 6 hours", "every 8 h"
  if (s.rfind("every ", 0) == 0) {
    if (auto n = LeadingNumber(std::string_view(s).substr(6))) {
      if (OneOf(n->second, {"hours", "hour", "h", "hrs"})) return 24.0 / n->first;
      if (OneOf(n->second, {"days", "day", "d"})) return 1.0 / n->first;
    }
    return std::nullopt;
  }
  // "3x/day", "3 x daily", "3 times a day", "3/day", "3 per day", "3 times daily", "3"
  if (auto n = LeadingNumber(s)) {
    std::string_view rest = n->second;
    for (std::string_view prefix : {"times", "x", "doses"}) {
      if (rest.rfind(prefix, 0) == 0) {
        rest.remove_prefix(prefix.size());
        while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
        break;
      }
    }
    if (OneOf(rest, {"/day", "/d", "per day", "a day", "daily", "/24h", "per 24 h", "day"})) {
      return n->first;
    }
    if (OneOf(rest, {"/week", "per week", "a week", "weekly"})) return n->first / 7;
  }
  return std::nullopt;
}

}  // namespace pineal::safety
