// Use case: idempotent retries (see idempotency.h).
#include "pineal/app/idempotency.h"

namespace pineal::app {

Status CheckIdempotencyKey(std::string_view key, std::string_view field) {
  if (key.empty() || key.size() > kMaxIdempotencyKeyLength) {
    return Status::InvalidArgument("must have 1 to 255 characters", std::string(field));
  }
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) {
      return Status::InvalidArgument(
          "may contain only printable ASCII characters without spaces (such as a UUID)",
          std::string(field));
    }
  }
  return Status::Ok();
}

Result<IdempotencyStart> Idempotency::Begin(const Actor& actor, const std::string& key,
                                            const std::string& fingerprint) {
  if (!actor.user_id) return Status::Unauthenticated("an idempotency key needs an account");
  const Instant now = clock_.Now();
  IdempotencyStart start;
  // One transaction: of two identical requests at once, one reserves the key
  // and the other finds it in progress.
  Status st = store_.InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store_.PurgeIdempotencyKeys(now - kIdempotencyKeyLifetime));
    PINEAL_ASSIGN_OR_RETURN(auto found, store_.FindIdempotencyKey(*actor.user_id, key));
    if (found) {
      if (found->fingerprint != fingerprint) {
        start.outcome = IdempotencyOutcome::kReused;
        return Status::Ok();
      }
      if (found->status) {
        start.outcome = IdempotencyOutcome::kReplay;
        start.stored = std::move(*found);
        return Status::Ok();
      }
      if (found->created_at > now - kIdempotencyAbandonedAfter) {
        start.outcome = IdempotencyOutcome::kInProgress;
        return Status::Ok();
      }
      PINEAL_RETURN_IF_ERROR(store_.DeleteIdempotencyKey(*actor.user_id, key));
    }
    store::IdempotencyRecord reserved;
    reserved.user_id = *actor.user_id;
    reserved.key = key;
    reserved.fingerprint = fingerprint;
    reserved.created_at = now;
    start.outcome = IdempotencyOutcome::kProceed;
    return store_.InsertIdempotencyKey(reserved);
  });
  if (!st.ok()) return st;
  return start;
}

Status Idempotency::Finish(const Actor& actor, store::IdempotencyRecord answer) {
  if (!actor.user_id) return Status::Unauthenticated("an idempotency key needs an account");
  answer.user_id = *actor.user_id;
  return store_.CompleteIdempotencyKey(answer);
}

Status Idempotency::Abandon(const Actor& actor, const std::string& key) {
  if (!actor.user_id) return Status::Unauthenticated("an idempotency key needs an account");
  return store_.DeleteIdempotencyKey(*actor.user_id, key);
}

}  // namespace pineal::app
