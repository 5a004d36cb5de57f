// Passwords and tokens. Passwords are hashed with Argon2id; session and API
// tokens are 256-bit random values of which only SHA-256 hashes are stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "pineal/core/result.h"

namespace pineal::app {

inline constexpr size_t kMinPasswordLength = 12;

// Length, not the username, not a well-known password.
Status CheckPasswordPolicy(std::string_view password, std::string_view username);

// An encoded Argon2id hash ("$argon2id$v=19$m=...").
Result<std::string> HashPassword(std::string_view password);
bool VerifyPassword(std::string_view password, const std::string& encoded_hash);
// How many times this process has run VerifyPassword: the costly check that
// login throttling must bound, observable by tests and operators.
std::uint64_t PasswordVerifications();

// 32 random bytes from the kernel, as 64 hex characters.
Result<std::string> NewToken();
// SHA-256 as 64 lower-case hex characters.
std::string Sha256Hex(std::string_view data);
// A browser session's CSRF token, derived from its session token: any tab
// that holds the session cookie can ask for it (GET /auth/me), a page of
// another site can neither read the cookie nor that answer.
std::string CsrfTokenFor(std::string_view session_token);
// Compares without an early exit, so timing does not reveal a prefix match.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace pineal::app
