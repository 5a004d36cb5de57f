// Properties of screening over generated patients (rapidcheck):
// adding a medicine or condition never lowers the top severity, the result does
// not depend on list order, the same input gives the same output, and a higher
// dose never gives a less severe dose finding.
#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

#include "case_file.h"
#include "pineal/safety/screen.h"

namespace pineal::safety {
namespace {

const kb::Catalog& Cat() { return testing::RealCatalog(); }

// Names as a clinician might record them: ids, names, synonyms, brands, and a
// few the catalog does not know.
const std::vector<std::string>& MedicationNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = {"ginkgo", "paracetamol", "hops extract"};
    for (const auto& s : Cat().substances()) {
      out.push_back(s.name);
      if (!s.synonyms.empty()) out.push_back(s.synonyms.front());
      if (!s.brands.empty()) out.push_back(s.brands.front() + " 10 mg");
    }
    return out;
  }();
  return names;
}

const std::vector<std::string>& ConditionNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out = {"fibromyalgia"};
    for (const auto& c : Cat().conditions())
      out.push_back(c.synonyms.empty() ? c.name : c.synonyms.front());
    return out;
  }();
  return names;
}

Instant Now() { return *ParseInstant("2026-03-01T08:00:00Z"); }

rc::Gen<MedicationEntry> GenMedication() {
  return rc::gen::apply(
      [](std::string name, int freq) {
        static const char* kFreq[] = {"", "daily", "bid", "prn", "weekly", "3x/day"};
        MedicationEntry m;
        m.name = std::move(name);
        m.frequency = kFreq[freq];
        return m;
      },
      rc::gen::elementOf(MedicationNames()), rc::gen::inRange(0, 6));
}

rc::Gen<ProposedRegimen> GenRegimen() {
  return rc::gen::apply(
      [](int which, int dose_tenths, int per_day, int indication, bool content) {
        static const char* kSubstances[] = {"melatonin", "kratom", "kratom extract", "7-OH",
                                            "melatonin"};
        static const char* kForms[] = {"ir", "", "", "", "pr"};
        static const char* kIndications[] = {"insomnia", "jet lag", "pain", "", "research"};
        ProposedRegimen r;
        r.substance = kSubstances[which];
        r.formulation = kForms[which];
        const double mg = dose_tenths / 10.0 * (which >= 1 && which <= 2 ? 1000.0 : 1.0);
        r.dose = Mass::FromBase(mg);
        r.doses_per_day = per_day;
        r.indication = kIndications[indication];
        if (content) r.content_mg_per_g = 15;
        if (indication == 1) r.duration_days = 4;
        return r;
      },
      rc::gen::inRange(0, 5), rc::gen::inRange(1, 3000), rc::gen::inRange(1, 5),
      rc::gen::inRange(0, 5), rc::gen::arbitrary<bool>());
}

rc::Gen<PatientSnapshot> GenPatient() {
  return rc::gen::apply(
      [](int age, int weight, bool pregnant, bool smoker, std::vector<std::string> conditions,
         std::vector<MedicationEntry> meds, bool age_known) {
        PatientSnapshot p;
        if (age_known) p.age_years = age;
        p.weight_kg = weight;
        p.pregnant = pregnant;
        p.smoker = smoker;
        p.conditions = std::move(conditions);
        p.medications = std::move(meds);
        return p;
      },
      rc::gen::inRange(0, 95), rc::gen::inRange(3, 150), rc::gen::arbitrary<bool>(),
      rc::gen::arbitrary<bool>(),
      rc::gen::container<std::vector<std::string>>(rc::gen::elementOf(ConditionNames())),
      rc::gen::container<std::vector<MedicationEntry>>(GenMedication()),
      rc::gen::arbitrary<bool>());
}

int Rank(const std::optional<kb::Severity>& s) { return s ? static_cast<int>(*s) : -1; }

// What must match between two runs: everything a user sees.
std::vector<std::string> Fingerprint(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    out.push_back(f.key + "|" + std::string(kb::SeverityName(f.severity)) + "|" + f.title + "|" +
                  f.message + "|" + (f.involves_proposed ? "p" : "-"));
  }
  return out;
}

RC_GTEST_PROP(ScreeningProperties, AddingAMedicineNeverLowersTheTopSeverity, ()) {
  const auto patient = *GenPatient();
  const auto regimens = *rc::gen::container<std::vector<ProposedRegimen>>(GenRegimen());
  const auto extra = *GenMedication();
  const auto before = TopSeverity(Screen(Cat(), patient, regimens, Now()));
  auto more = patient;
  more.medications.push_back(extra);
  const auto after = TopSeverity(Screen(Cat(), more, regimens, Now()));
  RC_ASSERT(Rank(after) >= Rank(before));
}

