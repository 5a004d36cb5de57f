// Circadian timing through the API: jet-lag and shift plans (stateless and
// kept in a patient's record) and the model's phase-response curves.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

json NewYorkToParis() {
  return {{"from", "America/New_York"},
          {"to", "Europe/Paris"},
          {"depart", "2026-12-01 18:00"},
          {"arrive", "2026-12-02 07:15"},
          {"sleep", "23:00-07:00"},
          {"pre_days", 3},
          {"days", 6}};
}

int Minutes(const std::string& hhmm) {
  return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2));
}

// The local clock ("HH:MM") of a {"utc", "local"} time in the plan.
std::string LocalClock(const json& when) {
  const std::string local = when["local"];
  return local.substr(local.size() - 5);
}

// What a sleep physician expects for an eastward flight of 6 zones
// (circadian.md §7; Eastman & Burgess 2009, Sleep Med Clin 4:241): advance
// before departure (earlier bedtimes at home), melatonin in the evening at
// the destination, light in the morning, and fewer days of jet lag than
// doing nothing.
TEST_F(ApiTest, AnEastwardTripIsPlannedAsASleepPhysicianWould) {
  Reply r = Post("/api/v1/plans/jetlag", NewYorkToParis());
  ASSERT_EQ(r.status, 200) << r.raw;
  const json& p = r.body;
  EXPECT_EQ(p["strategy"]["direction"], "advance");
  EXPECT_DOUBLE_EQ(p["zone_shift_h"].get<double>(), 6.0);
  ASSERT_TRUE(p["days_to_reentrain"]["with_plan"].is_number());
  ASSERT_TRUE(p["days_to_reentrain"]["without_plan"].is_number());
  EXPECT_LT(p["days_to_reentrain"]["with_plan"].get<int>(),
            p["days_to_reentrain"]["without_plan"].get<int>());
  int earlier_bedtimes = 0, evening_melatonin_at_destination = 0, morning_light = 0;
  for (const json& d : p["days"]) {
    const int day = d["day"];
    if (day < 0 && d.contains("sleep") && Minutes(LocalClock(d["sleep"]["start"])) < 23 * 60 &&
        Minutes(LocalClock(d["sleep"]["start"])) > 12 * 60) {
      ++earlier_bedtimes;
    }
    if (day >= 0 && d["zone"] == "Europe/Paris" && d.contains("melatonin")) {
      const int at = Minutes(LocalClock(d["melatonin"]["time"]));
      EXPECT_GE(at, 16 * 60) << d.dump();
      EXPECT_LE(at, 23 * 60 + 59) << d.dump();
      ++evening_melatonin_at_destination;
    }
    for (const json& s : d["seek_light"]) {
      if (Minutes(LocalClock(s["start"])) < 12 * 60) ++morning_light;
    }
  }
  EXPECT_GE(earlier_bedtimes, 1);
  EXPECT_GE(evening_melatonin_at_destination, 1);
  EXPECT_GE(morning_light, 1);

  Reply svg = Send("POST", "/api/v1/plans/jetlag?format=svg", NewYorkToParis().dump());
  ASSERT_EQ(svg.status, 200);
  EXPECT_EQ(svg.headers.find("Content-Type")->second, "image/svg+xml");
  Reply ics = Send("POST", "/api/v1/plans/jetlag?format=ics", NewYorkToParis().dump());
  ASSERT_EQ(ics.status, 200);
  EXPECT_EQ(ics.raw.rfind("BEGIN:VCALENDAR", 0), 0u);
}

TEST_F(ApiTest, BadTripsAreRefusedWithTheField) {
  struct Case {
    const char* key;
    json value;
  };
  const Case cases[] = {{"from", "Mars/Olympus"}, {"to", ""},
                        {"depart", "tomorrow"},   {"arrive", "2026-11-30 07:00"},
                        {"sleep", "23:00"},       {"doses", "3 mg,50 mg"},
                        {"model", "nobody2000"},  {"days", 0},
                        {"pre_days", 30},         {"bright_lux", -5}};
  for (const auto& c : cases) {
    json body = NewYorkToParis();
    body[c.key] = c.value;
    Reply r = Post("/api/v1/plans/jetlag", body);
    EXPECT_EQ(r.status, 400) << c.key << ": " << r.raw;
    EXPECT_EQ(r.body["error"]["field"], c.key) << r.raw;
  }
  json missing = NewYorkToParis();
  missing.erase("depart");
  EXPECT_EQ(Post("/api/v1/plans/jetlag", missing).body["error"]["field"], "depart");
  json unknown = NewYorkToParis();
  unknown["colour"] = "red";
  EXPECT_EQ(Post("/api/v1/plans/jetlag", unknown).body["error"]["field"], "colour");
  EXPECT_EQ(Send("POST", "/api/v1/plans/jetlag?format=pdf", NewYorkToParis().dump()).status, 400);
}

