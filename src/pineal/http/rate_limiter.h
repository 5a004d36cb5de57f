// A fixed-window counter per key (a client address), for login attempts: it
// caps how fast one address may try passwords across all usernames. It lives
// in one server's memory; the per-username throttle in the database holds
// across servers and restarts.
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "pineal/core/time.h"

namespace pineal::http {

class RateLimiter {
 public:
  RateLimiter(int max_per_window, std::chrono::seconds window)
      : max_(max_per_window), window_(window) {}

  // Counts one attempt; false when the key has used up its window, and then
  // `retry_at` (if given) is when the window ends.
  bool Allow(const std::string& key, Instant now, Instant* retry_at = nullptr);

 private:
  struct Window {
    Instant start{};
    int count = 0;
  };
  const int max_;
  const std::chrono::seconds window_;
  std::mutex mu_;
  std::map<std::string, Window> windows_;
};

}  // namespace pineal::http
