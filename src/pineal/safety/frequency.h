// Turns a recorded frequency ("bid", "3x/day", "every 6 hours", "weekly") into
// doses per day. Unknown or as-needed frequencies give nullopt: the engine then
// neither assumes daily use nor adds the entry to daily totals.
#pragma once

#include <optional>
#include <string_view>

namespace pineal::safety {

std::optional<double> ParseDosesPerDay(std::string_view text);

}  // namespace pineal::safety
