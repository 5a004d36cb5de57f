#include "pineal/core/quantity.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <system_error>

#include "pineal/core/quantity_decimal.h"
#include "pineal/core/quantity_units.h"

namespace pineal {
namespace {

using internal::FormatShortest;
using internal::UnitsOf;

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Width of the separator at text[i]: ASCII white space, or a no-break space
// (U+00A0, U+202F) as pasted from word processors; 0 if none.
size_t SpaceWidth(std::string_view text, size_t i) {
  const std::string_view rest = text.substr(i);
  if (rest.empty()) return 0;
  if (IsAsciiSpace(rest[0])) return 1;
  if (rest.starts_with("\xC2\xA0")) return 2;
  if (rest.starts_with("\xE2\x80\xAF")) return 3;
  return 0;
}

std::string_view TrimSpaces(std::string_view text) {
  size_t begin = 0;
  while (size_t w = SpaceWidth(text, begin)) begin += w;
  text.remove_prefix(begin);
  while (!text.empty()) {
    if (IsAsciiSpace(text.back())) {
      text.remove_suffix(1);
    } else if (text.ends_with("\xC2\xA0")) {
      text.remove_suffix(2);
    } else if (text.ends_with("\xE2\x80\xAF")) {
      text.remove_suffix(3);
    } else {
      break;
    }
  }
  return text;
}

// Length of the leading run of text up to the first separator.
size_t TokenSize(std::string_view text) {
  size_t size = 0;
  while (size < text.size() && SpaceWidth(text, size) == 0) ++size;
  return size;
}

// 'text' for messages, cut to a readable length on a UTF-8 boundary.
std::string Quote(std::string_view text) {
  constexpr size_t kMax = 60;
  std::string out = "'";
  if (text.size() <= kMax) {
    out += text;
  } else {
    size_t cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out += text.substr(0, cut);
    out += "...";
  }
  out += "'";
  return out;
}

std::string WithArticle(Dimension dimension) {
  return "a " + std::string(DimensionName(dimension));
}

// "<problem>; a mass takes a number (0 or more) and ug, mg or g, e.g. '2.5 mg'".
Status Invalid(Dimension dimension, std::string problem) {
  problem += "; ";
  problem += WithArticle(dimension);
  problem += " takes a number (0 or more) and ";
  problem += internal::AllowedUnitsText(dimension);
  problem += ", e.g. '";
  problem += internal::ExampleOf(dimension);
  problem += "'";
  return Status::InvalidArgument(std::move(problem));
}

// Whether an out-of-range decimal number is too large (rather than too small).
bool IsHuge(std::string_view number) {
  const size_t e = number.find_first_of("eE");
  long exponent = 0;
  if (e != std::string_view::npos) {
    std::string_view digits = number.substr(e + 1);
    const bool negative = digits.starts_with('-');
    if (negative || digits.starts_with('+')) digits.remove_prefix(1);
    const auto read = std::from_chars(digits.data(), digits.data() + digits.size(), exponent);
    if (read.ec != std::errc()) return !negative;  // an exponent beyond `long`
    if (negative) exponent = -exponent;
  }
  const std::string_view mantissa = number.substr(0, e);
  const size_t dot = std::min(mantissa.find('.'), mantissa.size());
  const size_t first = mantissa.find_first_not_of("0.");
  if (first == std::string_view::npos) return false;
  const long lead =
      first < dot ? static_cast<long>(dot - first) - 1 : -static_cast<long>(first - dot);
  // lead + exponent > 0, written so that an exponent near LONG_MAX cannot overflow.
  return exponent > -lead;
}

// The unit index for `spelling` in `dimension`. `subject` names the whole
// input in messages ("'10 kg'"), or is empty when only a unit was given.
Result<std::uint8_t> ResolveUnit(Dimension dimension, std::string_view spelling,
                                 const std::string& subject) {
  const std::string lead = subject.empty() ? std::string() : subject + ": ";
  if (spelling.empty()) return Invalid(dimension, lead + "no unit given");
  const auto ref = internal::FindUnit(spelling);
  if (!ref) {
    std::string problem = lead + Quote(spelling) + " is not a unit";
    if (auto hint = internal::SuggestUnit(dimension, spelling)) {
      problem += " (units are case-sensitive: did you mean '" + std::string(*hint) + "'?)";
    }
    return Invalid(dimension, std::move(problem));
  }
  if (ref->dimension != dimension) {
    if (subject.empty()) {
      return Invalid(dimension, Quote(spelling) + " is a unit of " +
                                    std::string(DimensionName(ref->dimension)) + ", not of " +
                                    std::string(DimensionName(dimension)));
    }
    return Invalid(dimension, subject + " is " + WithArticle(ref->dimension) + ", not " +
                                  WithArticle(dimension));
  }
  return ref->index;
}

struct Parsed {
  double value;
  std::uint8_t unit;
};

Result<Parsed> ParseText(Dimension dimension, std::string_view text) {
  const std::string_view t = TrimSpaces(text);
  const std::string subject = Quote(text);
  if (t.empty()) {
    return Invalid(dimension,
                   "no " + std::string(DimensionName(dimension)) + " given (the text is empty)");
  }
  const char* const begin = t.data();
  const char* const end = t.data() + t.size();
  if (t[0] == '-') return Invalid(dimension, subject + " is negative");
  if (t[0] == '+') return Invalid(dimension, subject + " has a '+' sign; write the number alone");
  if (!std::isdigit(static_cast<unsigned char>(t[0])) && t[0] != '.') {
    double special = 0.0;
    const auto read = std::from_chars(begin, end, special);
    if (read.ec == std::errc() && !std::isfinite(special)) {
      return Invalid(dimension, subject + ": " +
                                    Quote(t.substr(0, static_cast<size_t>(read.ptr - begin))) +
                                    " is not a finite number");
    }
    if (internal::FindUnit(t.substr(0, TokenSize(t)))) {
      return Invalid(dimension, subject + " has no number before the unit");
    }
    return Invalid(dimension, subject + " does not start with a number");
  }

  double value = 0.0;
  const auto read = std::from_chars(begin, end, value);
  const std::string_view number = t.substr(0, static_cast<size_t>(read.ptr - begin));
  if (read.ec == std::errc::invalid_argument) {
    return Invalid(dimension, subject + " does not start with a number");
  }
  if (read.ec == std::errc::result_out_of_range) {
    return Invalid(dimension,
                   subject + ": the number " + Quote(number) +
                       (IsHuge(number) ? " is too large (the limit is about 1.8e308)"
                                       : " is too small to represent (below about 5e-324)"));
  }
  std::string_view rest = t.substr(number.size());
  if (rest.size() > 1 && rest[0] == ',' && std::isdigit(static_cast<unsigned char>(rest[1]))) {
    return Invalid(dimension, subject + " has a decimal comma; write a point, as in '2.5'");
  }
  size_t pos = 0;
  while (size_t w = SpaceWidth(rest, pos)) pos += w;
  rest.remove_prefix(pos);
  if (rest.empty()) return Invalid(dimension, subject + " has no unit");
  const size_t token_size = TokenSize(rest);
  const std::string_view token = rest.substr(0, token_size);
  const std::string_view after = TrimSpaces(rest.substr(token_size));
  PINEAL_ASSIGN_OR_RETURN(std::uint8_t unit, ResolveUnit(dimension, token, subject));
  if (!after.empty()) {
    return Invalid(dimension, subject + " has unexpected text " + Quote(after) + " after the unit");
  }
  return Parsed{value, unit};
}

// `value` in unit `from` expressed in unit `to` of the same dimension.
double Convert(Dimension dimension, double value, std::uint8_t from, std::uint8_t to) {
  if (from == to) return value;
  const auto units = UnitsOf(dimension);
  return internal::ScaleDecimal(value, units[from].num * units[to].den,
                                units[from].den * units[to].num);
}

// Rejects a non-zero value whose base value overflows or underflows to zero.
Status CheckBase(Dimension dimension, const std::string& subject, double value, double base) {
  const std::string base_unit(AllowedUnits(dimension)[internal::BaseUnitIndex(dimension)]);
  if (!std::isfinite(base)) {
    return Invalid(dimension, subject + " is too large to express in " + base_unit);
  }
  if (base == 0.0 && value != 0.0) {
    return Invalid(dimension, subject + " is too small to express in " + base_unit);
  }
  return Status::Ok();
}

}  // namespace

template <Dimension D>
Quantity<D> Quantity<D>::InUnit(double value, std::uint8_t unit) {
  if (value == 0.0) value = 0.0;  // no -0
  return Quantity(value, Convert(D, value, unit, internal::BaseUnitIndex(D)), unit);
}

template <Dimension D>
Result<Quantity<D>> Quantity<D>::Parse(std::string_view text) {
  PINEAL_ASSIGN_OR_RETURN(Parsed parsed, ParseText(D, text));
  const Quantity q = InUnit(parsed.value, parsed.unit);
  PINEAL_RETURN_IF_ERROR(CheckBase(D, Quote(text), q.value_, q.base_));
  return q;
}

template <Dimension D>
Result<Quantity<D>> Quantity<D>::Make(double value, std::string_view unit) {
  const std::string subject = Quote(FormatShortest(value) + " " + std::string(unit));
  if (!std::isfinite(value)) return Invalid(D, subject + " is not a finite number");
  if (value < 0.0) return Invalid(D, subject + " is negative");
  if (value == 0.0) value = 0.0;  // no -0
  PINEAL_ASSIGN_OR_RETURN(std::uint8_t index, ResolveUnit(D, unit, subject));
  const Quantity q = InUnit(value, index);
  PINEAL_RETURN_IF_ERROR(CheckBase(D, subject, q.value_, q.base_));
  return q;
}

template <Dimension D>
Result<double> Quantity<D>::In(std::string_view unit) const {
  PINEAL_ASSIGN_OR_RETURN(std::uint8_t index, ResolveUnit(D, unit, std::string()));
  const double converted = Convert(D, value_, unit_, index);
  if (std::isfinite(value_) && !std::isfinite(converted)) {
    return Invalid(D, Quote(ToString()) + " is too large to express in " +
                          std::string(AllowedUnits(D)[index]));
  }
  return converted;
}

template <Dimension D>
std::string Quantity<D>::ToString() const {
  return FormatShortest(value_) + " " + unit();
}

template <Dimension D>
std::string Quantity<D>::ToString(std::string_view unit) const {
  const Result<std::uint8_t> index = ResolveUnit(D, unit, std::string());
  PINEAL_CHECK(index.ok(), index.status().message());
  return FormatShortest(Convert(D, value_, unit_, *index)) + " " +
         internal::UnitSpelling(D, *index);
}

template <Dimension D>
const std::string& Quantity<D>::unit() const {
  return internal::UnitSpelling(D, unit_);
}

template <Dimension D>
Quantity<D> Quantity<D>::operator+(const Quantity& other) const {
  if (unit_ == other.unit_) return InUnit(value_ + other.value_, unit_);
  return FromBase(base_ + other.base_);
}

template <Dimension D>
Quantity<D> Quantity<D>::operator-(const Quantity& other) const {
  if (unit_ == other.unit_) return InUnit(value_ - other.value_, unit_);
  return FromBase(base_ - other.base_);
}

template <Dimension D>
Quantity<D> Quantity<D>::operator*(double factor) const {
  return InUnit(value_ * factor, unit_);
}

template <Dimension D>
Quantity<D> Quantity<D>::operator/(double divisor) const {
  return InUnit(value_ / divisor, unit_);
}

template <Dimension D>
double Quantity<D>::operator/(const Quantity& other) const {
  if (unit_ == other.unit_) return value_ / other.value_;
  return base_ / other.base_;
}

template class Quantity<Dimension::kMass>;
template class Quantity<Dimension::kVolume>;
template class Quantity<Dimension::kConcentration>;
template class Quantity<Dimension::kDuration>;
template class Quantity<Dimension::kBodyWeight>;
template class Quantity<Dimension::kDosePerWeight>;

}  // namespace pineal
