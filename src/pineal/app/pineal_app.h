// The composition root of the use cases: one object per family, built over
// one store, one clock and one knowledge base. http/ and cli/ take the family
// they need (patients(), regimens(), ...) and nothing below it; only the code
// that starts pineal (serve, the CLI's commands, the demo loader) includes
// this header.
#pragma once

#include "pineal/app/accounts.h"
#include "pineal/app/alert_refresh.h"
#include "pineal/app/audit_log.h"
#include "pineal/app/calendar_feeds.h"
#include "pineal/app/idempotency.h"
#include "pineal/app/modelling.h"
#include "pineal/app/monitoring.h"
#include "pineal/app/patient_records.h"
#include "pineal/app/regimen_care.h"
#include "pineal/app/regimen_writes.h"

namespace pineal::app {

class PinealApp {
 public:
  // Without the safety catalog, regimens cannot be screened and so cannot be
  // changed; without the PK models there are no predictions.
  PinealApp(store::Store& store, const Clock& clock, Knowledge knowledge = {})
      : clock_(clock),
        knowledge_(knowledge),
        alert_refresh_(store, clock, knowledge),
        regimen_writes_(store, clock, knowledge),
        patients_(store, clock, knowledge, alert_refresh_),
        regimens_(store, clock, knowledge, regimen_writes_),
        monitoring_(store, clock, knowledge, alert_refresh_, regimen_writes_),
        modelling_(store, clock, knowledge, regimen_writes_),
        accounts_(store, clock, knowledge),
        audit_(store, clock, knowledge),
        idempotency_(store, clock, knowledge),
        calendar_feeds_(store, clock, knowledge, monitoring_) {}

  PinealApp(const PinealApp&) = delete;
  PinealApp& operator=(const PinealApp&) = delete;

  PatientRecords& patients() { return patients_; }
  RegimenCare& regimens() { return regimens_; }
  Monitoring& monitoring() { return monitoring_; }
  Modelling& modelling() { return modelling_; }
  Accounts& accounts() { return accounts_; }
  AuditLog& audit() { return audit_; }
  Idempotency& idempotency() { return idempotency_; }
  CalendarFeeds& calendar_feeds() { return calendar_feeds_; }

  const Clock& clock() const { return clock_; }
  const Knowledge& knowledge() const { return knowledge_; }

 private:
  const Clock& clock_;
  Knowledge knowledge_;
  AlertRefresh alert_refresh_;
  RegimenWrites regimen_writes_;
  PatientRecords patients_;
  RegimenCare regimens_;
  Monitoring monitoring_;
  Modelling modelling_;
  Accounts accounts_;
  AuditLog audit_;
  Idempotency idempotency_;
  CalendarFeeds calendar_feeds_;
};

}  // namespace pineal::app
