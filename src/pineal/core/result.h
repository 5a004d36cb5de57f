// Result<T>: a value or the Status that explains why there is none.
#pragma once

#include <optional>
#include <utility>

#include "pineal/core/check.h"
#include "pineal/core/status.h"

namespace pineal {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}         // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    PINEAL_CHECK(!status_.ok(), "Result constructed from an OK status without a value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  const T& value() const& {
    PINEAL_CHECK(ok(), status_.ToString());
    return *value_;
  }
  T& value() & {
    PINEAL_CHECK(ok(), status_.ToString());
    return *value_;
  }
  T&& value() && {
    PINEAL_CHECK(ok(), status_.ToString());
    return std::move(*value_);
  }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace pineal

#define PINEAL_CONCAT_INNER(a, b) a##b
#define PINEAL_CONCAT(a, b) PINEAL_CONCAT_INNER(a, b)
#define PINEAL_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                 \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value()
// PINEAL_ASSIGN_OR_RETURN(auto x, Compute()); returns the Status on failure.
#define PINEAL_ASSIGN_OR_RETURN(lhs, expr) \
  PINEAL_ASSIGN_OR_RETURN_IMPL(PINEAL_CONCAT(pineal_result_, __LINE__), lhs, expr)
