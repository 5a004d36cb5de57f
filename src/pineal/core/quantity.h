// Typed quantities: a dose is never a bare double. Each Quantity<D> keeps the
// number as written and its UCUM unit ("2.5 mg"), plus its value in the base
// unit of its dimension (mg, L, mg/L, h, kg, mg/kg) for the engines.
//
// Conversions are correctly rounded from the decimal the value reads as:
// "1.005 g" is exactly 1005 mg and "0.3 ug" exactly 0.0003 mg, so the same
// amount written in two units has the same base value (quantity_decimal.h).
//
// Parse and Make accept finite values of 0 or more. Arithmetic follows IEEE
// doubles (a difference may be negative); range checks belong to callers.
#pragma once

#include <compare>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "pineal/core/result.h"

namespace pineal {

enum class Dimension { kMass, kVolume, kConcentration, kDuration, kBodyWeight, kDosePerWeight };

// "mass", "volume", "concentration", "duration", "body weight", "dose per weight".
std::string_view DimensionName(Dimension dimension);

// UCUM spellings allowed for a dimension, smallest unit first ("ug", "mg", "g").
std::span<const std::string_view> AllowedUnits(Dimension dimension);

namespace internal {
// Index of the base unit in AllowedUnits(dimension).
constexpr std::uint8_t BaseUnitIndex(Dimension dimension) {
  switch (dimension) {
    case Dimension::kMass: return 1;           // ug, [mg], g
    case Dimension::kVolume: return 1;         // mL, [L]
    case Dimension::kConcentration: return 3;  // pg/mL, ng/mL, ug/L, [mg/L]
    case Dimension::kDuration: return 1;       // min, [h], d, wk
    case Dimension::kBodyWeight: return 0;     // [kg]
    case Dimension::kDosePerWeight: return 0;  // [mg/kg]
  }
  return 0;
}
}  // namespace internal

template <Dimension D>
class Quantity {
 public:
  static constexpr Dimension kDimension = D;

  constexpr Quantity() = default;  // zero, in the base unit

  // "2.5 mg", "2.5mg", "500 mcg", "0.1 mg/kg". Rejects negative, non-finite,
  // out-of-range numbers, unknown units, units of another dimension and
  // trailing text, with a message naming the problem and the allowed units.
  static Result<Quantity> Parse(std::string_view text);
  // `value` in a named unit (UCUM or alias), e.g. Make(2.5, "mg").
  static Result<Quantity> Make(double value, std::string_view unit);
  // A value in the base unit; for engine results. -0 becomes 0.
  static constexpr Quantity FromBase(double base_value) {
    const double v = base_value == 0.0 ? 0.0 : base_value;
    return Quantity(v, v, internal::BaseUnitIndex(D));
  }

  double base() const { return base_; }
  // The value in another unit of this dimension.
  Result<double> In(std::string_view unit) const;
  // "2.5 mg": shortest text that parses back to exactly this value and unit.
  std::string ToString() const;
  // In the given unit, which must be valid for this dimension (a bug otherwise).
  std::string ToString(std::string_view unit) const;
  // UCUM spelling of the unit the quantity was made with.
  const std::string& unit() const;
  double value() const { return value_; }

  // Comparisons are by amount: 500 ug == 0.5 mg.
  friend bool operator==(const Quantity& a, const Quantity& b) { return a.base_ == b.base_; }
  friend std::partial_ordering operator<=>(const Quantity& a, const Quantity& b) {
    return a.base_ <=> b.base_;
  }

  // Same units keep their unit (2.5 mg + 0.5 mg = 3 mg); mixed units give the base unit.
  Quantity operator+(const Quantity& other) const;
  Quantity operator-(const Quantity& other) const;
  Quantity operator*(double factor) const;  // keeps the unit
  Quantity operator/(double divisor) const;
  double operator/(const Quantity& other) const;  // a ratio, without unit
  Quantity& operator+=(const Quantity& other) { return *this = *this + other; }
  Quantity& operator-=(const Quantity& other) { return *this = *this - other; }
  Quantity& operator*=(double factor) { return *this = *this * factor; }
  Quantity& operator/=(double divisor) { return *this = *this / divisor; }
  friend Quantity operator*(double factor, const Quantity& q) { return q * factor; }

 private:
  constexpr Quantity(double value, double base, std::uint8_t unit)
      : value_(value), base_(base), unit_(unit) {}
  // A value in unit index `unit`, with its base value computed.
  static Quantity InUnit(double value, std::uint8_t unit);

  double value_ = 0.0;  // as written, in unit_
  double base_ = 0.0;   // in the base unit; always the conversion of value_
  std::uint8_t unit_ = internal::BaseUnitIndex(D);  // index in AllowedUnits(D)
};

extern template class Quantity<Dimension::kMass>;
extern template class Quantity<Dimension::kVolume>;
extern template class Quantity<Dimension::kConcentration>;
extern template class Quantity<Dimension::kDuration>;
extern template class Quantity<Dimension::kBodyWeight>;
extern template class Quantity<Dimension::kDosePerWeight>;

using Mass = Quantity<Dimension::kMass>;                    // base mg
using Volume = Quantity<Dimension::kVolume>;                // base L
using Concentration = Quantity<Dimension::kConcentration>;  // base mg/L
using Duration = Quantity<Dimension::kDuration>;            // base h
using BodyWeight = Quantity<Dimension::kBodyWeight>;        // base kg
using DosePerWeight = Quantity<Dimension::kDosePerWeight>;  // base mg/kg

// mg/kg x kg = mg.
inline Mass operator*(DosePerWeight dose, BodyWeight weight) {
  return Mass::FromBase(dose.base() * weight.base());
}
inline Mass operator*(BodyWeight weight, DosePerWeight dose) { return dose * weight; }
// mg / kg = mg/kg.
inline DosePerWeight operator/(Mass mass, BodyWeight weight) {
  return DosePerWeight::FromBase(mass.base() / weight.base());
}
// mg / L = mg/L.
inline Concentration operator/(Mass mass, Volume volume) {
  return Concentration::FromBase(mass.base() / volume.base());
}
// mg/L x L = mg.
inline Mass operator*(Concentration concentration, Volume volume) {
  return Mass::FromBase(concentration.base() * volume.base());
}
inline Mass operator*(Volume volume, Concentration concentration) { return concentration * volume; }

}  // namespace pineal
