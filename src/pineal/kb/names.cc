#include "pineal/kb/names.h"

namespace pineal::kb {

std::string NormalizeName(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  for (char c : text) {
    const bool space = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    if (space) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

std::vector<std::string> NameCandidates(std::string_view text) {
  std::vector<std::string> out;
  std::string name = NormalizeName(text);
  while (!name.empty()) {
    out.push_back(name);
    const std::size_t space = name.rfind(' ');
    if (space == std::string::npos) break;
    name.resize(space);
  }
  return out;
}

}  // namespace pineal::kb
