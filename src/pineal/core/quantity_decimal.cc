#include "pineal/core/quantity_decimal.h"

#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <system_error>

#include "pineal/core/check.h"

namespace pineal::internal {
namespace {

// A halfway point between two doubles has at most 767 significant decimal
// digits, so it is a multiple of the last place of an 800-digit quotient of
// the same magnitude: no halfway point lies strictly between that truncated
// quotient and the next 800-digit decimal. With a non-zero "sticky" digit
// appended, the truncated quotient therefore rounds like the exact one.
constexpr size_t kMaxQuotientDigits = 800;
// Most quotients are decided by far fewer digits (see ScaleDecimal).
constexpr size_t kQuickQuotientDigits = 40;

// The double nearest to digits * 10^exp10; `digits` is a decimal integer.
double ReadDecimal(const std::string& digits, int exp10) {
  std::string text = digits;
  text += 'e';
  text += std::to_string(exp10);
  double out = 0.0;
  const auto read = std::from_chars(text.data(), text.data() + text.size(), out);
  if (read.ec == std::errc::result_out_of_range) {
    // Rounds to 0 or beyond the largest double; the magnitude is about
    // 10^(digits + exp10 - 1).
    return static_cast<long>(digits.size()) + exp10 > 0 ? std::numeric_limits<double>::infinity()
                                                        : 0.0;
  }
  PINEAL_CHECK(read.ec == std::errc() && read.ptr == text.data() + text.size(),
               "from_chars rejected " + text);
  return out;
}

// digits + 1, as decimal integers.
std::string Increment(std::string digits) {
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    if (*it != '9') {
      ++*it;
      return digits;
    }
    *it = '0';
  }
  return "1" + digits;
}

}  // namespace

double ScaleDecimal(double value, std::uint32_t num, std::uint32_t den) {
  PINEAL_CHECK(num > 0 && den > 0, "ScaleDecimal needs a positive ratio");
  const std::uint32_t g = std::gcd(num, den);
  num /= g;
  den /= g;
  if (!std::isfinite(value) || value == 0.0 || (num == 1 && den == 1)) return value;
  const double sign = std::signbit(value) ? -1.0 : 1.0;

  // |value| = digits * 10^exp10, digits being the shortest round-trip decimal.
  char buf[40];
  const auto printed =
      std::to_chars(buf, buf + sizeof buf, std::fabs(value), std::chars_format::scientific);
  PINEAL_CHECK(printed.ec == std::errc(), "to_chars failed");
  std::string digits;
  const char* p = buf;
  for (; p < printed.ptr && *p != 'e'; ++p) {
    if (*p != '.') digits.push_back(*p);
  }
  PINEAL_CHECK(p < printed.ptr, "to_chars gave no exponent");
  ++p;  // 'e'
  if (*p == '+') ++p;
  int exp10 = 0;
  PINEAL_CHECK(std::from_chars(p, printed.ptr, exp10).ec == std::errc(), "bad exponent");
  exp10 -= static_cast<int>(digits.size()) - 1;

  if (num != 1) {  // exact: digits *= num
    std::uint64_t carry = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
      const std::uint64_t x = static_cast<std::uint64_t>(*it - '0') * num + carry;
      *it = static_cast<char>('0' + x % 10);
      carry = x / 10;
    }
    std::string high;
    for (; carry > 0; carry /= 10) high.insert(high.begin(), static_cast<char>('0' + carry % 10));
    digits.insert(0, high);
  }
  if (den == 1) return sign * ReadDecimal(digits, exp10);

  // Long division; exact if it ends.
  std::string quotient;
  std::uint64_t rem = 0;
  auto step = [&](std::uint64_t next_digit) {
    rem = rem * 10 + next_digit;
    const std::uint64_t q = rem / den;
    rem %= den;
    if (q != 0 || !quotient.empty()) quotient.push_back(static_cast<char>('0' + q));
  };
  auto extend_to = [&](size_t significant_digits) {
    while (rem != 0 && quotient.size() < significant_digits) {
      step(0);
      --exp10;
    }
  };
  for (char c : digits) step(static_cast<std::uint64_t>(c - '0'));
  extend_to(kQuickQuotientDigits);
  if (rem == 0) return sign * ReadDecimal(quotient, exp10);
  // The exact quotient lies strictly between the truncation and the next
  // decimal at its last place; rounding is monotone, so if both give the same
  // double, that is the answer.
  const double low = ReadDecimal(quotient, exp10);
  if (low == ReadDecimal(Increment(quotient), exp10)) return sign * low;
  // Close to a halfway point: decide with enough digits.
  extend_to(kMaxQuotientDigits);
  if (rem != 0) {  // sticky digit: above the truncation, below the next step
    quotient.push_back('1');
    --exp10;
  }
  return sign * ReadDecimal(quotient, exp10);
}

std::string FormatShortest(double value) {
  if (value == 0.0) return "0";
  char buf[64];
  const double magnitude = std::fabs(value);
  // Plain digits where they stay short; "fixed" is still the shortest round trip.
  const auto printed = magnitude >= 1e-5 && magnitude < 1e16
                           ? std::to_chars(buf, buf + sizeof buf, value, std::chars_format::fixed)
                           : std::to_chars(buf, buf + sizeof buf, value);
  PINEAL_CHECK(printed.ec == std::errc(), "to_chars failed");
  return std::string(buf, printed.ptr);
}

}  // namespace pineal::internal
