#include "pineal/core/quantity_units.h"

#include <array>
#include <cctype>
#include <vector>

#include "pineal/core/check.h"

namespace pineal {
namespace internal {
namespace {

constexpr std::array kMassUnits = {UnitInfo{"ug", 1, 1000}, UnitInfo{"mg", 1, 1},
                                   UnitInfo{"g", 1000, 1}};
constexpr std::array kVolumeUnits = {UnitInfo{"mL", 1, 1000}, UnitInfo{"L", 1, 1}};
// 1 pg/mL = 1e-12 g / 1e-3 L = 1e-6 mg/L; 1 ng/mL = 1 ug/L = 1e-3 mg/L.
constexpr std::array kConcentrationUnits = {UnitInfo{"pg/mL", 1, 1000000},
                                            UnitInfo{"ng/mL", 1, 1000}, UnitInfo{"ug/L", 1, 1000},
                                            UnitInfo{"mg/L", 1, 1}};
constexpr std::array kDurationUnits = {UnitInfo{"min", 1, 60}, UnitInfo{"h", 1, 1},
                                       UnitInfo{"d", 24, 1}, UnitInfo{"wk", 168, 1}};
constexpr std::array kBodyWeightUnits = {UnitInfo{"kg", 1, 1}};
constexpr std::array kDosePerWeightUnits = {UnitInfo{"mg/kg", 1, 1}};

constexpr std::array kMassNames = {std::string_view("ug"), std::string_view("mg"),
                                   std::string_view("g")};
constexpr std::array kVolumeNames = {std::string_view("mL"), std::string_view("L")};
constexpr std::array kConcentrationNames = {std::string_view("pg/mL"), std::string_view("ng/mL"),
                                            std::string_view("ug/L"), std::string_view("mg/L")};
constexpr std::array kDurationNames = {std::string_view("min"), std::string_view("h"),
                                       std::string_view("d"), std::string_view("wk")};
constexpr std::array kBodyWeightNames = {std::string_view("kg")};
constexpr std::array kDosePerWeightNames = {std::string_view("mg/kg")};

constexpr std::array kAllDimensions = {Dimension::kMass,          Dimension::kVolume,
                                       Dimension::kConcentration, Dimension::kDuration,
                                       Dimension::kBodyWeight,    Dimension::kDosePerWeight};

template <size_t N>
constexpr bool TableIsSound(const std::array<UnitInfo, N>& units,
                            const std::array<std::string_view, N>& names, std::uint8_t base) {
  for (size_t i = 0; i < N; ++i) {
    if (units[i].ucum != names[i] || (units[i].num != 1 && units[i].den != 1)) return false;
  }
  return base < N && units[base].num == 1 && units[base].den == 1;
}
static_assert(TableIsSound(kMassUnits, kMassNames, BaseUnitIndex(Dimension::kMass)));
static_assert(TableIsSound(kVolumeUnits, kVolumeNames, BaseUnitIndex(Dimension::kVolume)));
static_assert(TableIsSound(kConcentrationUnits, kConcentrationNames,
                           BaseUnitIndex(Dimension::kConcentration)));
static_assert(TableIsSound(kDurationUnits, kDurationNames, BaseUnitIndex(Dimension::kDuration)));
static_assert(TableIsSound(kBodyWeightUnits, kBodyWeightNames,
                           BaseUnitIndex(Dimension::kBodyWeight)));
static_assert(TableIsSound(kDosePerWeightUnits, kDosePerWeightNames,
                           BaseUnitIndex(Dimension::kDosePerWeight)));

struct Alias {
  std::string_view spelling;
  std::string_view ucum;
};
// Whole-unit aliases.
constexpr std::array kAliases = {
    Alias{"mcg", "ug"},       Alias{"\xC2\xB5g", "ug"},  // U+00B5 micro sign
    Alias{"\xCE\xBCg", "ug"},                            // U+03BC Greek mu
    Alias{"ml", "mL"},        Alias{"l", "L"},          Alias{"minute", "min"},
    Alias{"minutes", "min"},  Alias{"mins", "min"},     Alias{"hr", "h"},
    Alias{"hrs", "h"},        Alias{"hour", "h"},       Alias{"hours", "h"},
    Alias{"day", "d"},        Alias{"days", "d"},       Alias{"week", "wk"},
    Alias{"weeks", "wk"},
};
// Aliases allowed on either side of a '/' ("ng/ml", "mcg/L").
constexpr std::array kPartAliases = {
    Alias{"mcg", "ug"}, Alias{"\xC2\xB5g", "ug"}, Alias{"\xCE\xBCg", "ug"},
    Alias{"ml", "mL"},  Alias{"l", "L"},
};

std::string_view Canonical(std::string_view spelling) {
  for (const Alias& a : kAliases) {
    if (a.spelling == spelling) return a.ucum;
  }
  return spelling;
}

std::string_view CanonicalPart(std::string_view part) {
  for (const Alias& a : kPartAliases) {
    if (a.spelling == part) return a.ucum;
  }
  return part;
}

std::optional<UnitRef> FindUcum(std::string_view ucum) {
  for (Dimension d : kAllDimensions) {
    const auto units = UnitsOf(d);
    for (size_t i = 0; i < units.size(); ++i) {
      if (units[i].ucum == ucum) return UnitRef{d, static_cast<std::uint8_t>(i)};
    }
  }
  return std::nullopt;
}

bool EqualIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::span<const UnitInfo> UnitsOf(Dimension dimension) {
  switch (dimension) {
    case Dimension::kMass: return kMassUnits;
    case Dimension::kVolume: return kVolumeUnits;
    case Dimension::kConcentration: return kConcentrationUnits;
    case Dimension::kDuration: return kDurationUnits;
    case Dimension::kBodyWeight: return kBodyWeightUnits;
    case Dimension::kDosePerWeight: return kDosePerWeightUnits;
  }
  PINEAL_CHECK(false, "unknown Dimension");
  return {};
}

std::optional<UnitRef> FindUnit(std::string_view spelling) {
  if (auto found = FindUcum(Canonical(spelling))) return found;
  const size_t slash = spelling.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string joined(CanonicalPart(spelling.substr(0, slash)));
  joined += '/';
  joined += CanonicalPart(spelling.substr(slash + 1));
  return FindUcum(joined);
}

std::optional<std::string_view> SuggestUnit(Dimension dimension, std::string_view spelling) {
  for (const UnitInfo& u : UnitsOf(dimension)) {
    if (EqualIgnoringCase(u.ucum, spelling)) return u.ucum;
  }
  for (const Alias& a : kAliases) {
    if (EqualIgnoringCase(a.spelling, spelling)) {
      auto ref = FindUcum(a.ucum);
      if (ref && ref->dimension == dimension) return a.ucum;
    }
  }
  return std::nullopt;
}

const std::string& UnitSpelling(Dimension dimension, std::uint8_t index) {
  // Built on first use, so it is safe from other translation units' static
  // initialisers.
  static const auto* const spellings = [] {
    auto* table = new std::array<std::vector<std::string>, kAllDimensions.size()>();
    for (Dimension d : kAllDimensions) {
      for (const UnitInfo& u : UnitsOf(d)) {
        (*table)[static_cast<size_t>(d)].emplace_back(u.ucum);
      }
    }
    return table;
  }();
  const auto& names = (*spellings)[static_cast<size_t>(dimension)];
  PINEAL_CHECK(index < names.size(), "unit index out of range");
  return names[index];
}

std::string AllowedUnitsText(Dimension dimension) {
  const auto names = AllowedUnits(dimension);
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string_view ExampleOf(Dimension dimension) {
  switch (dimension) {
    case Dimension::kMass: return "2.5 mg";
    case Dimension::kVolume: return "250 mL";
    case Dimension::kConcentration: return "50 pg/mL";
    case Dimension::kDuration: return "8 h";
    case Dimension::kBodyWeight: return "70 kg";
    case Dimension::kDosePerWeight: return "0.1 mg/kg";
  }
  return "";
}

}  // namespace internal

std::string_view DimensionName(Dimension dimension) {
  switch (dimension) {
    case Dimension::kMass: return "mass";
    case Dimension::kVolume: return "volume";
    case Dimension::kConcentration: return "concentration";
    case Dimension::kDuration: return "duration";
    case Dimension::kBodyWeight: return "body weight";
    case Dimension::kDosePerWeight: return "dose per weight";
  }
  return "unknown dimension";
}

std::span<const std::string_view> AllowedUnits(Dimension dimension) {
  switch (dimension) {
    case Dimension::kMass: return internal::kMassNames;
    case Dimension::kVolume: return internal::kVolumeNames;
    case Dimension::kConcentration: return internal::kConcentrationNames;
    case Dimension::kDuration: return internal::kDurationNames;
    case Dimension::kBodyWeight: return internal::kBodyWeightNames;
    case Dimension::kDosePerWeight: return internal::kDosePerWeightNames;
  }
  PINEAL_CHECK(false, "unknown Dimension");
  return {};
}

}  // namespace pineal
