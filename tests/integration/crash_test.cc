// Crash safety: concurrent writers, SIGKILL mid-load, restart; every
// acknowledged write must be there, whole, and the file must be sound.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <SQLiteCpp/Database.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "pineal/app/pineal_app.h"
#include "pineal/store/sqlite/sqlite_backup.h"
#include "pineal/store/sqlite/sqlite_store.h"
#include "tests/support/temp_dir.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

// A `pineal serve` child process on a free port.
class ServerProcess {
 public:
  explicit ServerProcess(const std::string& db) {
    int out[2];
    EXPECT_EQ(::pipe(out), 0);
    pid_ = ::fork();
    if (pid_ == 0) {
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // never outlive the test
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::execl(PINEAL_BINARY, PINEAL_BINARY, "serve", "--db", db.c_str(), "--port", "0",
              static_cast<char*>(nullptr));
      ::_exit(127);
    }
    ::close(out[1]);
    // The first line names the URL: "pineal: serving http://127.0.0.1:PORT/ ...".
    std::string line;
    char c;
    while (::read(out[0], &c, 1) == 1 && c != '\n') line += c;
    ::close(out[0]);
    size_t colon = line.rfind(':', line.find("/ (API"));
    port_ = colon == std::string::npos ? 0 : std::atoi(line.c_str() + colon + 1);
    EXPECT_GT(port_, 0) << line;
  }
  ~ServerProcess() {
    if (pid_ > 0) Kill(SIGTERM);
  }
  void Kill(int signal) {
    ::kill(pid_, signal);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = 0;
  }
  int port() const { return port_; }

 private:
  pid_t pid_ = 0;
  int port_ = 0;
};

struct Acknowledged {
  std::mutex mu;
  std::map<std::int64_t, std::string> dose_notes;     // dose event id -> note sent
  std::map<std::int64_t, std::string> patient_names;  // patient id -> name sent
  std::map<std::int64_t, Instant> responses;          // observation id -> observed_at sent
  std::int64_t reads = 0;  // dose-event lists answered (each audited durably first)
};

class CrashTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto store = store::SqliteStore::Open(db_);
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE((*store)->Migrate().ok());
    SystemClock clock;
    app::PinealApp app(**store, clock);
    app::Actor system;
    auto user =
        app.accounts().CreateUser(system, {"dr.crash", "Dr Crash", store::UserRole::kClinician,
                                           std::nullopt, "crash test passphrase"});
    ASSERT_TRUE(user.ok());
    app::Actor clinician{user->id, user->username, app::Role::kClinician, std::nullopt, ""};
    records::Patient p;
    p.display_name = "Crash P.";
    auto patient = app.patients().CreatePatient(clinician, p);
    ASSERT_TRUE(patient.ok());
    patient_ = patient->id.value();
    token_ = app.accounts().CreateApiToken(clinician, "crash")->token;
  }

  // Writes from several threads until the server stops answering.
  void Load(int port, Acknowledged& acks, std::atomic<int>& acked, std::atomic<bool>& stop) {
    std::vector<std::thread> writers;
    for (int w = 0; w < 4; ++w) {
      writers.emplace_back([&, w] {
        httplib::Client c("127.0.0.1", port);
        c.set_bearer_token_auth(token_);
        c.set_connection_timeout(2);
        for (int i = 0; !stop; ++i) {
          const std::string tag =
              "w" + std::to_string(w) + "-" + std::to_string(i) + "-" + std::to_string(round_);
          // Every fifth request reads the dose log: a read is answered only
          // once its audit row is durable, like a write.
          if (i % 5 == 4) {
            httplib::Result r = c.Get("/api/v1/patients/" + std::to_string(patient_) +
                                      "/dose-events?from=2026-11-10T00:00:00Z");
            if (!r) return;  // the server is gone
            if (r->status == 200) {
              std::lock_guard lock(acks.mu);
              ++acks.reads;
            }
            continue;
          }
          // Dose events, scored PHQ-9 responses (an observation with its nine
          // item answers in one transaction) and patients (with conditions).
          const bool patient = i % 4 == 3;
          const bool response = i % 4 == 1;
          const std::string base = "/api/v1/patients/" + std::to_string(patient_);
          const Instant observed =
              *ParseInstant("2026-11-10T08:00:00Z") + std::chrono::seconds(i * 8 + w);
          json body = patient    ? json{{"display_name", "P " + tag},
                                     {"conditions", {"insomnia", "chronic pain", "hypertension"}},
                                     {"weight", "70 kg"}}
                      : response ? json{{"instrument", "PHQ-9"},
                                        {"observed_at", FormatInstant(observed)},
                                        {"answers", {1, 1, 1, 1, 1, 1, 1, 1, 0}}}
                                 : json{{"substance", "melatonin"},
                                        {"taken_at", "2026-11-10T21:00:00Z"},
                                        {"amount", "3 mg"},
                                        {"status", "taken"},
                                        {"note", tag}};
          httplib::Result r = c.Post(patient    ? std::string("/api/v1/patients")
                                     : response ? base + "/responses"
                                                : base + "/dose-events",
                                     body.dump(), "application/json");
          if (r && r->status == 201) {
            std::lock_guard lock(acks.mu);
            const json answer = json::parse(r->body);
            if (patient) {
              acks.patient_names[answer["id"]] = "P " + tag;
            } else if (response) {
              acks.responses[answer["observation"]["id"]] = observed;
            } else {
              acks.dose_notes[answer["id"]] = tag;
            }
          }
          if (!r) return;  // the server is gone
          if (r->status == 201) {
            ++acked;
            acked.notify_all();
          }
        }
      });
    }
    for (auto& t : writers) t.join();
  }

  // Every committed record has its "ok" audit row, and every such row its
  // record: the write and its audit entry commit in one transaction, so a
  // SIGKILL between them cannot leave one without the other.
  void ExpectEveryRecordAudited(const Acknowledged& acks) {
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    auto count = [&](const std::string& sql) {
      SQLite::Statement q(db, sql);
      q.bind(1, patient_);
      EXPECT_TRUE(q.executeStep());
      return q.getColumn(0).getInt64();
    };
    auto audited = [&](const char* action) {
      return count(std::string("SELECT count(*) FROM audit_events WHERE action = '") + action +
                   "' AND outcome = 'ok' AND patient_id = ?1");
    };
    const auto doses = count("SELECT count(*) FROM dose_events WHERE patient_id = ?1");
    const auto responses = count("SELECT count(*) FROM observations WHERE patient_id = ?1");
    EXPECT_GT(doses, 0);
    EXPECT_EQ(audited("dose_event.create"), doses);
    EXPECT_EQ(audited("response.create"), responses);
    // Acknowledged reads left their rows too (the checks after each restart
    // add one more per round).
    EXPECT_GE(audited("dose_event.list"), acks.reads);
    EXPECT_GT(acks.reads, 0);
    // Each patient (the fixture's own included) has exactly one creation row.
    SQLite::Statement unaudited(
        db,
        "SELECT p.id, (SELECT count(*) FROM audit_events a WHERE a.action = 'patient.create' "
        "AND a.outcome = 'ok' AND a.patient_id = p.id) AS n FROM patients p");
    int patients = 0;
    while (unaudited.executeStep()) {
      ++patients;
      EXPECT_EQ(unaudited.getColumn(1).getInt64(), 1)
          << "patient " << unaudited.getColumn(0).getInt64() << " has no single creation entry";
    }
    EXPECT_GT(patients, 1);
  }

  pineal::testing::TempDir dir_;
  std::string db_ = dir_.File("crash.db");
  std::int64_t patient_ = 0;
  std::string token_;
  int round_ = 0;
};

