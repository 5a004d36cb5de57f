// What the screening engine is told about a patient's other regimens and
// medicines: typed amounts as recorded, never text written and parsed back.
#include <gtest/gtest.h>

#include "pineal/app/screening.h"
#include "tests/support/records_fixtures.h"

namespace pineal::app {
namespace {

using pineal::testing::Day;
using pineal::testing::Mg;

TEST(ScreeningSnapshot, OtherRegimensKeepTheirTypedDoseAndDosesPerDay) {
  records::Regimen weekly;
  weekly.substance = "kratom";
  records::RegimenVersion v = pineal::testing::SampleVersion(1500);
  v.frequency = records::Frequency::kWeekly;
  v.times_of_day = {TimeOfDay{8 * 60}, TimeOfDay{20 * 60}};
  weekly.versions.push_back(v);
  const auto s = SnapshotOf(pineal::testing::SamplePatient(), {}, {weekly}, {}, Day("2026-11-25"));
  ASSERT_EQ(s.medications.size(), 1u);
  const safety::MedicationEntry& m = s.medications[0];
  EXPECT_EQ(m.name, "kratom");
  ASSERT_TRUE(m.dose.has_value());
  EXPECT_EQ(*m.dose, Mg(1500));
  // Two doses on one day a week: exactly 2/7, not a rounded text such as "0.285714".
  ASSERT_TRUE(m.doses_per_day.has_value());
  EXPECT_EQ(*m.doses_per_day, 2.0 / 7.0);
  EXPECT_EQ(m.frequency, "0.285714/day");  // what a finding's label says
}

TEST(ScreeningSnapshot, StoppedRegimensAreNotTaken) {
  records::Regimen stopped;
  stopped.substance = "melatonin";
  records::RegimenVersion v = pineal::testing::SampleVersion(3);
  v.status = records::RegimenStatus::kStopped;
  stopped.versions.push_back(v);
  EXPECT_TRUE(SnapshotOf(pineal::testing::SamplePatient(), {}, {stopped}, {}, Day("2026-11-25"))
                  .medications.empty());
}

TEST(ScreeningSnapshot, MedicinesKeepTheirTypedDoseAndTheirScheduleAsWritten) {
  records::MedicationEntry fluvoxamine;
  fluvoxamine.name = "fluvoxamine";
  fluvoxamine.dose = Mg(50);
  fluvoxamine.schedule = "bid";
  fluvoxamine.category = records::MedicationCategory::kMedicine;
  const auto s =
      SnapshotOf(pineal::testing::SamplePatient(), {fluvoxamine}, {}, {}, Day("2026-11-25"));
  ASSERT_EQ(s.medications.size(), 1u);
  EXPECT_EQ(*s.medications[0].dose, Mg(50));
  EXPECT_TRUE(s.medications[0].dose_text.empty());
  EXPECT_EQ(s.medications[0].frequency, "bid");
  EXPECT_FALSE(s.medications[0].doses_per_day.has_value());  // the engine reads "bid"
}

}  // namespace
}  // namespace pineal::app
