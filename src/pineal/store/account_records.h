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
  int failed_logins = 0;
  std::optional<Instant> locked_until;
  Instant created_at{};
  std::string created_by;
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
