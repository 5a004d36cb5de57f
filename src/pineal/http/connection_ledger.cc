#include "pineal/http/connection_ledger.h"

namespace pineal::http {

bool ConnectionLedger::Admit(const std::string& address) {
  std::lock_guard lock(mu_);
  if (total_ >= max_total_) return false;
  std::size_t& from = by_address_[address];
  if (from >= max_per_address_) {
    if (from == 0) by_address_.erase(address);
    return false;
  }
  ++from;
  ++total_;
  return true;
}

void ConnectionLedger::Release(const std::string& address) {
  std::lock_guard lock(mu_);
  auto it = by_address_.find(address);
  if (it == by_address_.end()) return;
  if (--it->second == 0) by_address_.erase(it);
  --total_;
}

std::size_t ConnectionLedger::OpenFrom(const std::string& address) const {
  std::lock_guard lock(mu_);
  auto it = by_address_.find(address);
  return it == by_address_.end() ? 0 : it->second;
}

std::size_t ConnectionLedger::Open() const {
  std::lock_guard lock(mu_);
  return total_;
}

}  // namespace pineal::http
