#include "pineal/core/quantity.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <ostream>
#include <string>
#include <vector>

namespace pineal {

// Readable failure messages (found by argument-dependent lookup).
template <Dimension D>
void PrintTo(const Quantity<D>& q, std::ostream* os) {
  *os << q.ToString() << " (base " << q.base() << ")";
}

namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;

// Expected base values are written by hand from the unit definitions
// (1 ug = 1/1000 mg, 1 pg/mL = 1e-6 mg/L, 1 wk = 168 h, ...); a decimal
// literal is the correctly rounded double of that decimal.

template <typename Q>
void ExpectParses(std::string_view text, double value, std::string_view unit, double base) {
  SCOPED_TRACE(std::string(text));
  const Result<Q> q = Q::Parse(text);
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->value(), value);
  EXPECT_EQ(q->unit(), unit);
  EXPECT_EQ(q->base(), base);
}

TEST(QuantityParseTest, EveryUcumUnit) {
  ExpectParses<Mass>("500 ug", 500, "ug", 0.5);
  ExpectParses<Mass>("2.5 mg", 2.5, "mg", 2.5);
  ExpectParses<Mass>("3 g", 3, "g", 3000);
  ExpectParses<Volume>("250 mL", 250, "mL", 0.25);
  ExpectParses<Volume>("1.5 L", 1.5, "L", 1.5);
  ExpectParses<Concentration>("50 pg/mL", 50, "pg/mL", 0.00005);
  ExpectParses<Concentration>("2 ng/mL", 2, "ng/mL", 0.002);
  ExpectParses<Concentration>("2 ug/L", 2, "ug/L", 0.002);
  ExpectParses<Concentration>("0.5 mg/L", 0.5, "mg/L", 0.5);
  ExpectParses<Duration>("90 min", 90, "min", 1.5);
  ExpectParses<Duration>("8 h", 8, "h", 8);
  ExpectParses<Duration>("2 d", 2, "d", 48);
  ExpectParses<Duration>("1 wk", 1, "wk", 168);
  ExpectParses<BodyWeight>("70 kg", 70, "kg", 70);
  ExpectParses<DosePerWeight>("0.1 mg/kg", 0.1, "mg/kg", 0.1);
}

TEST(QuantityParseTest, AliasesAreStoredAndPrintedAsUcum) {
  ExpectParses<Mass>("500 mcg", 500, "ug", 0.5);
  ExpectParses<Mass>("500 \xC2\xB5g", 500, "ug", 0.5);  // micro sign
  ExpectParses<Mass>("500 \xCE\xBCg", 500, "ug", 0.5);  // Greek mu
  ExpectParses<Volume>("250 ml", 250, "mL", 0.25);
  ExpectParses<Volume>("2 l", 2, "L", 2);
  ExpectParses<Duration>("2 hr", 2, "h", 2);
  ExpectParses<Duration>("2 hrs", 2, "h", 2);
  ExpectParses<Duration>("1 hour", 1, "h", 1);
  ExpectParses<Duration>("2 hours", 2, "h", 2);
  ExpectParses<Duration>("1 day", 1, "d", 24);
  ExpectParses<Duration>("3 days", 3, "d", 72);
  ExpectParses<Duration>("1 week", 1, "wk", 168);
  ExpectParses<Duration>("2 weeks", 2, "wk", 336);
  ExpectParses<Duration>("1 minute", 1, "min", 1.0 / 60.0);
  ExpectParses<Duration>("30 minutes", 30, "min", 0.5);
  ExpectParses<Duration>("30 mins", 30, "min", 0.5);
  ExpectParses<Concentration>("50 pg/ml", 50, "pg/mL", 0.00005);
  ExpectParses<Concentration>("3 ng/ml", 3, "ng/mL", 0.003);
  ExpectParses<Concentration>("2 mcg/L", 2, "ug/L", 0.002);
  ExpectParses<Concentration>("2 \xC2\xB5g/l", 2, "ug/L", 0.002);
  ExpectParses<Concentration>("0.5 mg/l", 0.5, "mg/L", 0.5);

  EXPECT_EQ(Mass::Parse("500 mcg")->ToString(), "500 ug");
  EXPECT_EQ(Volume::Parse("250 ml")->ToString(), "250 mL");
  EXPECT_EQ(Duration::Parse("2 hours")->ToString(), "2 h");
  EXPECT_EQ(Concentration::Parse("50 pg/ml")->ToString(), "50 pg/mL");
}

