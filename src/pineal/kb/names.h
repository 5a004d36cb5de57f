// Name normalisation for case-insensitive lookup of substances and conditions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pineal::kb {

// Lower-case ASCII letters, trim, and collapse runs of white space to one space.
// Other bytes (UTF-8) are kept as they are.
std::string NormalizeName(std::string_view text);

// The normalised name followed by shorter forms with trailing words dropped
// ("zolpidem tartrate 10 mg" -> "zolpidem tartrate 10", "zolpidem tartrate",
// "zolpidem"), so a strength or form after the name still resolves. Full words
// only: "codeine-free syrup" never becomes "codeine".
std::vector<std::string> NameCandidates(std::string_view text);

}  // namespace pineal::kb
