// The one place where a Status becomes an HTTP status and a JSON error body:
// {"error": {"code", "message", "field"}}.
#pragma once

#include <string>

#include "pineal/core/status.h"
#include "pineal/http/router.h"

namespace pineal::http {

int HttpStatusFor(StatusCode code);

// Internal errors keep their detail out of the body (it may name SQL or files);
// the server logs it instead.
HttpResponse ErrorResponse(const Status& status);
HttpResponse ErrorResponse(int http_status, const std::string& code, const std::string& message,
                           const std::string& field = {});

}  // namespace pineal::http
