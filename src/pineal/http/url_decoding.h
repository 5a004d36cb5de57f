// Percent-decoding of request targets (RFC 3986), strict about bad escapes.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace pineal::http {

// nullopt when a '%' is not followed by two hex digits. In a query,
// '+' stands for a space (HTML forms).
std::optional<std::string> PercentDecode(std::string_view text, bool plus_is_space = false);

// "a=1&b=x%20y" as name/value pairs, decoded; nullopt on a bad escape.
std::optional<std::multimap<std::string, std::string>> ParseQuery(std::string_view query);

}  // namespace pineal::http
