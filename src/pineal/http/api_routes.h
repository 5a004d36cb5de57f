// The JSON API under /api/v1.
#pragma once

#include <nlohmann/json.hpp>

#include "pineal/app/screening.h"
#include "pineal/store/account_records.h"
#include "pineal/http/rate_limiter.h"
#include "pineal/http/router.h"

namespace pineal {
class Clock;
}

namespace pineal::app {
class Accounts;
class AuditLog;
class CalendarFeeds;
class Modelling;
class Monitoring;
class PatientRecords;
class PinealApp;
class RegimenCare;
}  // namespace pineal::app

namespace pineal::http {

inline constexpr const char* kSessionCookie = "pineal_session";
inline constexpr const char* kCsrfHeader = "x-csrf-token";

struct AuthOptions {
  bool secure_cookies = false;  // served over TLS
  RateLimiter* login_limiter = nullptr;
};

// Each route file takes the use-case family it calls.
void AddHealthRoutes(Router& router, const Clock& clock);
void AddAuthRoutes(Router& router, app::Accounts& accounts, const AuthOptions& options);
void AddAccountRoutes(Router& router, app::Accounts& accounts, app::AuditLog& audit);
nlohmann::json UserJson(const store::User& user);
void AddPatientRoutes(Router& router, app::PatientRecords& patients, app::Monitoring& monitoring);
void AddMedicationRoutes(Router& router, app::PatientRecords& patients);
void AddRegimenRoutes(Router& router, app::RegimenCare& regimens);
void AddEventRoutes(Router& router, app::PatientRecords& patients);
void AddScreeningRoutes(Router& router, app::RegimenCare& regimens);
void AddSimulationRoutes(Router& router, app::Modelling& modelling);
void AddCircadianRoutes(Router& router, app::Modelling& modelling);
void AddResponseRoutes(Router& router, app::PatientRecords& patients);
void AddMonitoringRoutes(Router& router, app::Monitoring& monitoring);
void AddCalendarRoutes(Router& router, app::CalendarFeeds& feeds);
// GET /api/v1/openapi.json (no authentication).
void AddOpenApiRoutes(Router& router);
// A change that was screened (a regimen version, an approved titration):
// `ok_body` with its screening, or the error; blocked by screening -> 409
// "blocked_by_screening" with the findings that need an override.
HttpResponse ScreenedChangeResponse(const Status& status, const app::ScreeningReport& report,
                                    const kb::Catalog* catalog, nlohmann::json ok_body,
                                    int ok_status);
// The screening of a regimen change: findings, references and overrides.
nlohmann::json ScreeningReportJson(const app::ScreeningReport& report, const kb::Catalog& catalog);

// All of the above.
void AddApiRoutes(Router& router, app::PinealApp& app, const AuthOptions& options);

}  // namespace pineal::http
