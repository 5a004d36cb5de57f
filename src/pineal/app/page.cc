// Page sizes and cursors (see page.h).
#include "pineal/app/page.h"

#include <charconv>

namespace pineal::app {
namespace {

Status BadCursor(std::string_view why) {
  return Status::InvalidArgument(
      std::string(why) + "; pass back the next_cursor of the previous page unchanged", "cursor");
}

std::vector<std::string_view> SplitDots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return parts;
    }
    parts.push_back(text.substr(start, dot - start));
    start = dot + 1;
  }
}

}  // namespace

Status CheckPageLimit(int limit) {
  if (limit < 1 || limit > kMaxPageSize) {
    return Status::InvalidArgument("must be between 1 and " + std::to_string(kMaxPageSize) +
                                       " (got " + std::to_string(limit) + ")",
                                   "limit");
  }
  return Status::Ok();
}

std::string EncodeCursor(std::string_view list, const std::vector<std::int64_t>& fields) {
  std::string out = "v1." + std::string(list);
  for (std::int64_t f : fields) out += "." + std::to_string(f);
  return out;
}

Result<std::vector<std::int64_t>> DecodeCursor(std::string_view list, std::string_view cursor,
                                               std::size_t field_count) {
  const auto parts = SplitDots(cursor);
  if (parts.size() < 2 || parts[0] != "v1") return BadCursor("is not a cursor of this server");
  if (parts[1] != list) return BadCursor("belongs to another list");
  if (parts.size() != field_count + 2) return BadCursor("is not a cursor of this list");
  std::vector<std::int64_t> fields;
  for (std::size_t i = 2; i < parts.size(); ++i) {
    std::int64_t v = 0;
    const auto* begin = parts[i].data();
    const auto* end = begin + parts[i].size();
    auto [stop, ec] = std::from_chars(begin, end, v);
    if (parts[i].empty() || ec != std::errc() || stop != end) {
      return BadCursor("is damaged");
    }
    fields.push_back(v);
  }
  return fields;
}

std::string EncodeTimeKeyCursor(std::string_view list, const store::TimeKey& key) {
  return EncodeCursor(list, {key.at.time_since_epoch().count(), key.id});
}

Result<std::optional<store::TimeKey>> DecodeTimeKeyCursor(std::string_view list,
                                                          std::string_view cursor) {
  if (cursor.empty()) return std::optional<store::TimeKey>();
  PINEAL_ASSIGN_OR_RETURN(auto f, DecodeCursor(list, cursor, 2));
  // Instants are stored to the second between the years 1900 and 9999.
  constexpr std::int64_t kMin = -2208988800;   // 1900-01-01
  constexpr std::int64_t kMax = 253402300799;  // 9999-12-31T23:59:59
  if (f[0] < kMin || f[0] > kMax || f[1] < 0) return BadCursor("is damaged");
  return std::optional<store::TimeKey>(store::TimeKey{Instant(std::chrono::seconds(f[0])), f[1]});
}

}  // namespace pineal::app
