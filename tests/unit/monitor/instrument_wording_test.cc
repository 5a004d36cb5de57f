// The clinic's licensed item wording (pineal serve --instrument-wording FILE):
// merged into the items' wording; every mistake is named by file, line and
// key and leaves the catalog as it was; GET /api/v1/kb/instruments/{name}
// serves the text once merged, and null without it.
#include "pineal/kb/instrument_wording.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "instrument_test_support.h"
#include "pineal/app/knowledge.h"
#include "pineal/app/pineal_app.h"
#include "pineal/core/clock.h"
#include "pineal/http/api_routes.h"
#include "pineal/http/router.h"
#include "pineal/store/memory/memory_store.h"
#include "tests/support/temp_dir.h"

namespace pineal::kb {
namespace {

// A copy of the shipped catalog: a merge never touches the shared one.
InstrumentCatalog ShippedCopy() { return monitor::testing::ShippedInstruments(); }

const InstrumentItem& ItemOf(const InstrumentCatalog& c, const char* id, const char* item) {
  const InstrumentDef* def = c.Find(id);
  EXPECT_NE(def, nullptr) << id;
  const InstrumentItem* it = def->FindItem(item);
  EXPECT_NE(it, nullptr) << id << "." << item;
  return *it;
}

class WordingFile : public ::testing::Test {
 protected:
  // Writes `text` as wording.yaml and merges it into `catalog_`.
  Result<int> Merge(const std::string& text) {
    std::ofstream(path_) << text;
    return MergeInstrumentWording(path_, catalog_);
  }
  // The message must name "wording.yaml:LINE:", the key and the problem.
  void ExpectError(const Result<int>& r, int line, const std::string& key,
                   const std::string& problem) {
    ASSERT_FALSE(r.ok()) << "accepted";
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    const std::string& msg = r.status().message();
    EXPECT_NE(msg.find(path_ + ":" + std::to_string(line) + ":"), std::string::npos) << msg;
    EXPECT_NE(msg.find(key), std::string::npos) << msg;
    EXPECT_NE(msg.find(problem), std::string::npos) << msg;
  }