TEST(QuantityParseTest, NoSpaceExtraSpaceAndNumberForms) {
  ExpectParses<Mass>("2.5mg", 2.5, "mg", 2.5);
  ExpectParses<Mass>("500ug", 500, "ug", 0.5);
  ExpectParses<Mass>("500mcg", 500, "ug", 0.5);
  ExpectParses<Volume>("250mL", 250, "mL", 0.25);
  ExpectParses<Duration>("8h", 8, "h", 8);
  ExpectParses<DosePerWeight>("0.1mg/kg", 0.1, "mg/kg", 0.1);
  ExpectParses<Mass>("  2.5 \t mg  ", 2.5, "mg", 2.5);
  ExpectParses<Mass>("2.5\xC2\xA0mg", 2.5, "mg", 2.5);  // no-break space
  ExpectParses<Mass>("2.5 mg\r\n", 2.5, "mg", 2.5);
  ExpectParses<Mass>(".5 mg", 0.5, "mg", 0.5);
  ExpectParses<Mass>("1e3 ug", 1000, "ug", 1);
  ExpectParses<Mass>("2.5E-3 g", 0.0025, "g", 2.5);
  ExpectParses<Mass>("0 mg", 0, "mg", 0);
  ExpectParses<Mass>("0 g", 0, "g", 0);
}

TEST(QuantityConversionTest, DecimalCasesAreExact) {
  EXPECT_EQ(Mass::Parse("500 ug")->base(), 0.5);
  EXPECT_EQ(*Mass::Parse("500 ug")->In("mg"), 0.5);
  EXPECT_EQ(*Mass::Parse("2.5 mg")->In("ug"), 2500);
  EXPECT_EQ(*Mass::Parse("3 g")->In("ug"), 3000000);
  EXPECT_EQ(*Mass::Parse("0.3 ug")->In("mg"), 0.0003);  // 0.3 / 1000 != 0.0003 in binary
  EXPECT_EQ(*Mass::Parse("1.005 g")->In("mg"), 1005);   // 1.005 * 1000 != 1005 in binary
  EXPECT_EQ(*Volume::Parse("250 mL")->In("L"), 0.25);
  EXPECT_EQ(*Volume::Parse("0.2 L")->In("mL"), 200);
}

TEST(QuantityConversionTest, TimeUnits) {
  EXPECT_EQ(Duration::Parse("1 wk")->base(), 168);
  EXPECT_EQ(Duration::Parse("90 min")->base(), 1.5);
  EXPECT_EQ(*Duration::Parse("1 wk")->In("min"), 10080);
  EXPECT_EQ(*Duration::Parse("1 d")->In("min"), 1440);
  EXPECT_EQ(*Duration::Parse("10080 min")->In("wk"), 1);
  EXPECT_EQ(*Duration::Parse("14 d")->In("wk"), 2);
  EXPECT_EQ(*Duration::Parse("1 h")->In("d"), 1.0 / 24.0);
  EXPECT_EQ(*Duration::Parse("0.7 d")->In("h"), 16.8);  // 0.7 * 24 != 16.8 in binary
  EXPECT_EQ(*Duration::Parse("1.5 min")->In("h"), 0.025);
}

