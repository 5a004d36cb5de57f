// knowledge/instruments/ loads, holds the facts of scales.md, and broken
// fixtures (tests/data/instruments_broken/<case>/) are rejected with messages
// that name the file, the entry and the problem.
#include <gtest/gtest.h>

#include <string>

#include "instrument_test_support.h"
#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/instrument_catalog.h"

namespace pineal::kb {
namespace {

const InstrumentCatalog& Default() { return monitor::testing::ShippedInstruments(); }

const InstrumentDef& Get(std::string_view id) { return monitor::testing::ShippedInstrument(id); }

TEST(InstrumentLoader, DefaultKnowledgeLoadsEveryInstrument) {
  const auto& c = Default();
  std::vector<std::string> ids;
  for (const auto& d : c.instruments) ids.push_back(d.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"cows", "gad7", "isi", "kss", "pain_nrs", "phq9", "sows"}));
  ASSERT_TRUE(c.sleep_diary.has_value());
  ASSERT_TRUE(c.side_effects.has_value());
}

TEST(InstrumentLoader, FindsByIdCodeAndAliasIgnoringCase) {
  const auto& c = Default();
  EXPECT_EQ(c.Find("PHQ-9"), c.Find("phq9"));
  EXPECT_EQ(c.Find("phq-9")->id, "phq9");
  EXPECT_EQ(c.Find("Pain-NRS")->id, "pain_nrs");
  EXPECT_EQ(c.Find("pain_nrs")->id, "pain_nrs");  // the web app's observation code
  EXPECT_EQ(c.Find("nosuch"), nullptr);
}

// scales.md: items, answer ranges, totals.
TEST(InstrumentLoader, ItemCountsAndRangesMatchScalesMd) {
  struct Want {
    const char* id;
    std::size_t items;
    int min, max;
  };
  for (const Want& w : {Want{"isi", 7, 0, 28},
                        {"phq9", 9, 0, 27},
                        {"gad7", 7, 0, 21},
                        {"kss", 1, 1, 9},
                        {"pain_nrs", 1, 0, 10},
                        {"cows", 11, 0, 48},
                        {"sows", 16, 0, 64}}) {
    const auto& d = Get(w.id);
    EXPECT_EQ(d.items.size(), w.items) << w.id;
    EXPECT_EQ(d.min_total, w.min) << w.id;
    EXPECT_EQ(d.max_total, w.max) << w.id;
  }
  EXPECT_EQ(Get("isi").items[3].allowed_values, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(Get("sows").items[15].allowed_values, (std::vector<int>{0, 1, 2, 3, 4}));
  EXPECT_EQ(Get("phq9").items[8].allowed_values, (std::vector<int>{0, 1, 2, 3}));
}

TEST(InstrumentLoader, CowsAllowedValuesAreTheIrregularOnesOfScalesMd) {
  const auto& cows = Get("cows");
  EXPECT_EQ(cows.respondent, Respondent::kClinician);
  const std::vector<std::pair<const char*, std::vector<int>>> want = {
      {"resting_pulse", {0, 1, 2, 4}},    {"sweating", {0, 1, 2, 3, 4}},
      {"restlessness", {0, 1, 3, 5}},     {"pupil_size", {0, 1, 2, 5}},
      {"bone_joint_aches", {0, 1, 2, 4}}, {"runny_nose_tearing", {0, 1, 2, 4}},
      {"gi_upset", {0, 1, 2, 3, 5}},      {"tremor", {0, 1, 2, 4}},
      {"yawning", {0, 1, 2, 4}},          {"anxiety_irritability", {0, 1, 2, 4}},
      {"gooseflesh", {0, 3, 5}}};
  ASSERT_EQ(cows.items.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(cows.items[i].id, want[i].first);
    EXPECT_EQ(cows.items[i].allowed_values, want[i].second) << want[i].first;
  }
}

TEST(InstrumentLoader, CodesAreLoincWhereScalesMdGivesOne) {
  EXPECT_EQ(Get("phq9").panel_code->code, "44249-1");
  EXPECT_EQ(Get("phq9").total_code.code, "44261-6");
  EXPECT_EQ(Get("gad7").panel_code->code, "69737-5");
  EXPECT_EQ(Get("gad7").total_code.code, "70274-6");
  EXPECT_EQ(Get("pain_nrs").total_code.code, "72514-3");
  EXPECT_EQ(Get("pain_nrs").total_code.system, kLoincSystem);
  for (const char* local : {"isi", "kss", "cows", "sows"}) {
    EXPECT_EQ(Get(local).total_code.system, kLocalInstrumentSystem) << local;
    EXPECT_FALSE(Get(local).panel_code.has_value()) << local;
  }
}

TEST(InstrumentLoader, LicensedWordingIsNotShipped) {
  for (const char* id : {"isi", "sows"}) {
    for (const auto& item : Get(id).items)
      EXPECT_FALSE(item.wording.has_value()) << id << " " << item.id;
    EXPECT_FALSE(Get(id).wording_note.empty());
  }
}

TEST(InstrumentLoader, SowsHasNoBandsAndSaysWhy) {
  EXPECT_TRUE(Get("sows").bands.empty());
  EXPECT_NE(Get("sows").no_bands_note.find("No standard severity bands"), std::string::npos);
}

TEST(InstrumentLoader, IsiCarriesMorinChangeCriteria) {
  const auto& change = Get("isi").change;
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->meaningful_drop, 8);
  EXPECT_EQ(change->remission_below, 8);
  EXPECT_EQ(change->refs, std::vector<std::string>{"morin2011"});
}

