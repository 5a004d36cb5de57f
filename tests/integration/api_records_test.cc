// The JSON API's happy paths, end to end over HTTP.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

// Vital signs outside the knowledge base's plausible ranges are entry errors
// (knowledge/observation_limits.yaml), refused with the reason; abnormal but
// possible values are stored as they are.
TEST_F(ApiTest, AnImplausibleVitalSignIsRefusedWithItsReasonAndStoresNothing) {
  const std::string base = "/api/v1/patients/" + std::to_string(NewPatient());
  auto vital = [](const char* code, double value, const char* unit) {
    return json{{"kind", "vital"},
                {"code", code},
                {"value", value},
                {"unit", unit},
                {"observed_at", "2026-11-01T08:00:00Z"}};
  };
  Reply negative = Post(base + "/observations", vital("heart_rate", -5, "/min"));
  EXPECT_EQ(negative.status, 400) << negative.raw;
  EXPECT_EQ(negative.body["error"]["field"], "value");
  EXPECT_NE(negative.raw.find("600 beats a minute"), std::string::npos) << negative.raw;
  Reply huge = Post(base + "/observations", vital("8480-6", 900, "mm[Hg]"));
  EXPECT_EQ(huge.status, 400) << huge.raw;
  Reply unit = Post(base + "/observations", vital("temperature", 37, "F"));
  EXPECT_EQ(unit.status, 400) << unit.raw;
  EXPECT_EQ(unit.body["error"]["field"], "unit");
  EXPECT_NE(unit.raw.find("Cel, [degF]"), std::string::npos) << unit.raw;
  EXPECT_EQ(Get(base + "/observations").body["items"].size(), 0u);

  EXPECT_EQ(Post(base + "/observations", vital("heart_rate", 182, "/min")).status, 201);
  EXPECT_EQ(Post(base + "/observations", vital("body_temperature", 104.5, "[degF]")).status, 201);
  EXPECT_EQ(Post(base + "/observations", vital("respiratory_rate", 18, "/min")).status, 201);
}

TEST_F(ApiTest, HealthAnswersWithSecurityHeaders) {
  Reply r = Get("/api/v1/health");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body["status"], "ok");
  EXPECT_EQ(r.headers.find("X-Content-Type-Options")->second, "nosniff");
  EXPECT_NE(r.headers.find("Content-Security-Policy")->second.find("frame-ancestors 'none'"),
            std::string::npos);
  EXPECT_EQ(r.headers.find("Content-Type")->second, "application/json");
}

TEST_F(ApiTest, PatientIsCreatedReadUpdatedAndListed) {
  Reply created =
      Post("/api/v1/patients",
           {{"display_name", "Ada L."},
            {"birth_date", "1960-05-04"},
            {"sex", "female"},
            {"weight", {{"value", 64.5}, {"unit", "kg"}, {"measured_on", "2026-11-01"}}},
            {"pregnancy", "not_pregnant"},
            {"conditions", {"insomnia"}},
            {"smoker", true},
            {"time_zone", "Europe/Paris"},
            {"notes", "prefers mornings"}});
  ASSERT_EQ(created.status, 201) << created.raw;
  const int id = created.body["id"];
  EXPECT_EQ(created.body["weight"],
            (json{{"value", 64.5}, {"unit", "kg"}, {"measured_on", "2026-11-01"}}));
  EXPECT_EQ(created.body["smoker"], true);
  EXPECT_EQ(created.body["version"], 1);
  EXPECT_GE(created.body["age_years"].get<int>(), 66);

  const std::string path = "/api/v1/patients/" + std::to_string(id);
  EXPECT_EQ(Get(path).body, created.body);

  Reply updated =
      Patch(path, {{"version", 1}, {"display_name", "Ada Lovelace"}, {"weight", "63 kg"}});
  ASSERT_EQ(updated.status, 200) << updated.raw;
  EXPECT_EQ(updated.body["display_name"], "Ada Lovelace");
  EXPECT_EQ(updated.body["version"], 2);
  EXPECT_EQ(updated.body["weight"]["value"], 63.0);
  EXPECT_EQ(updated.body["notes"], "prefers mornings");  // untouched fields stay

  NewPatient("Bob M.");
  NewPatient("Adam K.");
  Reply search = Get("/api/v1/patients?q=ad&limit=1&offset=1");
  ASSERT_EQ(search.status, 200);
  EXPECT_EQ(search.body["total"], 2);
  ASSERT_EQ(search.body["items"].size(), 1u);
  EXPECT_EQ(search.body["items"][0]["display_name"], "Adam K.");
}