TEST(QuantityConversionTest, Concentrations) {
  const Concentration one_ng_per_ml = *Concentration::Parse("1 ng/mL");
  EXPECT_EQ(*one_ng_per_ml.In("ug/L"), 1);
  EXPECT_EQ(*one_ng_per_ml.In("pg/mL"), 1000);
  EXPECT_EQ(*one_ng_per_ml.In("mg/L"), 0.001);
  EXPECT_EQ(one_ng_per_ml, *Concentration::Parse("1 ug/L"));
  EXPECT_EQ(one_ng_per_ml, *Concentration::Parse("1000 pg/mL"));
  EXPECT_EQ(*Concentration::Parse("150 pg/mL")->In("ng/mL"), 0.15);
}

TEST(QuantityConversionTest, SameAmountInTwoUnitsIsEqual) {
  EXPECT_EQ(*Mass::Parse("500 ug"), *Mass::Parse("0.5 mg"));
  EXPECT_EQ(*Mass::Parse("0.3 ug"), *Mass::Parse("0.0003 mg"));
  EXPECT_EQ(*Mass::Parse("1.005 g"), *Mass::Parse("1005 mg"));
  EXPECT_EQ(*Duration::Parse("0.7 d"), *Duration::Parse("16.8 h"));
  EXPECT_EQ(*Duration::Parse("66 min"), *Duration::Parse("1.1 h"));
}

TEST(QuantityConversionTest, AliasAcceptedInInAndToString) {
  const Mass m = *Mass::Parse("2.5 mg");
  EXPECT_EQ(*m.In("mcg"), 2500);
  EXPECT_EQ(m.ToString("mcg"), "2500 ug");
  EXPECT_EQ(m.ToString("g"), "0.0025 g");
}

TEST(QuantityFormatTest, ToStringUsesTheUnitItWasMadeWith) {
  EXPECT_EQ(Mass::Parse("2.5 mg")->ToString(), "2.5 mg");
  EXPECT_EQ(Mass::Parse("2.5mg")->ToString(), "2.5 mg");
  EXPECT_EQ(Mass::Parse("1e3 mg")->ToString(), "1000 mg");
  EXPECT_EQ(Mass::Parse("0.000015 mg")->ToString(), "0.000015 mg");
  EXPECT_EQ(Mass::Parse("1e20 ug")->ToString(), "1e+20 ug");
  EXPECT_EQ(Mass::Parse("0 g")->ToString(), "0 g");
  EXPECT_EQ(Mass::Make(0.5, "g")->ToString(), "0.5 g");
  EXPECT_EQ(DosePerWeight::Parse("0.1 mg/kg")->ToString(), "0.1 mg/kg");
  EXPECT_EQ(Duration::Parse("90 min")->ToString("h"), "1.5 h");
}

TEST(QuantityFormatTest, DefaultAndFromBaseUseTheBaseUnit) {
  EXPECT_EQ(Mass().ToString(), "0 mg");
  EXPECT_EQ(Volume().unit(), "L");
  EXPECT_EQ(Concentration().unit(), "mg/L");
  EXPECT_EQ(Duration().unit(), "h");
  EXPECT_EQ(BodyWeight().unit(), "kg");
  EXPECT_EQ(DosePerWeight().unit(), "mg/kg");
  constexpr Mass kFromBase = Mass::FromBase(2.5);
  EXPECT_EQ(kFromBase.ToString(), "2.5 mg");
  EXPECT_EQ(kFromBase.value(), 2.5);
  EXPECT_EQ(Concentration::FromBase(0.002).ToString("pg/mL"), "2000 pg/mL");
  EXPECT_FALSE(std::signbit(Mass::FromBase(-0.0).value()));
}

// Every rejected input names what was wrong and lists the allowed units.
void ExpectMassRejected(std::string_view text, std::string_view problem) {
  SCOPED_TRACE(std::string(text));
  const Result<Mass> m = Mass::Parse(text);
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(m.status().message(), AllOf(HasSubstr(std::string(problem)),
                                          HasSubstr("a mass takes"), HasSubstr("ug, mg or g")));
}

