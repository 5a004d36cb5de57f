// The one place where a Status becomes an HTTP status and a JSON error body:
// {"error": {"code", "message", "field"}}.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

#include "pineal/core/status.h"
#include "pineal/http/router.h"

namespace pineal::http {

int HttpStatusFor(StatusCode code);

// Internal errors keep their detail out of the body (it may name SQL or files);
// the server logs it instead.
HttpResponse ErrorResponse(const Status& status);

// The same answer as a JSON object, for a route that adds to it (a blocked
// regimen adds its screening) before it is written once.
struct ErrorBody {
  int http_status = 500;
  nlohmann::json body;
};
ErrorBody ErrorBodyFor(const Status& status);
HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message,
                           const std::string& field = {});

}  // namespace pineal::http
