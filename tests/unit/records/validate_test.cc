// Record validation: each rule rejects with the field it concerns.
#include <gtest/gtest.h>

#include "pineal/records/enums.h"
#include "tests/support/records_fixtures.h"

namespace pineal::records {
namespace {

using pineal::testing::At;
using pineal::testing::Mg;

void ExpectField(const Status& st, const std::string& field) {
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument) << st.ToString();
  EXPECT_EQ(st.field(), field) << st.ToString();
  EXPECT_FALSE(st.message().empty());
}

TEST(ValidatePatient, AcceptsTheSample) {
  EXPECT_TRUE(ValidatePatient(pineal::testing::SamplePatient()).ok());
}

TEST(ValidatePatient, RejectsEachBadField) {
  auto p = pineal::testing::SamplePatient();
  p.display_name = "   ";
  ExpectField(ValidatePatient(p), "display_name");
  p = pineal::testing::SamplePatient();
  p.display_name = std::string(201, 'x');
  ExpectField(ValidatePatient(p), "display_name");
  p = pineal::testing::SamplePatient();
  p.display_name = "Ada\x01";
  ExpectField(ValidatePatient(p), "display_name");
  p = pineal::testing::SamplePatient();
  p.weight->weight = *BodyWeight::Make(0.1, "kg");
  ExpectField(ValidatePatient(p), "weight.value");
  p = pineal::testing::SamplePatient();
  p.weight->weight = *BodyWeight::Make(401, "kg");
  ExpectField(ValidatePatient(p), "weight.value");
  p = pineal::testing::SamplePatient();
  p.sex = Sex::kMale;
  p.pregnancy = PregnancyStatus::kPregnant;
  ExpectField(ValidatePatient(p), "pregnancy");
  p = pineal::testing::SamplePatient();
  p.time_zone = "Mars/Olympus";
  ExpectField(ValidatePatient(p), "time_zone");
  p = pineal::testing::SamplePatient();
  p.conditions = {"insomnia", ""};
  ExpectField(ValidatePatient(p), "conditions[1]");
  p = pineal::testing::SamplePatient();
  p.birth_date = pineal::testing::Day("1850-01-01");
  ExpectField(ValidatePatient(p), "birth_date");
}

TEST(ValidateRegimenVersion, AcceptsTheSampleAndRejectsBadSchedules) {
  EXPECT_TRUE(ValidateRegimenVersion(pineal::testing::SampleVersion()).ok());
  auto v = pineal::testing::SampleVersion();
  v.dose = Mg(0);
  ExpectField(ValidateRegimenVersion(v), "dose");
  v = pineal::testing::SampleVersion();
  v.times_of_day.clear();
  ExpectField(ValidateRegimenVersion(v), "times_of_day");
  v.frequency = Frequency::kAsNeeded;
  EXPECT_TRUE(ValidateRegimenVersion(v).ok());
  v = pineal::testing::SampleVersion();
  v.times_of_day = {TimeOfDay{22 * 60}, TimeOfDay{8 * 60}};
  ExpectField(ValidateRegimenVersion(v), "times_of_day[1]");
  v = pineal::testing::SampleVersion();
  v.end_date = pineal::testing::Day("2026-11-01");
  ExpectField(ValidateRegimenVersion(v), "end_date");
  v = pineal::testing::SampleVersion();
  v.titration = {{7, Mg(3)}, {7, Mg(4)}};
  ExpectField(ValidateRegimenVersion(v), "titration[1].after_days");
  v = pineal::testing::SampleVersion();
  v.dose = *Mass::Make(2000, "g");
  ExpectField(ValidateRegimenVersion(v), "dose");
}

TEST(ValidateDoseEvent, StatusDecidesWhichTimesAndAmountsAreNeeded) {
  PatientId p(1);
  auto e = pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z");
  EXPECT_TRUE(ValidateDoseEvent(e).ok());
  e.amount.reset();
  ExpectField(ValidateDoseEvent(e), "amount");
  e = pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z");
  e.taken_at.reset();
  ExpectField(ValidateDoseEvent(e), "taken_at");
  e = pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z");
  e.status = DoseStatus::kSkipped;
  ExpectField(ValidateDoseEvent(e), "taken_at");
  e.taken_at.reset();
  e.amount.reset();
  EXPECT_TRUE(ValidateDoseEvent(e).ok());
  e.planned_at.reset();
  ExpectField(ValidateDoseEvent(e), "planned_at");
  e = pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z");
  e.status = DoseStatus::kExtra;
  ExpectField(ValidateDoseEvent(e), "planned_at");
}

// Withdrawing a mistaken entry names it and records no dose.
TEST(ValidateDoseEvent, AnEntryInErrorNamesTheEntryItWithdrawsAndCarriesNoDose) {
  PatientId p(1);
  auto e = pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z");
  e.status = DoseStatus::kEnteredInError;
  e.taken_at.reset();
  e.amount.reset();
  e.planned_at = *ParseInstant("2026-11-20T21:00:00Z");
  ExpectField(ValidateDoseEvent(e), "corrects");
  e.corrects = DoseEventId(7);
  EXPECT_TRUE(ValidateDoseEvent(e).ok());
  e.planned_at.reset();
  ExpectField(ValidateDoseEvent(e), "planned_at");
  e.planned_at = *ParseInstant("2026-11-20T21:00:00Z");
  e.amount = pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z").amount;
  ExpectField(ValidateDoseEvent(e), "amount");
  e.amount.reset();
  e.taken_at = *ParseInstant("2026-11-20T21:30:00Z");
  ExpectField(ValidateDoseEvent(e), "taken_at");
}

TEST(ValidateObservation, NeedsCodesValuesAndUnitsWhereTheyMatter) {
  PatientId p(1);
  auto o = pineal::testing::Score(p, "2026-11-20T09:00:00Z", 12);
  EXPECT_TRUE(ValidateObservation(o).ok());
  o.value.reset();
  ExpectField(ValidateObservation(o), "value");
  o = pineal::testing::Score(p, "2026-11-20T09:00:00Z", 12);
  o.code.clear();
  ExpectField(ValidateObservation(o), "code");
  o = pineal::testing::Score(p, "2026-11-20T09:00:00Z", 72);
  o.kind = ObservationKind::kVital;
  o.unit.clear();
  ExpectField(ValidateObservation(o), "unit");
  o = pineal::testing::Score(p, "2026-11-20T09:00:00Z", 6);
  o.kind = ObservationKind::kSideEffect;
  ExpectField(ValidateObservation(o), "value");
  o.value = 3;
  EXPECT_TRUE(ValidateObservation(o).ok());
}

TEST(RecordEnums, NamesRoundTripAndUnknownNamesAreRejected) {
  for (auto s : {Sex::kFemale, Sex::kMale, Sex::kOther, Sex::kUnknown}) {
    EXPECT_EQ(FromString<Sex>(ToString(s)), s);
  }
  for (auto k : {ObservationKind::kInstrument, ObservationKind::kSleepDiary,
                 ObservationKind::kSideEffect, ObservationKind::kVital, ObservationKind::kLab,
                 ObservationKind::kSymptom, ObservationKind::kNote}) {
    EXPECT_EQ(FromString<ObservationKind>(ToString(k)), k);
  }
  EXPECT_FALSE(FromString<DoseStatus>("TAKEN").has_value());
  EXPECT_FALSE(FromString<Frequency>("").has_value());
  EXPECT_NE(AllowedNames<DoseStatus>().find("skipped"), std::string_view::npos);
}

TEST(MedicationCurrency, StartAndStopDatesBoundTheCurrentPeriod) {
  MedicationEntry m;
  m.name = "nifedipine";
  m.start_date = pineal::testing::Day("2026-11-01");
  m.stop_date = pineal::testing::Day("2026-11-10");
  EXPECT_FALSE(IsCurrentOn(m, pineal::testing::Day("2026-10-31")));
  EXPECT_TRUE(IsCurrentOn(m, pineal::testing::Day("2026-11-10")));
  EXPECT_FALSE(IsCurrentOn(m, pineal::testing::Day("2026-11-11")));
  m.stop_date = pineal::testing::Day("2026-10-01");
  ExpectField(ValidateMedication(m), "stop_date");
  m.stop_date.reset();
  m.code = "7417";
  ExpectField(ValidateMedication(m), "code_system");
}

}  // namespace
}  // namespace pineal::records