TEST(InstrumentLoader, Phq9Item9FlagIsUrgentFromOne) {
  const auto& flags = Get("phq9").flags;
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].item_id, "item9");
  EXPECT_EQ(flags[0].at_least, 1);
  EXPECT_EQ(flags[0].level, "urgent");
}

TEST(InstrumentLoader, SleepDiaryCodesAndThresholds) {
  const auto& d = *Default().sleep_diary;
  EXPECT_EQ(d.FindMeasure("total_sleep_time")->loinc, "93832-4");
  for (const char* code : {"sleep_efficiency", "total_sleep_time", "sleep_onset_latency",
                           "wake_after_sleep_onset", "time_in_bed"}) {
    ASSERT_NE(d.FindMeasure(code), nullptr) << code;
    EXPECT_EQ(d.FindMeasure(code)->code, code);
  }
  ASSERT_EQ(d.thresholds.size(), 3u);
  EXPECT_EQ(d.thresholds[0].above, 30);
  EXPECT_EQ(d.thresholds[1].above, 30);
  EXPECT_EQ(d.thresholds[2].below, 85);
  EXPECT_EQ(d.FindField("quality")->min, 1);
  EXPECT_EQ(d.FindField("quality")->max, 5);
}

TEST(InstrumentLoader, SideEffectsUseTheWebAppCodesAndCtcaeGrades) {
  const auto& se = *Default().side_effects;
  std::vector<std::string> ids;
  for (const auto& e : se.effects) ids.push_back(e.id);
  EXPECT_EQ(ids,
            (std::vector<std::string>{"headache", "dizziness", "nausea", "next_morning_grogginess",
                                      "vivid_dreams", "anxiety", "palpitations", "low_blood_sugar",
                                      "constipation", "itching", "other"}));
  EXPECT_EQ(se.Find("palpitations")->label, "Palpitations / irregular heartbeat");
  EXPECT_TRUE(se.Find("other")->free_text);
  // Melatonin's glucose signal is towards higher sugar: nothing is linked to low blood sugar.
  EXPECT_TRUE(se.Find("low_blood_sugar")->reported_with.empty());
  ASSERT_EQ(se.grades.size(), 5u);
  EXPECT_EQ(se.Grade(3)->label, "severe or medically significant");
  EXPECT_EQ(se.Grade(5)->label, "death");
}

// Every substance a side effect names is a substance of the main knowledge base.
TEST(InstrumentLoader, SideEffectSubstancesAreKnownSubstances) {
  auto catalog = LoadDefaultCatalog();
  ASSERT_TRUE(catalog.ok()) << catalog.status().message();
  for (const auto& e : Default().side_effects->effects) {
    for (const auto& s : e.reported_with) {
      EXPECT_TRUE(catalog->ResolveSubstance(s.substance).has_value())
          << e.id << ": " << s.substance;
    }
  }
}