TEST_F(ApiTest, MedicationsAreAddedListedAndStopped) {
  const std::string base = "/api/v1/patients/" + std::to_string(NewPatient());
  Reply med =
      Post(base + "/medications", {{"name", "fluvoxamine"},
                                   {"code_system", "http://www.nlm.nih.gov/research/umls/rxnorm"},
                                   {"code", "42355"},
                                   {"dose", "100 mg"},
                                   {"schedule", "once daily"},
                                   {"start_date", "2026-10-01"},
                                   {"source", "prescribed"}});
  ASSERT_EQ(med.status, 201) << med.raw;
  Reply therapy = Post(base + "/medications", {{"name", "acupuncture"}, {"category", "therapy"}});
  ASSERT_EQ(therapy.status, 201) << therapy.raw;
  EXPECT_EQ(therapy.body["source"], "self_reported");
  EXPECT_TRUE(therapy.body["dose"].is_null());

  Reply stopped = Patch(base + "/medications/" + std::to_string(med.body["id"].get<int>()),
                        {{"stop_date", "2026-11-15"}});
  ASSERT_EQ(stopped.status, 200) << stopped.raw;
  EXPECT_EQ(stopped.body["stop_date"], "2026-11-15");
  EXPECT_EQ(stopped.body["dose"], (json{{"value", 100.0}, {"unit", "mg"}}));
  EXPECT_EQ(Get(base + "/medications").body["items"].size(), 2u);
}

TEST_F(ApiTest, RegimensAreVersionedAndStoppedNeverEdited) {
  clock_.Set(*ParseInstant("2026-11-12T09:00:00Z"));
  const std::string base = "/api/v1/patients/" + std::to_string(NewPatient());
  Reply r = Post(base + "/regimens", {{"substance", "melatonin"},
                                      {"formulation", "ir"},
                                      {"dose", "0.5 mg"},
                                      {"times_of_day", {"21:00"}},
                                      {"frequency", "daily"},
                                      {"indication", "delayed sleep phase"},
                                      {"start_date", "2026-11-01"},
                                      {"titration", {{{"after_days", 7}, {"dose", "1 mg"}}}}});
  ASSERT_EQ(r.status, 201) << r.raw;
  EXPECT_EQ(r.body["current_version"], 1);
  const std::string path = base + "/regimens/" + std::to_string(r.body["id"].get<int>());

  // A version dated before today needs a reason (a documented backdating).
  Reply backdated = Post(path + "/versions",
                         {{"base_version", 1}, {"dose", "1 mg"}, {"start_date", "2026-11-05"}});
  EXPECT_EQ(backdated.status, 400) << backdated.raw;
  EXPECT_EQ(backdated.body["error"]["field"], "reason") << backdated.raw;
  Reply v2 = Post(path + "/versions",
                  {{"base_version", 1}, {"dose", "1 mg"}, {"reason", "no effect after a week"}});
  ASSERT_EQ(v2.status, 201) << v2.raw;
  EXPECT_EQ(v2.body["current_version"], 2);
  EXPECT_EQ(v2.body["current"]["dose"]["value"], 1.0);
  EXPECT_EQ(v2.body["current"]["times_of_day"], json({"21:00"}));  // kept from version 1
  EXPECT_EQ(v2.body["versions"][0]["dose"]["value"], 0.5);         // version 1 unchanged
  // Without a start date the new version starts the day it is saved; version 1
  // keeps its own start (nothing is backdated).
  EXPECT_EQ(v2.body["current"]["start_date"], "2026-11-12");
  EXPECT_EQ(v2.body["versions"][0]["start_date"], "2026-11-01");

  Reply stopped =
      Post(path + "/stop",
           {{"base_version", 2}, {"end_date", "2026-11-20"}, {"reason", "sleep onset normalised"}});
  ASSERT_EQ(stopped.status, 200) << stopped.raw;
  EXPECT_EQ(stopped.body["status"], "stopped");
  EXPECT_EQ(stopped.body["versions"].size(), 3u);
  EXPECT_EQ(Get(path).body, stopped.body);
}