TEST(QuantityParseTest, RejectsGarbageWithAClearMessage) {
  ExpectMassRejected("10 kg", "'10 kg' is a body weight, not a mass");
  ExpectMassRejected("-3 mg", "'-3 mg' is negative");
  ExpectMassRejected("-0 mg", "is negative");
  ExpectMassRejected("3 mgg", "'mgg' is not a unit");
  ExpectMassRejected("", "the text is empty");
  ExpectMassRejected("   ", "the text is empty");
  ExpectMassRejected("1e400 mg", "the number '1e400' is too large");
  ExpectMassRejected("1e-400 mg", "the number '1e-400' is too small");
  // Exponents at the edge of `long` (found by fuzzing: the sum once overflowed).
  ExpectMassRejected("17971E9223372036854775807 mg", "is too large");
  ExpectMassRejected("0.00017971E9223372036854775807 mg", "is too large");
  ExpectMassRejected("17971E-9223372036854775807 mg", "is too small");
  ExpectMassRejected("1E99999999999999999999 mg", "is too large");
  ExpectMassRejected("NaN mg", "'NaN' is not a finite number");
  ExpectMassRejected("inf mg", "'inf' is not a finite number");
  ExpectMassRejected("infinity mg", "'infinity' is not a finite number");
  ExpectMassRejected("3", "'3' has no unit");
  ExpectMassRejected("mg", "'mg' has no number before the unit");
  ExpectMassRejected("mcg", "has no number before the unit");
  ExpectMassRejected("3 mg extra", "unexpected text 'extra' after the unit");
  ExpectMassRejected("3 mg/kg", "is a dose per weight, not a mass");
  ExpectMassRejected("3 mL", "is a volume, not a mass");
  ExpectMassRejected("+3 mg", "'+' sign");
  ExpectMassRejected("2,5 mg", "decimal comma");
  ExpectMassRejected("3 MG", "did you mean 'mg'?");
  ExpectMassRejected("3 MCG", "did you mean 'ug'?");
  ExpectMassRejected("0x10 mg", "'x10' is not a unit");
  ExpectMassRejected("abc", "does not start with a number");
  ExpectMassRejected(". mg", "does not start with a number");
  ExpectMassRejected("1e308 g", "too large to express in mg");
  ExpectMassRejected("5e-324 ug", "too small to express in mg");
}

TEST(QuantityParseTest, OtherDimensionsNameTheirOwnUnits) {
  const Result<BodyWeight> w = BodyWeight::Parse("70 mg");
  ASSERT_FALSE(w.ok());
  EXPECT_THAT(w.status().message(),
              AllOf(HasSubstr("'70 mg' is a mass, not a body weight"),
                    HasSubstr("a body weight takes a number (0 or more) and kg")));
  const Result<Duration> d = Duration::Parse("8 kg");
  ASSERT_FALSE(d.ok());
  EXPECT_THAT(d.status().message(), HasSubstr("min, h, d or wk"));
  const Result<Concentration> c = Concentration::Parse("2 mg");
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("pg/mL, ng/mL, ug/L or mg/L"));
  const Result<DosePerWeight> dpw = DosePerWeight::Parse("10 kg");
  ASSERT_FALSE(dpw.ok());
  EXPECT_THAT(dpw.status().message(), HasSubstr("is a body weight, not a dose per weight"));
}

TEST(QuantityParseTest, LongInputIsShortenedInTheMessage) {
  const std::string text = "3 mg " + std::string(1000, 'x');
  const Result<Mass> m = Mass::Parse(text);
  ASSERT_FALSE(m.ok());
  EXPECT_LT(m.status().message().size(), 300u);
  EXPECT_THAT(m.status().message(), HasSubstr("...'"));
}

