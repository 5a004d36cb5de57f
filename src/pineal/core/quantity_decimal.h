// Decimal-exact scaling and shortest formatting of doubles, for quantity.h.
#pragma once

#include <cstdint>
#include <string>

namespace pineal::internal {

// The double nearest to d * num / den, where d is the shortest decimal that
// reads back as `value` ("0.1" for 0.1). So 0.3 / 1000 gives exactly the
// double of "0.0003", and 1.005 * 1000 exactly 1005, which a binary multiply
// or divide does not always give. Overflow gives +-inf, underflow +-0;
// non-finite values and zero come back unchanged. `num` and `den` must be > 0.
double ScaleDecimal(double value, std::uint32_t num, std::uint32_t den);

// The shortest text that std::from_chars reads back as exactly `value`:
// plain digits from 1e-5 to 1e16 ("0.000015", "2500"), otherwise scientific
// ("1e+20"). -0 prints as "0".
std::string FormatShortest(double value);

}  // namespace pineal::internal
