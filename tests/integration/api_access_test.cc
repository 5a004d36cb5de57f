// Accounts, sessions and access: who may see and change which patient.
#include <set>

#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

// A clinic with two patients in different care teams, a patient account for
// each, an outsider clinician and an admin.
class AccessTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    own_ = NewPatient("Own P.");
    other_ = NewPatient("Other P.");
    base_ = "/api/v1/patients/" + std::to_string(own_);
    other_base_ = "/api/v1/patients/" + std::to_string(other_);
    Reply reg = Post(other_base_ + "/regimens", {{"substance", "melatonin"},
                                                 {"formulation", "ir"},
                                                 {"dose", "3 mg"},
                                                 {"times_of_day", {"22:00"}},
                                                 {"start_date", "2026-11-01"}});
    ASSERT_EQ(reg.status, 201);
    other_regimen_ = std::to_string(reg.body["id"].get<int>());
    patient_token_ = TokenFor("own.patient", store::UserRole::kPatient, PatientId(own_));
    outsider_token_ = TokenFor("dr.outside", store::UserRole::kClinician);
    admin_token_ = TokenFor("admin.test", store::UserRole::kAdmin);
  }

  Reply As(const std::string& token, const std::string& method, const std::string& path,
           const json& body = json::object()) {
    if (token.empty()) {
      client_->set_bearer_token_auth("");
      client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    } else {
      client_->set_bearer_token_auth(token);
    }
    Reply r = Send(method, path, method == "GET" || method == "DELETE" ? "" : body.dump());
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_bearer_token_auth(token_);
    return r;
  }

  // Every patient-scoped route, with a body that would be valid.
  std::vector<std::tuple<std::string, std::string, json>> PatientRoutes(const std::string& b,
                                                                        const std::string& rid) {
    json dose = {{"substance", "melatonin"},
                 {"taken_at", "2026-11-10T21:00:00Z"},
                 {"amount", "3 mg"},
                 {"status", "taken"}};
    json obs = {{"kind", "note"}, {"text", "slept well"}, {"observed_at", "2026-11-10T08:00:00Z"}};
    json regimen = {{"substance", "melatonin"},
                    {"formulation", "ir"},
                    {"dose", "1 mg"},
                    {"times_of_day", {"21:00"}},
                    {"start_date", "2026-11-01"}};
    return {{"GET", b, {}},
            {"PATCH", b, {{"version", 1}, {"notes", "x"}}},
            {"GET", b + "/timeline", {}},
            {"GET", b + "/medications", {}},
            {"POST", b + "/medications", {{"name", "caffeine"}}},
            {"PATCH", b + "/medications/1", {{"note", "x"}}},
            {"GET", b + "/regimens", {}},
            {"POST", b + "/regimens", regimen},
            {"GET", b + "/regimens/" + rid, {}},
            {"POST", b + "/regimens/" + rid + "/versions", {{"base_version", 1}, {"dose", "2 mg"}}},
            {"POST", b + "/regimens/" + rid + "/stop", {{"base_version", 1}, {"reason", "done"}}},
            {"POST",
             b + "/regimens/" + rid + "/cosign",
             {{"base_version", 1}, {"reason", "second signature"}}},
            {"GET", b + "/dose-events", {}},
            {"POST", b + "/dose-events", dose},
            {"GET", b + "/observations", {}},
            {"POST", b + "/observations", obs},
            {"POST", b + "/care-team", {{"username", "dr.outside"}}},
            {"POST",
             b + "/responses",
             {{"instrument", "PHQ-9"},
              {"observed_at", "2026-11-10T08:00:00Z"},
              {"answers", {0, 0, 0, 0, 0, 0, 0, 0, 1}}}},
            {"GET", b + "/alerts", {}},
            {"POST", b + "/alerts/1/status", {{"status", "acknowledged"}, {"note", "seen"}}},
            {"GET", b + "/reviews", {}},
            {"GET", b + "/questionnaires", {}},
            {"POST",
             b + "/regimens/" + rid + "/reviews",
             {{"due", "2026-11-29"}, {"action", "done"}, {"date", "2026-11-29"}}},
            {"GET", b + "/adherence", {}},
            {"POST", b + "/regimens/" + rid + "/proposals", json::object()},
            {"GET", b + "/proposals", {}},
            {"POST",
             b + "/proposals/1/decision",
             {{"decision", "reject"}, {"reason", "not appropriate now"}}},
            {"GET", b + "/prediction?substance=melatonin", {}},
            {"POST", b + "/simulate", {{"substance", "melatonin"}, {"dose", "3 mg"}}},
            {"GET", b + "/screen", {}},
            {"POST", b + "/screen", regimen},
            {"POST",
             b + "/plans/jetlag",
             {{"from", "America/New_York"},
              {"to", "Europe/Paris"},
              {"depart", "2026-12-01 18:00"},
              {"arrive", "2026-12-02 07:15"}}},
            {"POST",
             b + "/plans/shift",
             {{"zone", "Europe/London"}, {"rota", "2026-12-01,22:00-06:00\n2026-12-02,off\n"}}},
            {"GET", b + "/plans", {}},
            {"GET", b + "/plans/1", {}},
            {"POST", b + "/calendar-feeds", json::object()},
            {"GET", b + "/calendar-feeds", {}},
            {"POST", b + "/calendar-feeds/1/revoke", json::object()}};
  }

  // A route's path with its ids replaced by `b`'s patient and "1".
  static std::string Pattern(std::string path) {
    const auto query = path.find('?');
    if (query != std::string::npos) path.resize(query);
    std::string out;
    std::size_t segment = 0;
    for (std::size_t i = 0; i <= path.size(); ++i) {
      if (i < path.size() && path[i] != '/') continue;
      std::string part = path.substr(segment, i - segment);
      const bool id = !part.empty() && (part.front() == '{' ||
                                        part.find_first_not_of("0123456789") == std::string::npos);
      out += id ? "{}" : part;
      if (i < path.size()) out += '/';
      segment = i + 1;
    }
    return out;
  }

  int own_ = 0, other_ = 0;
  std::string base_, other_base_, other_regimen_;
  std::string patient_token_, outsider_token_, admin_token_;
};

