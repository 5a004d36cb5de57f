// Renderers: number and time formatting, and the structure of each output.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "pineal/kb/pk_model_loader.h"
#include "pineal/pk/render_common.h"
#include "pineal/pk/render_csv.h"
#include "pineal/pk/render_svg.h"
#include "pineal/pk/render_text.h"
#include "pineal/pk/simulate.h"

namespace pineal::pk {
namespace {

SimulationResult Sample(int subjects) {
  static const kb::PkCatalog catalog =
      *kb::LoadPkCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge/pk");
  SimulationRequest r;
  r.substance = "melatonin";
  r.doses = RegularDoses(0, 24, 3, 3.0);
  r.doses[1].taken = false;
  r.start_clock_h = 22;
  r.subjects = subjects;
  r.patient.comedications = {"fluvoxamine"};
  return *Simulate(catalog, r);
}

TEST(RenderFormat, Numbers) {
  EXPECT_EQ(FormatNumber(15861.2), "15,900");
  EXPECT_EQ(FormatNumber(792.98), "793");
  EXPECT_EQ(FormatNumber(5.62), "5.62");
  EXPECT_EQ(FormatNumber(0.001234), "0.00123");
  EXPECT_EQ(FormatNumber(0), "0");
  EXPECT_EQ(FormatNumber(1234567), "1,230,000");
}

TEST(RenderFormat, ClockAndDurations) {
  EXPECT_EQ(FormatClock(9.0, 22.0, false), "07:00");
  EXPECT_EQ(FormatClock(9.0, 22.0, true), "day 2 07:00");
  EXPECT_EQ(FormatClock(0.8167, 22.0, false), "22:49");
  EXPECT_EQ(FormatDuration(0.75), "45 min");
  EXPECT_EQ(FormatDuration(5.21), "5.2 h");
  EXPECT_EQ(FormatDuration(96), "4.0 d");
}

TEST(RenderText, HasPlotMetricsAndTheCappedNote) {
  const std::string t = RenderText(Sample(50), {"title", 72, 16});
  EXPECT_NE(t.find("pg/mL (log scale)"), std::string::npos);
  EXPECT_NE(t.find("Peak (Cmax)"), std::string::npos);
  EXPECT_NE(t.find("capped:"), std::string::npos);
  EXPECT_NE(t.find("haertter2000"), std::string::npos);
  EXPECT_NE(t.find('*'), std::string::npos);
}

TEST(RenderSvg, IsAClosedDocumentWithBandsAndDoses) {
  const std::string s = RenderSvg(Sample(50), {"melatonin 3 mg", 72, 16});
  EXPECT_EQ(s.rfind("<svg", 0), 0u);
  EXPECT_NE(s.find("</svg>"), std::string::npos);
  EXPECT_EQ(std::count(s.begin(), s.end(), '<'), std::count(s.begin(), s.end(), '>'));
  EXPECT_EQ(static_cast<int>(std::count(s.begin(), s.end(), '\n')) > 10, true);
  EXPECT_NE(s.find("<polygon"), std::string::npos);                           // population bands
  EXPECT_NE(s.find("fill=\"white\" stroke=\"#c0392b\""), std::string::npos);  // missed dose
  EXPECT_NE(s.find("endogenous"), std::string::npos);
}

TEST(RenderCsv, OneRowPerGridPoint) {
  const SimulationResult r = Sample(20);
  const std::string c = RenderCsv(r);
  EXPECT_EQ(c.rfind("time_h,clock,typical_pg/mL,p5_pg/mL", 0), 0u);
  EXPECT_EQ(static_cast<std::size_t>(std::count(c.begin(), c.end(), '\n')), r.grid.count + 1);
}

TEST(RenderCsv, TypicalOnlyWithoutPopulation) {
  const std::string c = RenderCsv(Sample(0));
  EXPECT_EQ(c.find("p5"), std::string::npos);
}

}  // namespace
}  // namespace pineal::pk
