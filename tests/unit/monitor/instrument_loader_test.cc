// knowledge/instruments/ loads, holds the facts of scales.md, and broken
// fixtures (tests/data/instruments_broken/<case>/) are rejected with messages
// that name the file, the entry and the problem.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <string>

#include "instrument_test_support.h"
#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/instrument_catalog.h"
#include "tests/support/temp_dir.h"

namespace pineal::kb {
namespace {

const InstrumentCatalog& Default() { return monitor::testing::ShippedInstruments(); }

const InstrumentDef& Get(std::string_view id) { return monitor::testing::ShippedInstrument(id); }

TEST(InstrumentLoader, DefaultKnowledgeLoadsEveryInstrument) {
  const auto& c = Default();
  std::vector<std::string> ids;
  for (const auto& d : c.instruments) ids.push_back(d.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"bpi_sf", "cows", "ess", "fss", "gad7", "isi", "kss",
                                           "pain_nrs", "phq9", "rmeq", "sows"}));
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
                        {"sows", 16, 0, 64},
                        // Johns 1991: 8 items 0-3; Krupp 1989: 9 items 1-7, mean 1-7;
                        // BPI: severity mean 0-10; Adan & Almirall 1991: 5 items, 4-25.
                        {"ess", 8, 0, 24},
                        {"fss", 9, 1, 7},
                        {"bpi_sf", 11, 0, 10},
                        {"rmeq", 5, 4, 25}}) {
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
  for (const char* local : {"isi", "kss", "cows", "sows", "ess", "fss", "bpi_sf", "rmeq"}) {
    EXPECT_EQ(Get(local).total_code.system, kLocalInstrumentSystem) << local;
    EXPECT_FALSE(Get(local).panel_code.has_value()) << local;
  }
}