TEST(QuantityMakeTest, AcceptsAValueInANamedUnit) {
  const Result<Mass> m = Mass::Make(2.5, "mg");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->base(), 2.5);
  EXPECT_EQ(Mass::Make(500, "mcg")->unit(), "ug");
  EXPECT_EQ(Mass::Make(500, "mcg")->base(), 0.5);
  const Result<Mass> zero = Mass::Make(-0.0, "mg");
  ASSERT_TRUE(zero.ok());
  EXPECT_FALSE(std::signbit(zero->value()));
  EXPECT_EQ(zero->ToString(), "0 mg");
}

TEST(QuantityMakeTest, RejectsBadValuesAndUnits) {
  EXPECT_THAT(Mass::Make(-3, "mg").status().message(),
              AllOf(HasSubstr("'-3 mg' is negative"), HasSubstr("ug, mg or g")));
  EXPECT_THAT(Mass::Make(std::nan(""), "mg").status().message(), HasSubstr("not a finite number"));
  EXPECT_THAT(Mass::Make(std::numeric_limits<double>::infinity(), "mg").status().message(),
              HasSubstr("not a finite number"));
  EXPECT_THAT(Mass::Make(10, "kg").status().message(),
              HasSubstr("'10 kg' is a body weight, not a mass"));
  EXPECT_THAT(Mass::Make(10, "").status().message(), HasSubstr("no unit given"));
  EXPECT_THAT(Mass::Make(10, "mgg").status().message(), HasSubstr("'mgg' is not a unit"));
  EXPECT_THAT(Mass::Make(1e306, "g").status().message(), HasSubstr("too large to express in mg"));
}

TEST(QuantityInTest, RejectsUnitsOfAnotherDimension) {
  const Mass m = *Mass::Parse("2.5 mg");
  EXPECT_THAT(
      m.In("kg").status().message(),
      AllOf(HasSubstr("'kg' is a unit of body weight, not of mass"), HasSubstr("ug, mg or g")));
  EXPECT_THAT(m.In("xyz").status().message(), HasSubstr("'xyz' is not a unit"));
  EXPECT_THAT(Mass::Parse("1e304 g")->In("ug").status().message(),
              HasSubstr("too large to express in ug"));
}

TEST(QuantityDeathTest, ToStringInAnInvalidUnitIsABug) {
  const Mass m = *Mass::Parse("2.5 mg");
  EXPECT_DEATH((void)m.ToString("kg"), "not of mass");
}

TEST(QuantityCompareTest, ComparesAmountsNotSpellings) {
  EXPECT_EQ(*Mass::Parse("500 ug"), *Mass::Parse("0.5 mg"));
  EXPECT_NE(*Mass::Parse("500 ug"), *Mass::Parse("0.5 g"));
  EXPECT_GT(*Mass::Parse("1 g"), *Mass::Parse("999 mg"));
  EXPECT_LT(*Duration::Parse("1 h"), *Duration::Parse("61 min"));
  EXPECT_LE(*Duration::Parse("1 h"), *Duration::Parse("60 min"));
  EXPECT_GE(*Duration::Parse("1 d"), *Duration::Parse("24 h"));
  EXPECT_EQ(Mass(), *Mass::Parse("0 ug"));
}

TEST(QuantityArithmeticTest, AddAndSubtract) {
  EXPECT_EQ((*Mass::Parse("2.5 mg") + *Mass::Parse("0.5 mg")).ToString(), "3 mg");
  EXPECT_EQ((*Duration::Parse("30 min") + *Duration::Parse("30 min")).ToString(), "60 min");
  const Mass mixed = *Mass::Parse("500 ug") + *Mass::Parse("1 mg");
  EXPECT_EQ(mixed.unit(), "mg");
  EXPECT_EQ(mixed.base(), 1.5);
  EXPECT_EQ((*Duration::Parse("1 h") - *Duration::Parse("30 min")).base(), 0.5);
  // A difference may be negative; only Parse and Make insist on 0 or more.
  EXPECT_EQ((*Mass::Parse("1 mg") - *Mass::Parse("3 mg")).value(), -2);
  Mass total;
  total += *Mass::Parse("3 mg");
  total += *Mass::Parse("3 mg");
  total -= *Mass::Parse("1 mg");
  EXPECT_EQ(total.base(), 5);
}

