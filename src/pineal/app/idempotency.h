// Use case: idempotent retries. A client sends an Idempotency-Key with a POST;
// a retry with the same key and request gets the first answer back and writes
// nothing. Keys belong to the account that sent them.
#pragma once

#include <string>
#include <string_view>

#include "pineal/app/use_case_base.h"

namespace pineal::app {

// Keys last a day; a request still "running" after a few minutes was cut off
// (a crash, a lost worker) and the key may be used again.
inline constexpr auto kIdempotencyKeyLifetime = std::chrono::hours(24);
inline constexpr auto kIdempotencyAbandonedAfter = std::chrono::minutes(5);
inline constexpr std::size_t kMaxIdempotencyKeyLength = 255;

// 1 to 255 printable ASCII characters, no spaces; errors name `field`.
Status CheckIdempotencyKey(std::string_view key, std::string_view field);

enum class IdempotencyOutcome {
  kProceed,     // the key is reserved: run the request, then Finish or Abandon
  kReplay,      // the first answer is in `stored`
  kReused,      // the key was used for a different request
  kInProgress,  // the first request with this key is still running
};

struct IdempotencyStart {
  IdempotencyOutcome outcome = IdempotencyOutcome::kProceed;
  store::IdempotencyRecord stored;
};

class Idempotency : public UseCaseBase {
 public:
  Idempotency(store::Store& store, const Clock& clock, Knowledge knowledge)
      : UseCaseBase(store, clock, knowledge) {}

  // `fingerprint` identifies the request (method, path, query, body). Expired
  // keys of every account are purged here, lazily.
  Result<IdempotencyStart> Begin(const Actor& actor, const std::string& key,
                                 const std::string& fingerprint);
  // Stores the final answer of a reserved key.
  Status Finish(const Actor& actor, store::IdempotencyRecord answer);
  // Frees a reserved key whose request ended without a final answer (a
  // server error), so that a retry runs again.
  Status Abandon(const Actor& actor, const std::string& key);
};

}  // namespace pineal::app
