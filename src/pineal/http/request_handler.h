// Answers one API request as the server would, without a socket.
#pragma once

#include "pineal/http/router.h"

namespace pineal::app {
class PinealApp;
}  // namespace pineal::app

namespace pineal::http {

// Content type, authentication, CSRF and routing of one request.
HttpResponse HandleRequest(app::PinealApp& app, const Router& router, HttpRequest request);

}  // namespace pineal::http
