// Idempotency-Key on POST requests (see idempotent_dispatch.h).
#include "pineal/http/idempotent_dispatch.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "pineal/app/credentials.h"
#include "pineal/app/pineal_app.h"
#include "pineal/http/api_errors.h"

namespace pineal::http {
namespace {

HttpResponse SafeDispatch(const Router& router, HttpRequest request) {
  try {
    return router.Dispatch(std::move(request));
  } catch (const std::exception& e) {
    return ErrorResponse(Status::Internal(std::string("unhandled exception: ") + e.what()));
  }
}

// Routes whose request or answer carries a password or a token: their
// answers are never stored, and retrying them is safe without a key (a
// username is unique; a second token or calendar feed is harmless).
bool CarriesSecrets(const std::string& path) {
  static constexpr std::string_view kCalendarFeeds = "/calendar-feeds";
  return path.rfind("/api/v1/auth/", 0) == 0 || path == "/api/v1/users" ||
         path.rfind("/api/v1/users/", 0) == 0 ||
         (path.size() > kCalendarFeeds.size() &&
          path.compare(path.size() - kCalendarFeeds.size(), kCalendarFeeds.size(),
                       kCalendarFeeds) == 0);
}

// What makes two requests "the same": method, path, query and body.
std::string Fingerprint(const HttpRequest& r) {
  std::string text = r.method + '\n' + r.path + '\n';
  for (const auto& [name, value] : r.query) text += name + '=' + value + '&';
  text += '\n';
  text += r.body;
  return app::Sha256Hex(text);
}

HttpResponse Replay(const store::IdempotencyRecord& stored) {
  HttpResponse out;
  out.status = *stored.status;
  out.content_type = stored.content_type;
  out.body = stored.body;
  const auto headers = nlohmann::json::parse(stored.headers_json, nullptr, false);
  if (headers.is_array()) {
    for (const auto& h : headers) {
      if (h.is_array() && h.size() == 2 && h[0].is_string() && h[1].is_string()) {
        out.headers.emplace_back(h[0].get<std::string>(), h[1].get<std::string>());
      }
    }
  }
  out.headers.emplace_back("Idempotent-Replayed", "true");
  return out;
}

}  // namespace

HttpResponse DispatchIdempotently(app::PinealApp& app, const Router& router, HttpRequest request) {
  if (request.method != "POST" || request.headers.count(kIdempotencyKeyHeader) == 0) {
    return SafeDispatch(router, std::move(request));
  }
  const std::string key = request.Header(kIdempotencyKeyHeader);
  if (CarriesSecrets(request.path)) {
    return ErrorResponse(400, "invalid_argument",
                         "is not accepted on /api/v1/auth/ and /api/v1/users routes, nor when "
                         "making a calendar feed, whose requests or answers carry passwords or "
                         "tokens; retry them without it",
                         "Idempotency-Key");
  }
  if (Status st = app::CheckIdempotencyKey(key, "Idempotency-Key"); !st.ok()) {
    return ErrorResponse(st);
  }
  const app::Actor actor = request.actor;
  auto start = app.idempotency().Begin(actor, key, Fingerprint(request));
  if (!start.ok()) return ErrorResponse(start.status());
  switch (start->outcome) {
    case app::IdempotencyOutcome::kReplay: return Replay(start->stored);
    case app::IdempotencyOutcome::kReused:
      return ErrorResponse(422, "idempotency_key_reused",
                           "this Idempotency-Key was used for a different request; send a new "
                           "key for a new request",
                           "Idempotency-Key");
    case app::IdempotencyOutcome::kInProgress:
      return ErrorResponse(409, "idempotency_key_in_progress",
                           "the first request with this Idempotency-Key is still running; retry "
                           "in a moment",
                           "Idempotency-Key");
    case app::IdempotencyOutcome::kProceed: break;
  }
  HttpResponse response = SafeDispatch(router, std::move(request));
  Status kept;
  if (response.status >= 500) {
    kept = app.idempotency().Abandon(actor, key);
  } else {
    store::IdempotencyRecord answer;
    answer.key = key;
    answer.status = response.status;
    answer.content_type = response.content_type;
    nlohmann::json headers = nlohmann::json::array();
    for (const auto& [name, value] : response.headers) headers.push_back({name, value});
    answer.headers_json = headers.dump();
    answer.body = response.body;
    kept = app.idempotency().Finish(actor, std::move(answer));
  }
  // The request itself succeeded or failed as answered; a key that could not
  // be kept is reported to the operator and expires as abandoned.
  if (!kept.ok()) {
    std::fprintf(stderr, "pineal: idempotency key not kept: %s\n", kept.ToString().c_str());
  }
  return response;
}

}  // namespace pineal::http
