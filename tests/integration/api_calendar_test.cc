// Calendar feeds through the API, with a fixed clock: a private .ics URL of
// a patient's planned doses and due questionnaires that any phone calendar
// can subscribe to, in UTC so that DST is carried by the instants; revocable;
// made only by the patient or the care team; every fetch audited.
#include <algorithm>
#include <regex>

#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

Instant WhenUtc(const char* iso) { return *ParseInstant(iso); }

// The content lines of an iCalendar text, unfolded (RFC 5545 §3.1).
std::vector<std::string> Unfolded(std::string text) {
  std::string joined;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.compare(i, 3, "\r\n ") == 0) {
      i += 2;
      continue;
    }
    joined += text[i];
  }
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t end; (end = joined.find("\r\n", start)) != std::string::npos; start = end + 2) {
    lines.push_back(joined.substr(start, end - start));
  }
  return lines;
}

std::vector<std::string> ValuesOf(const std::vector<std::string>& lines, const std::string& name) {
  std::vector<std::string> out;
  for (const auto& l : lines) {
    if (l.rfind(name + ":", 0) == 0) out.push_back(l.substr(name.size() + 1));
  }
  return out;
}

class CalendarApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // Thursday 25 March 2027, 09:00 in Paris (CET, UTC+1).
    clock_.Set(WhenUtc("2027-03-25T08:00:00Z"));
    pid_ = NewPatient();  // Ada L., Europe/Paris
    base_ = "/api/v1/patients/" + std::to_string(pid_);
  }
  std::int64_t Melatonin() {
    Reply r = Post(base_ + "/regimens", {{"substance", "melatonin"},
                                         {"formulation", "ir"},
                                         {"dose", "2 mg"},
                                         {"times_of_day", {"22:00"}},
                                         {"indication", "insomnia"},
                                         {"start_date", "2027-03-25"}});
    EXPECT_EQ(r.status, 201) << r.raw;
    return r.body.value("id", 0);
  }
  // Makes a feed as the current caller; returns the answer.
  Reply NewFeed() { return Post(base_ + "/calendar-feeds", json::object()); }
  // GET without any credentials, as a phone's calendar does.
  Reply Public(const std::string& path) {
    httplib::Client anonymous("127.0.0.1", port_);
    httplib::Result r = anonymous.Get(path);
    Reply out;
    if (!r) {
      ADD_FAILURE() << "GET " << path << ": no response";
      return out;
    }
    RecordApiResponse("GET", path, *r);
    out.status = r->status;
    out.raw = r->body;
    out.headers = r->headers;
    out.body = json::parse(r->body, nullptr, false);
    return out;
  }
  std::vector<store::AuditEvent> AuditOf(const std::string& action) {
    store::AuditQuery q;
    q.patient_id = PatientId(pid_);
    q.limit = 500;
    auto all = store_->ListAudit(q);
    EXPECT_TRUE(all.ok());
    std::vector<store::AuditEvent> out;
    for (const auto& e : *all) {
      if (e.action == action) out.push_back(e);
    }
    return out;
  }
  std::int64_t pid_ = 0;
  std::string base_;
};