RC_GTEST_PROP(ScreeningProperties, AddingAConditionNeverLowersTheTopSeverity, ()) {
  const auto patient = *GenPatient();
  const auto regimens = *rc::gen::container<std::vector<ProposedRegimen>>(GenRegimen());
  const auto before = TopSeverity(Screen(Cat(), patient, regimens, Now()));
  auto more = patient;
  more.conditions.push_back(*rc::gen::elementOf(ConditionNames()));
  RC_ASSERT(Rank(TopSeverity(Screen(Cat(), more, regimens, Now()))) >= Rank(before));
}

RC_GTEST_PROP(ScreeningProperties, ResultDoesNotDependOnListOrder, ()) {
  const auto patient = *GenPatient();
  const auto regimens = *rc::gen::container<std::vector<ProposedRegimen>>(GenRegimen());
  auto shuffled = patient;
  std::reverse(shuffled.medications.begin(), shuffled.medications.end());
  if (!shuffled.medications.empty()) {
    const auto k = *rc::gen::inRange<std::size_t>(0, shuffled.medications.size());
    std::rotate(shuffled.medications.begin(), shuffled.medications.begin() + static_cast<long>(k),
                shuffled.medications.end());
  }
  std::rotate(shuffled.conditions.begin(),
              shuffled.conditions.begin() + static_cast<long>(shuffled.conditions.size() / 2),
              shuffled.conditions.end());
  auto regimens2 = regimens;
  std::reverse(regimens2.begin(), regimens2.end());
  RC_ASSERT(Fingerprint(Screen(Cat(), patient, regimens, Now())) ==
            Fingerprint(Screen(Cat(), shuffled, regimens2, Now())));
}

RC_GTEST_PROP(ScreeningProperties, SameInputGivesSameOutput, ()) {
  const auto patient = *GenPatient();
  const auto regimens = *rc::gen::container<std::vector<ProposedRegimen>>(GenRegimen());
  RC_ASSERT(Fingerprint(Screen(Cat(), patient, regimens, Now())) ==
            Fingerprint(Screen(Cat(), patient, regimens, Now())));
}

RC_GTEST_PROP(ScreeningProperties, AHigherMelatoninDoseNeverLowersTheDoseSeverity, ()) {
  auto patient = *GenPatient();
  patient.medications.clear();
  const int low = *rc::gen::inRange(1, 2000);
  const int high = low + *rc::gen::inRange(0, 2000);
  const int form = *rc::gen::inRange(0, 2);
  auto dose_rank = [&](int tenths_mg) {
    ProposedRegimen r;
    r.substance = "melatonin";
    r.formulation = form == 0 ? "ir" : "pr";
    r.dose = Mass::FromBase(tenths_mg / 10.0);
    r.indication = "insomnia";
    r.duration_days = 30;
    int rank = -1;
    for (const auto& f : Screen(Cat(), patient, {r}, Now())) {
      if (f.kind == FindingKind::kDose || f.kind == FindingKind::kCumulativeDailyAmount) {
        rank = std::max(rank, static_cast<int>(f.severity));
      }
    }
    return rank;
  };
  RC_ASSERT(dose_rank(high) >= dose_rank(low));
}

TEST(ScreeningProperties, EveryFindingKeyIsUniqueAndSorted) {
  PatientSnapshot p;
  p.age_years = 50;
  p.weight_kg = 80;
  p.conditions = {"epilepsy", "liver disease", "diabetes"};
  p.medications = {{"kratom", "", "daily", EntryKind::kSupplement},
                   {"oxycodone", "", "", EntryKind::kMedicine},
                   {"diazepam", "", "", EntryKind::kMedicine},
                   {"fluvoxamine", "", "", EntryKind::kMedicine},
                   {"naltrexone", "", "", EntryKind::kMedicine}};
  ProposedRegimen r;
  r.substance = "melatonin";
  r.dose = Mass::FromBase(20);
  const auto findings = Screen(Cat(), p, {r}, Now());
  ASSERT_GT(findings.size(), 5u);
  for (std::size_t i = 1; i < findings.size(); ++i) {
    EXPECT_GE(findings[i - 1].severity, findings[i].severity);
    EXPECT_NE(findings[i - 1].key, findings[i].key);
  }
}

}  // namespace
}  // namespace pineal::safety
