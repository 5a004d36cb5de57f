// One API request answered without a socket: content type, authentication,
// CSRF, routing. The server and the tests both call it.
#include "pineal/http/request_handler.h"

#include "pineal/app/credentials.h"
#include "pineal/app/pineal_app.h"
#include "pineal/core/text.h"
#include "pineal/http/api_errors.h"
#include "pineal/http/idempotent_dispatch.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

bool IsPublic(const HttpRequest& r) {
  return (r.method == "GET" && r.path == "/api/v1/health") ||
         (r.method == "GET" && r.path == "/api/v1/openapi.json") ||
         (r.method == "GET" && r.path == "/api/v1/auth/session") ||
         (r.method == "POST" && r.path == "/api/v1/auth/login") ||
         // A calendar feed: the token in its URL is the credential.
         (r.method == "GET" && r.path.rfind("/api/v1/calendar/", 0) == 0);
}

// The caller of a public route without valid credentials: an account-less
// patient with no record of their own, so that a use case called as this
// caller can read and write nothing (the default actor is the local operator).
app::Actor Anonymous(const HttpRequest& r) {
  return app::Actor{std::nullopt, "anonymous", app::Role::kPatient, std::nullopt, r.remote_address};
}

std::string CookieValue(const std::string& header, const std::string& name) {
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t start = part.find_first_not_of(' ');
    if (start != std::string::npos) part = part.substr(start);
    if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

// Resolves the caller from a bearer token (scripts) or the session cookie
// (browsers). A cookie-authenticated change must also carry the session's
// CSRF token, which a page of another site cannot read.
std::optional<HttpResponse> Authenticate(app::PinealApp& app, HttpRequest& request) {
  const bool is_public = IsPublic(request);
  std::string token;
  bool from_cookie = false;
  const std::string authorization = request.Header("authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    token = authorization.substr(7);
  } else {
    token = CookieValue(request.Header("cookie"), kSessionCookie);
    from_cookie = !token.empty();
  }
  if (is_public) request.actor = Anonymous(request);
  if (token.empty()) {
    if (is_public) return std::nullopt;
    return ErrorResponse(401, "unauthenticated", "log in first (or send an API token)");
  }
  auto auth = app.accounts().Authenticate(token, request.remote_address);
  if (!auth.ok()) {
    if (is_public) return std::nullopt;
    return ErrorResponse(auth.status());
  }
  const bool changes = request.method != "GET" && request.method != "HEAD";
  if (from_cookie && changes && !is_public) {
    const std::string csrf = request.Header(kCsrfHeader);
    if (csrf.empty() || !app::ConstantTimeEquals(app::Sha256Hex(csrf), auth->session.csrf_hash)) {
      return ErrorResponse(403, "csrf",
                           "missing or wrong X-CSRF-Token header for this session (a page "
                           "learns it from GET /api/v1/auth/me)");
    }
  }
  if (from_cookie &&
      (request.path == "/api/v1/auth/me" || request.path == "/api/v1/auth/session")) {
    // Sessions from before the token was derived keep their random one.
    std::string derived = app::CsrfTokenFor(token);
    if (app::ConstantTimeEquals(app::Sha256Hex(derived), auth->session.csrf_hash)) {
      request.csrf_token = std::move(derived);
    }
  }
  request.actor = auth->actor;
  request.session_id = auth->session.id;
  return std::nullopt;
}

}  // namespace

HttpResponse HandleRequest(app::PinealApp& app, const Router& router, HttpRequest request) {
  const bool has_body =
      request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (has_body && request.path.rfind("/api/", 0) == 0 &&
      !IsJsonContentType(request.Header("content-type"))) {
    return ErrorResponse(415, "unsupported_media_type",
                         "the request body must be JSON, sent with Content-Type: "
                         "application/json");
  }
  HttpResponse response;
  if (auto denied = Authenticate(app, request)) {
    denied->headers.emplace_back("Cache-Control", "no-store");
    return *denied;
  }
  response = DispatchIdempotently(app, router, std::move(request));
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

}  // namespace pineal::http
