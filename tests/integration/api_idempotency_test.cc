// Idempotency-Key: a retried POST returns the first answer and writes nothing.
#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

class IdempotencyTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    patient_ = NewPatient();
    doses_ = "/api/v1/patients/" + std::to_string(patient_) + "/dose-events";
  }
  Reply PostWithKey(const std::string& path, const json& body, const std::string& key,
                    const std::string& token = {}) {
    httplib::Client c("127.0.0.1", port_);
    c.set_bearer_token_auth(token.empty() ? token_ : token);
    auto r = c.Post(path, {{"Idempotency-Key", key}}, body.dump(), "application/json");
    Reply out;
    if (!r) {
      ADD_FAILURE() << "no response";
      return out;
    }
    RecordApiResponse("POST", path, *r);
    out.status = r->status;
    out.raw = r->body;
    out.headers = r->headers;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }
  static json Dose(const std::string& amount = "3 mg") {
    return {{"substance", "melatonin"},
            {"taken_at", "2026-11-10T21:00:00Z"},
            {"amount", amount},
            {"status", "taken"}};
  }
  std::size_t StoredDoses() { return Get(doses_ + "?with_superseded=true").body["items"].size(); }
  UserId TestUser() { return store_->FindUser("dr.test")->id; }

  std::int64_t patient_ = 0;
  std::string doses_;
};

TEST_F(IdempotencyTest, ARetryReplaysTheFirstAnswerAndStoresOneRecord) {
  Reply first = PostWithKey(doses_, Dose(), "a1b2c3d4-phone-retry");
  ASSERT_EQ(first.status, 201) << first.raw;
  EXPECT_FALSE(first.headers.count("Idempotent-Replayed"));
  Reply again = PostWithKey(doses_, Dose(), "a1b2c3d4-phone-retry");
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.raw, first.raw);
  EXPECT_EQ(again.body["id"], first.body["id"]);
  auto replayed = again.headers.find("Idempotent-Replayed");
  ASSERT_NE(replayed, again.headers.end());
  EXPECT_EQ(replayed->second, "true");
  EXPECT_EQ(StoredDoses(), 1u);
  // Without a key, the same request is a new record.
  EXPECT_EQ(Post(doses_, Dose()).status, 201);
  EXPECT_EQ(StoredDoses(), 2u);
}

TEST_F(IdempotencyTest, ValidationErrorsAreReplayedToo) {
  Reply bad = PostWithKey(doses_, Dose("3 parsecs"), "bad-dose-1");
  ASSERT_EQ(bad.status, 400) << bad.raw;
  Reply again = PostWithKey(doses_, Dose("3 parsecs"), "bad-dose-1");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.raw, bad.raw);
  EXPECT_EQ(again.headers.count("Idempotent-Replayed"), 1u);
}

TEST_F(IdempotencyTest, TheSameKeyForADifferentRequestIsRefused) {
  ASSERT_EQ(PostWithKey(doses_, Dose(), "key-1").status, 201);
  Reply other = PostWithKey(doses_, Dose("5 mg"), "key-1");
  EXPECT_EQ(other.status, 422) << other.raw;
  EXPECT_EQ(other.body["error"]["code"], "idempotency_key_reused");
  EXPECT_EQ(other.body["error"]["field"], "Idempotency-Key");
  Reply other_path = PostWithKey("/api/v1/patients", {{"display_name", "New P."}}, "key-1");
  EXPECT_EQ(other_path.status, 422) << other_path.raw;
  EXPECT_EQ(StoredDoses(), 1u);
  EXPECT_EQ(Get("/api/v1/patients").body["total"], 1);
}

TEST_F(IdempotencyTest, KeysBelongToOneAccount) {
  ASSERT_EQ(PostWithKey("/api/v1/patients", {{"display_name", "Mine"}}, "shared-key").status, 201);
  const std::string colleague = TokenFor("dr.other", store::UserRole::kClinician);
  Reply theirs =
      PostWithKey("/api/v1/patients", {{"display_name", "Mine"}}, "shared-key", colleague);
  EXPECT_EQ(theirs.status, 201) << theirs.raw;
  EXPECT_EQ(theirs.headers.count("Idempotent-Replayed"), 0u);
}

TEST_F(IdempotencyTest, MalformedKeysAndKeysOnSecretRoutesAreRefused) {
  for (const std::string& key :
       {std::string(256, 'k'), std::string("two words"), std::string("caf\xc3\xa9")}) {
    Reply r = PostWithKey(doses_, Dose(), key);
    EXPECT_EQ(r.status, 400) << r.raw;
    EXPECT_EQ(r.body["error"]["field"], "Idempotency-Key");
  }
  Reply token = PostWithKey("/api/v1/auth/tokens", {{"name", "script"}}, "token-key");
  EXPECT_EQ(token.status, 400) << token.raw;
  EXPECT_EQ(token.body["error"]["field"], "Idempotency-Key");
  EXPECT_EQ(StoredDoses(), 0u);
  EXPECT_EQ(Get("/api/v1/auth/tokens").body["items"].size(), 1u);
}

TEST_F(IdempotencyTest, ARequestStillRunningIsNotRunTwiceUntilItIsAbandoned) {
  const Instant now = SystemClock().Now();
  clock_.Set(now);
  // The first request was reserved but has not answered (a slow or a
  // crashed worker).
  store::IdempotencyRecord running;
  running.user_id = TestUser();
  running.key = "slow-key";
  running.created_at = now;
  Reply probe = PostWithKey(doses_, Dose(), "probe-key");  // learn the fingerprint
  ASSERT_EQ(probe.status, 201);
  running.fingerprint = store_->FindIdempotencyKey(TestUser(), "probe-key")->value().fingerprint;
  ASSERT_TRUE(store_->InsertIdempotencyKey(running).ok());

  Reply busy = PostWithKey(doses_, Dose(), "slow-key");
  EXPECT_EQ(busy.status, 409) << busy.raw;
  EXPECT_EQ(busy.body["error"]["code"], "idempotency_key_in_progress");
  EXPECT_EQ(StoredDoses(), 1u);
  clock_.Set(now + app::kIdempotencyAbandonedAfter);
  Reply taken_over = PostWithKey(doses_, Dose(), "slow-key");
  EXPECT_EQ(taken_over.status, 201) << taken_over.raw;
  EXPECT_EQ(StoredDoses(), 2u);
}

TEST_F(IdempotencyTest, KeysExpireAfterADay) {
  const Instant now = SystemClock().Now();
  clock_.Set(now);
  ASSERT_EQ(PostWithKey(doses_, Dose(), "daily-key").status, 201);
  clock_.Set(now + app::kIdempotencyKeyLifetime - std::chrono::seconds(1));
  EXPECT_EQ(PostWithKey(doses_, Dose("5 mg"), "daily-key").status, 422);
  clock_.Set(now + app::kIdempotencyKeyLifetime + std::chrono::seconds(1));
  Reply fresh = PostWithKey(doses_, Dose("5 mg"), "daily-key");
  EXPECT_EQ(fresh.status, 201) << fresh.raw;
  EXPECT_EQ(fresh.headers.count("Idempotent-Replayed"), 0u);
  EXPECT_EQ(StoredDoses(), 2u);
  EXPECT_FALSE(store_->FindIdempotencyKey(TestUser(), "daily-key")->value().fingerprint.empty());
}

}  // namespace
}  // namespace pineal::testing
