// Use case internals: failed-login counters per (username, address), kept in
// the store so they hold across restarts and count concurrent attempts one by
// one. Rows are keyed by the username as typed, whether or not it exists, so
// that a throttled answer never reveals which accounts exist.
#include <algorithm>

#include "pineal/app/accounts.h"

namespace pineal::app {
namespace {

// An empty address (a local caller) must not collide with the row of every
// new address.
std::string ThrottleAddress(const std::string& address) {
  return address.empty() ? "(local)" : address;
}

std::chrono::seconds LockoutAfter(int previous_lockouts) {
  auto lock = std::chrono::duration_cast<std::chrono::seconds>(kLockout);
  for (int i = 0; i < previous_lockouts && lock < kMaxLockout; ++i) lock *= 2;
  return std::min(lock, std::chrono::duration_cast<std::chrono::seconds>(kMaxLockout));
}

}  // namespace

Result<Accounts::LoginSlot> Accounts::ReserveLoginAttempt(const std::string& username,
                                                          const std::string& address, Instant now) {
  LoginSlot slot;
  Status st = store_.InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store_.PurgeLoginThrottles(now - kLoginThrottleMemory));
    PINEAL_ASSIGN_OR_RETURN(store::LoginThrottle here,
                            store_.GetLoginThrottle(username, ThrottleAddress(address)));
    slot.known_address = here.last_success_at.has_value();
    std::vector<store::LoginThrottle> rows{here};
    // An address the account never signed in from also counts against every
    // such address together, so many addresses cannot test many passwords.
    if (!slot.known_address) {
      PINEAL_ASSIGN_OR_RETURN(store::LoginThrottle any,
                              store_.GetLoginThrottle(username, store::kAnyNewAddress));
      rows.push_back(std::move(any));
    }
    for (const auto& row : rows) {
      if (row.locked_until && *row.locked_until > now) {
        slot.locked_until = std::max(slot.locked_until.value_or(now), *row.locked_until);
      }
    }
    if (slot.locked_until) return Status::Ok();
    for (auto& row : rows) {
      if (row.locked_until) {  // an expired lock: a fresh count, a longer next lock
        row.failures = 0;
        row.locked_until.reset();
      }
      row.failures += 1;
      if (row.failures >= kMaxFailedLogins) {
        row.locked_until = now + LockoutAfter(row.lockouts);
        row.lockouts += 1;
      }
      row.updated_at = now;
      PINEAL_RETURN_IF_ERROR(store_.PutLoginThrottle(row));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;
  return slot;
}

Status Accounts::RecordLoginSuccess(const std::string& username, const std::string& address,
                                    bool known_address, Instant now) {
  return store_.InTransaction([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(store::LoginThrottle here,
                            store_.GetLoginThrottle(username, ThrottleAddress(address)));
    here.failures = 0;
    here.lockouts = 0;
    here.locked_until.reset();
    here.last_success_at = now;
    here.updated_at = now;
    PINEAL_RETURN_IF_ERROR(store_.PutLoginThrottle(here));
    if (known_address) return Status::Ok();
    // Take back this attempt's count on every new address, but leave the
    // failures of others: they may be an attack still going on.
    PINEAL_ASSIGN_OR_RETURN(store::LoginThrottle any,
                            store_.GetLoginThrottle(username, store::kAnyNewAddress));
    if (any.failures == 0) return Status::Ok();
    any.failures -= 1;
    if (any.locked_until && any.failures < kMaxFailedLogins) {
      // The lock came with a count that included this attempt.
      any.locked_until.reset();
      any.lockouts = std::max(0, any.lockouts - 1);
    }
    any.updated_at = now;
    return store_.PutLoginThrottle(any);
  });
}

}  // namespace pineal::app
