// Paged lists: a page size with a default and a ceiling, and opaque cursors.
// A cursor names its list and holds the sort key of the last item returned
// ("v1.<list>.<key>..."), so the next page starts strictly after it whatever
// was inserted meanwhile. Clients pass it back unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/store/time_key.h"

namespace pineal::app {

inline constexpr int kDefaultPageSize = 100;
inline constexpr int kMaxPageSize = 500;

struct PageRequest {
  std::string cursor;  // empty: the first page
  int limit = kDefaultPageSize;
};

template <typename T>
struct PageOf {
  std::vector<T> items;
  std::optional<std::string> next_cursor;  // nullopt on the last page
};

// InvalidArgument naming "limit" unless 1 <= limit <= kMaxPageSize.
Status CheckPageLimit(int limit);

// "v1.<list>.<f1>.<f2>..." and back. Decoding checks the version, the list
// and the number of fields; anything else is InvalidArgument naming "cursor".
std::string EncodeCursor(std::string_view list, const std::vector<std::int64_t>& fields);
Result<std::vector<std::int64_t>> DecodeCursor(std::string_view list, std::string_view cursor,
                                               std::size_t field_count);

// Cursors over (time, id) keys; an empty cursor decodes to nullopt.
std::string EncodeTimeKeyCursor(std::string_view list, const store::TimeKey& key);
Result<std::optional<store::TimeKey>> DecodeTimeKeyCursor(std::string_view list,
                                                          std::string_view cursor);

// Keeps the first `limit` of `rows` (fetched with limit + 1) and, if there
// were more, the cursor made from the last one kept.
template <typename T, typename CursorOf>
PageOf<T> TakePage(std::vector<T> rows, int limit, CursorOf cursor_of) {
  PageOf<T> page;
  const bool more = static_cast<int>(rows.size()) > limit;
  if (more) rows.resize(static_cast<std::size_t>(limit));
  if (more && !rows.empty()) page.next_cursor = cursor_of(rows.back());
  page.items = std::move(rows);
  return page;
}

// Every item of a paged list, for callers that need the whole of it (the CLI
// report, the demo): `fetch(PageRequest)` returns Result<PageOf<T>>.
template <typename Fetch>
auto AllPages(Fetch fetch) -> Result<decltype(fetch(PageRequest{})->items)> {
  decltype(fetch(PageRequest{})->items) all;
  PageRequest page;
  page.limit = kMaxPageSize;
  while (true) {
    auto next = fetch(page);
    if (!next.ok()) return next.status();
    for (auto& x : next->items) all.push_back(std::move(x));
    if (!next->next_cursor) return all;
    page.cursor = *next->next_cursor;
  }
}

}  // namespace pineal::app