TEST_F(CrashTest, AcknowledgedWritesSurviveSigkillInEveryRound) {
  Acknowledged acks;
  constexpr int kRounds = 4;
  for (round_ = 0; round_ < kRounds; ++round_) {
    SCOPED_TRACE("round " + std::to_string(round_));
    ServerProcess server(db_);
    std::atomic<int> acked{0};
    std::atomic<bool> stop{false};
    std::thread load([&] { Load(server.port(), acks, acked, stop); });
    // Kill while the writers are busy, the moment the 60th write is
    // acknowledged: others are committed and waiting for their sync.
    for (int seen = acked; seen < 60; seen = acked) acked.wait(seen);
    server.Kill(SIGKILL);
    stop = true;
    load.join();

    // Restart and read everything back through the API.
    ServerProcess again(db_);
    httplib::Client c("127.0.0.1", again.port());
    c.set_bearer_token_auth(token_);
    // Every item of a paged list, following next_cursor to its end.
    auto whole = [&c](const std::string& path) {
      json items = json::array();
      std::string cursor;
      while (true) {
        auto r = c.Get(path + "?limit=500" + (cursor.empty() ? "" : "&cursor=" + cursor));
        if (!r || r->status != 200) return json();
        const json page = json::parse(r->body);
        for (const auto& x : page["items"]) items.push_back(x);
        if (page["next_cursor"].is_null()) return items;
        cursor = page["next_cursor"].get<std::string>();
      }
    };
    const json event_list = whole("/api/v1/patients/" + std::to_string(patient_) + "/dose-events");
    ASSERT_TRUE(event_list.is_array());
    std::map<std::int64_t, std::string> stored;
    for (const auto& e : event_list) {
      // Nothing half-written: every visible event is complete.
      ASSERT_EQ(e["amount"]["value"], 3.0);
      ASSERT_EQ(e["status"], "taken");
      stored[e["id"]] = e["note"];
    }
    for (const auto& [id, note] : acks.dose_notes) {
      auto it = stored.find(id);
      ASSERT_NE(it, stored.end()) << "acknowledged dose event " << id << " was lost";
      EXPECT_EQ(it->second, note);
    }
    const json observation_list =
        whole("/api/v1/patients/" + std::to_string(patient_) + "/observations");
    ASSERT_TRUE(observation_list.is_array());
    std::map<std::int64_t, std::string> observed;
    for (const auto& o : observation_list) {
      // A response is stored whole: its total, band and nine item answers.
      ASSERT_EQ(o["value"], 8.0) << o.dump();
      ASSERT_EQ(o["interpretation"], "mild") << o.dump();
      ASSERT_EQ(o["components"].size(), 9u) << o.dump();
      observed[o["id"]] = o["observed_at"];
    }
    for (const auto& [id, at] : acks.responses) {
      auto it = observed.find(id);
      ASSERT_NE(it, observed.end()) << "acknowledged response " << id << " was lost";
      EXPECT_EQ(it->second, FormatInstant(at));
    }
    auto patients = c.Get("/api/v1/patients?limit=200&q=P%20w");
    ASSERT_TRUE(patients && patients->status == 200);
    std::set<std::int64_t> seen;
    const json patient_list = json::parse(patients->body);
    for (const auto& p : patient_list["items"]) {
      // A patient is written with its conditions and weight in one transaction.
      ASSERT_EQ(p["conditions"].size(), 3u) << p.dump();
      ASSERT_FALSE(p["weight"].is_null()) << p.dump();
      seen.insert(p["id"].get<std::int64_t>());
    }
    for (const auto& [id, name] : acks.patient_names) {
      EXPECT_TRUE(seen.count(id)) << "acknowledged patient " << id << " (" << name << ") lost";
    }
    again.Kill(SIGTERM);
    auto check = store::SqliteStore::Open(db_);
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(*(*check)->IntegrityCheck(), "ok");
    (*check).reset();
    ExpectEveryRecordAudited(acks);
  }
  std::printf(
      "crash test: %d rounds, %zu acknowledged dose events, %zu instrument responses and %zu "
      "patients checked\n",
      kRounds, acks.dose_notes.size(), acks.responses.size(), acks.patient_names.size());
}

TEST_F(CrashTest, BackupWhileServingRestoresIntoAFreshServer) {
  ServerProcess server(db_);
  std::atomic<int> acked{0};
  std::atomic<bool> stop{false};
  Acknowledged acks;
  std::thread load([&] { Load(server.port(), acks, acked, stop); });
  while (acked < 40) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const std::string backup = dir_.File("backup.db");
  ASSERT_TRUE(store::BackupSqlite(db_, backup).ok());  // while the writers go on
  stop = true;
  load.join();
  EXPECT_EQ(store::BackupSqlite(db_, backup).code(), StatusCode::kAlreadyExists);

  const std::string restored = dir_.File("restored.db");
  ASSERT_TRUE(store::RestoreSqlite(backup, restored, false).ok());
  EXPECT_EQ(store::RestoreSqlite(backup, restored, false).code(), StatusCode::kAlreadyExists);
  ServerProcess fresh(restored);
  httplib::Client c("127.0.0.1", fresh.port());
  c.set_bearer_token_auth(token_);
  auto events = c.Get("/api/v1/patients/" + std::to_string(patient_) + "/dose-events");
  ASSERT_TRUE(events && events->status == 200);
  // The backup is a snapshot: a prefix of what was written, each entry whole.
  auto items = json::parse(events->body)["items"];
  EXPECT_GT(items.size(), 0u);
  for (const auto& e : items) {
    std::lock_guard lock(acks.mu);
    auto it = acks.dose_notes.find(e["id"]);
    if (it != acks.dose_notes.end()) {
      EXPECT_EQ(e["note"], it->second);
    }
  }
  // A file that is not a pineal database is refused.
  const std::string junk = dir_.File("junk.db");
  {
    SQLite::Database j(junk, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    j.exec("CREATE TABLE t(x)");
  }
  EXPECT_EQ(store::RestoreSqlite(junk, dir_.File("x.db"), false).code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace pineal::testing
