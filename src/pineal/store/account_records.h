// Users, care-team membership and sessions as the store keeps them.
#pragma once

#include <optional>
#include <string>

#include "pineal/core/ids.h"
#include "pineal/core/time.h"

namespace pineal::store {

enum class UserRole { kAdmin, kClinician, kPatient };
std::string_view UserRoleName(UserRole role);
std::optional<UserRole> UserRoleFromName(std::string_view name);

struct User {
  UserId id;
  std::string username;
  std::string display_name;
  UserRole role = UserRole::kClinician;
  std::optional<PatientId> patient_id;  // the patient a patient account belongs to
  std::string password_hash;            // Argon2id, encoded
  bool disabled = false;
  // The last password reset by an administrator, shown to the owner; cleared
  // when the owner sets their own password.
  std::optional<Instant> password_reset_at;
  std::string password_reset_by;
  Instant created_at{};
  std::string created_by;
};

// Failed-login counters of one username (existing or not) from one address,
// or, with address kAnyNewAddress, from every address the account has never
// signed in from.
struct LoginThrottle {
  std::string username;
  std::string address;
  int failures = 0;
  int lockouts = 0;  // locks in a row without a successful login: the back-off
  std::optional<Instant> locked_until;
  std::optional<Instant> last_success_at;
  Instant updated_at{};
};
inline constexpr const char* kAnyNewAddress = "";

// The answer to a POST sent with an Idempotency-Key; no status while the
// first request is still running.
struct IdempotencyRecord {
  UserId user_id;
  std::string key;
  std::string fingerprint;
  Instant created_at{};
  std::optional<int> status;
  std::string content_type;
  std::string headers_json = "[]";
  std::string body;
};

enum class SessionKind { kBrowser, kApi };

struct Session {
  std::int64_t id = 0;
  std::string token_hash;  // SHA-256 of the bearer token, hex
  UserId user_id;
  SessionKind kind = SessionKind::kBrowser;
  std::string name;       // an API token's label
  std::string csrf_hash;  // SHA-256 of the browser session's CSRF token
  Instant created_at{};
  std::optional<Instant> expires_at;
  std::optional<Instant> revoked_at;
};

}  // namespace pineal::store
