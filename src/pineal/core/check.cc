#include "pineal/core/check.h"

#include <cstdio>
#include <cstdlib>
#include <string>

namespace pineal::internal {

void CheckFailed(const char* file, int line, const char* expr, std::string_view message) {
  std::string msg(message);
  std::fprintf(stderr, "pineal: check failed at %s:%d: %s: %s\n", file, line, expr, msg.c_str());
  std::abort();
}

}  // namespace pineal::internal
