// The JSON API under /api/v1.
#pragma once

#include "pineal/app/pineal_app.h"
#include "pineal/http/router.h"

namespace pineal::http {

void AddHealthRoutes(Router& router, app::PinealApp& app);
void AddPatientRoutes(Router& router, app::PinealApp& app);
void AddMedicationRoutes(Router& router, app::PinealApp& app);
void AddRegimenRoutes(Router& router, app::PinealApp& app);
void AddEventRoutes(Router& router, app::PinealApp& app);

// All of the above.
void AddApiRoutes(Router& router, app::PinealApp& app);

}  // namespace pineal::http
