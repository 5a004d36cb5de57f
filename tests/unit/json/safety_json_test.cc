// The screening request decoders: a misspelt or foreign field is an error
// that names it, so it can never read as "nothing to screen".
#include <gtest/gtest.h>

#include <string>

#include "pineal/json/json_reader.h"
#include "pineal/json/safety_json.h"

namespace pineal::codec {
namespace {

Status PatientStatus(const std::string& text) {
  auto j = ParseJson(text);
  EXPECT_TRUE(j.ok()) << j.status().ToString();
  return PatientFromJson(*j).status();
}

TEST(PatientSnapshotJson, MisspeltMedicationsIsAnErrorNotAnEmptyList) {
  const Status st = PatientStatus(R"({"age_years": 40, "medicatons": ["fluvoxamine"]})");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "medicatons");
  EXPECT_EQ(st.message(),
            "is not a known field here (allowed: age_years, breastfeeding, conditions, "
            "medications, pregnant, recent_doses, sex, smoker, weight_kg)");
}

TEST(PatientSnapshotJson, FieldNamesOfOtherShapesAreRefused) {
  // The record API's names are not the snapshot's: each is named, not ignored.
  EXPECT_EQ(PatientStatus(R"({"birth_date": "1990-01-01"})").field(), "birth_date");
  EXPECT_EQ(PatientStatus(R"({"pregnancy": "pregnant"})").field(), "pregnancy");
}

TEST(PatientSnapshotJson, UnknownFieldsInsideListsNameTheElement) {
  EXPECT_EQ(PatientStatus(R"({"medications": ["zolpidem", {"name": "Luvox", "dosage": "50 mg"}]})")
                .field(),
            "medications[1].dosage");
  EXPECT_EQ(PatientStatus(R"({"recent_doses": [{"substance": "melatonin", "amount": "3 mg",
                                                 "taken_at": "2026-03-01T22:00:00Z", "at": 1}]})")
                .field(),
            "recent_doses[0].at");
}

TEST(PatientSnapshotJson, WrongTypesAndValuesAreNamed) {
  EXPECT_EQ(PatientStatus(R"({"pregnant": "yes"})").field(), "pregnant");
  EXPECT_EQ(PatientStatus(R"({"sex": "f"})").field(), "sex");
  EXPECT_EQ(PatientStatus(R"({"age_years": 131})").field(), "age_years");
  EXPECT_EQ(PatientStatus(R"({"medications": [{"name": ""}]})").field(), "medications[0].name");
  EXPECT_EQ(PatientStatus(R"({"medications": [{"name": "x", "kind": "herb"}]})").field(),
            "medications[0].kind");
  EXPECT_EQ(PatientStatus(R"({"recent_doses": [{"substance": "melatonin"}]})").field(),
            "recent_doses[0].taken_at");
}

TEST(PatientSnapshotJson, AFullSnapshotIsRead) {
  auto j = ParseJson(R"({"age_years": 45, "weight_kg": 70, "sex": "female", "pregnant": true,
    "breastfeeding": false, "smoker": true, "conditions": ["epilepsy"],
    "medications": ["Luvox 50 mg", {"name": "kratom powder", "dose": "3 g", "frequency": "daily",
                                     "kind": "supplement"}],
    "recent_doses": [{"substance": "melatonin", "amount": "3 mg", "taken_at": "2026-03-01T22:00:00Z"}]})");
  ASSERT_TRUE(j.ok());
  auto p = PatientFromJson(*j);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(*p->age_years, 45);
  EXPECT_EQ(p->sex, safety::Sex::kFemale);
  EXPECT_TRUE(p->pregnant);
  EXPECT_TRUE(p->smoker);
  ASSERT_EQ(p->medications.size(), 2u);
  EXPECT_EQ(p->medications[1].kind, safety::EntryKind::kSupplement);
  EXPECT_EQ(p->medications[1].dose_text, "3 g");
  ASSERT_EQ(p->recent_doses.size(), 1u);
  EXPECT_EQ(p->recent_doses[0].amount->ToString(), "3 mg");
}

TEST(RegimenJson, UnknownAndBadFieldsAreNamed) {
  auto list = ParseJson(R"([{"substance": "melatonin", "dose": "3 mg"},
                            {"substance": "melatonin", "dose": "3 mg", "frequncy": "daily"}])");
  ASSERT_TRUE(list.ok());
  EXPECT_EQ(RegimensFromJson(*list).status().field(), "regimens[1].frequncy");
  auto zero = ParseJson(R"({"substance": "melatonin", "dose": "3 mg", "doses_per_day": 0})");
  EXPECT_EQ(RegimensFromJson(*zero, "regimen").status().field(), "regimen.doses_per_day");
  auto no_dose = ParseJson(R"({"substance": "melatonin"})");
  EXPECT_EQ(RegimensFromJson(*no_dose, "regimen").status().field(), "regimen.dose");
}

TEST(RegimenJson, AListOfRegimensIsRead) {
  auto list = ParseJson(R"([{"substance": "melatonin", "dose": "3 mg", "formulation": "pr",
                             "doses_per_day": 2, "duration_days": 14, "label": "night"}])");
  auto r = RegimensFromJson(*list);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 1u);
  EXPECT_EQ((*r)[0].formulation, "pr");
  EXPECT_EQ((*r)[0].doses_per_day, 2.0);
  EXPECT_EQ((*r)[0].duration_days, 14);
  EXPECT_EQ((*r)[0].dose.ToString(), "3 mg");
}

TEST(OverridesJson, UnknownFieldsAreNamed) {
  auto j = ParseJson(R"([{"finding_key": "k", "reason": "documented reason", "reson": "x"}])");
  EXPECT_EQ(OverridesFromJson(*j).status().field(), "overrides[0].reson");
}

}  // namespace
}  // namespace pineal::codec
