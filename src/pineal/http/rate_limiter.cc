#include "pineal/http/rate_limiter.h"

namespace pineal::http {

bool RateLimiter::Allow(const std::string& key, Instant now, Instant* retry_at) {
  std::lock_guard lock(mu_);
  // Forget old windows so the map cannot grow without bound.
  if (windows_.size() > 10000) {
    for (auto it = windows_.begin(); it != windows_.end();) {
      it = now - it->second.start >= window_ ? windows_.erase(it) : std::next(it);
    }
  }
  Window& w = windows_[key];
  if (now - w.start >= window_) w = Window{now, 0};
  if (++w.count <= max_) return true;
  if (retry_at != nullptr) *retry_at = w.start + window_;
  return false;
}

}  // namespace pineal::http
