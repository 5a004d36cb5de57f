// Who is asking: every use case takes one, and the audit log records it.
#pragma once

#include <string>

namespace pineal::app {

enum class Role { kAdmin, kClinician, kPatient, kSystem };

struct Actor {
  std::string name = "system";
  Role role = Role::kSystem;
  std::string address;  // the client's network address, if any
};

std::string RoleName(Role role);

}  // namespace pineal::app