TEST_F(ApiTest, DoseEventsAreCorrectedByNewEntries) {
  const int id = NewPatient();
  const std::string base = "/api/v1/patients/" + std::to_string(id);
  Reply reg = Post(base + "/regimens", {{"substance", "melatonin"},
                                        {"formulation", "ir"},
                                        {"dose", "3 mg"},
                                        {"times_of_day", {"22:00"}},
                                        {"start_date", "2026-11-01"}});
  ASSERT_EQ(reg.status, 201);
  Reply taken = Post(base + "/dose-events", {{"regimen_id", reg.body["id"]},
                                             {"planned_at", "2026-11-10T21:00:00Z"},
                                             {"taken_at", "2026-11-10T21:20:00Z"},
                                             {"amount", "3 mg"},
                                             {"status", "taken"}});
  ASSERT_EQ(taken.status, 201) << taken.raw;
  EXPECT_EQ(taken.body["substance"], "melatonin");  // from the regimen
  Reply skipped = Post(base + "/dose-events", {{"substance", "melatonin"},
                                               {"planned_at", "2026-11-11T21:00:00Z"},
                                               {"status", "skipped"},
                                               {"note", "travelling"}});
  ASSERT_EQ(skipped.status, 201) << skipped.raw;
  Reply fix = Post(base + "/dose-events", {{"substance", "melatonin"},
                                           {"planned_at", "2026-11-10T21:00:00Z"},
                                           {"taken_at", "2026-11-10T21:20:00+01:00"},
                                           {"amount", {{"value", 1500}, {"unit", "ug"}}},
                                           {"status", "taken"},
                                           {"corrects", taken.body["id"]}});
  ASSERT_EQ(fix.status, 201) << fix.raw;
  EXPECT_EQ(fix.body["taken_at"], "2026-11-10T20:20:00Z");

  Reply latest = Get(base + "/dose-events");
  ASSERT_EQ(latest.body["items"].size(), 2u);
  EXPECT_EQ(latest.body["items"][0]["id"], fix.body["id"]);
  EXPECT_EQ(latest.body["items"][0]["amount"], (json{{"value", 1500.0}, {"unit", "ug"}}));
  EXPECT_EQ(Get(base + "/dose-events?with_superseded=true").body["items"].size(), 3u);
  Reply ranged = Get(base + "/dose-events?from=2026-11-11T00:00:00Z&to=2026-11-12T00:00:00Z");
  ASSERT_EQ(ranged.body["items"].size(), 1u);
  EXPECT_EQ(ranged.body["items"][0]["status"], "skipped");
}

