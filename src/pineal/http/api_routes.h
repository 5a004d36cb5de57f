// The JSON API under /api/v1.
#pragma once

#include <nlohmann/json.hpp>

#include "pineal/app/pineal_app.h"
#include "pineal/http/rate_limiter.h"
#include "pineal/http/router.h"

namespace pineal::http {

inline constexpr const char* kSessionCookie = "pineal_session";
inline constexpr const char* kCsrfHeader = "x-csrf-token";

struct AuthOptions {
  bool secure_cookies = false;  // served over TLS
  RateLimiter* login_limiter = nullptr;
};

void AddHealthRoutes(Router& router, app::PinealApp& app);
void AddAuthRoutes(Router& router, app::PinealApp& app, const AuthOptions& options);
void AddAccountRoutes(Router& router, app::PinealApp& app);
nlohmann::json UserJson(const store::User& user);
void AddPatientRoutes(Router& router, app::PinealApp& app);
void AddMedicationRoutes(Router& router, app::PinealApp& app);
void AddRegimenRoutes(Router& router, app::PinealApp& app);
void AddEventRoutes(Router& router, app::PinealApp& app);
void AddScreeningRoutes(Router& router, app::PinealApp& app);
// The screening of a regimen change: findings, references and overrides.
nlohmann::json ScreeningReportJson(const app::ScreeningReport& report, const kb::Catalog& catalog);

// All of the above.
void AddApiRoutes(Router& router, app::PinealApp& app, const AuthOptions& options);

}  // namespace pineal::http
