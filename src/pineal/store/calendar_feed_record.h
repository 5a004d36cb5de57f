// A patient's calendar feed as the store keeps it: the hash of the token in
// its URL, who made it and when, and whether it was revoked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "pineal/core/ids.h"
#include "pineal/core/time.h"

namespace pineal::store {

struct CalendarFeed {
  std::int64_t id = 0;
  PatientId patient_id;
  std::string token_hash;  // SHA-256 of the URL's token, hex
  Instant created_at{};
  std::string created_by;  // the user who made it, as sessions and audit rows name them
  std::optional<Instant> revoked_at;
};

}  // namespace pineal::store
