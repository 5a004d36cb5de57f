// Where a keyset page starts: the sort key (time, id) of the last item of the
// previous page. Lists resume strictly after it (or before it, for lists that
// are newest first), so rows inserted between two fetches are neither skipped
// nor repeated.
#pragma once

#include <cstdint>

#include "pineal/core/time.h"

namespace pineal::store {

struct TimeKey {
  Instant at{};
  std::int64_t id = 0;

  friend bool operator<(const TimeKey& a, const TimeKey& b) {
    return a.at != b.at ? a.at < b.at : a.id < b.id;
  }
};

}  // namespace pineal::store
