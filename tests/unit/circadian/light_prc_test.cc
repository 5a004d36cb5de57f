// Light phase-response curve of a 6.7 h, 10,000 lux pulse in dim constant
// routine, against:
//  - Khalsa et al. 2003 (J Physiol 549:945): type 1 PRC, crossover at CBTmin,
//    peak-to-trough 5.02 h, max advance ~ +2 h / max delay ~ -3 h (read from
//    the figure, approximate), no prolonged dead zone;
//  - the values an independent reference implementation gives for the same
//    models (circadian.md §0.5): FJK99 peak-to-trough 3.3-4.1 h, largest
//    delay 3-4 h before CBTmin, largest advance 2-3 h after; Hannay19 4.5-4.7 h.
// FJK99 is known to under-predict the published amplitude (3.3-4.1 vs 5.02 h),
// so its amplitude is held to the model range, and to the data only loosely.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>

#include "pineal/circadian/prc.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

const std::vector<PrcPoint>& Curve(const std::string& id) {
  static std::map<std::string, std::vector<PrcPoint>> cache;
  auto it = cache.find(id);
  if (it == cache.end()) {
    LightPrcProtocol p;
    p.step_h = 0.5;
    auto c = LightPrc(testing::LoadModel(id), p);
    EXPECT_TRUE(c.ok()) << c.status().ToString();
    it = cache.emplace(id, c.ok() ? *c : std::vector<PrcPoint>{}).first;
  }
  return it->second;
}

// Where the curve crosses from delay to advance between its extremes.
double Crossover(const std::vector<PrcPoint>& c) {
  const PrcExtremes e = Extremes(c);
  for (size_t i = 1; i < c.size(); ++i) {
    if (c[i].stimulus_h <= e.max_delay.stimulus_h || c[i].stimulus_h > e.max_advance.stimulus_h) {
      continue;
    }
    if (c[i - 1].shift_h < 0 && c[i].shift_h >= 0) {
      const double w = -c[i - 1].shift_h / (c[i].shift_h - c[i - 1].shift_h);
      return c[i - 1].stimulus_h + w * (c[i].stimulus_h - c[i - 1].stimulus_h);
    }
  }
  return 1e9;
}

// Longest run of pulse times whose shift is below 0.25 h in size.
double LongestDeadZone(const std::vector<PrcPoint>& c) {
  double longest = 0, run = 0;
  for (size_t i = 1; i < c.size(); ++i) {
    run = std::abs(c[i].shift_h) < 0.25 ? run + (c[i].stimulus_h - c[i - 1].stimulus_h) : 0;
    longest = std::max(longest, run);
  }
  return longest;
}

TEST(LightPrcTest, Fjk1999AmplitudeWithinReferenceModelRange) {
  const PrcExtremes e = Extremes(Curve("fjk1999"));
  EXPECT_GE(e.PeakToTrough(), 3.3);  // circadian.md §0.5
  EXPECT_LE(e.PeakToTrough(), 4.1);
  EXPECT_NEAR(e.PeakToTrough(), 5.02, 1.8);  // Khalsa 2003, known model shortfall
}

TEST(LightPrcTest, Fjk1999ExtremesAtReferenceModelTimes) {
  const PrcExtremes e = Extremes(Curve("fjk1999"));
  // Largest delay 3-4 h before CBTmin, largest advance 2-3 h after; 0.5 h grid.
  EXPECT_GE(e.max_delay.stimulus_h, -4.5);
  EXPECT_LE(e.max_delay.stimulus_h, -2.5);
  EXPECT_GE(e.max_advance.stimulus_h, 1.5);
  EXPECT_LE(e.max_advance.stimulus_h, 3.5);
}

TEST(LightPrcTest, Hannay2019AmplitudeMatchesReferenceAndKhalsa) {
  const PrcExtremes e = Extremes(Curve("hannay2019"));
  EXPECT_NEAR(e.PeakToTrough(), 4.6, 0.2);   // circadian.md §0.5: 4.5-4.7 h
  EXPECT_NEAR(e.PeakToTrough(), 5.02, 0.6);  // Khalsa 2003
}

TEST(LightPrcTest, ExtremesNearKhalsaFigureValues) {
  for (const char* id : {"fjk1999", "hannay2019"}) {
    const PrcExtremes e = Extremes(Curve(id));
    EXPECT_NEAR(e.max_advance.shift_h, 2.0, 1.0) << id;  // approximate figure reading
    EXPECT_NEAR(e.max_delay.shift_h, -3.0, 1.0) << id;
  }
}

TEST(LightPrcTest, CrossoverAtCbtmin) {
  // Khalsa 2003: delays when centred before CBTmin, advances after.
  for (const char* id : {"fjk1999", "sf2014", "hannay2019"}) {
    EXPECT_NEAR(Crossover(Curve(id)), 0.0, 1.0) << id;
  }
}

TEST(LightPrcTest, NoProlongedDeadZone) {
  // Khalsa 2003: no prolonged dead zone in the subjective day.
  for (const char* id : {"fjk1999", "hannay2019"}) {
    EXPECT_LT(LongestDeadZone(Curve(id)), 3.0) << id;
  }
}

}  // namespace
}  // namespace pineal::circadian