// Melatonin 2 mg at 22:00 in Paris, daily from Thursday 25 March 2027, and
// the feed fetched that morning: 14 days, 25 March to 7 April. Worked out by
// hand: until Saturday 27 March Paris is on CET (UTC+1), so 22:00 is 21:00Z;
// on Sunday 28 March, the last Sunday of March, clocks go from 02:00 CET to
// 03:00 CEST (UTC+2), so from that evening on 22:00 is 20:00Z. The dose stays
// at 22:00 on the phone's clock both sides of the change.
TEST_F(CalendarApiTest, DosesAreInUtcAcrossTheDstChangeAndQuestionnairesAreAllDay) {
  const std::int64_t rid = Melatonin();
  Reply made = NewFeed();
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string url = made.body["url"].get<std::string>();
  ASSERT_TRUE(std::regex_match(url, std::regex("/api/v1/calendar/[0-9a-f]{64}\\.ics"))) << url;
  EXPECT_EQ(made.body["created_at"], "2027-03-25T08:00:00Z");

  Reply feed = Public(url);
  ASSERT_EQ(feed.status, 200) << feed.raw;
  EXPECT_EQ(feed.headers.find("Content-Type")->second, "text/calendar; charset=utf-8");
  ASSERT_NE(feed.headers.find("Cache-Control"), feed.headers.end());
  EXPECT_EQ(feed.headers.find("Cache-Control")->second, "no-store");

  // Every line ends in CRLF and is at most 75 octets.
  const std::string& raw = feed.raw;
  ASSERT_GE(raw.size(), 2u);
  EXPECT_EQ(raw.substr(raw.size() - 2), "\r\n");
  size_t start = 0;
  for (size_t end; (end = raw.find('\n', start)) != std::string::npos; start = end + 1) {
    ASSERT_GT(end, start) << "a bare LF at " << end;
    EXPECT_EQ(raw[end - 1], '\r') << "a bare LF at " << end;
    EXPECT_LE(end - 1 - start, 75u) << raw.substr(start, end - start);
  }

  const std::vector<std::string> lines = Unfolded(raw);
  ASSERT_GE(lines.size(), 6u);
  EXPECT_EQ(lines.front(), "BEGIN:VCALENDAR");
  EXPECT_EQ(lines.back(), "END:VCALENDAR");
  EXPECT_EQ(ValuesOf(lines, "VERSION"), std::vector<std::string>{"2.0"});
  EXPECT_EQ(ValuesOf(lines, "CALSCALE"), std::vector<std::string>{"GREGORIAN"});
  EXPECT_EQ(ValuesOf(lines, "PRODID").size(), 1u);
  EXPECT_EQ(ValuesOf(lines, "X-WR-CALNAME"), std::vector<std::string>{"pineal: Ada L."});

  const std::vector<std::string> expected_starts = {
      "20270325T210000Z", "20270326T210000Z", "20270327T210000Z",  // CET
      "20270328T200000Z", "20270329T200000Z", "20270330T200000Z",  // CEST from here
      "20270331T200000Z", "20270401T200000Z", "20270402T200000Z", "20270403T200000Z",
      "20270404T200000Z", "20270405T200000Z", "20270406T200000Z", "20270407T200000Z"};
  EXPECT_EQ(ValuesOf(lines, "DTSTART"), expected_starts);
  const std::vector<std::string> summaries = ValuesOf(lines, "SUMMARY");
  EXPECT_EQ(std::count(summaries.begin(), summaries.end(), "Melatonin 2 mg"), 14);
  // Plain words: no formulation code, no internal id in what the patient reads.
  for (const auto& s : summaries) {
    EXPECT_EQ(s.find(" ir"), std::string::npos) << s;
    EXPECT_EQ(s.find(std::to_string(rid)), std::string::npos) << s;
  }
  EXPECT_EQ(ValuesOf(lines, "ACTION").size(), ValuesOf(lines, "TRIGGER").size());
  const std::vector<std::string> triggers = ValuesOf(lines, "TRIGGER");
  EXPECT_EQ(std::count(triggers.begin(), triggers.end(), "PT0M"), 14);
  const std::vector<std::string> uids = ValuesOf(lines, "UID");
  EXPECT_EQ(std::count(uids.begin(), uids.end(),
                       "dose-" + std::to_string(rid) + "-20270328T200000Z@pineal"),
            1);

  // The baseline questionnaires of melatonin for insomnia are due today
  // (knowledge/rules/questionnaires.yaml): all-day events on 25 March.
  std::map<std::string, std::string> questionnaires;  // summary -> date
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].rfind("DTSTART;VALUE=DATE:", 0) != 0) continue;
    for (size_t j = i; j < lines.size() && lines[j] != "END:VEVENT"; ++j) {
      if (lines[j].rfind("SUMMARY:", 0) == 0)
        questionnaires[lines[j].substr(8)] = lines[i].substr(19);
    }
  }
  EXPECT_EQ(questionnaires["Questionnaire: Insomnia Severity Index"], "20270325") << raw;
  EXPECT_EQ(questionnaires["Questionnaire: Patient Health Questionnaire-9"], "20270325") << raw;
  EXPECT_EQ(questionnaires["Questionnaire: Generalized Anxiety Disorder-7"], "20270325") << raw;
  Reply schedule = Get(base_ + "/questionnaires");
  ASSERT_EQ(schedule.status, 200) << schedule.raw;
  std::size_t in_window = 0;
  for (const auto& q : schedule.body["items"]) {
    if (q["date"].get<std::string>() < "2027-04-08") ++in_window;
  }
  EXPECT_EQ(questionnaires.size(), in_window) << raw;

  // The same feed fetched again has the same events, with the same UIDs.
  Reply again = Public(url);
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(ValuesOf(Unfolded(again.raw), "UID"), uids);
  EXPECT_EQ(again.raw, feed.raw);  // the clock has not moved

  // Each fetch is a read of the patient, by the feed, in the audit log.
  const auto reads = AuditOf("calendar.read");
  ASSERT_EQ(reads.size(), 2u);
  const std::string feed_record = "calendar_feed:" + std::to_string(made.body["id"].get<int>());
  EXPECT_EQ(reads[0].actor, feed_record);
  EXPECT_EQ(reads[0].outcome, "ok");
  EXPECT_EQ(reads[0].patient_id, PatientId(pid_));
  EXPECT_NE(std::find(reads[0].record_ids.begin(), reads[0].record_ids.end(), feed_record),
            reads[0].record_ids.end());
}

