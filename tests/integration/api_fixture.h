// Starts the real HTTP server on a free loopback port over a fresh SQLite
// file, and talks to it with an HTTP client.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <optional>

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "pineal/app/pineal_app.h"
#include "pineal/http/server.h"
#include "tests/support/source_knowledge.h"
#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/circadian_params.h"
#include "pineal/kb/pk_model_loader.h"
#include "pineal/store/sqlite/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace pineal::testing {

// When PINEAL_API_RESPONSES names a directory, every response a test receives
// is appended there as one JSON line, for tests/openapi/validate-responses.mjs
// to check against the OpenAPI document. One file per process, so test
// programs running in parallel never write to the same file.
inline void RecordApiResponse(const std::string& method, const std::string& path,
                              const httplib::Response& response) {
  static const std::string file = [] {
    const char* dir = std::getenv("PINEAL_API_RESPONSES");
    if (dir == nullptr || *dir == '\0') return std::string();
    std::filesystem::create_directories(dir);
    return std::string(dir) + "/responses-" + std::to_string(::getpid()) + ".jsonl";
  }();
  if (file.empty()) return;
  const auto* test = ::testing::UnitTest::GetInstance()->current_test_info();
  nlohmann::json line = {
      {"method", method},
      {"path", path.substr(0, path.find('?'))},
      {"status", response.status},
      {"content_type", response.get_header_value("Content-Type")},
      {"body", response.body},
      {"test", test ? std::string(test->test_suite_name()) + "." + test->name() : ""}};
  static std::mutex mu;
  std::lock_guard lock(mu);
  std::ofstream out(file, std::ios::app);
  // SVG and CSV bodies are text, but never let a stray byte stop the record.
  out << line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

struct Reply {
  int status = 0;
  nlohmann::json body;
  std::string raw;
  httplib::Headers headers;
};

class ApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = store::SqliteStore::Open(dir_.File("pineal.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().ok());
    app_ = std::make_unique<app::PinealApp>(*store_, clock_, Knowledge().View());
    http::ServerOptions options;
    options.port = 0;
    server_ = std::make_unique<http::Server>(*app_, options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    thread_ = std::thread([this] { (void)server_->Run(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    // Every request acts as a clinician holding an API token.
    token_ = TokenFor("dr.test", store::UserRole::kClinician);
    client_->set_bearer_token_auth(token_);
  }

  // The knowledge base of the source tree, loaded once per test program.
  static const app::LoadedKnowledge& Knowledge() { return SourceKnowledge(); }
  static const kb::Catalog& Catalog() { return Knowledge().safety; }

  // Creates an account (as the local operator) and an API token for it.
  std::string TokenFor(const std::string& username, store::UserRole role,
                       std::optional<PatientId> patient = std::nullopt) {
    app::Actor system;
    auto user = app_->accounts().CreateUser(
        system, app::NewUser{username, username, role, patient, "correct horse battery staple"});
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    app::Actor as_user{user->id, user->username, app::RoleOf(role), patient, ""};
    auto grant = app_->accounts().CreateApiToken(as_user, "tests");
    EXPECT_TRUE(grant.ok()) << grant.status().ToString();
    return grant->token;
  }
  void TearDown() override {
    server_->Stop();
    thread_.join();
  }

  Reply Send(const std::string& method, const std::string& path, const std::string& body = {},
             const std::string& type = "application/json") {
    httplib::Result r = method == "GET"     ? client_->Get(path)
                        : method == "POST"  ? client_->Post(path, body, type)
                        : method == "PATCH" ? client_->Patch(path, body, type)
                        : method == "PUT"   ? client_->Put(path, body, type)
                                            : client_->Delete(path);
    Reply out;
    if (!r) {
      ADD_FAILURE() << method << " " << path << ": no response";
      return out;
    }
    RecordApiResponse(method, path, *r);
    out.status = r->status;
    out.raw = r->body;
    out.headers = r->headers;
    out.body = nlohmann::json::parse(r->body, nullptr, false);
    return out;
  }
  Reply Post(const std::string& path, const nlohmann::json& body) {
    return Send("POST", path, body.dump());
  }
  Reply Patch(const std::string& path, const nlohmann::json& body) {
    return Send("PATCH", path, body.dump());
  }
  Reply Get(const std::string& path) { return Send("GET", path); }

  // Creates a patient and returns its id.
  std::int64_t NewPatient(const std::string& name = "Ada L.") {
    Reply r = Post("/api/v1/patients", {{"display_name", name},
                                        {"birth_date", "1960-05-04"},
                                        {"sex", "female"},
                                        {"weight", "64.5 kg"},
                                        {"time_zone", "Europe/Paris"}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", 0);
  }

  // Everything the API can show about every patient, for "nothing changed" checks.
  nlohmann::json Snapshot() {
    nlohmann::json out = nlohmann::json::array();
    Reply list = Get("/api/v1/patients?limit=200");
    for (const auto& p : list.body["items"]) {
      const std::string base = "/api/v1/patients/" + std::to_string(p["id"].get<int>());
      out.push_back({{"patient", Get(base).body},
                     {"medications", Get(base + "/medications").body},
                     {"regimens", Get(base + "/regimens").body},
                     {"dose_events", Get(base + "/dose-events?with_superseded=true").body},
                     {"observations", Get(base + "/observations?with_superseded=true").body},
                     {"alerts", Get(base + "/alerts").body},
                     {"reviews", Get(base + "/reviews").body},
                     {"proposals", Get(base + "/proposals").body}});
    }
    return out;
  }

  // The system's time unless a test sets it (scripted histories).
  class TestClock final : public Clock {
   public:
    Instant Now() const override {
      std::lock_guard lock(mu_);
      return fixed_ ? *fixed_ : SystemClock().Now();
    }
    void Set(Instant now) {
      std::lock_guard lock(mu_);
      fixed_ = now;
    }

   private:
    mutable std::mutex mu_;
    std::optional<Instant> fixed_;
  };

  TempDir dir_;
  TestClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<app::PinealApp> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
  std::string token_;
};

}  // namespace pineal::testing