TEST_F(AccessTest, EveryRouteButHealthAndLoginNeedsAuthentication) {
  std::vector<std::string> checked;
  for (const std::string& route : server_->router().Routes()) {
    const std::string method = route.substr(0, route.find(' '));
    std::string path = route.substr(route.find(' ') + 1);
    for (const char* param : {"{id}", "{rid}", "{mid}", "{tid}", "{pid}", "{aid}", "{fid}",
                              "{username}", "{name}", "{ref}"}) {
      size_t at = path.find(param);
      if (at != std::string::npos) path.replace(at, std::string(param).size(), "1");
    }
    if (path == "/api/v1/health" || path == "/api/v1/auth/login" ||
        path == "/api/v1/openapi.json") {
      continue;  // public: a clinic reads the API description before it has an account
    }
    if (path == "/api/v1/auth/session") {
      // public: a page asks whether it has a session; without one, no user.
      Reply r = As("", method, path, json::object());
      EXPECT_EQ(r.status, 200) << r.raw;
      EXPECT_TRUE(r.body["user"].is_null()) << r.raw;
      continue;
    }
    if (path.rfind("/api/v1/calendar/", 0) == 0) {
      continue;  // public: the feed's token is the credential (api_calendar_test.cc)
    }
    Reply r = As("", method, path, json::object());
    EXPECT_EQ(r.status, 401) << route << ": " << r.raw;
    EXPECT_EQ(r.body["error"]["code"], "unauthenticated") << route;
    checked.push_back(route);
  }
  EXPECT_GE(checked.size(), 50u);
  std::printf("access test: %zu routes refuse an unauthenticated request\n", checked.size());
  EXPECT_EQ(As("", "GET", "/api/v1/health").status, 200);
  EXPECT_EQ(As("not-a-real-token", "GET", base_).status, 401);
}

TEST_F(AccessTest, TheRouteListBelowCoversEveryPatientRoute) {
  std::set<std::string> tried;
  for (const auto& [method, path, body] : PatientRoutes(other_base_, other_regimen_)) {
    tried.insert(method + " " + Pattern(path));
  }
  int patient_routes = 0;
  for (const std::string& route : server_->router().Routes()) {
    const std::string method = route.substr(0, route.find(' '));
    const std::string path = route.substr(route.find(' ') + 1);
    if (path.rfind("/api/v1/patients/{id}", 0) != 0) continue;
    ++patient_routes;
    EXPECT_TRUE(tried.count(method + " " + Pattern(path))) << route << " is not tried";
  }
  std::printf("access test: %d patient routes tried with another patient's ids\n", patient_routes);
}

