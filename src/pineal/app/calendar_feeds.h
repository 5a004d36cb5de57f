// Use cases, calendar feeds: a private, revocable .ics URL of a patient's
// planned doses and due questionnaires, so any phone calendar reminds the
// patient. The URL's token is the credential: it is shown once, when the
// feed is made, and only its SHA-256 hash is stored. The patient or a
// clinician on the care team makes, lists and revokes feeds; whoever holds a
// live URL reads the feed, each fetch audited as a read of the patient.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "pineal/app/monitoring.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

// What making a feed hands to the client, once.
struct CalendarFeedGrant {
  std::int64_t id = 0;
  std::string token;  // 64 hex characters; the URL is /api/v1/calendar/<token>.ics
  Instant created_at{};
};
std::vector<std::string> AuditRecordIds(const CalendarFeedGrant& grant);

// How far ahead a feed shows: today (in the patient's zone) and the 13 days after.
inline constexpr int kCalendarFeedDays = 14;

class CalendarFeeds : public UseCaseBase {
 public:
  CalendarFeeds(store::Store& store, const Clock& clock, Knowledge knowledge,
                Monitoring& monitoring)
      : UseCaseBase(store, clock, knowledge), monitoring_(monitoring) {}

  Result<CalendarFeedGrant> CreateFeed(const Actor& actor, PatientId patient);
  // Oldest first, revoked ones with their time; never a token.
  Result<std::vector<store::CalendarFeed>> ListFeeds(const Actor& actor, PatientId patient);
  // Revoking a revoked feed keeps its first revocation.
  Result<store::CalendarFeed> RevokeFeed(const Actor& actor, PatientId patient,
                                         std::int64_t feed_id);

  // The iCalendar text of the feed whose URL holds `token`, audited as
  // "calendar.read" of its patient (from `address`). A malformed, unknown or
  // revoked token is the same NotFound.
  Result<std::string> RenderFeed(const std::string& token, const std::string& address);

 private:
  Monitoring& monitoring_;
};

}  // namespace pineal::app
