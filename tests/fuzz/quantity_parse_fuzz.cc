// Fuzzes Quantity<D>::Parse for every dimension. Any input may be rejected,
// but an accepted one must hold the contract of quantity.h: a finite value of
// 0 or more whose ToString() parses back to exactly the same value and unit.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "pineal/core/quantity.h"

namespace {

// Traps (a crash the fuzzer reports) when a promise of quantity.h is broken.
void Expect(bool condition) {
  if (!condition) __builtin_trap();
}

template <typename Q>
void Check(std::string_view text) {
  auto parsed = Q::Parse(text);
  if (!parsed.ok()) {
    Expect(!parsed.status().message().empty());  // a rejection says why
    return;
  }
  const Q& q = *parsed;
  Expect(std::isfinite(q.value()) && q.value() >= 0);
  Expect(std::isfinite(q.base()) && q.base() >= 0);

  const std::string text_again = q.ToString();
  auto again = Q::Parse(text_again);
  Expect(again.ok());
  Expect(again->value() == q.value());
  Expect(again->base() == q.base());
  Expect(again->unit() == q.unit());
  Expect(again->ToString() == text_again);

  // Conversions to every unit of the dimension must not crash; they may fail.
  for (std::string_view unit : AllowedUnits(Q::kDimension)) {
    auto in = q.In(unit);
    if (in.ok()) Expect(!std::isnan(*in) && *in >= 0);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  Check<pineal::Mass>(text);
  Check<pineal::Volume>(text);
  Check<pineal::Concentration>(text);
  Check<pineal::Duration>(text);
  Check<pineal::BodyWeight>(text);
  Check<pineal::DosePerWeight>(text);
  return 0;
}
