#include "pineal/app/credentials.h"

#include <argon2.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/random.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>

#include "pineal/core/text.h"

namespace pineal::app {
namespace {

// OWASP's Argon2id minimum: 19 MiB, 2 passes, 1 lane.
constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr size_t kSaltBytes = 16;
constexpr size_t kHashBytes = 32;

// The most common passwords of public breach corpora (e.g. the UK NCSC's
// 100k list), lower-cased; a password equal to one of them is refused.
constexpr std::array<std::string_view, 60> kCommonPasswords = {
    "123456",        "123456789",    "12345678",         "password",      "qwerty123",
    "qwerty",        "1234567890",   "111111",           "123123",        "abc123",
    "password1",     "iloveyou",     "1q2w3e4r",         "000000",        "qwertyuiop",
    "monkey",        "dragon",       "123321",           "654321",        "superman",
    "1qaz2wsx",      "7777777",      "121212",           "letmein",       "football",
    "baseball",      "welcome",      "sunshine",         "princess",      "admin",
    "administrator", "passw0rd",     "password123",      "password1234",  "welcome123",
    "qwerty12345",   "123456789012", "iloveyou123",      "trustno1",      "changeme",
    "changeme123",   "letmein123",   "admin123456",      "qwertyuiop123", "1q2w3e4r5t6y",
    "zaq12wsxcde3",  "p@ssw0rd1234", "passwordpassword", "abcdefghijkl",  "aaaaaaaaaaaa",
    "111111111111",  "123123123123", "qazwsxedcrfv",     "asdfghjkl123",  "mypassword123",
    "secret123456",  "football1234", "baseball1234",     "sunshine1234",  "princess1234"};

Status RandomBytes(unsigned char* out, size_t n) {
  size_t filled = 0;
  while (filled < n) {
    ssize_t got = getrandom(out + filled, n - filled, 0);
    if (got < 0) {
      if (errno == EINTR) continue;
      return Status::Internal("the kernel's random source failed");
    }
    filled += static_cast<size_t>(got);
  }
  return Status::Ok();
}

std::string Hex(const unsigned char* data, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(n * 2);
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[data[i] >> 4];
    out += kDigits[data[i] & 0xf];
  }
  return out;
}

}  // namespace

Status CheckPasswordPolicy(std::string_view password, std::string_view username) {
  if (password.size() < kMinPasswordLength) {
    return Status::InvalidArgument("must have at least 12 characters", "password");
  }
  if (password.size() > 256) {
    return Status::InvalidArgument("must have at most 256 characters", "password");
  }
  const std::string lower = AsciiLower(password);
  if (!username.empty() && lower.find(AsciiLower(username)) != std::string::npos) {
    return Status::InvalidArgument("must not contain the username", "password");
  }
  if (std::find(kCommonPasswords.begin(), kCommonPasswords.end(), lower) !=
      kCommonPasswords.end()) {
    return Status::InvalidArgument("is one of the most common passwords; choose another",
                                   "password");
  }
  if (std::all_of(lower.begin(), lower.end(), [&](char c) { return c == lower[0]; })) {
    return Status::InvalidArgument("must not repeat one character", "password");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  std::array<unsigned char, kSaltBytes> salt{};
  PINEAL_RETURN_IF_ERROR(RandomBytes(salt.data(), salt.size()));
  const size_t encoded_len =
      argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id);
  std::string encoded(encoded_len, '\0');
  int rc =
      argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(),
                            salt.data(), salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) {
    return Status::Internal(std::string("password hashing failed: ") + argon2_error_message(rc));
  }
  encoded.resize(encoded.find('\0'));
  return encoded;
}

namespace {
std::atomic<std::uint64_t> password_verifications{0};
}  // namespace

std::uint64_t PasswordVerifications() { return password_verifications.load(); }

bool VerifyPassword(std::string_view password, const std::string& encoded_hash) {
  password_verifications.fetch_add(1);
  return argon2id_verify(encoded_hash.c_str(), password.data(), password.size()) == ARGON2_OK;
}

Result<std::string> NewToken() {
  std::array<unsigned char, 32> bytes{};
  PINEAL_RETURN_IF_ERROR(RandomBytes(bytes.data(), bytes.size()));
  return Hex(bytes.data(), bytes.size());
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  return Hex(digest, len);
}

std::string CsrfTokenFor(std::string_view session_token) {
  static constexpr std::string_view kPurpose = "pineal csrf token v1";
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), session_token.data(), static_cast<int>(session_token.size()),
       reinterpret_cast<const unsigned char*>(kPurpose.data()), kPurpose.size(), digest, &len);
  return Hex(digest, len);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  }
  return diff == 0;
}

}  // namespace pineal::app
