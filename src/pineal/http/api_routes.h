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
void AddSimulationRoutes(Router& router, app::PinealApp& app);
void AddCircadianRoutes(Router& router, app::PinealApp& app);
void AddResponseRoutes(Router& router, app::PinealApp& app);
void AddMonitoringRoutes(Router& router, app::PinealApp& app);
// GET /api/v1/openapi.json (no authentication).
void AddOpenApiRoutes(Router& router);
// A change that was screened (a regimen version, an approved titration):
// `ok_body` with its screening, or the error; blocked by screening -> 409
// "blocked_by_screening" with the findings that need an override.
HttpResponse ScreenedChangeResponse(const Status& status, const app::ScreeningReport& report,
                                    const app::PinealApp& app, nlohmann::json ok_body,
                                    int ok_status);
// The screening of a regimen change: findings, references and overrides.
nlohmann::json ScreeningReportJson(const app::ScreeningReport& report, const kb::Catalog& catalog);

// All of the above.
void AddApiRoutes(Router& router, app::PinealApp& app, const AuthOptions& options);

}  // namespace pineal::http
