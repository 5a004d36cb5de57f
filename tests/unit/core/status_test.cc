#include "pineal/core/status.h"

#include <gtest/gtest.h>

#include <memory>
#include <set>
#include <string>

#include "pineal/core/check.h"
#include "pineal/core/result.h"

namespace pineal {
namespace {

TEST(StatusTest, DefaultIsOk) {
  const Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kOk);
  EXPECT_EQ(s.ToString(), "ok");
  EXPECT_TRUE(Status::Ok().ok());
}

TEST(StatusTest, NamedConstructorsSetCodeMessageAndField) {
  const Status s = Status::InvalidArgument("must be 0 or more", "dose");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.message(), "must be 0 or more");
  EXPECT_EQ(s.field(), "dose");
  EXPECT_EQ(s.ToString(), "invalid_argument: dose: must be 0 or more");
  EXPECT_EQ(Status::NotFound("no patient 7").ToString(), "not_found: no patient 7");

  EXPECT_EQ(Status::NotFound("x").code(), StatusCode::kNotFound);
  EXPECT_EQ(Status::AlreadyExists("x").code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(Status::Aborted("x").code(), StatusCode::kAborted);
  EXPECT_EQ(Status::FailedPrecondition("x").code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(Status::PermissionDenied("x").code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Status::Unauthenticated("x").code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(Status::ResourceExhausted("x").code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(Status::Unavailable("x").code(), StatusCode::kUnavailable);
  EXPECT_EQ(Status::Internal("x").code(), StatusCode::kInternal);
}

TEST(StatusTest, CodeNamesAreDistinctAndStable) {
  // These names are what clients see in error bodies.
  EXPECT_EQ(StatusCodeName(StatusCode::kOk), "ok");
  EXPECT_EQ(StatusCodeName(StatusCode::kInvalidArgument), "invalid_argument");
  EXPECT_EQ(StatusCodeName(StatusCode::kNotFound), "not_found");
  EXPECT_EQ(StatusCodeName(StatusCode::kAlreadyExists), "already_exists");
  EXPECT_EQ(StatusCodeName(StatusCode::kAborted), "conflict");
  EXPECT_EQ(StatusCodeName(StatusCode::kFailedPrecondition), "failed_precondition");
  EXPECT_EQ(StatusCodeName(StatusCode::kPermissionDenied), "permission_denied");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnauthenticated), "unauthenticated");
  EXPECT_EQ(StatusCodeName(StatusCode::kResourceExhausted), "resource_exhausted");
  EXPECT_EQ(StatusCodeName(StatusCode::kUnavailable), "unavailable");
  EXPECT_EQ(StatusCodeName(StatusCode::kInternal), "internal");
  std::set<std::string_view> names;
  for (int c = 0; c <= static_cast<int>(StatusCode::kInternal); ++c) {
    names.insert(StatusCodeName(static_cast<StatusCode>(c)));
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(StatusCode::kInternal) + 1);
}

TEST(StatusTest, WithFieldPrefixBuildsAPath) {
  const Status dose = Status::InvalidArgument("bad", "dose");
  EXPECT_EQ(dose.WithFieldPrefix("steps[0]").field(), "steps[0].dose");
  EXPECT_EQ(dose.WithFieldPrefix("steps[0]").WithFieldPrefix("regimen").field(),
            "regimen.steps[0].dose");
  // An index joins without a dot.
  EXPECT_EQ(Status::InvalidArgument("bad", "[2].dose").WithFieldPrefix("steps").field(),
            "steps[2].dose");
  // No field yet: the prefix becomes the field.
  EXPECT_EQ(Status::InvalidArgument("bad").WithFieldPrefix("weight").field(), "weight");
  EXPECT_EQ(dose.WithFieldPrefix("").field(), "dose");
  // The message and code are kept.
  const Status prefixed = dose.WithFieldPrefix("steps[0]");
  EXPECT_EQ(prefixed.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(prefixed.message(), "bad");
  // An OK status stays OK and gains no field.
  EXPECT_TRUE(Status::Ok().WithFieldPrefix("x").ok());
  EXPECT_EQ(Status::Ok().WithFieldPrefix("x").field(), "");
}

Result<int> ParsePositive(int x) {
  if (x <= 0) return Status::InvalidArgument("must be positive", "x");
  return x;
}

Result<int> Doubled(int x) {
  PINEAL_ASSIGN_OR_RETURN(int v, ParsePositive(x));
  return 2 * v;
}

Status CheckBoth(int a, int b) {
  PINEAL_RETURN_IF_ERROR(ParsePositive(a).status());
  PINEAL_RETURN_IF_ERROR(ParsePositive(b).status());
  return Status::Ok();
}

TEST(ResultTest, HoldsAValueOrAStatus) {
  const Result<int> ok = ParsePositive(3);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 3);
  EXPECT_TRUE(ok.status().ok());
  const Result<int> bad = ParsePositive(-1);
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "x");
}

TEST(ResultTest, MacrosPropagateErrors) {
  EXPECT_EQ(*Doubled(4), 8);
  EXPECT_EQ(Doubled(0).status().message(), "must be positive");
  EXPECT_TRUE(CheckBoth(1, 2).ok());
  EXPECT_EQ(CheckBoth(1, -2).code(), StatusCode::kInvalidArgument);
}

TEST(ResultTest, MoveOnlyValues) {
  Result<std::unique_ptr<int>> r(std::make_unique<int>(5));
  ASSERT_TRUE(r.ok());
  std::unique_ptr<int> p = std::move(r).value();
  EXPECT_EQ(*p, 5);
}

TEST(ResultDeathTest, ValueOfAnErrorIsABug) {
  const Result<int> bad = ParsePositive(-1);
  EXPECT_DEATH((void)bad.value(), "must be positive");
}

TEST(ResultDeathTest, OkStatusWithoutValueIsABug) {
  EXPECT_DEATH({ Result<int> r(Status::Ok()); }, "OK status without a value");
}

TEST(CheckDeathTest, FailedCheckAbortsWithTheMessage) {
  EXPECT_DEATH(PINEAL_CHECK(1 + 1 == 3, "arithmetic is broken"), "arithmetic is broken");
}

}  // namespace
}  // namespace pineal