TEST_F(CalendarApiTest, ARevokedFeedAndAMadeUpTokenAreTheSame404) {
  Melatonin();
  Reply made = NewFeed();
  ASSERT_EQ(made.status, 201) << made.raw;
  const std::string url = made.body["url"].get<std::string>();
  const int fid = made.body["id"].get<int>();
  ASSERT_EQ(Public(url).status, 200);

  Reply list = Get(base_ + "/calendar-feeds");
  ASSERT_EQ(list.status, 200) << list.raw;
  ASSERT_EQ(list.body["items"].size(), 1u);
  EXPECT_EQ(list.body["items"][0],
            json({{"id", fid}, {"created_at", "2027-03-25T08:00:00Z"}, {"revoked_at", nullptr}}));

  clock_.Set(WhenUtc("2027-03-26T10:00:00Z"));
  Reply revoked =
      Post(base_ + "/calendar-feeds/" + std::to_string(fid) + "/revoke", json::object());
  ASSERT_EQ(revoked.status, 200) << revoked.raw;
  EXPECT_EQ(revoked.body["revoked_at"], "2027-03-26T10:00:00Z");
  EXPECT_EQ(Get(base_ + "/calendar-feeds").body["items"][0]["revoked_at"], "2027-03-26T10:00:00Z");

  Reply gone = Public(url);
  Reply made_up = Public("/api/v1/calendar/" + std::string(64, 'a') + ".ics");
  Reply malformed = Public("/api/v1/calendar/not-a-token.ics");
  std::string upper = url;
  std::transform(upper.begin() + 17, upper.end() - 4, upper.begin() + 17,
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  Reply shouted = Public(upper);
  for (const Reply* r : {&gone, &made_up, &malformed, &shouted}) {
    EXPECT_EQ(r->status, 404) << r->raw;
    EXPECT_EQ(r->raw, made_up.raw);
  }
  EXPECT_EQ(made_up.body["error"]["code"], "not_found");

  // A revoked feed stays revoked; another feed of the same patient still works.
  Reply second = NewFeed();
  ASSERT_EQ(second.status, 201) << second.raw;
  EXPECT_NE(second.body["url"], made.body["url"]);
  EXPECT_EQ(Public(second.body["url"].get<std::string>()).status, 200);
  EXPECT_EQ(Public(url).status, 404);
  EXPECT_EQ(Post(base_ + "/calendar-feeds/" + std::to_string(fid + 100) + "/revoke", json::object())
                .status,
            404);

  // The audit log has the creation, the reads and the revocation, each
  // naming the feed.
  const std::string feed_record = "calendar_feed:" + std::to_string(fid);
  const auto created = AuditOf("calendar.create");
  ASSERT_EQ(created.size(), 2u);
  EXPECT_EQ(created.back().actor, "dr.test");  // oldest last
  EXPECT_EQ(created.back().record_ids, std::vector<std::string>{feed_record});
  const auto revokes = AuditOf("calendar.revoke");
  ASSERT_GE(revokes.size(), 1u);
  EXPECT_EQ(revokes.back().outcome, "ok");
  EXPECT_EQ(revokes.back().actor, "dr.test");
  EXPECT_EQ(revokes.back().record_ids, std::vector<std::string>{feed_record});
  const auto reads = AuditOf("calendar.read");
  ASSERT_EQ(reads.size(), 2u);  // the first feed once, the second once; no 404 is a read
  EXPECT_EQ(reads.back().actor, feed_record);
}

TEST_F(CalendarApiTest, OnlyThePatientAndTheCareTeamMakeFeeds) {
  Melatonin();
  // A clinician of another patient, not on this care team: as if no such patient.
  const std::string other = TokenFor("dr.other", store::UserRole::kClinician);
  client_->set_bearer_token_auth(other);
  const std::int64_t theirs = NewPatient("Ben O.");
  ASSERT_GT(theirs, 0);
  Reply refused = NewFeed();
  EXPECT_EQ(refused.status, 404) << refused.raw;
  EXPECT_EQ(Get(base_ + "/calendar-feeds").status, 404);
  // An administrator reads no clinical record.
  client_->set_bearer_token_auth(TokenFor("root", store::UserRole::kAdmin));
  EXPECT_EQ(NewFeed().status, 404);
  // The patient themselves may.
  const std::string ada = TokenFor("ada", store::UserRole::kPatient, PatientId(pid_));
  client_->set_bearer_token_auth(ada);
  Reply own = NewFeed();
  ASSERT_EQ(own.status, 201) << own.raw;
  EXPECT_EQ(Public(own.body["url"].get<std::string>()).status, 200);
  EXPECT_EQ(Get(base_ + "/calendar-feeds").body["items"].size(), 1u);
  const std::string revoke =
      base_ + "/calendar-feeds/" + std::to_string(own.body["id"].get<int>()) + "/revoke";
  // ... but not another patient's.
  EXPECT_EQ(
      Post("/api/v1/patients/" + std::to_string(theirs) + "/calendar-feeds", json::object()).status,
      404);
  // The other clinician cannot revoke it either; the patient can.
  client_->set_bearer_token_auth(other);
  EXPECT_EQ(Post(revoke, json::object()).status, 404);
  client_->set_bearer_token_auth(ada);
  EXPECT_EQ(Post(revoke, json::object()).status, 200);
  EXPECT_EQ(Public(own.body["url"].get<std::string>()).status, 404);

  const auto created = AuditOf("calendar.create");
  ASSERT_EQ(created.size(), 3u);  // newest first: ada's, the admin's and dr.other's refusals
  EXPECT_EQ(created[0].actor, "ada");
  EXPECT_EQ(created[0].outcome, "ok");
  EXPECT_EQ(created[2].actor, "dr.other");
  EXPECT_NE(created[2].outcome, "ok");
}

// The answer carries the token, so it is never stored for a retry: an
// Idempotency-Key is refused, as on the auth routes.
TEST_F(CalendarApiTest, MakingAFeedRefusesAnIdempotencyKey) {
  httplib::Headers headers = {{"Idempotency-Key", "0b6c1b0e-8d43-4a55-9d5e-4f6f0b6b4f10"}};
  httplib::Result r = client_->Post(base_ + "/calendar-feeds", headers, "{}", "application/json");
  ASSERT_TRUE(r);
  RecordApiResponse("POST", base_ + "/calendar-feeds", *r);
  EXPECT_EQ(r->status, 400) << r->body;
  EXPECT_TRUE(Get(base_ + "/calendar-feeds").body["items"].empty());
}

}  // namespace
}  // namespace pineal::testing
