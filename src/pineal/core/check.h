// Invariant checks. PINEAL_CHECK is always on and aborts with a message:
// it is for bugs, never for bad input (bad input gets a Status).
#pragma once

#include <string_view>

namespace pineal::internal {
[[noreturn]] void CheckFailed(const char* file, int line, const char* expr,
                              std::string_view message);
}  // namespace pineal::internal

#define PINEAL_CHECK(cond, message)                                                     \
  do {                                                                                  \
    if (!(cond)) ::pineal::internal::CheckFailed(__FILE__, __LINE__, #cond, (message)); \
  } while (false)

#ifdef NDEBUG
#define PINEAL_DCHECK(cond, message) \
  do {                               \
  } while (false)
#else
#define PINEAL_DCHECK(cond, message) PINEAL_CHECK(cond, message)
#endif
