#include "pineal/http/api_errors.h"

#include <cstdio>
#include <nlohmann/json.hpp>

namespace pineal::http {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return 200;
    case StatusCode::kInvalidArgument: return 400;
    case StatusCode::kNotFound: return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kAborted:
    case StatusCode::kFailedPrecondition: return 409;
    case StatusCode::kPermissionDenied: return 403;
    case StatusCode::kUnauthenticated: return 401;
    case StatusCode::kResourceExhausted: return 429;
    case StatusCode::kUnavailable: return 503;
    case StatusCode::kInternal: return 500;
  }
  return 500;
}

HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message,
                           const std::string& field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  HttpResponse r;
  r.status = http_status;
  r.body = nlohmann::json{{"error", error}}.dump();
  return r;
}

HttpResponse ErrorResponse(const Status& status) {
  if (status.code() == StatusCode::kInternal) {
    std::fprintf(stderr, "pineal: internal error: %s\n", status.ToString().c_str());
    return ErrorResponse(500, "internal", "an internal error occurred; nothing was changed");
  }
  return ErrorResponse(HttpStatusFor(status.code()), std::string(StatusCodeName(status.code())),
                       status.message(), status.field());
}

}  // namespace pineal::http
