// The unit table behind quantity.h: UCUM spellings, aliases and scale factors.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "pineal/core/quantity.h"

namespace pineal::internal {

struct UnitInfo {
  std::string_view ucum;  // how it is always written back
  // One of this unit is num/den base units; one of num, den is 1 and the
  // other an exact integer, so a conversion is one multiplication or division.
  std::uint32_t num;
  std::uint32_t den;
};

// Units of a dimension in the order of AllowedUnits(dimension).
std::span<const UnitInfo> UnitsOf(Dimension dimension);

struct UnitRef {
  Dimension dimension;
  std::uint8_t index;  // in UnitsOf(dimension)
};

// Looks up a unit of any dimension by its UCUM spelling or an alias
// ("mcg", "µg", "ml", "hours", "ng/ml", ...). Case-sensitive, as UCUM is.
std::optional<UnitRef> FindUnit(std::string_view spelling);

// A unit of `dimension` spelled like `spelling` up to letter case ("MG" ->
// "mg"), for "did you mean" hints.
std::optional<std::string_view> SuggestUnit(Dimension dimension, std::string_view spelling);

// The UCUM spelling as a std::string with static storage, for Quantity::unit().
const std::string& UnitSpelling(Dimension dimension, std::uint8_t index);

// "ug, mg or g".
std::string AllowedUnitsText(Dimension dimension);

// A typical value for error messages: "2.5 mg".
std::string_view ExampleOf(Dimension dimension);

}  // namespace pineal::internal
