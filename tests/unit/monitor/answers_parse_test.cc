// The answer syntax: positional ("1,,0") and named ("item1=2", "9=0").
#include "pineal/monitor/answers_parse.h"

#include <gtest/gtest.h>

#include "instrument_test_support.h"
#include "pineal/kb/instrument_catalog.h"

namespace pineal::monitor {
namespace {

TEST(ParseAnswers, PositionalInItemOrderWithEmptyFieldMissing) {
  auto a = ParseAnswers(testing::ShippedInstrument("isi"), " 1, 2,,3 ,4,0,1");
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_EQ(a->size(), 7u);
  EXPECT_EQ((*a)[0].item_id, "item1");
  EXPECT_EQ((*a)[0].value, 1);
  EXPECT_EQ((*a)[2].item_id, "item3");
  EXPECT_FALSE((*a)[2].value.has_value());
  EXPECT_EQ((*a)[3].value, 3);
}

TEST(ParseAnswers, NamedByIdOrNumberCaseInsensitive) {
  auto a = ParseAnswers(testing::ShippedInstrument("phq9"), "ITEM1=2, 9 = 1");
  ASSERT_TRUE(a.ok()) << a.status().message();
  ASSERT_EQ(a->size(), 2u);
  EXPECT_EQ((*a)[0].item_id, "item1");
  EXPECT_EQ((*a)[0].value, 2);
  EXPECT_EQ((*a)[1].item_id, "item9");
  EXPECT_EQ((*a)[1].value, 1);
  auto cows = ParseAnswers(testing::ShippedInstrument("cows"), "resting_pulse=4,gooseflesh=");
  ASSERT_TRUE(cows.ok());
  EXPECT_EQ((*cows)[0].item_id, "resting_pulse");
  EXPECT_FALSE((*cows)[1].value.has_value());
}

TEST(ParseAnswers, WrongNumberOfPositionalAnswers) {
  auto a = ParseAnswers(testing::ShippedInstrument("gad7"), "1,2,3");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("GAD-7: 3 answer(s) given for 7 items"), std::string::npos)
      << a.status().message();
}

TEST(ParseAnswers, NotANumber) {
  auto a = ParseAnswers(testing::ShippedInstrument("kss"), "high");
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().field(), "sleepiness");
  EXPECT_NE(a.status().message().find("'high' is not a whole number; allowed: 1, 2, 3"),
            std::string::npos)
      << a.status().message();
  EXPECT_FALSE(ParseAnswers(testing::ShippedInstrument("kss"), "2.5").ok());
  EXPECT_FALSE(ParseAnswers(testing::ShippedInstrument("kss"), "99999999999999999999").ok());
}

TEST(ParseAnswers, UnknownItemName) {
  auto a = ParseAnswers(testing::ShippedInstrument("gad7"), "item8=1");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("unknown item 'item8'; items are item1, item2"),
            std::string::npos)
      << a.status().message();
  EXPECT_FALSE(ParseAnswers(testing::ShippedInstrument("gad7"), "0=1").ok());
}

TEST(ParseAnswers, MixingFormsIsRejected) {
  auto a = ParseAnswers(testing::ShippedInstrument("gad7"), "item1=1,2");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("field 2 ('2') has no '='"), std::string::npos)
      << a.status().message();
}

}  // namespace
}  // namespace pineal::monitor
