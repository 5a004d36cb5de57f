#include "pineal/records/text_checks.h"

namespace pineal::records {
namespace {

bool HasControl(std::string_view s, bool allow_newlines) {
  for (unsigned char c : s) {
    if (c == 0x7f) return true;
    if (c < 0x20) {
      if (allow_newlines && (c == '\n' || c == '\t' || c == '\r')) continue;
      return true;
    }
  }
  return false;
}

}  // namespace

Status CheckRequiredText(std::string_view value, std::string_view field, size_t max_len) {
  if (value.find_first_not_of(" \t") == std::string_view::npos) {
    return Status::InvalidArgument("is required and must not be blank", std::string(field));
  }
  return CheckOptionalText(value, field, max_len);
}

Status CheckOptionalText(std::string_view value, std::string_view field, size_t max_len) {
  if (value.size() > max_len) {
    return Status::InvalidArgument("is too long (" + std::to_string(value.size()) +
                                       " bytes; at most " + std::to_string(max_len) + " allowed)",
                                   std::string(field));
  }
  if (HasControl(value, /*allow_newlines=*/max_len > 200)) {
    return Status::InvalidArgument("contains control characters", std::string(field));
  }
  return Status::Ok();
}

}  // namespace pineal::records
