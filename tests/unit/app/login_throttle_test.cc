// Login throttling: concurrent guesses, per-address locks that cannot shut
// the owner out, the same answers for unknown usernames, and unlocking.
#include <atomic>
#include <thread>

#include "pineal/app/credentials.h"
#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

using LoginThrottleTest = AppTest;

constexpr const char* kGuessedPassword = "not the password at all";

TEST_F(LoginThrottleTest, ConcurrentWrongPasswordsGetNoMoreChecksThanThePolicy) {
  const std::uint64_t before = app::PasswordVerifications();
  std::atomic<int> unauthenticated{0}, throttled{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 30; ++i) {
    threads.emplace_back([&] {
      const auto code =
          app_->accounts().Login("dr.house", kGuessedPassword, "203.0.113.9").status().code();
      if (code == StatusCode::kUnauthenticated) ++unauthenticated;
      if (code == StatusCode::kResourceExhausted) ++throttled;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(app::PasswordVerifications() - before,
            static_cast<std::uint64_t>(app::kMaxFailedLogins));
  EXPECT_EQ(unauthenticated.load(), app::kMaxFailedLogins);
  EXPECT_EQ(throttled.load(), 30 - app::kMaxFailedLogins);
  EXPECT_EQ(AuditOf("auth.login").size(), 30u);
}

TEST_F(LoginThrottleTest, AnAttackerElsewhereCannotLockTheOwnerOutOfTheirOwnAddress) {
  const std::string owner = "192.0.2.10";
  ASSERT_TRUE(app_->accounts().Login("dr.house", std::string(kPassword), owner).ok());
  // Guesses from many addresses: each address and, together, every address
  // the account never signed in from, are locked after the policy's count.
  int checked = 0;
  for (int i = 0; i < 40; ++i) {
    const auto code = app_->accounts()
                          .Login("dr.house", kGuessedPassword, "198.51.100." + std::to_string(i))
                          .status()
                          .code();
    if (code == StatusCode::kUnauthenticated)
      ++checked;
    else
      EXPECT_EQ(code, StatusCode::kResourceExhausted);
  }
  EXPECT_EQ(checked, app::kMaxFailedLogins);
  EXPECT_EQ(
      app_->accounts().Login("dr.house", std::string(kPassword), "198.51.100.77").status().code(),
      StatusCode::kResourceExhausted);
  // The owner's own address is not locked.
  EXPECT_TRUE(app_->accounts().Login("dr.house", std::string(kPassword), owner).ok());
}

TEST_F(LoginThrottleTest, RepeatedLocksGrowLongerUntilASuccessfulLogin) {
  auto lock_from = [&](const std::string& address) {
    for (int i = 0; i < app::kMaxFailedLogins; ++i) {
      (void)app_->accounts().Login("dr.house", kGuessedPassword, address);
    }
    app::LoginRefusal refusal;
    EXPECT_EQ(
        app_->accounts().Login("dr.house", kGuessedPassword, address, &refusal).status().code(),
        StatusCode::kResourceExhausted);
    return refusal.retry_at - clock_.Now();
  };
  EXPECT_EQ(lock_from("203.0.113.1"), app::kLockout);
  clock_.Set(clock_.Now() + app::kLockout);
  EXPECT_EQ(lock_from("203.0.113.1"), 2 * app::kLockout);
  clock_.Set(clock_.Now() + 2 * app::kLockout);
  EXPECT_EQ(lock_from("203.0.113.1"), 4 * app::kLockout);
  clock_.Set(clock_.Now() + 4 * app::kLockout);
  ASSERT_TRUE(app_->accounts().Login("dr.house", std::string(kPassword), "203.0.113.1").ok());
  EXPECT_EQ(lock_from("203.0.113.1"), app::kLockout);
}

TEST_F(LoginThrottleTest, UnknownUsernamesGetTheSameAnswersAndTheSameWork) {
  auto attempt = [&](const std::string& user) {
    const std::uint64_t before = app::PasswordVerifications();
    app::LoginRefusal refusal;
    auto r = app_->accounts().Login(user, kGuessedPassword, "203.0.113.5", &refusal);
    return std::make_tuple(r.status().code(), std::string(r.status().message()), refusal.retry_at,
                           app::PasswordVerifications() - before);
  };
  for (int i = 0; i <= app::kMaxFailedLogins + 1; ++i) {
    const auto existing = attempt("dr.house");
    const auto unknown = attempt("dr.nobody");
    EXPECT_EQ(existing, unknown) << "attempt " << i;
    EXPECT_EQ(std::get<0>(existing), i < app::kMaxFailedLogins ? StatusCode::kUnauthenticated
                                                               : StatusCode::kResourceExhausted);
    // One password check per attempt until the lock, none after.
    EXPECT_EQ(std::get<3>(existing), i < app::kMaxFailedLogins ? 1u : 0u);
  }
}

TEST_F(LoginThrottleTest, AnAdminUnlocksAnAccountAndItIsAudited) {
  const app::Actor admin = NewActor("admin.one", store::UserRole::kAdmin);
  for (int i = 0; i < app::kMaxFailedLogins; ++i) {
    (void)app_->accounts().Login("dr.house", kGuessedPassword, "203.0.113.1");
  }
  ASSERT_EQ(
      app_->accounts().Login("dr.house", std::string(kPassword), "203.0.113.1").status().code(),
      StatusCode::kResourceExhausted);
  // A clinician may not unlock, nor may an unknown name be unlocked.
  EXPECT_EQ(app_->accounts().UnlockUser(dr_, "dr.house").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(app_->accounts().UnlockUser(admin, "dr.nobody").status().code(), StatusCode::kNotFound);
  auto cleared = app_->accounts().UnlockUser(admin, "dr.house");
  ASSERT_TRUE(cleared.ok()) << cleared.status().ToString();
  EXPECT_EQ(*cleared, 2);  // this address, and every new address
  EXPECT_TRUE(app_->accounts().Login("dr.house", std::string(kPassword), "203.0.113.1").ok());
  auto rows = AuditOf("user.unlock");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[2].outcome, "ok");
  EXPECT_EQ(rows[2].actor, "admin.one");
  EXPECT_EQ(rows[2].detail, "username=dr.house locks_cleared=2");
  EXPECT_EQ(rows[0].outcome, "permission_denied");
}

}  // namespace
}  // namespace pineal::testing