TEST_F(AccessTest, APatientCannotReachAnotherPatientOnAnyRoute) {
  const json before = Snapshot();
  for (const auto& [method, path, body] : PatientRoutes(other_base_, other_regimen_)) {
    Reply r = As(patient_token_, method, path, body);
    EXPECT_EQ(r.status, 404) << method << " " << path << ": " << r.raw;
  }
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(AccessTest, AClinicianOutsideTheCareTeamCannotReachThePatient) {
  const json before = Snapshot();
  for (const auto& [method, path, body] : PatientRoutes(other_base_, other_regimen_)) {
    Reply r = As(outsider_token_, method, path, body);
    EXPECT_EQ(r.status, 404) << method << " " << path << ": " << r.raw;
  }
  EXPECT_EQ(Snapshot(), before);
  Reply list = As(outsider_token_, "GET", "/api/v1/patients");
  EXPECT_EQ(list.body["total"], 0);
}

TEST_F(AccessTest, AnAdminReadsNoClinicalData) {
  for (const auto& [method, path, body] : PatientRoutes(other_base_, other_regimen_)) {
    if (path.find("care-team") != std::string::npos) continue;  // account management
    Reply r = As(admin_token_, method, path, body);
    EXPECT_EQ(r.status, 404) << method << " " << path << ": " << r.raw;
  }
  EXPECT_EQ(As(admin_token_, "GET", "/api/v1/patients").status, 403);
  EXPECT_EQ(As(admin_token_, "GET", "/api/v1/users").status, 200);
}

TEST_F(AccessTest, APatientSeesTheirRecordAndWritesOnlyCheckIns) {
  EXPECT_EQ(As(patient_token_, "GET", base_).status, 200);
  Reply list = As(patient_token_, "GET", "/api/v1/patients");
  ASSERT_EQ(list.body["total"], 1);
  EXPECT_EQ(list.body["items"][0]["id"], own_);
  EXPECT_EQ(As(patient_token_, "POST", base_ + "/dose-events",
               {{"substance", "melatonin"},
                {"taken_at", "2026-11-10T21:00:00Z"},
                {"amount", "3 mg"},
                {"status", "taken"}})
                .status,
            201);
  EXPECT_EQ(As(patient_token_, "POST", base_ + "/observations",
               {{"kind", "sleep_diary"},
                {"code", "sleep_efficiency"},
                {"value", 81},
                {"unit", "%"},
                {"observed_at", "2026-11-10T08:00:00Z"}})
                .status,
            201);
  const json before = Snapshot();
  Reply regimen = As(patient_token_, "POST", base_ + "/regimens",
                     {{"substance", "melatonin"},
                      {"formulation", "ir"},
                      {"dose", "10 mg"},
                      {"times_of_day", {"21:00"}},
                      {"start_date", "2026-11-01"}});
  EXPECT_EQ(regimen.status, 403) << regimen.raw;
  EXPECT_EQ(As(patient_token_, "POST", base_ + "/medications", {{"name", "x"}}).status, 403);
  EXPECT_EQ(As(patient_token_, "PATCH", base_, {{"version", 1}, {"notes", "x"}}).status, 403);
  EXPECT_EQ(As(patient_token_, "GET", "/api/v1/users").status, 403);
  EXPECT_EQ(As(patient_token_, "POST", "/api/v1/patients", {{"display_name", "x"}}).status, 403);
  EXPECT_EQ(Snapshot(), before);
}

TEST_F(AccessTest, AnAdminCannotOpenARecordThroughAnAccount) {
  const json patient_account = {{"username", "other.patient"},
                                {"role", "patient"},
                                {"patient_id", other_},
                                {"password", "a long and unusual passphrase"}};
  Reply made = As(admin_token_, "POST", "/api/v1/users", patient_account);
  EXPECT_EQ(made.status, 403) << made.raw;
  Reply puppet = As(admin_token_, "POST", "/api/v1/users",
                    {{"username", "dr.puppet"},
                     {"role", "clinician"},
                     {"password", "a long and unusual passphrase"}});
  ASSERT_EQ(puppet.status, 201) << puppet.raw;
  EXPECT_EQ(
      As(admin_token_, "POST", other_base_ + "/care-team", {{"username", "dr.puppet"}}).status,
      403);
  EXPECT_EQ(As(admin_token_, "POST", "/api/v1/users/own.patient/reset-password",
               {{"password", "an admin chosen passphrase"}})
                .status,
            403);
  // The care team can give the patient an account.
  Reply by_team = Post("/api/v1/users", patient_account);
  EXPECT_EQ(by_team.status, 201) << by_team.raw;
}

TEST_F(AccessTest, ACareTeamMemberCanAddAColleague) {
  EXPECT_EQ(As(outsider_token_, "GET", other_base_).status, 404);
  Reply add = Post(other_base_ + "/care-team", {{"username", "dr.outside"}});
  ASSERT_EQ(add.status, 201) << add.raw;
  EXPECT_EQ(As(outsider_token_, "GET", other_base_).status, 200);
}

TEST_F(AccessTest, TheAuditLogRecordsReadsAndWritesWithOutcomes) {
  As(outsider_token_, "GET", other_base_);  // refused
  Reply log = As(admin_token_, "GET", "/api/v1/audit?patient_id=" + std::to_string(other_));
  ASSERT_EQ(log.status, 200) << log.raw;
  bool refused_read = false, created = false;
  for (const auto& e : log.body["items"]) {
    if (e["actor"] == "dr.outside" && e["action"] == "patient.read" &&
        e["outcome"] == "not_found") {
      refused_read = true;
      EXPECT_EQ(e["address"], "127.0.0.1");
    }
    if (e["actor"] == "dr.test" && e["action"] == "regimen.create" && e["outcome"] == "ok") {
      created = true;
    }
  }
  EXPECT_TRUE(refused_read);
  EXPECT_TRUE(created);
  EXPECT_EQ(As(patient_token_, "GET", "/api/v1/audit").status, 403);
}

}  // namespace
}  // namespace pineal::testing
