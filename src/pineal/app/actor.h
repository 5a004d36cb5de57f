// Who is asking: every use case takes one, checks what it may do, and the
// audit log records it.
#pragma once

#include <optional>
#include <string>

#include "pineal/core/ids.h"

namespace pineal::app {

// kSystem is pineal itself acting for a local operator (the CLI, the demo
// loader); it is never the role of an account.
enum class Role { kAdmin, kClinician, kPatient, kSystem };

struct Actor {
  std::optional<UserId> user_id;
  std::string name = "system";
  Role role = Role::kSystem;
  std::optional<PatientId> patient_id;  // for a patient: their own record
  std::string address;                  // the client's network address, if any
};

std::string RoleName(Role role);

}  // namespace pineal::app
