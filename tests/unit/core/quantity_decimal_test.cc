#include "pineal/core/quantity_decimal.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>

namespace pineal::internal {
namespace {

struct ScaleCase {
  double value;
  std::uint32_t num;
  std::uint32_t den;
  double expected;
};

// Expected values: Python's float(Fraction(repr(value)) * num / den), which is
// correctly rounded. Most rows are chosen so that a plain binary multiply or
// divide (value * num, value / den) gives a different, wrong last digit.
constexpr ScaleCase kCases[] = {
    {0.003037, 1000, 1, 3.037},
    {0.00021, 1000, 1, 0.21},
    {4157.6, 1000, 1, 4157600.0},
    {5.5637, 1, 1000, 0.0055637},
    {660.7, 1, 1000, 0.6607},
    {2403.8, 1, 1000, 2.4038},
    {0.00794, 1000000, 1, 7940.0},
    {8.031, 1000000, 1, 8031000.0},
    {8.2, 1000000, 1, 8200000.0},
    {0.00028, 1, 1000000, 2.8e-10},
    {55.6645, 1, 1000000, 5.56645e-05},
    {7.403, 1, 1000000, 7.403e-06},
    {8e-05, 60, 1, 0.0048},
    {5.6523, 60, 1, 339.138},
    {0.000788, 60, 1, 0.04728},
    {0.00041, 1, 60, 6.833333333333334e-06},
    {0.0006, 1, 60, 1e-05},
    {23.8285, 1, 60, 0.39714166666666667},
    {0.003, 24, 1, 0.072},
    {0.608026, 24, 1, 14.592624},
    {0.00013, 24, 1, 0.00312},
    {77.6, 1, 24, 3.2333333333333334},
    {0.702, 1, 24, 0.02925},
    {0.696, 1, 24, 0.029},
    {0.3782, 7, 1, 2.6474},
    {3448.7, 7, 1, 24140.9},
    {44.0708, 7, 1, 308.4956},
    {49.7, 1, 7, 7.1},
    {4.8901, 1, 7, 0.6985857142857143},
    {648.4, 1, 7, 92.62857142857143},
    {0.60391, 1, 1440, 0.00041938194444444445},
    {0.0006, 1, 1440, 4.1666666666666667e-07},
    {0.00168, 1, 1440, 1.1666666666666666e-06},
    {5.50792, 10080, 1, 55519.8336},
    {0.06663, 10080, 1, 671.6304},
    {0.0006, 10080, 1, 6.048},
    {0.00111, 1, 10080, 1.1011904761904762e-07},
    {0.6187, 1, 10080, 6.137896825396825e-05},
    {0.009943, 1, 10080, 9.8640873015873e-07},
    {463.7, 168, 1, 77901.6},
    {5.954, 168, 1, 1000.272},
    {69.1619, 168, 1, 11619.1992},
    {0.963, 1, 168, 0.0057321428571428575},
    {9e-05, 1, 168, 5.357142857142857e-07},
    {0.00518, 1, 168, 3.0833333333333335e-05},
    {5e-324, 1, 1000, 0.0},
    {5e-324, 1000, 1, 5e-321},
    {1e-320, 1, 7, 1.43e-321},
    {1.7976931348623157e+308, 1, 7, 2.5681330498033083e+307},
    {1e+308, 1, 1000000, 1e+302},
    {2.2250738585072014e-308, 1, 3, 7.41691286169067e-309},
    {1.2345678901234568e+17, 1, 60, 2057613150205761.2},
    {0.1, 1, 3, 0.03333333333333333},
    {1.0, 1, 3, 0.3333333333333333},
    {2.0, 1, 3, 0.6666666666666666},
    {-0.3, 1, 1000, -0.0003},
    {-1.005, 1000, 1, -1005.0},
    {9007199254740992.0, 1, 7, 1286742750677284.5},
    {0.1, 1, 1000, 0.0001},
};

TEST(ScaleDecimalTest, MatchesExactRationalArithmetic) {
  for (const ScaleCase& c : kCases) {
    EXPECT_EQ(ScaleDecimal(c.value, c.num, c.den), c.expected)
        << c.value << " * " << c.num << " / " << c.den;
  }
}

TEST(ScaleDecimalTest, PlainBinaryArithmeticWouldFailTheseCases) {
  // Guards the table: if the naive result were right, the rows above would
  // not test the decimal path.
  EXPECT_NE(1.005 * 1000.0, 1005.0);
  EXPECT_NE(0.0006 / 60.0, 1e-05);
  EXPECT_NE(49.7 / 7.0, 7.1);
}

TEST(ScaleDecimalTest, OverflowAndUnderflow) {
  EXPECT_EQ(ScaleDecimal(1.7976931348623157e308, 1000, 1), std::numeric_limits<double>::infinity());
  EXPECT_EQ(ScaleDecimal(-1e308, 1000000, 1), -std::numeric_limits<double>::infinity());
  const double tiny = ScaleDecimal(5e-324, 1, 1000);
  EXPECT_EQ(tiny, 0.0);
  EXPECT_FALSE(std::signbit(tiny));
  EXPECT_TRUE(std::signbit(ScaleDecimal(-5e-324, 1, 1000)));
}

TEST(ScaleDecimalTest, IdentityZeroAndNonFinite) {
  EXPECT_EQ(ScaleDecimal(0.1, 7, 7), 0.1);  // the ratio reduces to 1
  EXPECT_EQ(ScaleDecimal(0.0, 1000, 1), 0.0);
  EXPECT_TRUE(std::signbit(ScaleDecimal(-0.0, 1000, 1)));
  EXPECT_TRUE(std::isnan(ScaleDecimal(std::nan(""), 1, 60)));
  EXPECT_EQ(ScaleDecimal(std::numeric_limits<double>::infinity(), 1, 60),
            std::numeric_limits<double>::infinity());
}

TEST(ScaleDecimalTest, ReducesNonUnitRatios) {
  // 24/168 = 1/7 (days to weeks); 7 days are exactly 1 week.
  EXPECT_EQ(ScaleDecimal(7.0, 24, 168), 1.0);
  EXPECT_EQ(ScaleDecimal(0.7, 24, 1), 16.8);  // 0.7 * 24 in binary is 16.799999999999997
}

TEST(FormatShortestTest, PlainDigitsInTheUsualRange) {
  EXPECT_EQ(FormatShortest(2.5), "2.5");
  EXPECT_EQ(FormatShortest(2500.0), "2500");
  EXPECT_EQ(FormatShortest(0.1), "0.1");
  EXPECT_EQ(FormatShortest(0.000015), "0.000015");
  EXPECT_EQ(FormatShortest(1e15), "1000000000000000");
  EXPECT_EQ(FormatShortest(0.30000000000000004), "0.30000000000000004");
}

TEST(FormatShortestTest, ScientificOutsideIt) {
  EXPECT_EQ(FormatShortest(1e16), "1e+16");
  EXPECT_EQ(FormatShortest(1e-6), "1e-06");
  EXPECT_EQ(FormatShortest(5e-324), "5e-324");
  EXPECT_EQ(FormatShortest(1.7976931348623157e308), "1.7976931348623157e+308");
}

TEST(FormatShortestTest, ZeroHasNoSign) {
  EXPECT_EQ(FormatShortest(0.0), "0");
  EXPECT_EQ(FormatShortest(-0.0), "0");
  EXPECT_EQ(FormatShortest(-2.5), "-2.5");
}

}  // namespace
}  // namespace pineal::internal