// A mistaken tap undone: an entry "entered_in_error" withdraws the one it
// corrects, so the dose counts as missed, not taken; it must name the entry
// and carry no dose.
TEST_F(ApiTest, AnEntryMadeInErrorIsWithdrawnByACorrection) {
  clock_.Set(*ParseInstant("2026-11-12T12:00:00Z"));
  const int id = NewPatient();  // Europe/Paris: 22:00 is 21:00Z in November
  const std::string base = "/api/v1/patients/" + std::to_string(id);
  Reply reg = Post(base + "/regimens", {{"substance", "melatonin"},
                                        {"formulation", "ir"},
                                        {"dose", "3 mg"},
                                        {"times_of_day", {"22:00"}},
                                        {"start_date", "2026-11-10"}});
  ASSERT_EQ(reg.status, 201) << reg.raw;
  Reply taken = Post(base + "/dose-events", {{"regimen_id", reg.body["id"]},
                                             {"planned_at", "2026-11-10T21:00:00Z"},
                                             {"taken_at", "2026-11-10T21:00:00Z"},
                                             {"amount", "3 mg"},
                                             {"status", "taken"}});
  ASSERT_EQ(taken.status, 201) << taken.raw;
  Reply no_target = Post(base + "/dose-events", {{"regimen_id", reg.body["id"]},
                                                 {"planned_at", "2026-11-10T21:00:00Z"},
                                                 {"status", "entered_in_error"}});
  EXPECT_EQ(no_target.status, 400);
  EXPECT_EQ(no_target.body["error"]["field"], "corrects");
  Reply with_dose = Post(base + "/dose-events", {{"regimen_id", reg.body["id"]},
                                                 {"planned_at", "2026-11-10T21:00:00Z"},
                                                 {"amount", "3 mg"},
                                                 {"status", "entered_in_error"},
                                                 {"corrects", taken.body["id"]}});
  EXPECT_EQ(with_dose.status, 400);
  EXPECT_EQ(with_dose.body["error"]["field"], "amount");
  Reply withdrawn = Post(base + "/dose-events", {{"regimen_id", reg.body["id"]},
                                                 {"planned_at", "2026-11-10T21:00:00Z"},
                                                 {"status", "entered_in_error"},
                                                 {"corrects", taken.body["id"]}});
  ASSERT_EQ(withdrawn.status, 201) << withdrawn.raw;
  Reply list = Get(base + "/dose-events");
  ASSERT_EQ(list.body["items"].size(), 1u) << list.raw;
  EXPECT_EQ(list.body["items"][0]["status"], "entered_in_error");
  // 10 and 11 November planned one dose each; neither was taken.
  Reply adherence = Get(base + "/adherence?from=2026-11-10T00:00:00Z&to=2026-11-12T00:00:00Z");
  ASSERT_EQ(adherence.status, 200) << adherence.raw;
  EXPECT_EQ(adherence.body["total"]["planned"], 2);
  EXPECT_EQ(adherence.body["total"]["taken"], 0);
  EXPECT_EQ(adherence.body["total"]["missed"], 2);
  EXPECT_EQ(adherence.body["total"]["extra"], 0);
  // A withdrawn entry is itself corrected only by a new entry for the dose.
  Reply again = Post(base + "/dose-events", {{"regimen_id", reg.body["id"]},
                                             {"planned_at", "2026-11-10T21:00:00Z"},
                                             {"taken_at", "2026-11-10T21:30:00Z"},
                                             {"amount", "3 mg"},
                                             {"status", "taken"},
                                             {"corrects", withdrawn.body["id"]}});
  ASSERT_EQ(again.status, 201) << again.raw;
  EXPECT_EQ(Get(base + "/adherence?from=2026-11-10T00:00:00Z&to=2026-11-12T00:00:00Z")
                .body["total"]["taken"],
            1);
}

TEST_F(ApiTest, ObservationsAndTimelineInTimeOrder) {
  const int id = NewPatient();
  const std::string base = "/api/v1/patients/" + std::to_string(id);
  ASSERT_EQ(Post(base + "/observations", {{"kind", "instrument"},
                                          {"code", "ISI"},
                                          {"value", 18},
                                          {"unit", "{score}"},
                                          {"observed_at", "2026-11-02T08:00:00Z"}})
                .status,
            201);
  ASSERT_EQ(Post(base + "/observations", {{"kind", "vital"},
                                          {"code", "heart_rate"},
                                          {"value", 64},
                                          {"unit", "/min"},
                                          {"observed_at", "2026-11-01T08:00:00Z"}})
                .status,
            201);
  ASSERT_EQ(Post(base + "/dose-events", {{"substance", "melatonin"},
                                         {"taken_at", "2026-11-01T21:00:00Z"},
                                         {"amount", "0.5 mg"},
                                         {"status", "extra"}})
                .status,
            201);
  ASSERT_EQ(
      Post(base + "/medications", {{"name", "nifedipine"}, {"start_date", "2026-10-20"}}).status,
      201);

  Reply all = Get(base + "/timeline");
  ASSERT_EQ(all.status, 200) << all.raw;
  std::vector<std::string> kinds;
  std::string previous;
  for (const auto& e : all.body["items"]) {
    kinds.push_back(e["kind"]);
    EXPECT_LE(previous, e["at"].get<std::string>());
    previous = e["at"];
  }
  EXPECT_EQ(kinds,
            (std::vector<std::string>{"medication", "observation", "dose_event", "observation"}));
  // The medication starts at local midnight in Paris (UTC+2 in October).
  EXPECT_EQ(all.body["items"][0]["at"], "2026-10-19T22:00:00Z");

  Reply only_obs = Get(base + "/timeline?kinds=observation&from=2026-11-02T00:00:00Z");
  ASSERT_EQ(only_obs.body["items"].size(), 1u);
  EXPECT_EQ(only_obs.body["items"][0]["record"]["code"], "ISI");
}

}  // namespace
}  // namespace pineal::testing
