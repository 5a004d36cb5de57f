// Properties of typed quantities, checked on random inputs (rapidcheck).
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/quantity_decimal.h"

namespace pineal {
namespace {

std::uint64_t Bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// Any finite double of 0 or more (every binary exponent equally likely,
// subnormals included), mixed with short decimals such as people write.
rc::Gen<double> FiniteNonNegative() {
  auto any_bits =
      rc::gen::map(rc::gen::pair(rc::gen::inRange<std::uint64_t>(0, 2047),  // 2047 is inf/nan
                                 rc::gen::arbitrary<std::uint64_t>()),
                   [](std::pair<std::uint64_t, std::uint64_t> em) {
                     const std::uint64_t mantissa = em.second & ((std::uint64_t{1} << 52) - 1);
                     return std::bit_cast<double>((em.first << 52) | mantissa);
                   });
  auto decimal = rc::gen::map(
      rc::gen::pair(rc::gen::inRange<std::int64_t>(0, 1000000), rc::gen::inRange(-9, 7)),
      [](std::pair<std::int64_t, int> me) {
        return static_cast<double>(me.first) * std::pow(10.0, me.second);
      });
  return rc::gen::oneOf(any_bits, decimal);
}

template <Dimension D>
void CheckRoundTrip() {
  const double v = *FiniteNonNegative();
  const auto units = AllowedUnits(D);
  const std::string unit(*rc::gen::elementOf(std::vector(units.begin(), units.end())));
  const Result<Quantity<D>> q = Quantity<D>::Make(v, unit);
  if (!q.ok()) {
    // Only a base value beyond the double range may be refused.
    const std::string& message = q.status().message();
    RC_ASSERT(message.find("to express in") != std::string::npos);
    RC_TAG("base out of range");
    return;
  }
  const std::string text = q->ToString();
  const Result<Quantity<D>> back = Quantity<D>::Parse(text);
  RC_ASSERT(back.ok());
  RC_ASSERT(Bits(back->value()) == Bits(v));
  RC_ASSERT(back->unit() == unit);
  RC_ASSERT(Bits(back->base()) == Bits(q->base()));
  RC_ASSERT(back->ToString() == text);
}

RC_GTEST_PROP(QuantityProperty, MassRoundTripsThroughText, ()) {
  CheckRoundTrip<Dimension::kMass>();
}
RC_GTEST_PROP(QuantityProperty, VolumeRoundTripsThroughText, ()) {
  CheckRoundTrip<Dimension::kVolume>();
}
RC_GTEST_PROP(QuantityProperty, ConcentrationRoundTripsThroughText, ()) {
  CheckRoundTrip<Dimension::kConcentration>();
}
RC_GTEST_PROP(QuantityProperty, DurationRoundTripsThroughText, ()) {
  CheckRoundTrip<Dimension::kDuration>();
}
RC_GTEST_PROP(QuantityProperty, BodyWeightRoundTripsThroughText, ()) {
  CheckRoundTrip<Dimension::kBodyWeight>();
}
RC_GTEST_PROP(QuantityProperty, DosePerWeightRoundTripsThroughText, ()) {
  CheckRoundTrip<Dimension::kDosePerWeight>();
}

// The same amount written in several units, built as text ("1234e-7 ug" and
// "1234e-10 mg"), has bit-identical base values and converts into the other
// spellings' values exactly.
template <Dimension D>
void CheckSameAmount(const std::vector<std::string>& texts) {
  std::vector<Quantity<D>> qs;
  for (const std::string& t : texts) {
    const Result<Quantity<D>> q = Quantity<D>::Parse(t);
    RC_ASSERT(q.ok());
    qs.push_back(*q);
  }
  for (const Quantity<D>& a : qs) {
    for (const Quantity<D>& b : qs) {
      RC_ASSERT(Bits(a.base()) == Bits(b.base()));
      RC_ASSERT(Bits(*a.In(b.unit())) == Bits(b.value()));
    }
  }
}

std::string Sci(std::uint64_t mantissa, int exponent, std::string_view unit) {
  return std::to_string(mantissa) + "e" + std::to_string(exponent) + " " + std::string(unit);
}

RC_GTEST_PROP(QuantityProperty, DecimalUnitsAgreeExactly, ()) {
  const auto m = *rc::gen::inRange<std::uint64_t>(1, 1000000000000000);
  const int e = *rc::gen::inRange(-250, 250);
  CheckSameAmount<Dimension::kMass>({Sci(m, e, "ug"), Sci(m, e - 3, "mg"), Sci(m, e - 6, "g")});
  CheckSameAmount<Dimension::kVolume>({Sci(m, e, "mL"), Sci(m, e - 3, "L")});
  CheckSameAmount<Dimension::kConcentration>(
      {Sci(m, e, "pg/mL"), Sci(m, e - 3, "ng/mL"), Sci(m, e - 3, "ug/L"), Sci(m, e - 6, "mg/L")});
}

RC_GTEST_PROP(QuantityProperty, TimeUnitsAgreeExactly, ()) {
  const auto m = *rc::gen::inRange<std::uint64_t>(1, 10000000000);  // m * 10080 keeps <= 15 digits
  const int e = *rc::gen::inRange(-100, 100);
  CheckSameAmount<Dimension::kDuration>(
      {Sci(m * 10080, e, "min"), Sci(m * 168, e, "h"), Sci(m * 7, e, "d"), Sci(m, e, "wk")});
}

RC_GTEST_PROP(QuantityProperty, ConversionPreservesOrder, ()) {
  const double a = *FiniteNonNegative();
  const double b = *FiniteNonNegative();
  const Result<Mass> qa = Mass::Make(a, "ug");
  const Result<Mass> qb = Mass::Make(b, "ug");
  RC_PRE(qa.ok() && qb.ok());
  if (a < b) RC_ASSERT(qa->base() <= qb->base());
  if (a == b) RC_ASSERT(qa->base() == qb->base());
}

RC_GTEST_PROP(ScaleDecimalProperty, AgreesWithExactIntegerArithmetic, ()) {
  // Below 2^53 integer products and exact quotients are exact doubles.
  const auto n = *rc::gen::element<std::uint32_t>(7, 24, 60, 168, 1000, 1440, 10080, 1000000);
  const auto m = *rc::gen::inRange<std::uint64_t>(0, (std::uint64_t{1} << 53) / 1000000);
  const double product = static_cast<double>(m * n);
  RC_ASSERT(internal::ScaleDecimal(static_cast<double>(m), n, 1) == product);
  RC_ASSERT(internal::ScaleDecimal(product, 1, n) == static_cast<double>(m));
}

// Whatever the text, Parse either succeeds with a finite value of 0 or more
// that round-trips, or explains itself and lists the allowed units.
RC_GTEST_PROP(QuantityProperty, ParseNeverMisbehavesOnArbitraryText, ()) {
  const std::vector<std::string> pieces = {
      "0",  "1",  "2", "5",  "9",   ".",        "e",        "E",  "-", "+", " ", "\t",  ",",
      "mg", "ug", "g", "kg", "mcg", "\xC2\xB5", "\xC2\xA0", "\n", "/", "L", "x", "inf", "nan"};
  const auto parts = *rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(pieces));
  std::string text;
  for (const std::string& p : parts) text += p;
  const Result<Mass> m = Mass::Parse(text);
  if (m.ok()) {
    RC_ASSERT(std::isfinite(m->value()));
    RC_ASSERT(m->value() >= 0.0);
    RC_ASSERT(Mass::Parse(m->ToString())->value() == m->value());
  } else {
    RC_ASSERT(m.status().message().find("a mass takes") != std::string::npos);
    RC_ASSERT(m.status().message().find("ug, mg or g") != std::string::npos);
  }
}

}  // namespace
}  // namespace pineal