TEST(QuantityArithmeticTest, ScaleAndDivide) {
  const Mass dose = *Mass::Parse("2.5 mg");
  EXPECT_EQ((dose * 2).ToString(), "5 mg");
  EXPECT_EQ((2 * dose).ToString(), "5 mg");
  EXPECT_EQ((*Mass::Parse("3 ug") / 2).ToString(), "1.5 ug");
  EXPECT_EQ((*Mass::Parse("3 ug") / 2).base(), 0.0015);
  EXPECT_EQ(*Mass::Parse("5 mg") / *Mass::Parse("2.5 mg"), 2);
  EXPECT_EQ(*Mass::Parse("1 g") / *Mass::Parse("1 mg"), 1000);
  EXPECT_EQ(*Duration::Parse("1 wk") / *Duration::Parse("1 d"), 7);
  Mass m = dose;
  m *= 4;
  m /= 2;
  EXPECT_EQ(m.ToString(), "5 mg");
}

TEST(QuantityArithmeticTest, DosePerWeightTimesBodyWeight) {
  const Mass dose = *DosePerWeight::Parse("0.1 mg/kg") * *BodyWeight::Parse("70 kg");
  EXPECT_EQ(dose.base(), 7);
  EXPECT_EQ(dose.ToString(), "7 mg");
  EXPECT_EQ(*BodyWeight::Parse("70 kg") * *DosePerWeight::Parse("0.1 mg/kg"), dose);
  EXPECT_EQ((*Mass::Parse("7 mg") / *BodyWeight::Parse("70 kg")).base(), 0.1);
}

TEST(QuantityArithmeticTest, MassOverVolumeIsConcentration) {
  // 3 mg in 150 mL = 20 mg/L; 5 mg in 0.5 L = 10 mg/L.
  EXPECT_EQ((*Mass::Parse("3 mg") / *Volume::Parse("150 mL")).base(), 20);
  const Concentration c = *Mass::Parse("5 mg") / *Volume::Parse("0.5 L");
  EXPECT_EQ(c.ToString(), "10 mg/L");
  EXPECT_EQ(*c.In("ng/mL"), 10000);
  EXPECT_EQ((c * *Volume::Parse("250 mL")).base(), 2.5);
  EXPECT_EQ((*Volume::Parse("250 mL") * c).base(), 2.5);
}

TEST(DimensionTest, NamesAndAllowedUnits) {
  EXPECT_EQ(DimensionName(Dimension::kMass), "mass");
  EXPECT_EQ(DimensionName(Dimension::kVolume), "volume");
  EXPECT_EQ(DimensionName(Dimension::kConcentration), "concentration");
  EXPECT_EQ(DimensionName(Dimension::kDuration), "duration");
  EXPECT_EQ(DimensionName(Dimension::kBodyWeight), "body weight");
  EXPECT_EQ(DimensionName(Dimension::kDosePerWeight), "dose per weight");
  auto units = [](Dimension d) {
    const auto span = AllowedUnits(d);
    return std::vector<std::string_view>(span.begin(), span.end());
  };
  using V = std::vector<std::string_view>;
  EXPECT_EQ(units(Dimension::kMass), (V{"ug", "mg", "g"}));
  EXPECT_EQ(units(Dimension::kVolume), (V{"mL", "L"}));
  EXPECT_EQ(units(Dimension::kConcentration), (V{"pg/mL", "ng/mL", "ug/L", "mg/L"}));
  EXPECT_EQ(units(Dimension::kDuration), (V{"min", "h", "d", "wk"}));
  EXPECT_EQ(units(Dimension::kBodyWeight), (V{"kg"}));
  EXPECT_EQ(units(Dimension::kDosePerWeight), (V{"mg/kg"}));
}

}  // namespace
}  // namespace pineal
