// Logging in from a browser: cookies, CSRF, lockout, logout, API tokens.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";

class SessionTest : public ApiTest {
 protected:
  // A client with no credentials of its own.
  httplib::Result Raw(const std::string& method, const std::string& path, const json& body,
                      const httplib::Headers& headers) {
    httplib::Client c("127.0.0.1", port_);
    if (method == "GET") return c.Get(path, headers);
    return c.Post(path, headers, body.dump(), "application/json");
  }
  httplib::Result Login(const std::string& user, const std::string& password) {
    return Raw("POST", "/api/v1/auth/login", {{"username", user}, {"password", password}}, {});
  }
  static std::string CookieFrom(const httplib::Result& r) {
    std::string set = r->get_header_value("Set-Cookie");
    return set.substr(0, set.find(';'));
  }
};

TEST_F(SessionTest, LoginSetsAHardenedCookieAndChangesNeedTheCsrfToken) {
  auto login = Login("dr.test", kPassword);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string set_cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  const std::string cookie = CookieFrom(login);
  const std::string csrf = json::parse(login->body)["csrf_token"];
  EXPECT_EQ(csrf.size(), 64u);

  EXPECT_EQ(Raw("GET", "/api/v1/auth/me", {}, {{"Cookie", cookie}})->status, 200);
  const json patient = {{"display_name", "Via browser"}};
  auto no_csrf = Raw("POST", "/api/v1/patients", patient, {{"Cookie", cookie}});
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_EQ(json::parse(no_csrf->body)["error"]["code"], "csrf");
  auto wrong = Raw("POST", "/api/v1/patients", patient,
                   {{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, 'a')}});
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(Get("/api/v1/patients").body["total"], 0);
  auto ok = Raw("POST", "/api/v1/patients", patient, {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(ok->status, 201) << ok->body;

  auto out = Raw("POST", "/api/v1/auth/logout", json::object(),
                 {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
  EXPECT_EQ(out->status, 200);
  EXPECT_NE(out->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Raw("GET", "/api/v1/auth/me", {}, {{"Cookie", cookie}})->status, 401);
}

// A new tab, a bookmark or a browser restart has the cookie but not the
// login's answer: GET /auth/me gives it the session's CSRF token, and only
// that session's token.
TEST_F(SessionTest, AnyTabHoldingTheCookieLearnsTheCsrfTokenAndSaves) {
  auto first = Login("dr.test", kPassword);
  ASSERT_EQ(first->status, 200) << first->body;
  auto second = Login("dr.test", kPassword);
  ASSERT_EQ(second->status, 200) << second->body;
  const std::string first_csrf = json::parse(first->body)["csrf_token"];
  const std::string second_csrf = json::parse(second->body)["csrf_token"];
  EXPECT_NE(first_csrf, second_csrf);

  auto me = Raw("GET", "/api/v1/auth/me", {}, {{"Cookie", CookieFrom(first)}});
  ASSERT_EQ(me->status, 200) << me->body;
  const json who = json::parse(me->body);
  EXPECT_EQ(who["username"], "dr.test");
  EXPECT_EQ(who["csrf_token"], first_csrf);
  auto saved = Raw("POST", "/api/v1/patients", {{"display_name", "From a new tab"}},
                   {{"Cookie", CookieFrom(first)}, {"X-CSRF-Token", who["csrf_token"]}});
  EXPECT_EQ(saved->status, 201) << saved->body;
  // One session's token does not open another.
  auto crossed = Raw("POST", "/api/v1/patients", {{"display_name", "Crossed"}},
                     {{"Cookie", CookieFrom(second)}, {"X-CSRF-Token", first_csrf}});
  EXPECT_EQ(crossed->status, 403);
  // An API token has no CSRF token to give.
  EXPECT_TRUE(Get("/api/v1/auth/me").body["csrf_token"].is_null());
  // Without a session there is nothing to learn.
  EXPECT_EQ(Raw("GET", "/api/v1/auth/me", {}, {})->status, 401);
}

// A page asks on load whether it has a session, without a failed request.
TEST_F(SessionTest, TheSessionStateIsAnsweredWithOrWithoutASession) {
  auto none = Raw("GET", "/api/v1/auth/session", {}, {});
  ASSERT_EQ(none->status, 200) << none->body;
  EXPECT_TRUE(json::parse(none->body)["user"].is_null());
  auto stale = Raw("GET", "/api/v1/auth/session", {},
                   {{"Cookie", "pineal_session=" + std::string(64, 'f')}});
  ASSERT_EQ(stale->status, 200) << stale->body;
  EXPECT_TRUE(json::parse(stale->body)["user"].is_null());
  auto login = Login("dr.test", kPassword);
  ASSERT_EQ(login->status, 200) << login->body;
  auto known = Raw("GET", "/api/v1/auth/session", {}, {{"Cookie", CookieFrom(login)}});
  ASSERT_EQ(known->status, 200) << known->body;
  const json user = json::parse(known->body)["user"];
  EXPECT_EQ(user["username"], "dr.test");
  EXPECT_EQ(user["role"], "clinician");
  EXPECT_EQ(user["csrf_token"], json::parse(login->body)["csrf_token"]);
}

TEST_F(SessionTest, WrongPasswordsLockTheAccount) {
  for (int i = 0; i < app::kMaxFailedLogins; ++i) {
    auto r = Login("dr.test", "wrong password here");
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(json::parse(r->body)["error"]["message"], "wrong username or password");
  }
  auto locked = Login("dr.test", kPassword);
  EXPECT_EQ(locked->status, 429) << locked->body;
  // Unknown users get the same answer as a wrong password.
  EXPECT_EQ(json::parse(Login("nobody", kPassword)->body)["error"]["message"],
            "wrong username or password");
}

TEST_F(SessionTest, ThrottledAnswersAreTheSameForUnknownUsernames) {
  const Instant start = SystemClock().Now();
  for (int i = 0; i <= app::kMaxFailedLogins; ++i) {
    // A minute apart, so the per-address limit across usernames stays out of it.
    clock_.Set(start + i * std::chrono::seconds(61));
    auto a = Login("dr.test", "wrong password here");
    auto b = Login("nobody.here", "wrong password here");
    EXPECT_EQ(a->status, b->status) << i;
    EXPECT_EQ(a->body, b->body) << i;
    EXPECT_EQ(a->get_header_value("Retry-After"), b->get_header_value("Retry-After")) << i;
    if (i == app::kMaxFailedLogins) {
      EXPECT_EQ(a->status, 429);
      const int wait = std::stoi(a->get_header_value("Retry-After"));
      EXPECT_GT(wait, 0);
      EXPECT_LE(wait, 15 * 60);
    }
  }
}

TEST_F(SessionTest, AnAdminUnlocksALockedAccount) {
  for (int i = 0; i < app::kMaxFailedLogins; ++i) Login("dr.test", "wrong password here");
  ASSERT_EQ(Login("dr.test", kPassword)->status, 429);
  const std::string admin = TokenFor("admin.test", store::UserRole::kAdmin);
  auto mine = Raw("POST", "/api/v1/users/dr.test/unlock", json::object(),
                  {{"Authorization", "Bearer " + token_}});
  EXPECT_EQ(mine->status, 403);  // a clinician cannot
  auto unlock = Raw("POST", "/api/v1/users/dr.test/unlock", json::object(),
                    {{"Authorization", "Bearer " + admin}});
  ASSERT_EQ(unlock->status, 200) << unlock->body;
  EXPECT_EQ(json::parse(unlock->body)["locks_cleared"], 2);
  EXPECT_EQ(Login("dr.test", kPassword)->status, 200);
  auto log =
      Raw("GET", "/api/v1/audit?actor=admin.test", {}, {{"Authorization", "Bearer " + admin}});
  bool audited = false;
  const json entries = json::parse(log->body)["items"];
  for (const auto& e : entries) {
    audited = audited || (e["action"] == "user.unlock" && e["outcome"] == "ok");
  }
  EXPECT_TRUE(audited);
}

TEST_F(SessionTest, LoginAttemptsFromOneAddressAreRateLimited) {
  int limited = 0;
  for (int i = 0; i < 14; ++i) {
    if (Login("nobody." + std::to_string(i), kPassword)->status == 429) ++limited;
  }
  EXPECT_EQ(limited, 4);  // 10 a minute are allowed
  auto refused = Login("nobody.else", kPassword);
  EXPECT_EQ(refused->status, 429);
  EXPECT_FALSE(refused->get_header_value("Retry-After").empty());
}

TEST_F(SessionTest, ApiTokensAreRevocableAndLogoutEverywhereEndsThemAll) {
  Reply token = Post("/api/v1/auth/tokens", {{"name", "nightly export"}});
  ASSERT_EQ(token.status, 201) << token.raw;
  const std::string second = token.body["token"];
  auto with = [&](const std::string& t) {
    return Raw("GET", "/api/v1/auth/me", {}, {{"Authorization", "Bearer " + t}})->status;
  };
  EXPECT_EQ(with(second), 200);
  Reply list = Get("/api/v1/auth/tokens");
  EXPECT_EQ(list.body["items"].size(), 2u);
  EXPECT_EQ(
      Send("DELETE", "/api/v1/auth/tokens/" + std::to_string(token.body["id"].get<int>())).status,
      200);
  EXPECT_EQ(with(second), 401);
  EXPECT_EQ(with(token_), 200);
  EXPECT_EQ(Post("/api/v1/auth/logout-everywhere", json::object()).status, 200);
  EXPECT_EQ(with(token_), 401);
}

TEST_F(SessionTest, DisabledAccountsAreShutOutAtOnce) {
  const std::string admin = TokenFor("admin.test", store::UserRole::kAdmin);
  auto disable = Raw("POST", "/api/v1/users/dr.test/disable", json::object(),
                     {{"Authorization", "Bearer " + admin}});
  ASSERT_EQ(disable->status, 200) << disable->body;
  EXPECT_EQ(Get("/api/v1/patients").status, 401);
  EXPECT_EQ(Login("dr.test", kPassword)->status, 401);
}

TEST_F(SessionTest, PasswordsFollowThePolicy) {
  const std::string admin = TokenFor("admin.test", store::UserRole::kAdmin);
  auto add = [&](const std::string& password) {
    auto r = Raw("POST", "/api/v1/users",
                 {{"username", "dr.new"}, {"role", "clinician"}, {"password", password}},
                 {{"Authorization", "Bearer " + admin}});
    return std::make_pair(r->status, json::parse(r->body));
  };
  for (const char* bad : {"short", "qwertyuiop123", "dr.new-is-my-name", "aaaaaaaaaaaaaaaa"}) {
    auto [status, body] = add(bad);
    EXPECT_EQ(status, 400) << bad;
    EXPECT_EQ(body["error"]["field"], "password") << bad;
  }
  EXPECT_EQ(add("a long and unusual passphrase").first, 201);
  EXPECT_EQ(add("another long passphrase").first, 409);  // the username is taken
}

}  // namespace
}  // namespace pineal::testing
