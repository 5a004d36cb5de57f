// Status: the outcome of an operation that can fail in an expected way.
// Errors are values (LevelDB/abseil model); exceptions stay inside adapters.
#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace pineal {

// Canonical codes, as abseil defines them; http/ maps them to status codes.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // the caller's input is wrong (400)
  kNotFound,            // no such record, or the caller may not see it (404)
  kAlreadyExists,       // a unique key is taken (409)
  kAborted,             // a concurrent change won, e.g. stale version (409)
  kFailedPrecondition,  // the system is not in a state to do this (409)
  kPermissionDenied,    // the caller may not do this (403)
  kUnauthenticated,     // nobody is logged in (401)
  kResourceExhausted,   // too large or too many (413/429)
  kUnavailable,         // try again later (503)
  kInternal,            // a bug or a broken invariant (500)
};

std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message, std::string field = {})
      : code_(code), message_(std::move(message)), field_(std::move(field)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string msg, std::string field = {}) {
    return {StatusCode::kInvalidArgument, std::move(msg), std::move(field)};
  }
  static Status NotFound(std::string msg) { return {StatusCode::kNotFound, std::move(msg)}; }
  static Status AlreadyExists(std::string msg, std::string field = {}) {
    return {StatusCode::kAlreadyExists, std::move(msg), std::move(field)};
  }
  static Status Aborted(std::string msg, std::string field = {}) {
    return {StatusCode::kAborted, std::move(msg), std::move(field)};
  }
  static Status FailedPrecondition(std::string msg, std::string field = {}) {
    return {StatusCode::kFailedPrecondition, std::move(msg), std::move(field)};
  }
  static Status PermissionDenied(std::string msg) {
    return {StatusCode::kPermissionDenied, std::move(msg)};
  }
  static Status Unauthenticated(std::string msg) {
    return {StatusCode::kUnauthenticated, std::move(msg)};
  }
  static Status ResourceExhausted(std::string msg) {
    return {StatusCode::kResourceExhausted, std::move(msg)};
  }
  static Status Unavailable(std::string msg) { return {StatusCode::kUnavailable, std::move(msg)}; }
  static Status Internal(std::string msg) { return {StatusCode::kInternal, std::move(msg)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }
  // The input field the error concerns ("weight.value", "steps[2].dose"), if any.
  const std::string& field() const { return field_; }

  // Returns a copy whose field is prefixed: WithFieldPrefix("steps[0]") turns
  // "dose" into "steps[0].dose".
  Status WithFieldPrefix(std::string_view prefix) const;

  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
  std::string field_;
};

// "field: message" (or the message alone when no field is set), for people
// reading a command's error.
std::string FieldMessage(const Status& status);

}  // namespace pineal

// Returns early from the enclosing function when `expr` is not OK.
#define PINEAL_RETURN_IF_ERROR(expr)                 \
  do {                                               \
    ::pineal::Status pineal_status_ = (expr);        \
    if (!pineal_status_.ok()) return pineal_status_; \
  } while (false)