TEST(InstrumentLoader, LicensedWordingIsNotShipped) {
  for (const char* id : {"isi", "sows", "ess", "fss", "bpi_sf", "rmeq"}) {
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

TEST(InstrumentLoader, FssIsScoredByItsMeanTo2Decimals) {
  const auto& fss = Get("fss");
  EXPECT_EQ(fss.method, ScoringMethod::kMean);
  EXPECT_EQ(fss.decimals, 2);
  EXPECT_TRUE(fss.score_subscale.empty());
  for (const auto& item : fss.items)
    EXPECT_EQ(item.allowed_values, (std::vector<int>{1, 2, 3, 4, 5, 6, 7})) << item.id;
  ASSERT_EQ(fss.bands.size(), 2u);
  EXPECT_EQ(fss.bands[1].from, 4);  // mean >= 4 (olivaramirez2021)
  EXPECT_EQ(fss.total_code.code, "pineal:fss-score");
}

TEST(InstrumentLoader, BpiHasSeverityAndInterferenceMeans) {
  const auto& bpi = Get("bpi_sf");
  EXPECT_EQ(bpi.method, ScoringMethod::kMean);
  EXPECT_EQ(bpi.score_subscale, "severity");
  ASSERT_EQ(bpi.subscales.size(), 2u);
  EXPECT_EQ(bpi.subscales[0].id, "severity");
  EXPECT_EQ(bpi.subscales[1].id, "interference");
  EXPECT_EQ(bpi.subscales[1].method, ScoringMethod::kMean);
  int severity = 0, interference = 0;
  for (const auto& item : bpi.items) {
    severity += item.subscale == "severity" ? 1 : 0;
    interference += item.subscale == "interference" ? 1 : 0;
    EXPECT_EQ(item.MinValue(), 0) << item.id;
    EXPECT_EQ(item.MaxValue(), 10) << item.id;
  }
  EXPECT_EQ(severity, 4);
  EXPECT_EQ(interference, 7);
  EXPECT_TRUE(bpi.bands.empty());
  EXPECT_FALSE(bpi.no_bands_note.empty());
  EXPECT_EQ(Default().Find("BPI-SF"), &bpi);
}

TEST(InstrumentLoader, RmeqItemsHaveTheirOwnValueSets) {
  const auto& rmeq = Get("rmeq");
  ASSERT_EQ(rmeq.items.size(), 5u);
  EXPECT_EQ(rmeq.items[0].allowed_values, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(rmeq.items[1].allowed_values, (std::vector<int>{1, 2, 3, 4}));
  EXPECT_EQ(rmeq.items[2].allowed_values, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(rmeq.items[3].allowed_values, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(rmeq.items[4].allowed_values, (std::vector<int>{0, 2, 4, 6}));
  ASSERT_EQ(rmeq.bands.size(), 5u);
  for (const auto& b : rmeq.bands) EXPECT_EQ(b.severity, SeverityLevel::kNone) << b.id;
}

TEST(InstrumentLoader, EssBandsAreTheAuthorsFive) {
  const auto& ess = Get("ess");
  std::vector<std::pair<int, int>> edges;
  for (const auto& b : ess.bands) edges.emplace_back(b.from, b.to);
  EXPECT_EQ(edges,
            (std::vector<std::pair<int, int>>{{0, 5}, {6, 10}, {11, 12}, {13, 15}, {16, 24}}));
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

// ---------------------------------------------- mean scoring: broken fixtures

// A two-item scale (answers 0-2 each, optional subscale `a` on item1) with
// `scoring` spliced in, written to a fresh folder with its references.
struct MiniScale {
  std::string yaml;
  std::string error;  // empty when it loaded
};

MiniScale LoadMini(const std::string& scoring, const std::string& subscales = "") {
  pineal::testing::TempDir dir;
  MiniScale out;
  out.yaml =
      "id: mini\n"
      "code: MINI\n"
      "name: Mini test scale\n"
      "respondent: self\n"
      "recall_period: now\n"
      "codes:\n"
      "  total: {system: \"urn:pineal:instrument\", code: \"pineal:mini-total\"}\n"
      "licence: test\n"
      "wording_note: test\n"
      "refs: [smith2020]\n"
      "items:\n"
      "  - {id: item1, number: 1, wording: null, values: [0, 1, 2]" +
      std::string(subscales.empty() ? "" : ", subscale: a") +
      "}\n"
      "  - {id: item2, number: 2, wording: null, values: [0, 1, 2]}\n" +
      subscales + "scoring:\n" + scoring +
      "bands:\n"
      "  - {from: 0, to: 1, id: low, label: low, severity: none}\n"
      "  - {from: 2, to: 2, id: high, label: high, severity: moderate}\n";
  std::ofstream(dir.File("mini.yaml")) << out.yaml;
  std::ofstream(dir.File("references.yaml"))
      << "references:\n  - {id: smith2020, authors: Smith A, year: 2020, journal: Test J 1:1}\n";
  auto r = LoadInstruments(dir.File(""));
  if (!r.ok()) out.error = r.status().message();
  return out;
}

// "mini.yaml:N:" for the first line of `yaml` holding `marker` (counted here,
// not by the loader).
std::string LineTag(const std::string& yaml, const std::string& marker) {
  const auto at = yaml.find(marker);
  EXPECT_NE(at, std::string::npos) << marker;
  const int line = 1 + static_cast<int>(std::count(yaml.begin(), yaml.begin() + at, '\n'));
  return "mini.yaml:" + std::to_string(line) + ":";
}

const char kMissing[] = "  missing: {max_missing: 0, action: reject, note: test}\n";

TEST(InstrumentLoaderMean, AGoodMeanScaleLoads) {
  const auto m =
      LoadMini(std::string("  method: mean\n  decimals: 2\n  min: 0\n  max: 2\n") + kMissing);
  EXPECT_TRUE(m.error.empty()) << m.error;
}

struct BrokenMean {
  const char* name;
  std::string scoring;
  std::string subscales;
  const char* marker;   // the line the message must name
  const char* problem;  // what it must say
};

class BrokenMeanScales : public ::testing::TestWithParam<BrokenMean> {};

TEST_P(BrokenMeanScales, RejectedWithFileLineAndProblem) {
  const BrokenMean& c = GetParam();
  const auto m = LoadMini(c.scoring, c.subscales);
  ASSERT_FALSE(m.error.empty()) << c.name << " was accepted";
  EXPECT_NE(m.error.find(LineTag(m.yaml, c.marker)), std::string::npos) << m.error;
  EXPECT_NE(m.error.find("instrument 'mini'"), std::string::npos) << m.error;
  EXPECT_NE(m.error.find(c.problem), std::string::npos) << m.error;
}

INSTANTIATE_TEST_SUITE_P(
    Cases, BrokenMeanScales,
    ::testing::Values(
        BrokenMean{"unknown_method",
                   std::string("  method: median\n  min: 0\n  max: 4\n") + kMissing, "",
                   "method: median", "method is 'median'; allowed: sum, mean"},
        BrokenMean{"mean_without_decimals",
                   std::string("  method: mean\n  min: 0\n  max: 2\n") + kMissing, "",
                   "method: mean", "method mean needs 'decimals'"},
        BrokenMean{"decimals_with_sum",
                   std::string("  method: sum\n  decimals: 1\n  min: 0\n  max: 4\n") + kMissing, "",
                   "decimals: 1", "'decimals' applies to method mean only"},
        BrokenMean{"decimals_out_of_range",
                   std::string("  method: mean\n  decimals: 5\n  min: 0\n  max: 2\n") + kMissing,
                   "", "decimals: 5", "decimals is 5; allowed: 0 to 3"},
        BrokenMean{"mean_max_is_the_sum",
                   std::string("  method: mean\n  decimals: 2\n  min: 0\n  max: 4\n") + kMissing,
                   "", "max: 4",
                   "max is 4 but the items' highest answers (4 over 2 items) average 2"},
        BrokenMean{"unknown_score_subscale",
                   std::string("  method: mean\n  decimals: 2\n  subscale: nope\n  min: 0\n"
                               "  max: 2\n") +
                       kMissing,
                   "", "subscale: nope", "subscale 'nope' is not in 'subscales'"},
        BrokenMean{"subscale_unknown_method",
                   std::string("  method: sum\n  min: 0\n  max: 4\n") + kMissing,
                   "subscales:\n  - {id: a, label: first, method: avg}\n", "method: avg",
                   "method is 'avg'; allowed: sum, mean"},
        BrokenMean{"subscale_mean_without_decimals",
                   std::string("  method: sum\n  min: 0\n  max: 4\n") + kMissing,
                   "subscales:\n  - {id: a, label: first, method: mean}\n", "{id: a,",
                   "method mean needs 'decimals'"},
        BrokenMean{"subscale_unknown_field",
                   std::string("  method: sum\n  min: 0\n  max: 4\n") + kMissing,
                   "subscales:\n  - {id: a, label: first, rounding: 2}\n", "{id: a,",
                   "unknown field 'rounding'"},
        BrokenMean{"scoring_differs_from_its_subscale",
                   std::string("  method: mean\n  decimals: 2\n  subscale: a\n  min: 0\n"
                               "  max: 2\n") +
                       kMissing,
                   "subscales:\n  - {id: a, label: first, method: mean, decimals: 1}\n",
                   "subscale: a\n", "differs from subscale 'a'"},
        BrokenMean{"mean_missing_needs_prorate",
                   "  method: mean\n  decimals: 2\n  min: 0\n  max: 2\n"
                   "  missing: {max_missing: 1, action: reject, note: test}\n",
                   "", "max_missing: 1", "use action prorate"}),
    [](const ::testing::TestParamInfo<BrokenMean>& p) { return std::string(p.param.name); });

TEST(InstrumentLoader, MissingDirectoryIsNotFound) {
  auto r = LoadInstruments("/nonexistent/instruments");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("/nonexistent/instruments"), std::string::npos);
}

}  // namespace
}  // namespace pineal::kb
