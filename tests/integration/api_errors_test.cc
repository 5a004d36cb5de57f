// Every error status of the API, and that a failed request changes nothing.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

class ApiErrorTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    patient_ = NewPatient();
    base_ = "/api/v1/patients/" + std::to_string(patient_);
    Reply reg = Post(base_ + "/regimens", {{"substance", "melatonin"},
                                           {"formulation", "ir"},
                                           {"dose", "3 mg"},
                                           {"times_of_day", {"22:00"}},
                                           {"start_date", "2026-11-01"}});
    ASSERT_EQ(reg.status, 201);
    regimen_ = base_ + "/regimens/" + std::to_string(reg.body["id"].get<int>());
    Reply dose = Post(base_ + "/dose-events", {{"substance", "melatonin"},
                                               {"taken_at", "2026-11-10T21:00:00Z"},
                                               {"amount", "3 mg"},
                                               {"status", "taken"}});
    ASSERT_EQ(dose.status, 201);
    dose_id_ = dose.body["id"];
    before_ = Snapshot();
  }

  // Sends a request that must fail with `status` and an error body naming
  // `field` (if given), then checks that no record changed.
  void ExpectRejected(const std::string& method, const std::string& path, const std::string& body,
                      int status, const std::string& field = {},
                      const std::string& type = "application/json") {
    SCOPED_TRACE(method + " " + path + " " + body.substr(0, 200));
    Reply r = Send(method, path, body, type);
    EXPECT_EQ(r.status, status) << r.raw;
    ASSERT_TRUE(r.body.is_object()) << r.raw;
    ASSERT_TRUE(r.body.contains("error")) << r.raw;
    EXPECT_TRUE(r.body["error"]["code"].is_string());
    EXPECT_FALSE(r.body["error"]["message"].get<std::string>().empty());
    if (!field.empty()) {
      EXPECT_EQ(r.body["error"].value("field", ""), field) << r.raw;
    }
    EXPECT_EQ(Snapshot(), before_) << "a failed request changed the data";
  }

  int patient_ = 0;
  int dose_id_ = 0;
  std::string base_, regimen_;
  json before_;
};

TEST_F(ApiErrorTest, BadJsonIs400) {
  ExpectRejected("POST", "/api/v1/patients", "{\"display_name\": ", 400);
  ExpectRejected("POST", "/api/v1/patients", "[1, 2]", 400);
  ExpectRejected("POST", "/api/v1/patients", "", 400);
  ExpectRejected("POST", "/api/v1/patients", std::string(100, '[') + std::string(100, ']'), 400);
}

TEST_F(ApiErrorTest, MissingFieldsAre400WithTheField) {
  ExpectRejected("POST", "/api/v1/patients", "{}", 400, "display_name");
  ExpectRejected("POST", base_ + "/regimens", json{{"substance", "melatonin"}}.dump(), 400,
                 "formulation");
  ExpectRejected("POST", base_ + "/dose-events", json{{"substance", "melatonin"}}.dump(), 400,
                 "status");
  ExpectRejected("POST", base_ + "/observations", json{{"kind", "vital"}}.dump(), 400,
                 "observed_at");
  ExpectRejected("POST", regimen_ + "/versions", json{{"dose", "4 mg"}}.dump(), 400,
                 "base_version");
}

TEST_F(ApiErrorTest, WrongTypesAre400WithTheField) {
  ExpectRejected("POST", "/api/v1/patients", json{{"display_name", 42}}.dump(), 400,
                 "display_name");
  ExpectRejected("POST", "/api/v1/patients", json{{"display_name", "x"}, {"smoker", "yes"}}.dump(),
                 400, "smoker");
  ExpectRejected("POST", "/api/v1/patients",
                 json{{"display_name", "x"}, {"conditions", "insomnia"}}.dump(), 400, "conditions");
  ExpectRejected("POST", base_ + "/observations",
                 json{{"kind", "vital"},
                      {"code", "hr"},
                      {"value", "high"},
                      {"observed_at", "2026-11-01T08:00:00Z"}}
                     .dump(),
                 400, "value");
  ExpectRejected("POST", base_ + "/dose-events",
                 json{{"substance", "melatonin"},
                      {"status", "taken"},
                      {"amount", 3},
                      {"taken_at", "2026-11-01T08:00:00Z"}}
                     .dump(),
                 400, "amount");
}

