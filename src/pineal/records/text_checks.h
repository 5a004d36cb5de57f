// Small validation helpers shared by the record validators.
#pragma once

#include <string>
#include <string_view>

#include "pineal/core/status.h"

namespace pineal::records {

// Non-empty after trimming, at most `max_len` bytes, no control characters.
Status CheckRequiredText(std::string_view value, std::string_view field, size_t max_len);
// May be empty; at most `max_len` bytes; no control characters except newlines and tabs.
Status CheckOptionalText(std::string_view value, std::string_view field, size_t max_len);

}  // namespace pineal::records
