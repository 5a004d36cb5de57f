// Use cases: calendar feeds (see calendar_feeds.h).
#include "pineal/app/calendar_feeds.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "pineal/app/credentials.h"
#include "pineal/app/ical_text.h"
#include "pineal/monitor/adherence_plan.h"

namespace pineal::app {

std::vector<std::string> AuditRecordIds(const CalendarFeedGrant& grant) {
  return {AuditRecordId("calendar_feed", grant.id)};
}

namespace {

// The one answer for a token that opens nothing: malformed, unknown or revoked.
Status NoSuchFeed() { return Status::NotFound("no such calendar feed"); }

// What NewToken makes: 64 lower-case hex characters.
bool WellFormedToken(const std::string& token) {
  return token.size() == 64 && std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// "melatonin" -> "Melatonin".
std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// How long a dose's event lasts in the calendar.
constexpr auto kDoseEventLength = std::chrono::minutes(15);

}  // namespace

Result<CalendarFeedGrant> CalendarFeeds::CreateFeed(const Actor& actor, PatientId patient) {
  return AuditedWrite<CalendarFeedGrant>(
      actor, "calendar.create", patient, [&]() -> Result<CalendarFeedGrant> {
        PINEAL_RETURN_IF_ERROR(CheckCanCheckIn(actor, patient));
        CalendarFeedGrant grant;
        PINEAL_ASSIGN_OR_RETURN(grant.token, NewToken());
        store::CalendarFeed feed;
        feed.patient_id = patient;
        feed.token_hash = Sha256Hex(grant.token);
        feed.created_at = clock_.Now();
        feed.created_by = actor.name;
        PINEAL_ASSIGN_OR_RETURN(grant.id, store_.InsertCalendarFeed(feed));
        grant.created_at = feed.created_at;
        return grant;
      });
}

Result<std::vector<store::CalendarFeed>> CalendarFeeds::ListFeeds(const Actor& actor,
                                                                  PatientId patient) {
  return AuditedRead<std::vector<store::CalendarFeed>>(
      actor, "calendar.list", patient, [&]() -> Result<std::vector<store::CalendarFeed>> {
        PINEAL_RETURN_IF_ERROR(CheckCanCheckIn(actor, patient));
        return store_.ListCalendarFeeds(patient);
      });
}

Result<store::CalendarFeed> CalendarFeeds::RevokeFeed(const Actor& actor, PatientId patient,
                                                      std::int64_t feed_id) {
  return AuditedWrite<store::CalendarFeed>(
      actor, "calendar.revoke", patient,
      [&]() -> Result<store::CalendarFeed> {
        PINEAL_RETURN_IF_ERROR(CheckCanCheckIn(actor, patient));
        PINEAL_RETURN_IF_ERROR(store_.RevokeCalendarFeed(patient, feed_id, clock_.Now()));
        PINEAL_ASSIGN_OR_RETURN(auto feeds, store_.ListCalendarFeeds(patient));
        for (auto& f : feeds) {
          if (f.id == feed_id) return std::move(f);
        }
        return Status::Internal("calendar feed " + std::to_string(feed_id) + " vanished");
      },
      [&] { return "calendar_feed=" + std::to_string(feed_id); });
}

Result<std::string> CalendarFeeds::RenderFeed(const std::string& token,
                                              const std::string& address) {
  if (!WellFormedToken(token)) return NoSuchFeed();
  const std::string hash = Sha256Hex(token);
  std::optional<Result<std::string>> result;
  // The feed, what it shows and the audit row, in one snapshot: a feed
  // revoked meanwhile shows nothing.
  const Status audited = store_.InTransaction([&]() -> Status {
    auto feed = store_.FindActiveCalendarFeed(hash);
    if (!feed.ok()) {
      result.emplace(feed.status().code() == StatusCode::kNotFound ? NoSuchFeed() : feed.status());
      return Status::Ok();  // nothing to audit: no patient was read
    }
    // Whoever holds the URL reads as the patient's feed.
    const Actor reader{std::nullopt, AuditRecordId("calendar_feed", feed->id), Role::kPatient,
                       feed->patient_id, address};
    std::vector<std::string> record_ids = {AuditRecordId("calendar_feed", feed->id)};
    result.emplace([&]() -> Result<std::string> {
      PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(feed->patient_id));
      PINEAL_ASSIGN_OR_RETURN(LocalDate today, TodayFor(p));
      const LocalDate end{std::chrono::sys_days(today) + std::chrono::days(kCalendarFeedDays)};
      PINEAL_ASSIGN_OR_RETURN(Instant from, FromLocal(today, TimeOfDay{0}, p.time_zone));
      PINEAL_ASSIGN_OR_RETURN(Instant to, FromLocal(end, TimeOfDay{0}, p.time_zone));

      ical::Calendar cal;
      cal.prodid = "-//pineal//calendar feed//EN";
      cal.name = "pineal: " + p.display_name;
      cal.stamp = clock_.Now();

      PINEAL_ASSIGN_OR_RETURN(auto regimens, store_.ListRegimens(p.id));
      std::vector<std::pair<Instant, ical::Event>> doses;
      for (const records::Regimen& r : regimens) {
        PINEAL_ASSIGN_OR_RETURN(auto planned, monitor::PlannedDoses(r, p.time_zone, from, to));
        if (planned.empty()) continue;
        record_ids.push_back(AuditRecordId("regimen", r.id.value()));
        for (const monitor::PlannedDose& d : planned) {
          ical::Event e;
          e.uid = "dose-" + r.id.ToString() + "-" + ical::UtcDateTime(d.at) + "@pineal";
          e.start = d.at;
          e.end = d.at + kDoseEventLength;
          e.summary = Capitalised(r.substance) + " " + d.dose.ToString();
          e.description = "Planned dose, as agreed with your clinician.";
          e.alarm_trigger = "PT0M";
          doses.emplace_back(d.at, std::move(e));
        }
      }
      std::stable_sort(doses.begin(), doses.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [at, e] : doses) cal.events.push_back(std::move(e));

      // Questionnaires due (or overdue: shown today) or upcoming in the window.
      if (knowledge_.rules != nullptr && knowledge_.instruments != nullptr &&
          knowledge_.safety != nullptr) {
        PINEAL_ASSIGN_OR_RETURN(PatientQuestionnaires plan,
                                monitoring_.QuestionnairePlan(p, regimens));
        for (const DueInstrument& item : plan.items) {
          // A clinician-rated instrument (COWS) is done at the clinic, not by the patient.
          if (item.instrument->respondent != kb::Respondent::kSelf) continue;
          const LocalDate due = item.due.date;
          if (std::chrono::sys_days(due) >= std::chrono::sys_days(end)) continue;
          const bool overdue = std::chrono::sys_days(due) < std::chrono::sys_days(today);
          ical::Event e;
          e.uid = "questionnaire-" + p.id.ToString() + "-" + item.due.instrument + "-" +
                  ical::DateValue(due) + "@pineal";
          e.date = overdue ? today : due;
          e.summary = "Questionnaire: " + item.instrument->name;
          e.description = overdue
                              ? "Please answer it in pineal; it was due on " + FormatDate(due) + "."
                              : "Please answer it in pineal on this day.";
          e.alarm_trigger = "PT9H";  // 09:00 on the day, in the phone's own zone
          cal.events.push_back(std::move(e));
        }
      }
      return ical::Format(cal);
    }());
    return RecordAudit(reader, "calendar.read", feed->patient_id, result->status(), {},
                       result->ok() ? std::move(record_ids) : std::vector<std::string>());
  });
  if (!result || (result->ok() && !audited.ok())) return UnauditedRefusal();
  return std::move(*result);
}

}  // namespace pineal::app
