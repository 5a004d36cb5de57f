// /api/v1/auth: log in and out, the current user, API tokens.
#include "pineal/app/accounts.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/json_reader.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

using nlohmann::json;

// The caller, and for a browser session the CSRF token every change must carry.
json MeJson(const HttpRequest& req) {
  const app::Actor& a = req.actor;
  return {{"username", a.name},
          {"role", app::RoleName(a.role)},
          {"user_id", a.user_id ? json(a.user_id->value()) : json(nullptr)},
          {"patient_id", a.patient_id ? json(a.patient_id->value()) : json(nullptr)},
          {"csrf_token", req.csrf_token.empty() ? json(nullptr) : json(req.csrf_token)}};
}

std::string SessionCookie(const std::string& value, int max_age_s, bool secure) {
  return std::string(kSessionCookie) + "=" + value +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age_s) +
         (secure ? "; Secure" : "");
}

// A 429 with the seconds until the next attempt may succeed.
HttpResponse TooManyAttempts(const Status& status, Instant retry_at, Instant now) {
  HttpResponse resp = ErrorResponse(status);
  const auto wait = std::chrono::ceil<std::chrono::seconds>(retry_at - now).count();
  resp.headers.emplace_back("Retry-After", std::to_string(std::max<long long>(1, wait)));
  return resp;
}

}  // namespace

json UserJson(const store::User& u) {
  return {{"id", u.id.value()},
          {"username", u.username},
          {"display_name", u.display_name},
          {"role", store::UserRoleName(u.role)},
          {"patient_id", u.patient_id ? json(u.patient_id->value()) : json(nullptr)},
          {"disabled", u.disabled},
          {"password_reset_at",
           u.password_reset_at ? json(FormatInstant(*u.password_reset_at)) : json(nullptr)},
          {"password_reset_by", u.password_reset_by},
          {"created_at", FormatInstant(u.created_at)}};
}

void AddAuthRoutes(Router& router, app::Accounts& accounts, const AuthOptions& options) {
  router.Add("POST", "/api/v1/auth/login", [&accounts, options](const HttpRequest& req) {
    // The proxy-aware client address: the server resolves it before routing.
    const Instant now = accounts.clock().Now();
    Instant retry_at{};
    if (!options.login_limiter->Allow(req.remote_address, now, &retry_at)) {
      return TooManyAttempts(
          Status::ResourceExhausted(
              "too many login attempts from this address; wait a minute and try again"),
          retry_at, now);
    }
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    JsonReader r(*body);
    std::string username, password;
    Status st = r.Get("username", &username, Need::kRequired);
    if (st.ok()) st = r.Get("password", &password, Need::kRequired);
    if (st.ok()) st = r.RejectUnknown();
    if (!st.ok()) return ErrorResponse(st);
    app::LoginRefusal refusal;
    auto grant = accounts.Login(username, password, req.remote_address, &refusal);
    if (grant.status().code() == StatusCode::kResourceExhausted) {
      return TooManyAttempts(grant.status(), refusal.retry_at, now);
    }
    if (!grant.ok()) return ErrorResponse(grant.status());
    HttpResponse resp = JsonResponse(200, {{"user", UserJson(grant->user)},
                                           {"csrf_token", grant->csrf_token},
                                           {"expires_at", FormatInstant(grant->expires_at)}});
    const auto lifetime =
        std::chrono::duration_cast<std::chrono::seconds>(app::kBrowserSessionLifetime);
    resp.headers.emplace_back(
        "Set-Cookie", SessionCookie(grant->session_token, static_cast<int>(lifetime.count()),
                                    options.secure_cookies));
    return resp;
  });

  router.Add("POST", "/api/v1/auth/logout", [&accounts, options](const HttpRequest& req) {
    Status st = accounts.Logout(ActorFor(req), req.session_id);
    if (!st.ok()) return ErrorResponse(st);
    HttpResponse resp = JsonResponse(200, {{"logged_out", true}});
    resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0, options.secure_cookies));
    return resp;
  });

  router.Add(
      "POST", "/api/v1/auth/logout-everywhere", [&accounts, options](const HttpRequest& req) {
        auto n = accounts.LogoutEverywhere(ActorFor(req));
        if (!n.ok()) return ErrorResponse(n.status());
        HttpResponse resp = JsonResponse(200, {{"revoked", *n}});
        resp.headers.emplace_back("Set-Cookie", SessionCookie("", 0, options.secure_cookies));
        return resp;
      });

  router.Add("GET", "/api/v1/auth/me",
             [](const HttpRequest& req) { return JsonResponse(200, MeJson(req)); });

  // For a page that loads without knowing whether it has a session: always
  // 200, with the caller or null (a 401 would be logged by the browser).
  router.Add("GET", "/api/v1/auth/session", [](const HttpRequest& req) {
    return JsonResponse(200, {{"user", req.actor.user_id ? MeJson(req) : json(nullptr)}});
  });

  router.Add("POST", "/api/v1/auth/tokens", [&accounts](const HttpRequest& req) {
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    JsonReader r(*body);
    std::string name;
    Status st = r.Get("name", &name, Need::kRequired);
    if (st.ok()) st = r.RejectUnknown();
    if (!st.ok()) return ErrorResponse(st);
    return Respond(
        accounts.CreateApiToken(ActorFor(req), name),
        [](const app::ApiTokenGrant& g) {
          return json{{"id", g.id}, {"name", g.name}, {"token", g.token}};
        },
        201);
  });

  router.Add("GET", "/api/v1/auth/tokens", [&accounts](const HttpRequest& req) {
    return Respond(accounts.ListApiTokens(ActorFor(req)), [](const auto& list) {
      json items = json::array();
      for (const auto& s : list) {
        items.push_back(
            {{"id", s.id},
             {"name", s.name},
             {"created_at", FormatInstant(s.created_at)},
             {"revoked_at", s.revoked_at ? json(FormatInstant(*s.revoked_at)) : json(nullptr)}});
      }
      return json{{"items", items}};
    });
  });

  router.Add("DELETE", "/api/v1/auth/tokens/{tid}", [&accounts](const HttpRequest& req) {
    auto tid = PathId(req, "tid");
    if (!tid.ok()) return ErrorResponse(tid.status());
    Status st = accounts.RevokeApiToken(ActorFor(req), *tid);
    if (!st.ok()) return ErrorResponse(st);
    return JsonResponse(200, {{"revoked", *tid}});
  });
}

}  // namespace pineal::http
