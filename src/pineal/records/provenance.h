// Who created a row and when: carried by every record.
#pragma once

#include <string>

#include "pineal/core/time.h"

namespace pineal::records {

struct Provenance {
  Instant created_at{};
  std::string created_by;  // a user name, or "system"
};

}  // namespace pineal::records
