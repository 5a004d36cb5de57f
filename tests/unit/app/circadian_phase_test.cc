// app::EstimatePhase: the body clock from a wearable's light log.
#include "pineal/app/circadian_phase.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>

#include "pineal/kb/circadian_params.h"

namespace pineal::app {
namespace {

// Three days of 250 lux 07:00-23:00 (dark otherwise), every 30 min, in London
// in winter (UTC).
std::string ThreeLondonDays() {
  std::string csv = "time,lux\n";
  for (int i = 0; i < 3 * 48; ++i) {
    const int day = 1 + i / 48, minute = (i % 48) * 30, hour = minute / 60;
    csv += fmt::format("2026-12-{:02d}T{:02d}:{:02d}:00Z,{}\n", day, hour, minute % 60,
                       hour >= 7 && hour < 23 ? 250 : 0);
  }
  return csv;
}

const kb::CircadianCatalog& Catalog() {
  static const kb::CircadianCatalog catalog = kb::LoadDefaultCircadianCatalog().value();
  return catalog;
}

TEST(EstimatePhase, AClockEntrainedToItsLightHasTheFjkCbtmin) {
  PhaseSpec spec;
  spec.light_csv = ThreeLondonDays();
  spec.zone = "Europe/London";
  auto e = EstimatePhase(Catalog(), spec);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->model_id, "fjk1999");
  ASSERT_GE(e->days.size(), 2u);
  for (const auto& d : e->days) {
    // FJK99 entrained to 07:00-23:00 light: CBTmin 04:35 (clinical/circadian.md §2.3).
    const int minutes = std::stoi(d.cbtmin.substr(0, 2)) * 60 + std::stoi(d.cbtmin.substr(3));
    EXPECT_NEAR(minutes, 4 * 60 + 35, 6) << d.cbtmin;
    // The DLMO comes in the evening before.
    EXPECT_GE(std::stoi(d.dlmo.substr(0, 2)), 18) << d.dlmo;
  }
}

TEST(EstimatePhase, BadInputNamesTheFieldInTheCallersStyle) {
  PhaseSpec spec;
  spec.light_csv = ThreeLondonDays();
  spec.zone = "Europe/London";
  spec.sleep = "23:00";
  auto json_style = EstimatePhase(Catalog(), spec);
  ASSERT_FALSE(json_style.ok());
  EXPECT_EQ(json_style.status().field(), "sleep");
  EXPECT_NE(json_style.status().message().find("BED-WAKE"), std::string::npos);

  spec.style.prefix = "--";
  spec.sleep = "23:00-07:00";
  spec.zone = "Nowhere/City";
  auto cli_style = EstimatePhase(Catalog(), spec);
  ASSERT_FALSE(cli_style.ok());
  EXPECT_EQ(cli_style.status().field(), "--zone");

  spec.zone = "";
  EXPECT_EQ(EstimatePhase(Catalog(), spec).status().field(), "--zone");
}

}  // namespace
}  // namespace pineal::app
