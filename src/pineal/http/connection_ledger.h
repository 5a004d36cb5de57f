// Counts open connections per peer address and in total, so one client (or
// a flood) cannot take every file descriptor. Thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace pineal::http {

class ConnectionLedger {
 public:
  ConnectionLedger(std::size_t max_per_address, std::size_t max_total)
      : max_per_address_(max_per_address), max_total_(max_total) {}

  // Counts the connection and returns true, or returns false (counting
  // nothing) when it would pass either cap.
  bool Admit(const std::string& address);
  // Once for every admitted connection, when it closes.
  void Release(const std::string& address);

  std::size_t OpenFrom(const std::string& address) const;
  std::size_t Open() const;

 private:
  const std::size_t max_per_address_;
  const std::size_t max_total_;
  mutable std::mutex mu_;
  std::map<std::string, std::size_t> by_address_;
  std::size_t total_ = 0;
};

}  // namespace pineal::http
