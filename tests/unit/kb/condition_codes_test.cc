// Condition codes in the real knowledge base, checked against the table in
// /work/shared/clinical/standards.md §4 (codes and markers copied by hand).
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "pineal/kb/catalog_loader.h"

namespace pineal::kb {
namespace {

const Catalog& Cat() {
  static const Catalog* c = [] {
    auto loaded = LoadCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new Catalog(std::move(loaded).value());
  }();
  return *c;
}

// The condition a name resolves to, or nullptr.
const Condition* Resolve(std::string_view name) {
  auto c = Cat().ResolveCondition(name);
  return c ? &Cat().condition(*c) : nullptr;
}

const Code* FindCode(const Condition& c, std::string_view system, std::string_view code) {
  auto it = std::find_if(c.codes.begin(), c.codes.end(),
                         [&](const Code& x) { return x.system == system && x.code == code; });
  return it == c.codes.end() ? nullptr : &*it;
}

struct Row {
  std::string name;    // as a clinician or patient types it
  std::string id;      // the catalogue entry it must resolve to
  std::string icd;     // an ICD-10-CM code of the row ("" when none)
  std::string snomed;  // a SNOMED CT id of the row ("" when none)
};

TEST(ConditionCodes, TheStandardsTableResolvesWithItsCodes) {
  const Row rows[] = {
      {"insomnia", "insomnia", "G47.00", "193462001"},
      {"delayed sleep phase syndrome", "delayed_sleep_phase", "G47.21", ""},
      {"jet lag", "jet_lag", "G47.25", ""},
      {"shift work disorder", "shift_work_disorder", "G47.26", ""},
      {"ME/CFS", "chronic_fatigue_syndrome", "G93.32", "52702003"},
      {"CFS", "chronic_fatigue_syndrome", "G93.32", "52702003"},
      {"chronic fatigue", "chronic_fatigue_syndrome", "G93.32", "52702003"},
      {"fibromyalgia", "fibromyalgia", "M79.7", "203082005"},
      {"chronic pain", "chronic_pain", "G89.29", "82423001"},
      {"neuropathic pain", "neuropathic_pain", "", "247398009"},
      {"opioid use disorder", "opioid_use_disorder", "F11.20", "75544000"},
      {"OUD", "opioid_use_disorder", "F11.10", "75544000"},
      {"opioid use disorder in remission", "opioid_use_disorder_in_remission", "F11.21", ""},
      {"substance use disorder", "substance_use_disorder", "F19.20", ""},
      {"alcohol use disorder", "alcohol_use_disorder", "F10.20", "7200002"},
      {"epilepsy", "seizure_disorder", "G40.909", "84757009"},
      {"liver disease", "hepatic_impairment", "K74.60", "235856003"},
      {"CKD", "renal_impairment", "N18.9", "709044004"},
      {"depression", "depression", "F32.A", "35489007"},
      {"bipolar disorder", "bipolar_disorder", "F31.9", "13746004"},
      {"anxiety", "anxiety_disorder", "F41.9", "197480006"},
      {"generalized anxiety disorder", "anxiety_disorder", "F41.1", "21897009"},
      {"autism", "autism_spectrum_disorder", "F84.0", "35919005"},
      {"pregnant", "pregnancy", "Z33.1", "77386006"},
      {"breastfeeding", "breastfeeding", "Z39.1", "413712001"},
      {"autoimmune disease", "autoimmune_disease", "", "85828009"},
      {"type 2 diabetes", "diabetes", "E11.9", "44054006"},
      {"hypertension", "hypertension", "I10", "38341003"},
      {"seasonal affective disorder", "seasonal_affective_disorder", "", "247803002"},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.name);
    const Condition* c = Resolve(row.name);
    ASSERT_NE(c, nullptr);
    EXPECT_EQ(c->id, row.id);
    if (!row.icd.empty()) {
      const Code* code = FindCode(*c, kIcd10CmSystem, row.icd);
      ASSERT_NE(code, nullptr);
      EXPECT_EQ(code->version, "FY2026");
      EXPECT_FALSE(code->display.empty());
    }
    if (!row.snomed.empty()) {
      EXPECT_NE(FindCode(*c, kSnomedCtSystem, row.snomed), nullptr);
    }
  }
}

TEST(ConditionCodes, MarkersKeepTheirMeaning) {
  int icd = 0;
  int snomed = 0;
  for (const Condition& c : Cat().conditions()) {
    for (const Code& code : c.codes) {
      SCOPED_TRACE(c.id + " " + code.code);
      EXPECT_TRUE(code.confidence == "V" || code.confidence == "Vs" || code.confidence == "M");
      // From memory: only with a note that says it is unverified.
      if (code.confidence == "M") {
        EXPECT_NE(code.note.find("unverified"), std::string::npos);
      }
      if (code.system == kSnomedCtSystem) {
        ++snomed;
        EXPECT_NE(code.note.find("check against a terminology server"), std::string::npos);
      } else {
        ++icd;
        EXPECT_EQ(code.system, kIcd10CmSystem);
      }
    }
  }
  EXPECT_GT(icd, 0);
  EXPECT_GT(snomed, 0);
  // F11.11 (mild OUD in remission) is marked M in standards.md.
  const Code* f1111 =
      FindCode(*Resolve("opioid use disorder in remission"), kIcd10CmSystem, "F11.11");
  ASSERT_NE(f1111, nullptr);
  EXPECT_EQ(f1111->confidence, "M");
  // F11.21 was seen in the tabular list.
  EXPECT_EQ(FindCode(*Resolve("OUD in remission"), kIcd10CmSystem, "F11.21")->confidence, "V");
}

bool Implies(std::string_view name, std::string_view broader_id) {
  auto c = Cat().ResolveCondition(name);
  auto b = Cat().ConditionIndexOf(broader_id);
  if (!c || !b) return false;
  const auto closure = Cat().ConditionAndBroader(*c);
  return std::find(closure.begin(), closure.end(), *b) != closure.end();
}

TEST(ConditionCodes, NarrowerConditionsCountAsTheBroaderOnes) {
  // So that the kratom substance-use-disorder contraindication applies.
  EXPECT_TRUE(Implies("opioid use disorder in remission", "substance_use_disorder"));
  EXPECT_TRUE(Implies("history of opioid use disorder", "substance_use_disorder"));
  EXPECT_TRUE(Implies("OUD", "substance_use_disorder"));
  EXPECT_TRUE(Implies("alcohol use disorder", "substance_use_disorder"));
  EXPECT_TRUE(Implies("seasonal affective disorder", "depression"));
  EXPECT_TRUE(Implies("substance use disorder", "substance_use_disorder"));
  EXPECT_FALSE(Implies("chronic pain", "substance_use_disorder"));
  EXPECT_FALSE(Implies("depression", "seasonal_affective_disorder"));
}

TEST(ConditionCodes, MisspelledConditionsOfferTheClosestEntries) {
  auto first = [](std::string_view text) {
    const auto s = Cat().SuggestConditions(text);
    return s.empty() ? std::string("?") : s[0].id;
  };
  EXPECT_EQ(first("opioid use disorder in remision"), "opioid_use_disorder_in_remission");
  EXPECT_EQ(first("fibromyalga"), "fibromyalgia");
  EXPECT_EQ(first("epilepsi"), "seizure_disorder");
  EXPECT_LE(Cat().SuggestConditions("disorder").size(), kMaxSuggestions);
  // A match carries the entry and its codes; no match carries suggestions only.
  const NameMatch hit = Cat().MatchCondition("Opioid use disorder in remission");
  ASSERT_TRUE(hit.matched.has_value());
  EXPECT_EQ(hit.matched->id, "opioid_use_disorder_in_remission");
  EXPECT_TRUE(hit.suggestions.empty());
  const NameMatch miss = Cat().MatchCondition("fibromyalga");
  EXPECT_FALSE(miss.matched.has_value());
  EXPECT_EQ(miss.text, "fibromyalga");
  ASSERT_FALSE(miss.suggestions.empty());
  EXPECT_EQ(miss.suggestions[0].name, "Fibromyalgia");
}

}  // namespace
}  // namespace pineal::kb
