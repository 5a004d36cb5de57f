// Paged list routes: limit and cursor query parameters, next_cursor in every
// answer, a walk by cursor equal to the whole list, and 400s naming the
// parameter for a bad limit or cursor.
#include <set>

#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

class PagingApiTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    clock_.Set(*ParseInstant("2026-11-20T12:00:00Z"));
    pid_ = NewPatient();
    base_ = "/api/v1/patients/" + std::to_string(pid_);
  }

  // The ids (or, for the timeline, kind and id) of every item of `path`,
  // walked `limit` at a time by next_cursor; each page is checked.
  std::vector<std::string> Walk(const std::string& path, int limit) {
    std::vector<std::string> out;
    std::string cursor;
    const char* sep = path.find('?') == std::string::npos ? "?" : "&";
    for (int guard = 0; guard < 1000; ++guard) {
      std::string url = path + sep + "limit=" + std::to_string(limit);
      if (!cursor.empty()) url += "&cursor=" + cursor;
      Reply r = Get(url);
      EXPECT_EQ(r.status, 200) << url << " " << r.raw;
      if (r.status != 200) return out;
      EXPECT_LE(r.body["items"].size(), static_cast<std::size_t>(limit));
      for (const auto& item : r.body["items"]) out.push_back(Name(item));
      EXPECT_TRUE(r.body.contains("next_cursor")) << r.raw;
      if (r.body["next_cursor"].is_null()) return out;
      cursor = r.body["next_cursor"].get<std::string>();
    }
    ADD_FAILURE() << "no end to " << path;
    return out;
  }

  static std::string Name(const json& item) {
    if (item.contains("kind") && item.contains("record")) {
      return item["kind"].get<std::string>() + ":" + item["record"].value("id", json(0)).dump() +
             item.value("event", "");
    }
    return std::to_string(item["id"].get<std::int64_t>());
  }

  void ExpectBadParameter(const std::string& url, const std::string& field) {
    Reply r = Get(url);
    EXPECT_EQ(r.status, 400) << url << " " << r.raw;
    EXPECT_EQ(r.body["error"].value("field", ""), field) << url << " " << r.raw;
  }

  void AddRecords() {
    for (int i = 0; i < 7; ++i) {
      const std::string at = "2026-11-1" + std::to_string(i) + "T21:00:00Z";
      ASSERT_EQ(Post(base_ + "/dose-events", {{"substance", "melatonin"},
                                              {"status", "taken"},
                                              {"taken_at", at},
                                              {"amount", "2 mg"}})
                    .status,
                201);
      ASSERT_EQ(
          Post(base_ + "/observations",
               {{"kind", "note"}, {"text", "slept " + std::to_string(i)}, {"observed_at", at}})
              .status,
          201);
    }
    for (int i = 0; i < 5; ++i) {
      store::AlertRecord a;
      a.patient_id = PatientId(pid_);
      a.rule_id = "alert.test";
      a.severity = i == 3 ? "urgent" : "info";
      a.title = "test alert";
      a.message = "a test alert";
      a.dedupe_key = "test-" + std::to_string(i);
      a.evidence_json = "[]";
      a.refs_json = "[]";
      a.provenance = {*ParseInstant(i < 3 ? "2026-11-19T09:00:00Z" : "2026-11-20T09:00:00Z"),
                      "system"};
      ASSERT_TRUE(store_->InsertAlertIfNew(a).ok());
    }
  }

  std::int64_t pid_ = 0;
  std::string base_;
};

TEST_F(PagingApiTest, EveryPagedListWalksByCursorToTheWholeList) {
  AddRecords();
  for (const std::string& path :
       {base_ + "/dose-events", base_ + "/observations", base_ + "/timeline",
        base_ + "/alerts?status=all", std::string("/api/v1/audit?actor=dr.test")}) {
    SCOPED_TRACE(path);
    const std::vector<std::string> whole = Walk(path, 500);
    ASSERT_GE(whole.size(), 5u);
    for (int limit : {1, 2, 3}) {
      std::vector<std::string> walked = Walk(path, limit);
      if (path.starts_with("/api/v1/audit")) {
        // Every read appends an audit row: a later walk starts with the rows
        // newer than the first walk, then shows exactly what it showed.
        ASSERT_GT(walked.size(), whole.size());
        walked.erase(walked.begin(), walked.end() - static_cast<std::ptrdiff_t>(whole.size()));
      }
      EXPECT_EQ(walked, whole) << "limit " << limit;
    }
  }
  // The inbox pages newest first; within a page it ranks urgent alerts first.
  const std::vector<std::string> inbox = Walk("/api/v1/alerts?status=all", 500);
  ASSERT_EQ(inbox.size(), 5u);
  const std::vector<std::string> paged = Walk("/api/v1/alerts?status=all", 2);
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()),
            std::set<std::string>(inbox.begin(), inbox.end()));
  EXPECT_EQ(paged.size(), 5u);
}