TEST_F(ApiTest, AShiftRotaIsPlanned) {
  const json body = {{"zone", "Europe/London"},
                     {"rota",
                      "2026-12-01,22:00-06:00\n2026-12-02,22:00-06:00\n"
                      "2026-12-03,22:00-06:00\n2026-12-04,off\n2026-12-05,off\n"}};
  Reply r = Post("/api/v1/plans/shift", body);
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["zone"], "Europe/London");
  EXPECT_EQ(r.body["days"].size(), 5u);
  EXPECT_LE(r.body["misaligned_days"]["with_plan"].get<int>(),
            r.body["misaligned_days"]["without_plan"].get<int>());
  Reply bad = Post("/api/v1/plans/shift", {{"zone", "Europe/London"}, {"rota", "Monday,nights"}});
  EXPECT_EQ(bad.status, 400) << bad.raw;
  EXPECT_EQ(bad.body["error"]["field"], "rota");
}

// Burgess et al. 2008 (J Physiol 586:639; circadian.md §5): with 3 mg the
// largest advance comes from a dose in the afternoon, several hours before
// DLMO, and the largest delay from a dose around or after waking.
TEST_F(ApiTest, TheMelatoninPrcIsServed) {
  Reply r = Get("/api/v1/circadian/prc?dose=3%20mg&step=1");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.body["stimulus_relative_to"], "baseline DLMO");
  EXPECT_GT(r.body["max_advance"]["shift_h"].get<double>(), 0.0);
  const double advance_at = r.body["max_advance"]["stimulus_h"];
  EXPECT_GE(advance_at, -8.0);
  EXPECT_LE(advance_at, -2.0);
  EXPECT_LT(r.body["max_delay"]["shift_h"].get<double>(), 0.0);
  EXPECT_EQ(r.body["points"].size(), 25u);  // -12 .. +12 h
  Reply light = Get("/api/v1/circadian/prc?light=true");
  ASSERT_EQ(light.status, 200) << light.raw;
  EXPECT_EQ(light.body["stimulus_relative_to"], "CBTmin");
  EXPECT_EQ(Get("/api/v1/circadian/prc?light=true&dose=3%20mg").status, 400);
  EXPECT_EQ(Get("/api/v1/circadian/prc").status, 400);
  EXPECT_EQ(Get("/api/v1/circadian/prc?dose=3%20mg&step=x").body["error"]["field"], "step");
  EXPECT_EQ(Get("/api/v1/circadian/prc?dose=30%20mg").status, 400);
}

TEST_F(ApiTest, APlanIsKeptInThePatientsRecordUnchanged) {
  const std::int64_t id = NewPatient();  // lives in Europe/Paris
  const std::string base = "/api/v1/patients/" + std::to_string(id);
  json trip = NewYorkToParis();
  trip.erase("from");
  trip["to"] = "America/New_York";
  trip["depart"] = "2026-12-01 10:00";
  trip["arrive"] = "2026-12-01 12:30";
  trip["title"] = "Conference in New York";
  Reply saved = Post(base + "/plans/jetlag", trip);
  ASSERT_EQ(saved.status, 201) << saved.raw;
  EXPECT_EQ(saved.body["title"], "Conference in New York");
  EXPECT_EQ(saved.body["request"]["from"], "Europe/Paris");         // the patient's zone
  EXPECT_EQ(saved.body["plan"]["strategy"]["direction"], "delay");  // westward
  EXPECT_EQ(saved.body["created_by"], "dr.test");

  Reply list = Get(base + "/plans");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0]["plan"], saved.body["plan"]);
  const std::string one = base + "/plans/" + std::to_string(saved.body["id"].get<int>());
  EXPECT_EQ(Get(one).body["plan"], saved.body["plan"]);
  Reply svg = Get(one + "?format=svg");
  ASSERT_EQ(svg.status, 200);
  EXPECT_NE(svg.raw.find("<svg"), std::string::npos);

  // A bad request stores nothing.
  trip["arrive"] = "yesterday";
  EXPECT_EQ(Post(base + "/plans/jetlag", trip).status, 400);
  EXPECT_EQ(Get(base + "/plans").body["items"].size(), 1u);
  EXPECT_EQ(Get(base + "/plans/999").status, 404);
}

}  // namespace
}  // namespace pineal::testing
