// Typed ids: a PatientId cannot be passed where a RegimenId is expected.
#pragma once

#include <compare>
#include <cstdint>
#include <functional>
#include <string>

namespace pineal {

template <typename Tag>
class Id {
 public:
  constexpr Id() = default;
  constexpr explicit Id(std::int64_t value) : value_(value) {}
  constexpr std::int64_t value() const { return value_; }
  constexpr bool valid() const { return value_ > 0; }
  auto operator<=>(const Id&) const = default;
  std::string ToString() const { return std::to_string(value_); }

 private:
  std::int64_t value_ = 0;
};

using PatientId = Id<struct PatientTag>;
using MedicationId = Id<struct MedicationTag>;
using RegimenId = Id<struct RegimenTag>;
using DoseEventId = Id<struct DoseEventTag>;
using ObservationId = Id<struct ObservationTag>;
using UserId = Id<struct UserTag>;

}  // namespace pineal

template <typename Tag>
struct std::hash<pineal::Id<Tag>> {
  std::size_t operator()(const pineal::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value());
  }
};