TEST_F(PagingApiTest, TheDefaultPageIsAHundredAndTheLastPageSaysSo) {
  Reply empty = Get(base_ + "/dose-events");
  ASSERT_EQ(empty.status, 200) << empty.raw;
  EXPECT_TRUE(empty.body["items"].empty());
  EXPECT_TRUE(empty.body["next_cursor"].is_null());
  AddRecords();
  Reply first = Get(base_ + "/dose-events?limit=5");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(first.body["items"].size(), 5u);
  ASSERT_TRUE(first.body["next_cursor"].is_string());
  // New doses after the cursor appear on the next page; none repeats.
  ASSERT_EQ(Post(base_ + "/dose-events", {{"substance", "melatonin"},
                                          {"status", "taken"},
                                          {"taken_at", "2026-11-20T08:00:00Z"},
                                          {"amount", "2 mg"}})
                .status,
            201);
  Reply rest = Get(base_ + "/dose-events?cursor=" + first.body["next_cursor"].get<std::string>());
  ASSERT_EQ(rest.status, 200);
  EXPECT_EQ(rest.body["items"].size(), 3u);
  EXPECT_TRUE(rest.body["next_cursor"].is_null());
  Reply all = Get(base_ + "/dose-events");
  EXPECT_EQ(all.body["items"].size(), 8u);
}

TEST_F(PagingApiTest, ABadLimitOrCursorIsA400NamingIt) {
  AddRecords();
  Reply page = Get(base_ + "/dose-events?limit=1");
  ASSERT_TRUE(page.body["next_cursor"].is_string()) << page.raw;
  const std::string dose_cursor = page.body["next_cursor"];
  for (const std::string& path :
       {base_ + "/dose-events", base_ + "/observations", base_ + "/timeline", base_ + "/alerts",
        std::string("/api/v1/alerts"), std::string("/api/v1/audit")}) {
    SCOPED_TRACE(path);
    const std::string q = path.find('?') == std::string::npos ? "?" : "&";
    for (const char* limit : {"0", "501", "-3", "ten", "", "1.5"}) {
      ExpectBadParameter(path + q + "limit=" + limit, "limit");
    }
    ExpectBadParameter(path + q + "cursor=garbage", "cursor");
    ExpectBadParameter(path + q + "cursor=", "cursor");
    if (path != base_ + "/dose-events")
      ExpectBadParameter(path + q + "cursor=" + dose_cursor, "cursor");
  }
  Reply r = Get(base_ + "/observations?limit=501");
  EXPECT_NE(r.body["error"].value("message", "").find("1 and 500"), std::string::npos) << r.raw;
}

TEST_F(PagingApiTest, TheAuditLogShowsTheRecordsEachEntryRead) {
  AddRecords();
  Reply page = Get(base_ + "/dose-events?limit=2");
  ASSERT_EQ(page.status, 200);
  Reply audit = Get("/api/v1/audit?patient_id=" + std::to_string(pid_) + "&limit=1");
  ASSERT_EQ(audit.status, 200) << audit.raw;
  ASSERT_EQ(audit.body["items"].size(), 1u);
  const json& last = audit.body["items"][0];
  EXPECT_EQ(last["action"], "dose_event.list");
  json expected = json::array();
  for (const auto& e : page.body["items"]) {
    expected.push_back("dose_event:" + std::to_string(e["id"].get<std::int64_t>()));
  }
  EXPECT_EQ(last["record_ids"], expected);
}

}  // namespace
}  // namespace pineal::testing
