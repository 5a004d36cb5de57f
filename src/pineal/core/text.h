// Small text helpers shared by the parsers and renderers.
#pragma once

#include <string>
#include <string_view>

namespace pineal {

// Without leading and trailing blanks, tabs and carriage returns.
std::string_view TrimBlanks(std::string_view s);

// ASCII letters in lower case; other bytes (UTF-8 included) unchanged.
std::string AsciiLower(std::string_view s);

// Text safe inside XML/SVG content and attribute values.
std::string XmlEscape(std::string_view s);

}  // namespace pineal
