#include "pineal/core/text.h"

#include <gtest/gtest.h>

namespace pineal {
namespace {

TEST(TextTest, TrimBlanksRemovesSpacesTabsAndCarriageReturnsAtBothEnds) {
  EXPECT_EQ(TrimBlanks(" \t22:00\r"), "22:00");
  EXPECT_EQ(TrimBlanks("a b"), "a b");
  EXPECT_EQ(TrimBlanks(" \t \r"), "");
  EXPECT_EQ(TrimBlanks(""), "");
}

TEST(TextTest, AsciiLowerChangesOnlyAsciiLetters) {
  EXPECT_EQ(AsciiLower("PHQ-9 Item9"), "phq-9 item9");
  EXPECT_EQ(AsciiLower("Content-Type"), "content-type");
  // UTF-8 bytes pass through untouched: "Ä" is not ASCII.
  EXPECT_EQ(AsciiLower("\xC3\x84RZTIN"), "\xC3\x84rztin");
  EXPECT_EQ(AsciiLower("@[`{"), "@[`{");  // the neighbours of A-Z and a-z
}

TEST(TextTest, XmlEscapeEscapesMarkupAndQuotes) {
  EXPECT_EQ(XmlEscape("a < b & \"c\" > d"), "a &lt; b &amp; &quot;c&quot; &gt; d");
  EXPECT_EQ(XmlEscape("plain"), "plain");
}

}  // namespace
}  // namespace pineal
