// Private to the memory store: how SQLite compares, limits and reports.
#pragma once

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/status.h"

namespace pineal::store::memory {

// SqliteStore reports a violated constraint (foreign key, CHECK, UNIQUE) as
// Aborted with the driver's message; `what` names the operation as it does.
inline Status Conflict(std::string_view what, std::string_view detail) {
  return Status::Aborted(std::string(what) + " conflicts with stored data: " + std::string(detail));
}
inline Status ForeignKeyConflict(std::string_view what) {
  return Conflict(what, "FOREIGN KEY constraint failed");
}

// COLLATE NOCASE and LIKE fold ASCII letters only.
inline std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}
inline bool EqualsNoCase(std::string_view a, std::string_view b) {
  return AsciiLower(a) == AsciiLower(b);
}
// Bytewise, as unsigned chars, after folding: NOCASE ordering.
inline bool LessNoCase(std::string_view a, std::string_view b) {
  return AsciiLower(a) < AsciiLower(b);
}

// SQL's LIMIT/OFFSET: a negative limit means none, a negative offset is 0.
template <typename T>
std::vector<T> LimitOffset(std::vector<T> rows, std::int64_t limit, std::int64_t offset = 0) {
  const auto size = static_cast<std::int64_t>(rows.size());
  const std::int64_t begin = offset < 0 ? 0 : (offset > size ? size : offset);
  std::int64_t end = size;
  if (limit >= 0 && begin + limit < size) end = begin + limit;
  return std::vector<T>(rows.begin() + begin, rows.begin() + end);
}

// SQLite stores a NaN REAL as NULL.
inline std::optional<double> Real(std::optional<double> v) {
  if (v && std::isnan(*v)) return std::nullopt;
  return v;
}

}  // namespace pineal::store::memory
