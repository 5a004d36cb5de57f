// Routing of one authenticated request, honouring an Idempotency-Key on POST.
#pragma once

#include "pineal/http/router.h"

namespace pineal::app {
class PinealApp;
}  // namespace pineal::app

namespace pineal::http {

inline constexpr const char* kIdempotencyKeyHeader = "idempotency-key";

// Dispatches `request`. A POST with an Idempotency-Key reserves the key for
// the caller's account first; a retry of the same request replays the stored
// answer (with Idempotent-Replayed: true) and writes nothing. Every final
// answer is stored except a server error (5xx), after which a retry runs again.
HttpResponse DispatchIdempotently(app::PinealApp& app, const Router& router, HttpRequest request);

}  // namespace pineal::http
