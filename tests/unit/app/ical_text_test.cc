// iCalendar text (app/ical_text.h) against hand-written RFC 5545 text:
// TEXT escaping, folding at 75 octets, a whole calendar.
#include "pineal/app/ical_text.h"

#include <gtest/gtest.h>

#include <string>

namespace pineal::app::ical {
namespace {

Instant Utc(const char* iso) { return *ParseInstant(iso); }

TEST(IcalText, EscapesBackslashSemicolonCommaAndLineBreaks) {
  EXPECT_EQ(EscapeText("Melatonin 2 mg"), "Melatonin 2 mg");
  EXPECT_EQ(EscapeText("a,b;c\\d"), "a\\,b\\;c\\\\d");
  EXPECT_EQ(EscapeText("one\ntwo\r\nthree\rfour"), "one\\ntwo\\nthree\\nfour");
  // Other control characters may not be in TEXT; a tab may.
  EXPECT_EQ(EscapeText(std::string("a\x01"
                                   "b\tc\x7f",
                                   6)),
            "ab\tc");
  EXPECT_EQ(EscapeText("Zoé: déjà"), "Zoé: déjà");
  EXPECT_EQ(EscapeText(""), "");
}

TEST(IcalText, ShortLinesAreNotFolded) {
  EXPECT_EQ(FoldLine("VERSION:2.0"), "VERSION:2.0\r\n");
  const std::string exactly75(75, 'x');
  EXPECT_EQ(FoldLine(exactly75), exactly75 + "\r\n");
  EXPECT_EQ(FoldLine(""), "\r\n");
}

TEST(IcalText, LongLinesFoldAt75OctetsWithALeadingSpace) {
  // 75 octets, then 74 after each continuation's space, then the rest.
  const std::string first(75, 'a');
  const std::string second(74, 'b');
  EXPECT_EQ(FoldLine(first + "b"), first + "\r\n b\r\n");
  EXPECT_EQ(FoldLine(first + second + "c"), first + "\r\n " + second + "\r\n c\r\n");
  EXPECT_EQ(
      FoldLine("SUMMARY:Questionnaire: Patient Health Questionnaire-9 and a long note to fold"),
      "SUMMARY:Questionnaire: Patient Health Questionnaire-9 and a long note to fo\r\n"
      " ld\r\n");
}

TEST(IcalText, FoldingNeverSplitsAUtf8Sequence) {
  // 74 octets and a two-octet "é" would make 76: the "é" moves whole.
  const std::string head(74, 'a');
  EXPECT_EQ(FoldLine(head + "é"), head + "\r\n é\r\n");
  // A three-octet "€" after 73 octets fits exactly (76 would not).
  const std::string head73(73, 'a');
  EXPECT_EQ(FoldLine(head73 + "é"), head73 + "é\r\n");
  EXPECT_EQ(FoldLine(head73 + "€"), head73 + "\r\n €\r\n");
}

TEST(IcalText, DatesAndTimesInBasicForm) {
  EXPECT_EQ(UtcDateTime(Utc("2027-03-28T20:00:00Z")), "20270328T200000Z");
  EXPECT_EQ(DateValue(*ParseDate("2027-04-01")), "20270401");
}

TEST(IcalText, ACalendarWithATimedAndAnAllDayEvent) {
  Calendar cal;
  cal.prodid = "-//pineal//calendar feed//EN";
  cal.name = "pineal: Ada L., Paris";
  cal.stamp = Utc("2027-03-25T08:00:00Z");
  Event dose;
  dose.uid = "dose-1-20270325T210000Z@pineal";
  dose.start = Utc("2027-03-25T21:00:00Z");
  dose.end = Utc("2027-03-25T21:15:00Z");
  dose.summary = "Melatonin 2 mg";
  dose.description = "Planned dose; as agreed";
  dose.alarm_trigger = "PT0M";
  Event isi;
  isi.uid = "questionnaire-1-isi-20270331@pineal";
  isi.date = *ParseDate("2027-03-31");
  isi.summary = "Questionnaire: Insomnia Severity Index";
  cal.events = {dose, isi};
  EXPECT_EQ(Format(cal),
            "BEGIN:VCALENDAR\r\n"
            "VERSION:2.0\r\n"
            "PRODID:-//pineal//calendar feed//EN\r\n"
            "CALSCALE:GREGORIAN\r\n"
            "METHOD:PUBLISH\r\n"
            "X-WR-CALNAME:pineal: Ada L.\\, Paris\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:dose-1-20270325T210000Z@pineal\r\n"
            "DTSTAMP:20270325T080000Z\r\n"
            "DTSTART:20270325T210000Z\r\n"
            "DTEND:20270325T211500Z\r\n"
            "SUMMARY:Melatonin 2 mg\r\n"
            "DESCRIPTION:Planned dose\\; as agreed\r\n"
            "BEGIN:VALARM\r\n"
            "ACTION:DISPLAY\r\n"
            "DESCRIPTION:Melatonin 2 mg\r\n"
            "TRIGGER:PT0M\r\n"
            "END:VALARM\r\n"
            "END:VEVENT\r\n"
            "BEGIN:VEVENT\r\n"
            "UID:questionnaire-1-isi-20270331@pineal\r\n"
            "DTSTAMP:20270325T080000Z\r\n"
            "DTSTART;VALUE=DATE:20270331\r\n"
            "DTEND;VALUE=DATE:20270401\r\n"
            "SUMMARY:Questionnaire: Insomnia Severity Index\r\n"
            "END:VEVENT\r\n"
            "END:VCALENDAR\r\n");
}

}  // namespace
}  // namespace pineal::app::ical
