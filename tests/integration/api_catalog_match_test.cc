// What a recorded condition or medicine matched in the catalogue, as the API
// returns it: the entry with its codes, or null with the closest entries.
#include <algorithm>

#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

bool HasCode(const json& codes, std::string_view system, std::string_view code) {
  return std::any_of(codes.begin(), codes.end(),
                     [&](const json& c) { return c["system"] == system && c["code"] == code; });
}

TEST_F(ApiTest, ARecordedConditionComesBackMatchedWithItsCodes) {
  Reply created = Post("/api/v1/patients",
                       {{"display_name", "Daniel R."},
                        {"conditions", {"opioid use disorder in remission", "fibromyalga"}}});
  ASSERT_EQ(created.status, 201) << created.raw;
  // The conditions are kept as written; the matches follow them in order.
  EXPECT_EQ(created.body["conditions"], (json{"opioid use disorder in remission", "fibromyalga"}));
  const json& matches = created.body["condition_matches"];
  ASSERT_EQ(matches.size(), 2u) << created.raw;

  const json& oud = matches[0];
  EXPECT_EQ(oud["text"], "opioid use disorder in remission");
  ASSERT_TRUE(oud["matched"].is_object()) << oud;
  EXPECT_EQ(oud["matched"]["id"], "opioid_use_disorder_in_remission");
  EXPECT_EQ(oud["matched"]["name"], "Opioid use disorder in remission");
  EXPECT_TRUE(HasCode(oud["matched"]["codes"], "icd10cm", "F11.21")) << oud;
  for (const json& c : oud["matched"]["codes"]) {
    if (c["code"] == "F11.21") {
      EXPECT_EQ(c["version"], "FY2026");
      EXPECT_EQ(c["display"], "Opioid dependence, in remission");
    }
  }
  EXPECT_EQ(oud["suggestions"], json::array());

  // Free text is kept but flagged: no match, the closest entries instead.
  const json& typo = matches[1];
  EXPECT_TRUE(typo["matched"].is_null()) << typo;
  ASSERT_FALSE(typo["suggestions"].empty()) << typo;
  EXPECT_EQ(typo["suggestions"][0]["id"], "fibromyalgia");
  EXPECT_EQ(typo["suggestions"][0]["name"], "Fibromyalgia");

  // The same on read and after a change.
  const std::string path = "/api/v1/patients/" + std::to_string(created.body["id"].get<int>());
  EXPECT_EQ(Get(path).body["condition_matches"], matches);
  Reply changed = Patch(path, {{"version", 1}, {"conditions", {"ME/CFS"}}});
  ASSERT_EQ(changed.status, 200) << changed.raw;
  ASSERT_EQ(changed.body["condition_matches"].size(), 1u);
  const json& cfs = changed.body["condition_matches"][0]["matched"];
  EXPECT_EQ(cfs["id"], "chronic_fatigue_syndrome");
  EXPECT_TRUE(HasCode(cfs["codes"], "icd10cm", "G93.32")) << cfs;
  EXPECT_TRUE(HasCode(cfs["codes"], "snomedct", "52702003")) << cfs;
}

TEST_F(ApiTest, AMisspeltSupplementComesBackUnmatchedWithSuggestions) {
  const std::string base = "/api/v1/patients/" + std::to_string(NewPatient());
  // "melatonn" is one letter short of an entry the catalogue holds.
  Reply typo = Post(base + "/medications", {{"name", "melatonn"}, {"category", "supplement"}});
  ASSERT_EQ(typo.status, 201) << typo.raw;
  EXPECT_EQ(typo.body["name"], "melatonn");  // free text stays allowed
  const json& miss = typo.body["catalog_match"];
  EXPECT_EQ(miss["text"], "melatonn");
  EXPECT_TRUE(miss["matched"].is_null()) << miss;
  ASSERT_FALSE(miss["suggestions"].empty()) << miss;
  EXPECT_EQ(miss["suggestions"][0]["id"], "melatonin");
  EXPECT_LE(miss["suggestions"].size(), 3u);

  Reply known = Post(base + "/medications", {{"name", "Luvox 50 mg"}, {"category", "medicine"}});
  ASSERT_EQ(known.status, 201) << known.raw;
  const json& hit = known.body["catalog_match"]["matched"];
  EXPECT_EQ(hit["id"], "fluvoxamine");
  EXPECT_TRUE(HasCode(hit["codes"], "urn:pineal:substance", "fluvoxamine")) << hit;
  EXPECT_EQ(known.body["catalog_match"]["suggestions"], json::array());

  // A therapy is recorded, not screened: nothing to match.
  Reply therapy = Post(base + "/medications", {{"name", "acupuncture"}, {"category", "therapy"}});
  ASSERT_EQ(therapy.status, 201) << therapy.raw;
  EXPECT_TRUE(therapy.body["catalog_match"].is_null());

  // Listing and correcting the name give the match again.
  Reply list = Get(base + "/medications");
  ASSERT_EQ(list.body["items"].size(), 3u);
  EXPECT_TRUE(list.body["items"][0]["catalog_match"]["matched"].is_null());
  Reply fixed = Patch(base + "/medications/" + std::to_string(typo.body["id"].get<int>()),
                      {{"name", "melatonin"}});
  ASSERT_EQ(fixed.status, 200) << fixed.raw;
  EXPECT_EQ(fixed.body["catalog_match"]["matched"]["id"], "melatonin");
}

}  // namespace
}  // namespace pineal::testing
