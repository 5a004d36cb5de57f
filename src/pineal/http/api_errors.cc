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

namespace {

ErrorBody MakeErrorBody(int http_status, const std::string& code, const std::string& message,
                        const std::string& field) {
  nlohmann::json error = {{"code", code}, {"message", message}};
  if (!field.empty()) error["field"] = field;
  return {http_status, nlohmann::json{{"error", std::move(error)}}};
}

HttpResponse Written(const ErrorBody& e) {
  HttpResponse r;
  r.status = e.http_status;
  r.body = e.body.dump();
  return r;
}

}  // namespace

HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message,
                           const std::string& field) {
  return Written(MakeErrorBody(http_status, code, message, field));
}

ErrorBody ErrorBodyFor(const Status& status) {
  if (status.code() == StatusCode::kInternal) {
    std::fprintf(stderr, "pineal: internal error: %s\n", status.ToString().c_str());
    return MakeErrorBody(500, "internal", "an internal error occurred; nothing was changed", "");
  }
  return MakeErrorBody(HttpStatusFor(status.code()), std::string(StatusCodeName(status.code())),
                       status.message(), status.field());
}

HttpResponse ErrorResponse(const Status& status) { return Written(ErrorBodyFor(status)); }

}  // namespace pineal::http