TEST_F(ApiErrorTest, BadValuesAre400WithTheField) {
  ExpectRejected("POST", "/api/v1/patients",
                 json{{"display_name", "x"}, {"unknown_field", 1}}.dump(), 400, "unknown_field");
  ExpectRejected("POST", "/api/v1/patients", json{{"display_name", "x"}, {"sex", "F"}}.dump(), 400,
                 "sex");
  ExpectRejected("POST", "/api/v1/patients",
                 json{{"display_name", "x"}, {"birth_date", "2026-02-30"}}.dump(), 400,
                 "birth_date");
  ExpectRejected("POST", "/api/v1/patients",
                 json{{"display_name", "x"}, {"birth_date", "2999-01-01"}}.dump(), 400,
                 "birth_date");
  ExpectRejected("POST", "/api/v1/patients",
                 json{{"display_name", "x"}, {"time_zone", "Moon/Base"}}.dump(), 400, "time_zone");
  ExpectRejected("POST", "/api/v1/patients",
                 json{{"display_name", "x"}, {"weight", "10 mg"}}.dump(), 400, "weight");
  for (const char* dose : {"-3 mg", "3 mgg", "", "1e400 mg", "10 kg"}) {
    ExpectRejected("POST", base_ + "/regimens",
                   json{{"substance", "melatonin"},
                        {"formulation", "ir"},
                        {"dose", dose},
                        {"times_of_day", {"22:00"}},
                        {"start_date", "2026-11-01"}}
                       .dump(),
                   400, "dose");
  }
  ExpectRejected("POST", base_ + "/regimens",
                 json{{"substance", "melatonin"},
                      {"formulation", "ir"},
                      {"dose", "3 mg"},
                      {"times_of_day", {"25:00"}},
                      {"start_date", "2026-11-01"}}
                     .dump(),
                 400, "times_of_day[0]");
  ExpectRejected("POST", base_ + "/dose-events",
                 json{{"substance", "melatonin"},
                      {"status", "taken"},
                      {"amount", "3 mg"},
                      {"taken_at", "2026-11-01 08:00"}}
                     .dump(),
                 400, "taken_at");
  ExpectRejected("POST", base_ + "/dose-events",
                 json{{"substance", "melatonin"},
                      {"status", "taken"},
                      {"amount", "3 mg"},
                      {"taken_at", "2099-11-01T08:00:00Z"}}
                     .dump(),
                 400, "taken_at");
  ExpectRejected("POST", base_ + "/dose-events",
                 json{{"regimen_id", 999},
                      {"status", "taken"},
                      {"amount", "3 mg"},
                      {"taken_at", "2026-11-01T08:00:00Z"}}
                     .dump(),
                 400, "regimen_id");
  ExpectRejected("GET", base_ + "/timeline?kinds=regimen,bogus", "", 400, "kinds");
  ExpectRejected("GET", base_ + "/dose-events?from=yesterday", "", 400, "from");
  ExpectRejected("GET", "/api/v1/patients?limit=0", "", 400, "limit");
  ExpectRejected("GET", "/api/v1/patients?limit=ten", "", 400, "limit");
}

TEST_F(ApiErrorTest, UnknownRecordsAndRoutesAre404) {
  ExpectRejected("GET", "/api/v1/patients/9999", "", 404);
  ExpectRejected("GET", "/api/v1/patients/abc", "", 404);
  ExpectRejected("GET", "/api/v1/patients/-1", "", 404);
  ExpectRejected("GET", base_ + "/regimens/9999", "", 404);
  ExpectRejected(
      "POST", "/api/v1/patients/9999/observations",
      json{{"kind", "note"}, {"text", "x"}, {"observed_at", "2026-11-01T08:00:00Z"}}.dump(), 404);
  ExpectRejected("GET", "/api/v1/nothing-here", "", 404);
  // Another patient's regimen is not found through this patient.
  const int other = NewPatient("Other");
  before_ = Snapshot();
  ExpectRejected("GET", "/api/v1/patients/" + std::to_string(other) + regimen_.substr(base_.size()),
                 "", 404);
}

TEST_F(ApiErrorTest, WrongMethodIs405) {
  Reply r = Send("DELETE", base_);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.body["error"]["code"], "method_not_allowed");
  EXPECT_EQ(Snapshot(), before_);
}

TEST_F(ApiErrorTest, ConflictsAre409) {
  ExpectRejected("PATCH", base_, json{{"version", 7}, {"notes", "x"}}.dump(), 409, "version");
  ExpectRejected("POST", regimen_ + "/versions", json{{"base_version", 0}, {"dose", "4 mg"}}.dump(),
                 409, "base_version");
  json fix = {{"substance", "melatonin"},
              {"taken_at", "2026-11-10T21:05:00Z"},
              {"amount", "3 mg"},
              {"status", "taken"},
              {"corrects", dose_id_}};
  ASSERT_EQ(Post(base_ + "/dose-events", fix).status, 201);
  before_ = Snapshot();
  ExpectRejected("POST", base_ + "/dose-events", fix.dump(), 409, "corrects");
  ASSERT_EQ(Post(regimen_ + "/stop", {{"base_version", 1}, {"reason", "done"}}).status, 200);
  before_ = Snapshot();
  ExpectRejected("POST", regimen_ + "/stop", json{{"base_version", 2}, {"reason", "again"}}.dump(),
                 409);
}

TEST_F(ApiErrorTest, HugeBodyIs413) {
  std::string huge = json{{"display_name", std::string(2 << 20, 'x')}}.dump();
  ExpectRejected("POST", "/api/v1/patients", huge, 413);
}

TEST_F(ApiErrorTest, NonJsonBodyIs415) {
  ExpectRejected("POST", "/api/v1/patients", "display_name=x", 415, "",
                 "application/x-www-form-urlencoded");
  ExpectRejected("POST", "/api/v1/patients", "{\"display_name\": \"x\"}", 415, "", "text/plain");
}

TEST_F(ApiErrorTest, ScriptAndSqlTextIsStoredVerbatim) {
  const std::string nasty = "Robert'); DROP TABLE patients;-- <script>alert(1)</script>";
  Reply r = Post("/api/v1/patients", {{"display_name", nasty}});
  ASSERT_EQ(r.status, 201);
  EXPECT_EQ(Get("/api/v1/patients/" + std::to_string(r.body["id"].get<int>())).body["display_name"],
            nasty);
  EXPECT_EQ(Get("/api/v1/patients?q=DROP").body["total"], 1);
}

}  // namespace
}  // namespace pineal::testing
