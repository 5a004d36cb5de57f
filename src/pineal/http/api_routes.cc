// Every /api/v1 route, each file given the use-case family it calls.
#include "pineal/http/api_routes.h"

#include "pineal/app/pineal_app.h"

namespace pineal::http {

void AddApiRoutes(Router& router, app::PinealApp& app, const AuthOptions& options) {
  AddHealthRoutes(router, app.clock());
  AddAuthRoutes(router, app.accounts(), options);
  AddAccountRoutes(router, app.accounts(), app.audit());
  AddPatientRoutes(router, app.patients(), app.monitoring());
  AddMedicationRoutes(router, app.patients());
  AddRegimenRoutes(router, app.regimens());
  AddEventRoutes(router, app.patients());
  AddScreeningRoutes(router, app.regimens());
  AddSimulationRoutes(router, app.modelling());
  AddCircadianRoutes(router, app.modelling());
  AddResponseRoutes(router, app.patients());
  AddMonitoringRoutes(router, app.monitoring());
  AddCalendarRoutes(router, app.calendar_feeds());
  AddOpenApiRoutes(router);
}

}  // namespace pineal::http
