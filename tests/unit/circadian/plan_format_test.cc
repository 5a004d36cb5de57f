// Renderings of a plan: the text names the strategy and every day; the
// calendar follows RFC 5545 (CRLF lines of at most 75 octets, one event per
// sleep, light window and pill, start before end); the SVG is one document
// with a series per prediction.
#include "pineal/circadian/plan_format.h"

#include <gtest/gtest.h>

#include <sstream>

#include "pineal/circadian/jetlag_planner.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

const JetLagPlan& Plan() {
  static const JetLagPlan* plan = [] {
    JetLagRequest r = testing::Trip("America/New_York", "Europe/Paris", "2026-12-01T18:00:00-05:00",
                                    "2026-12-02T07:15:00+01:00");
    r.cross_check = testing::LoadModel("fjk1999");
    r.max_pre_days = 2;
    r.days_after_arrival = 5;
    auto p = PlanJetLag(r);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return new JetLagPlan(*p);
  }();
  return *plan;
}

int Count(const std::string& s, const std::string& what) {
  int n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

TEST(PlanFormatTest, TextNamesTheStrategyAndEveryDay) {
  const std::string t = FormatJetLagText(Plan());
  EXPECT_NE(t.find("America/New_York -> Europe/Paris (+6.0 h, eastward)"), std::string::npos);
  EXPECT_NE(t.find("advance the body clock"), std::string::npos);
  EXPECT_EQ(Count(t, "\nDay "), static_cast<int>(Plan().days.size()));
  EXPECT_NE(t.find("on the plane"), std::string::npos);
  EXPECT_NE(t.find("not a prescription"), std::string::npos);
}

TEST(PlanFormatTest, CalendarFollowsRfc5545) {
  const std::string ics = FormatJetLagIcs(Plan(), *ParseInstant("2026-11-20T12:00:00Z"));
  EXPECT_EQ(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0), 0u);
  EXPECT_EQ(ics.substr(ics.size() - 15), "END:VCALENDAR\r\n");
  int expected = 0;
  for (const PlanDay& d : Plan().days) {
    expected += d.sleep.has_value() + static_cast<int>(d.seek_light.size() + d.avoid_light.size()) +
                d.melatonin.has_value();
  }
  EXPECT_EQ(Count(ics, "BEGIN:VEVENT\r\n"), expected);
  EXPECT_EQ(Count(ics, "END:VEVENT\r\n"), expected);
  EXPECT_EQ(Count(ics, "\n"), Count(ics, "\r\n"));  // every line ends in CRLF
  std::istringstream lines(ics);
  std::string start;
  for (std::string line; std::getline(lines, line);) {
    EXPECT_LE(line.size(), 76u) << line;  // 75 octets + the CR
    if (line.rfind("DTSTART:", 0) == 0) start = line.substr(8);
    if (line.rfind("DTEND:", 0) == 0) {
      EXPECT_LT(start, line.substr(6));
    }
  }
  EXPECT_NE(ics.find("DTSTAMP:20261120T120000Z"), std::string::npos);
  EXPECT_NE(ics.find("SUMMARY:Melatonin "), std::string::npos);
}

TEST(PlanFormatTest, SvgIsOneDocumentWithThreeSeries) {
  const std::string svg = FormatJetLagSvg(Plan());
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\"", 0), 0u);
  EXPECT_EQ(Count(svg, "<svg"), 1);
  EXPECT_EQ(Count(svg, "</svg>"), 1);
  EXPECT_EQ(Count(svg, "<path "), 3);  // with plan, without, cross-check
  EXPECT_EQ(Count(svg, "<circle "), 3 * static_cast<int>(Plan().days.size()));
  EXPECT_NE(svg.find("fjk1999"), std::string::npos);
}

}  // namespace
}  // namespace pineal::circadian
