// A small, realistic demo clinic so a new user sees something at once.
#pragma once

#include "pineal/app/pineal_app.h"

namespace pineal::app {

struct DemoLogin {
  std::string username, password, role;
};

struct DemoSummary {
  std::vector<DemoLogin> logins;
  int patients = 0;
  int medications = 0;
  int regimens = 0;
  int dose_events = 0;
  int observations = 0;
  int alerts = 0;     // opened by the monitoring rules
  int proposals = 0;  // titration proposals awaiting a decision
};

// Adds the demo patients with regimens, two weeks of dose logs and
// observations ending at the clock's "now". Refuses (FailedPrecondition) when
// the database already has patients, so it never mixes with real records.
// The demo accounts and their (public) passwords.
std::vector<DemoLogin> DemoLogins();

Result<DemoSummary> LoadDemoClinic(PinealApp& app, const Actor& actor, store::Store& store);

}  // namespace pineal::app
