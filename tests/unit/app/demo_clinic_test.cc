// The demo clinic records its patients' conditions under catalogue names, so
// their contraindications fire: the patient with an opioid use disorder history
// who takes kratom gets the kratom substance-use-disorder contraindication.
#include "pineal/app/demo_clinic.h"

#include <algorithm>
#include <string>

#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

class DemoClinicTest : public AppTest {
 protected:
  void SetUp() override {
    AppTest::SetUp();
    auto demo = app::LoadDemoClinic(*app_, system_, store_);
    ASSERT_TRUE(demo.ok()) << demo.status().ToString();
    auto page = app_->patients().ListPatients(system_, store::PatientQuery{});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    patients_ = page->items;
  }

  const records::Patient* Named(std::string_view name) const {
    auto it = std::find_if(patients_.begin(), patients_.end(),
                           [&](const records::Patient& p) { return p.display_name == name; });
    return it == patients_.end() ? nullptr : &*it;
  }

  app::Actor system_;  // the local operator, as `pineal demo` runs it
  std::vector<records::Patient> patients_;
};

TEST_F(DemoClinicTest, EveryDemoConditionIsACatalogueEntry) {
  ASSERT_EQ(patients_.size(), 5u);
  int conditions = 0;
  for (const auto& p : patients_) {
    for (const auto& m : app_->patients().MatchConditions(p)) {
      ++conditions;
      EXPECT_TRUE(m.matched.has_value()) << p.display_name << ": '" << m.text << "' is free text";
    }
  }
  EXPECT_GE(conditions, 7);
}

TEST_F(DemoClinicTest, TheOpioidUseDisorderHistoryGetsTheKratomContraindication) {
  const records::Patient* daniel = Named("Daniel R.");
  ASSERT_NE(daniel, nullptr);
  const auto conditions = app_->patients().MatchConditions(*daniel);
  const bool history = std::any_of(conditions.begin(), conditions.end(), [](const auto& m) {
    return m.matched && m.matched->id == "opioid_use_disorder_in_remission";
  });
  EXPECT_TRUE(history);

  auto regimens = app_->regimens().ListRegimens(system_, daniel->id);
  ASSERT_TRUE(regimens.ok()) << regimens.status().ToString();
  ASSERT_EQ(regimens->size(), 1u);
  const records::RegimenVersion& v = regimens->front().current();
  EXPECT_EQ(regimens->front().substance, "kratom");
  auto finding = std::find_if(v.findings.begin(), v.findings.end(), [](const auto& f) {
    return f.rule_id == "ci.kratom.substance_use_disorder";
  });
  ASSERT_NE(finding, v.findings.end());
  EXPECT_EQ(finding->severity, "major");
  EXPECT_NE(finding->message.find("Opioid use disorder in remission"), std::string::npos)
      << finding->message;
  // No demo condition was left unchecked.
  for (const auto& f : v.findings) EXPECT_NE(f.rule_id, "engine.unknown_condition") << f.message;
}

// Doses are logged as taken up to 40 minutes late. Loaded a minute after an
// evening dose is due (Helen M.'s 22:00 in London), the demo logs no dose
// as taken after the moment it is loaded, and so loads at any time of day.
class DemoClinicJustAfterADoseTest : public AppTest {};

TEST_F(DemoClinicJustAfterADoseTest, LoadsAndLogsNoDoseTakenLaterThanNow) {
  const Instant now = At("2026-11-10T22:01:00Z");
  clock_.Set(now);
  app::Actor system;
  auto demo = app::LoadDemoClinic(*app_, system, store_);
  ASSERT_TRUE(demo.ok()) << demo.status().ToString();
  auto page = app_->patients().ListPatients(system, store::PatientQuery{});
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  int doses = 0;
  for (const auto& p : page->items) {
    auto events = store_.ListDoseEvents(p.id, {}, false);
    ASSERT_TRUE(events.ok()) << events.status().ToString();
    for (const auto& e : *events) {
      ++doses;
      if (e.taken_at) {
        EXPECT_LE(*e.taken_at, now) << p.display_name;
      }
    }
  }
  EXPECT_GT(doses, 100);
}

}  // namespace
}  // namespace pineal::testing