  pineal::testing::TempDir dir_;
  std::string path_ = dir_.File("wording.yaml");
  InstrumentCatalog catalog_ = ShippedCopy();
};

TEST_F(WordingFile, SetsTheWordingOfTheItemsItNames) {
  auto r = Merge(
      "instruments:\n"
      "  phq9:\n"
      "    item1: \"Clinic text for PHQ-9 item 1\"\n"
      "    item9: 'Clinic text for PHQ-9 item 9'\n"
      "  ess:\n"
      "    reading: Clinic text for ESS situation 1\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(*r, 3);
  EXPECT_EQ(ItemOf(catalog_, "phq9", "item1").wording, "Clinic text for PHQ-9 item 1");
  EXPECT_EQ(ItemOf(catalog_, "phq9", "item9").wording, "Clinic text for PHQ-9 item 9");
  EXPECT_EQ(ItemOf(catalog_, "ess", "reading").wording, "Clinic text for ESS situation 1");
  // Items not named keep no wording; so does the shared catalog.
  EXPECT_FALSE(ItemOf(catalog_, "phq9", "item2").wording.has_value());
  EXPECT_FALSE(ItemOf(monitor::testing::ShippedInstruments(), "phq9", "item1").wording.has_value());
}

TEST_F(WordingFile, UnknownInstrumentIsAnErrorAndNothingIsMerged) {
  auto r = Merge(
      "instruments:\n"
      "  phq9:\n"
      "    item1: \"Clinic text\"\n"
      "  phq10:\n"
      "    item1: \"Clinic text\"\n");
  ExpectError(r, 4, "instruments.phq10", "unknown instrument 'phq10'");
  EXPECT_FALSE(ItemOf(catalog_, "phq9", "item1").wording.has_value());
}

TEST_F(WordingFile, UnknownItemIsAnError) {
  auto r = Merge(
      "instruments:\n"
      "  phq9:\n"
      "    item1: \"Clinic text\"\n"
      "    item10: \"Clinic text\"\n");
  ExpectError(r, 4, "instruments.phq9.item10", "unknown item 'item10' of instrument 'phq9'");
  EXPECT_FALSE(ItemOf(catalog_, "phq9", "item1").wording.has_value());
}

TEST_F(WordingFile, EmptyTextIsAnError) {
  ExpectError(Merge("instruments:\n  phq9:\n    item1: \"\"\n"), 3, "instruments.phq9.item1",
              "the text is empty");
  ExpectError(Merge("instruments:\n  phq9:\n    item2: \"   \"\n"), 3, "instruments.phq9.item2",
              "the text is empty");
  ExpectError(Merge("instruments:\n  phq9:\n    item3:\n"), 3, "instruments.phq9.item3",
              "the text is empty");
}

TEST_F(WordingFile, OtherMistakesAreNamedToo) {
  ExpectError(Merge("instrument:\n  phq9:\n    item1: x\n"), 1, "instrument",
              "unknown key 'instrument' (allowed: instruments)");
  ExpectError(Merge("instruments:\n  phq9:\n    item1: [a, b]\n"), 3, "instruments.phq9.item1",
              "the text must be a string");
  ExpectError(Merge("instruments:\n  phq9:\n    item1: x\n    item1: y\n"), 4,
              "instruments.phq9.item1", "given twice");
  ExpectError(Merge("instruments:\n  phq9: text\n"), 2, "instruments.phq9",
              "expected a map of item id to verbatim text");
  auto syntax = Merge("instruments:\n  phq9: {item1: x\n");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find(path_ + ":"), std::string::npos);
  EXPECT_NE(syntax.status().message().find("YAML syntax error"), std::string::npos)
      << syntax.status().message();
}

TEST_F(WordingFile, AFileThatCannotBeReadIsAnError) {
  const std::string missing = dir_.File("nosuch.yaml");
  auto r = MergeInstrumentWording(missing, catalog_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find(missing), std::string::npos) << r.status().message();
  auto d = MergeInstrumentWording(dir_.File(""), catalog_);
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("is a directory"), std::string::npos);
}

// ------------------------------------------------------------------- the API

std::unique_ptr<app::LoadedKnowledge> SourceKnowledgeCopy() {
  auto k = app::LoadKnowledge(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
  EXPECT_TRUE(k.ok()) << k.status().ToString();
  return k.ok() ? std::move(*k) : nullptr;
}

// GET /api/v1/kb/instruments/phq9 through the API's routes (no socket).
nlohmann::json GetPhq9(const app::LoadedKnowledge& knowledge) {
  store::MemoryStore store;
  EXPECT_TRUE(store.Migrate().ok());
  SystemClock clock;
  app::PinealApp app(store, clock, knowledge.View());
  http::Router router;
  http::AddResponseRoutes(router, app.patients());
  http::HttpRequest req;
  req.method = "GET";
  req.path = "/api/v1/kb/instruments/phq9";
  const http::HttpResponse resp = router.Dispatch(req);
  EXPECT_EQ(resp.status, 200) << resp.body;
  return nlohmann::json::parse(resp.body, nullptr, false);
}

TEST(WordingApi, TheInstrumentServesTheClinicsWordingWhenGiven) {
  auto knowledge = SourceKnowledgeCopy();
  ASSERT_NE(knowledge, nullptr);
  pineal::testing::TempDir dir;
  const std::string path = dir.File("wording.yaml");
  std::ofstream(path) << "instruments:\n  phq9:\n    item1: \"Clinic text for item 1\"\n";
  auto merged = MergeInstrumentWording(path, knowledge->instruments);
  ASSERT_TRUE(merged.ok()) << merged.status().message();
  const auto j = GetPhq9(*knowledge);
  ASSERT_TRUE(j.is_object());
  ASSERT_EQ(j["items"].size(), 9u);
  EXPECT_EQ(j["items"][0]["id"], "item1");
  EXPECT_EQ(j["items"][0]["wording"], "Clinic text for item 1");
  EXPECT_TRUE(j["items"][1]["wording"].is_null());
}

TEST(WordingApi, WithoutTheFileTheWordingIsNull) {
  auto knowledge = SourceKnowledgeCopy();
  ASSERT_NE(knowledge, nullptr);
  const auto j = GetPhq9(*knowledge);
  ASSERT_TRUE(j.is_object());
  ASSERT_EQ(j["items"].size(), 9u);
  for (const auto& item : j["items"]) EXPECT_TRUE(item["wording"].is_null()) << item.dump();
}

}  // namespace
}  // namespace pineal::kb
