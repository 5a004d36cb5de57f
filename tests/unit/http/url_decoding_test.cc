#include "pineal/http/url_decoding.h"

#include <gtest/gtest.h>

namespace pineal::http {
namespace {

TEST(PercentDecode, DecodesEscapesAndKeepsOtherBytes) {
  EXPECT_EQ(PercentDecode("/a%20b/%2Fc%00"), std::string("/a b//c\0", 8));
  EXPECT_EQ(PercentDecode("a+b"), "a+b");
  EXPECT_EQ(PercentDecode("a+b", true), "a b");
  EXPECT_EQ(PercentDecode("%e2%82%AC"), "\xe2\x82\xac");
}

TEST(PercentDecode, RefusesATruncatedOrNonHexEscape) {
  EXPECT_FALSE(PercentDecode("%"));
  EXPECT_FALSE(PercentDecode("abc%4"));
  EXPECT_FALSE(PercentDecode("%zz"));
  EXPECT_FALSE(PercentDecode("%4g"));
}

TEST(ParseQuery, SplitsAndDecodesPairs) {
  auto q = ParseQuery("limit=20&q=ada+l%2E&flag&&with=a%3Db");
  ASSERT_TRUE(q);
  EXPECT_EQ(q->size(), 4u);
  EXPECT_EQ(q->find("limit")->second, "20");
  EXPECT_EQ(q->find("q")->second, "ada l.");
  EXPECT_EQ(q->find("flag")->second, "");
  EXPECT_EQ(q->find("with")->second, "a=b");
  EXPECT_FALSE(ParseQuery("a=%G0"));
}

}  // namespace
}  // namespace pineal::http