// knowledge/instruments/references.yaml is also merged into the main catalog:
// it must lint cleanly there (same year/PMID/DOI as ids defined elsewhere).
TEST(InstrumentLoader, ReferencesLintCleanInTheMainCatalog) {
  const LintReport report = LintKnowledgeDir(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
  for (const auto& issue : report.issues()) {
    EXPECT_EQ(issue.file.find("instruments"), std::string::npos) << issue.ToString();
  }
  EXPECT_TRUE(report.ok()) << report.ToString();
}

// --------------------------------------------------------------- broken data

std::string LoadError(const std::string& broken_case) {
  auto r = LoadInstruments(std::string(PINEAL_SOURCE_ROOT) + "/tests/data/instruments_broken/" +
                           broken_case);
  EXPECT_FALSE(r.ok()) << broken_case << " was accepted";
  return r.ok() ? std::string() : r.status().message();
}

struct BrokenCase {
  const char* dir;
  const char* file;     // named in the message
  const char* entry;    // named in the message
  const char* problem;  // what is wrong
};

class BrokenInstruments : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenInstruments, RejectedWithFileEntryAndProblem) {
  const BrokenCase& c = GetParam();
  const std::string msg = LoadError(c.dir);
  EXPECT_NE(msg.find(c.file), std::string::npos) << msg;
  EXPECT_NE(msg.find(c.entry), std::string::npos) << msg;
  EXPECT_NE(msg.find(c.problem), std::string::npos) << msg;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BrokenInstruments,
    ::testing::Values(
        BrokenCase{"duplicate_id", "mini_copy.yaml", "instrument 'mini'",
                   "duplicate instrument id 'mini'"},
        BrokenCase{"overlapping_bands", "mini.yaml:", "instrument 'mini' band 'high'",
                   "overlaps band 'low'"},
        BrokenCase{"gap_in_bands", "mini.yaml:", "instrument 'mini' band 'high'",
                   "gap: no band covers 2-2"},
        BrokenCase{"band_out_of_range", "mini.yaml:", "band 'high'", "outside the score range 0-4"},
        BrokenCase{"max_mismatch", "mini.yaml:", "instrument 'mini' scoring",
                   "max is 5 but the items' highest answers add up to 4"},
        BrokenCase{"value_not_ascending", "mini.yaml:", "item 'item2'",
                   "must be ascending without repeats"},
        BrokenCase{"flag_outside_values", "mini.yaml:", "flag 'mini.item2'",
                   "at_least 3 is outside"},
        BrokenCase{"flag_unknown_item", "mini.yaml:", "flag 'mini.item2'",
                   "item 'item7' is not an item"},
        BrokenCase{"unknown_ref", "mini.yaml", "instrument 'mini'",
                   "unknown reference 'jones1999'"},
        BrokenCase{"missing_field", "mini.yaml:", "instrument 'mini'", "missing 'name'"},
        BrokenCase{"unknown_field", "mini.yaml:", "instrument 'mini'", "unknown field 'license'"},
        BrokenCase{"yaml_syntax", "mini.yaml:", "", "YAML syntax error"},
        BrokenCase{"no_bands_without_note", "mini.yaml:", "instrument 'mini'",
                   "add 'no_bands_note'"},
        BrokenCase{"bad_loinc", "mini.yaml:", "total code", "'ABC' is not a LOINC code"},
        BrokenCase{"bad_severity", "mini.yaml:", "band 'high'",
                   "'severity' is 'extreme'; allowed: none, mild"},
        BrokenCase{"side_effect_unknown_ref", "side_effects.yaml", "side effect 'headache'",
                   "unknown reference 'nobody2001'"},
        BrokenCase{"diary_unknown_measure",
                   "sleep_diary.yaml:", "sleep diary threshold 'low_sleep_efficiency'",
                   "measure 'sleep_quality' is not in 'derived'"}),
    [](const ::testing::TestParamInfo<BrokenCase>& p) { return std::string(p.param.dir); });

TEST(InstrumentLoader, MissingDirectoryIsNotFound) {
  auto r = LoadInstruments("/nonexistent/instruments");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/instruments"), std::string::npos);
}

}  // namespace
}  // namespace pineal::kb
