// Inputs and outputs of the account use cases.
#pragma once

#include <optional>
#include <string>

#include "pineal/app/actor.h"
#include "pineal/store/account_records.h"

namespace pineal::app {

struct NewUser {
  std::string username;
  std::string display_name;
  store::UserRole role = store::UserRole::kClinician;
  std::optional<PatientId> patient_id;  // required for a patient account
  std::string password;
};

// What a successful login hands to the client, once: the plain tokens are
// never stored.
struct LoginGrant {
  std::string session_token;
  std::string csrf_token;
  store::User user;
  Instant expires_at{};
};

// A login refused because of too many failures: when to try again.
struct LoginRefusal {
  Instant retry_at{};
};

struct ApiTokenGrant {
  std::int64_t id = 0;
  std::string token;
  std::string name;
};

// The caller behind a token, and how they authenticated.
struct Authenticated {
  Actor actor;
  store::Session session;
};

// The use-case role of an account's role.
Role RoleOf(store::UserRole role);

// Login throttling (see README, "Logins"): kMaxFailedLogins wrong passwords
// for one username from one address lock that address out of it, and as many
// from addresses the account never signed in from lock all such addresses.
// The first lock lasts kLockout, each further one without a successful login
// in between twice as long, up to kMaxLockout.
inline constexpr int kMaxFailedLogins = 5;
inline constexpr auto kLockout = std::chrono::minutes(15);
inline constexpr auto kMaxLockout = std::chrono::hours(24);
// Counters of addresses that never signed in are forgotten after this long.
inline constexpr auto kLoginThrottleMemory = std::chrono::hours(24);
inline constexpr auto kBrowserSessionLifetime = std::chrono::hours(12);

}  // namespace pineal::app
