// The HTTP server under hostile or careless clients: slow headers, header
// floods, huge declared bodies, too many connections, a full worker queue,
// odd static paths, spoofed X-Forwarded-For. Everything runs on loopback and
// is bounded in time.
#include <gtest/gtest.h>

#include <atomic>
#include <functional>
#include <condition_variable>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "pineal/app/pineal_app.h"
#include "pineal/http/api_errors.h"
#include "pineal/http/server.h"
#include "pineal/http/socket_server.h"
#include "pineal/store/sqlite/sqlite_store.h"
#include "tests/integration/raw_http_client.h"
#include "tests/support/source_knowledge.h"
#include "tests/support/temp_dir.h"

namespace pineal::testing {
namespace {

// Polls a condition on the server's state (never a fixed sleep): true as
// soon as it holds, false after 10 s.
bool WaitUntil(const std::function<bool()>& holds) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!holds()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return true;
}

using std::chrono::milliseconds;
using SteadyTime = std::chrono::steady_clock;

constexpr std::string_view kHealth = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n\r\n";

std::string ErrorCode(const RawResponse& r) {
  auto body = nlohmann::json::parse(r.body, nullptr, false);
  if (!body.is_object() || !body.contains("error")) return "(not a JSON error: " + r.body + ")";
  return body["error"].value("code", "");
}

long ResidentKiB() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

// A server (http::Server or the bare http::SocketServer) bound to a free
// port and running on a thread of its own until StopServer().
template <typename S>
void RunOnFreePort(S& server, std::thread& thread, int& port) {
  auto bound = server.Bind();
  ASSERT_TRUE(bound.ok()) << bound.status().ToString();
  port = *bound;
  thread = std::thread([&server] { (void)server.Run(); });
}

template <typename S>
void StopServer(const std::unique_ptr<S>& server, std::thread& thread) {
  if (server) server->Stop();
  if (thread.joinable()) thread.join();
}

// The real server (API, SQLite, static files) in this process.
class ServerRobustnessTest : public ::testing::Test {
 protected:
  void Start(http::ServerOptions options = {}) {
    auto s = store::SqliteStore::Open(dir_.File("pineal.db"));
    ASSERT_TRUE(s.ok());
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().ok());
    app_ = std::make_unique<app::PinealApp>(*store_, clock_, SourceKnowledge().View());
    const std::filesystem::path dist = dir_.File("dist");
    std::filesystem::create_directories(dist / "assets");
    std::ofstream(dist / "index.html") << "<!doctype html><title>pineal</title>";
    std::ofstream(dist / "assets" / "app-1.js") << "console.log(1)";
    std::ofstream(dir_.File("secret.txt")) << "outside the web app";
    options.port = 0;
    options.static_dir = dist.string();
    server_ = std::make_unique<http::Server>(*app_, options);
    RunOnFreePort(*server_, thread_, port_);
  }
  void TearDown() override { StopServer(server_, thread_); }

  // The first answer after the start, untimed: it also pays for the first
  // accept and the first run of each code path (slow under the sanitizers).
  void WarmUp() {
    RawHttpClient c(port_);
    auto r = c.Exchange(kHealth);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }

  // GET /api/v1/health on a new connection answers 200 within 100 ms.
  void ExpectHealthAnswersQuickly(const std::string& when) {
    const auto start = SteadyTime::now();
    RawHttpClient c(port_);
    auto r = c.Exchange(kHealth);
    const auto took = std::chrono::duration_cast<milliseconds>(SteadyTime::now() - start);
    ASSERT_TRUE(r) << when;
    EXPECT_EQ(r->status, 200) << when;
    EXPECT_LT(took.count(), 100) << when;
  }

  TempDir dir_;
  SystemClock clock_;
  std::unique_ptr<store::SqliteStore> store_;
  std::unique_ptr<app::PinealApp> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServerRobustnessTest, SlowHeadersNeitherStallOthersNorOutliveTheirDeadline) {
  http::ServerOptions options;
  options.header_timeout = milliseconds(2'000);
  options.max_connections_per_address = 1'000;
  Start(options);
  WarmUp();
  std::vector<std::unique_ptr<RawHttpClient>> slow;
  for (int i = 0; i < 200; ++i) {
    slow.push_back(std::make_unique<RawHttpClient>(port_));
    ASSERT_TRUE(slow.back()->connected());
    slow.back()->Send("GET /api/v1/health HTTP/1.1\r\n");
  }
  const auto started = SteadyTime::now();
  // One header line per connection every 400 ms, for 3 s: never a whole request.
  std::thread dribble([&] {
    for (int round = 0; round < 8; ++round) {
      for (auto& c : slow) c->Send("X-Slow-" + std::to_string(round) + ": a\r\n");
      std::this_thread::sleep_for(milliseconds(400));
    }
  });
  ASSERT_TRUE(WaitUntil([&] { return server_->OpenConnections() >= 200; }))
      << "the server accepts all 200 slow connections";
  for (int i = 0; i < 6; ++i) {
    ExpectHealthAnswersQuickly("probe " + std::to_string(i) + " among 200 slow clients");
    std::this_thread::sleep_for(milliseconds(250));
  }
  dribble.join();
  EXPECT_GE(SteadyTime::now() - started, milliseconds(2'500));
  int closed = 0;
  for (auto& c : slow) closed += c->ClosedByServer(milliseconds(2'000)) ? 1 : 0;
  EXPECT_EQ(closed, 200) << "every connection that never finished its headers is closed";
  ExpectHealthAnswersQuickly("after the slow clients");
}

TEST_F(ServerRobustnessTest, HeaderFloodsGet431AndCostNoMemory) {
  Start();
  WarmUp();
  std::string many = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n";
  for (int i = 0; i < 200; ++i) many += "X-Field-" + std::to_string(i) + ": v\r\n";
  many += "\r\n";
  std::string huge = "GET /api/v1/health HTTP/1.1\r\nHost: t\r\n";
  while (huge.size() < (1u << 20)) huge += "X-Padding: " + std::string(1000, 'p') + "\r\n";
  huge += "\r\n";

  const long before = ResidentKiB();
  for (int i = 0; i < 10; ++i) {
    for (const std::string* flood : {&many, &huge}) {
      RawHttpClient c(port_);
      std::thread sender([&] { c.Send(*flood); });
      auto r = c.Read();
      sender.join();
      ASSERT_TRUE(r) << "flood of " << flood->size() << " bytes";
      EXPECT_EQ(r->status, 431);
      EXPECT_EQ(ErrorCode(*r), "request_header_fields_too_large");
      EXPECT_EQ(r->Header("X-Content-Type-Options"), "nosniff");
      EXPECT_TRUE(c.ClosedByServer(milliseconds(3'000)));
    }
  }
  const long grown = ResidentKiB() - before;
  // Ten floods of 1 MiB kept in memory would be 10 MiB and more.
  EXPECT_LT(grown, 8 * 1024) << "RSS grew by " << grown << " KiB";
  ExpectHealthAnswersQuickly("after the floods");
}

TEST_F(ServerRobustnessTest, AHugeDeclaredBodyIsRefusedBeforeAnyOfItIsSent) {
  Start();
  RawHttpClient c(port_);
  const auto start = SteadyTime::now();
  ASSERT_TRUE(
      c.Send("POST /api/v1/patients HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
             "Content-Length: 10000000000\r\n\r\n"));
  auto r = c.Read(milliseconds(1'000));  // no body byte is ever sent
  const auto took = std::chrono::duration_cast<milliseconds>(SteadyTime::now() - start);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(*r), "payload_too_large");
  EXPECT_LT(took.count(), 1'000);
  EXPECT_TRUE(c.ClosedByServer(milliseconds(3'000)));
}

TEST_F(ServerRobustnessTest, AChunkedBodyIsCountedAsItArrives) {
  http::ServerOptions options;
  options.max_body_bytes = 4'096;
  Start(options);
  RawHttpClient c(port_);
  ASSERT_TRUE(
      c.Send("POST /api/v1/patients HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\n"));
  const std::string chunk = "1000\r\n" + std::string(4'096, 'x') + "\r\n";
  c.Send(chunk);
  c.Send(chunk);  // now over the limit
  auto r = c.Read(milliseconds(2'000));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorCode(*r), "payload_too_large");
}

TEST_F(ServerRobustnessTest, KeepAliveAnswersAtOnceWithoutNagleDelays) {
  Start();
  RawHttpClient c(port_);
  const auto start = SteadyTime::now();
  for (int i = 0; i < 200; ++i) {
    auto r = c.Exchange(kHealth);
    ASSERT_TRUE(r) << "request " << i << " on the same connection";
    ASSERT_EQ(r->status, 200);
  }
  // With Nagle's algorithm on, each answer waits ~40 ms for an ACK: 8 s.
  EXPECT_LT(SteadyTime::now() - start, milliseconds(2'000));
}

TEST_F(ServerRobustnessTest, ConnectionCloseAndHttp10EndTheConnection) {
  Start();
  RawHttpClient close(port_);
  auto r = close.Exchange("GET /api/v1/health HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(close.ClosedByServer(milliseconds(3'000)));
  RawHttpClient old(port_);
  r = old.Exchange("GET /api/v1/health HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(old.ClosedByServer(milliseconds(3'000)));
}

TEST_F(ServerRobustnessTest, AnIdleKeptAliveConnectionIsClosed) {
  http::ServerOptions options;
  options.keep_alive_timeout = milliseconds(300);
  Start(options);
  RawHttpClient c(port_);
  ASSERT_TRUE(c.Exchange(kHealth));
  EXPECT_TRUE(c.ClosedByServer(milliseconds(3'000)));
}

TEST_F(ServerRobustnessTest, ConnectionsPerAddressAndInAllAreCapped) {
  http::ServerOptions options;
  options.max_connections_per_address = 3;
  Start(options);
  std::vector<std::unique_ptr<RawHttpClient>> held;
  for (int i = 0; i < 3; ++i) {
    held.push_back(std::make_unique<RawHttpClient>(port_));
    ASSERT_TRUE(held.back()->Exchange(kHealth));  // counted once served
  }
  RawHttpClient over(port_);
  auto r = over.Read(milliseconds(2'000));  // refused before it says anything
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(ErrorCode(*r), "unavailable");
  EXPECT_TRUE(over.ClosedByServer(milliseconds(3'000)));
  // A freed slot serves again.
  held.pop_back();
  bool served = false;
  for (int attempt = 0; attempt < 20 && !served; ++attempt) {
    RawHttpClient again(port_);
    auto answer = again.Exchange(kHealth);
    served = answer && answer->status == 200;
    if (!served) std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_TRUE(served);
}

TEST_F(ServerRobustnessTest, TheTotalConnectionCapHolds) {
  http::ServerOptions options;
  options.max_connections = 2;
  Start(options);
  RawHttpClient a(port_), b(port_);
  ASSERT_TRUE(a.Exchange(kHealth));
  ASSERT_TRUE(b.Exchange(kHealth));
  RawHttpClient over(port_);
  auto r = over.Read(milliseconds(2'000));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
}

TEST_F(ServerRobustnessTest, ATooLongUrlGets414) {
  Start();
  RawHttpClient c(port_);
  auto r = c.Exchange("GET /api/v1/health?pad=" + std::string(10'000, 'a') +
                      " HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 414);
  EXPECT_EQ(ErrorCode(*r), "uri_too_long");
}

TEST_F(ServerRobustnessTest, StaticPathsNeverLeaveTheWebApp) {
  Start();
  RawHttpClient c(port_);
  for (const char* path :
       {"/assets%2Fapp-1.js", "/assets/app-1.js%00.html", "/index.html%00", "/assets%5Capp-1.js",
        "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"}) {
    auto r = c.Exchange(std::string("GET ") + path + " HTTP/1.1\r\nHost: t\r\n\r\n");
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 400) << path;
    EXPECT_EQ(ErrorCode(*r), "bad_request") << path;
    EXPECT_EQ(r->Header("X-Frame-Options"), "DENY") << path;
    EXPECT_EQ(r->body.find("outside"), std::string::npos) << path;
  }
  auto index = c.Exchange("GET / HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  EXPECT_EQ(index->Header("Content-Type"), "text/html");
  EXPECT_EQ(index->Header("Cache-Control"), "no-cache");
  EXPECT_NE(index->Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  auto script = c.Exchange("GET /assets/app-1.js HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(script);
  EXPECT_EQ(script->status, 200);
  EXPECT_EQ(script->Header("Content-Type"), "text/javascript");
  EXPECT_EQ(script->Header("Cache-Control"), "public, max-age=31536000, immutable");
  auto missing = c.Exchange("GET /patients HTTP/1.1\r\nHost: t\r\n\r\n");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(ErrorCode(*missing), "not_found");
  EXPECT_EQ(missing->Header("X-Content-Type-Options"), "nosniff");
}

// The socket layer alone, with a dispatcher the test controls.
class SocketServerTest : public ::testing::Test {
 protected:
  void Start(http::ServerOptions options, http::RequestDispatcher dispatch,
             http::AnswersAtOnce answers_at_once = {}) {
    options.port = 0;
    server_ = std::make_unique<http::SocketServer>(options, std::move(dispatch),
                                                   std::move(answers_at_once));
    RunOnFreePort(*server_, thread_, port_);
  }
  void TearDown() override { StopServer(server_, thread_); }
  std::unique_ptr<http::SocketServer> server_;
  std::thread thread_;
  int port_ = 0;
};

// Holds every worker that enters it until Open(): lets a test keep the only
// worker busy for as long as it needs.
class Gate {
 public:
  void Enter() {
    ++entered_;
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return open_; });
  }
  void Open() {
    {
      std::lock_guard lock(mu_);
      open_ = true;
    }
    cv_.notify_all();
  }
  int Entered() const { return entered_; }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
  std::atomic<int> entered_{0};
};

// With one worker and a queue of one: `busy` holds the worker in `gate`,
// `waiting` fills the queue. Both are answered 200 once the gate opens.
class FullServerTest : public SocketServerTest {
 protected:
  void StartFull(http::RequestDispatcher dispatch, http::AnswersAtOnce answers_at_once = {}) {
    http::ServerOptions options;
    options.worker_threads = 1;
    options.max_queued_requests = 1;
    Start(options, std::move(dispatch), std::move(answers_at_once));
    busy_.emplace(port_);
    ASSERT_TRUE(busy_->Send(kSlow));
    ASSERT_TRUE(WaitUntil([&] { return gate_.Entered() == 1; })) << "the only worker is busy";
    waiting_.emplace(port_);
    ASSERT_TRUE(waiting_->Send(kSlow));
    ASSERT_TRUE(WaitUntil([&] { return server_->QueuedRequests() == 1; }))
        << "the second request waits for the worker";
  }
  void TearDown() override {
    gate_.Open();  // a failed assertion must not leave the worker held
    SocketServerTest::TearDown();
  }
  void OpenAndExpectBothAnswered() {
    gate_.Open();
    auto first = busy_->Read();
    auto second = waiting_->Read();
    ASSERT_TRUE(first && second);
    EXPECT_EQ(first->status, 200);
    EXPECT_EQ(second->status, 200);
  }
  static constexpr std::string_view kSlow = "GET /slow HTTP/1.1\r\nHost: t\r\n\r\n";
  Gate gate_;
  std::optional<RawHttpClient> busy_;
  std::optional<RawHttpClient> waiting_;
};

TEST_F(FullServerTest, AFullWorkerQueueIsAnswered503AtOnce) {
  StartFull([&](http::IncomingRequest) {
    gate_.Enter();
    return http::HttpResponse{200, "application/json", "{}", {}};
  });
  RawHttpClient refused(port_);
  auto r = refused.Exchange(kHealth);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 503);
  EXPECT_EQ(ErrorCode(*r), "unavailable");
  EXPECT_EQ(r->Header("Retry-After"), "1");
  EXPECT_EQ(gate_.Entered(), 1) << "refused without a worker";
  OpenAndExpectBothAnswered();
}

TEST_F(FullServerTest, WhatNeverWaitsIsAnsweredWhileEveryWorkerIsBusy) {
  StartFull(
      [&](http::IncomingRequest in) {
        if (in.request.path == "/slow") gate_.Enter();
        return http::HttpResponse{200, "text/plain", in.request.path, {}};
      },
      [](const http::IncomingRequest& in) { return in.request.path == "/quick"; });
  RawHttpClient quick(port_);
  for (int i = 0; i < 3; ++i) {
    auto r = quick.Exchange("GET /quick HTTP/1.1\r\nHost: t\r\n\r\n");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << "answered by the I/O thread, not refused for a full queue";
    EXPECT_EQ(r->body, "/quick");
  }
  EXPECT_EQ(gate_.Entered(), 1);
  OpenAndExpectBothAnswered();
}

http::HttpResponse EchoClient(http::IncomingRequest in) {
  return http::HttpResponse{200, "text/plain", in.request.remote_address, {}};
}

TEST_F(SocketServerTest, XForwardedForIsBelievedOnlyFromATrustedProxy) {
  const std::string spoofed =
      "GET /who HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 203.0.113.5, 198.51.100.7\r\n\r\n";
  {
    Start({}, EchoClient);
    RawHttpClient c(port_);
    auto r = c.Exchange(spoofed);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->body, "127.0.0.1") << "no trusted proxy: the header is ignored";
    TearDown();
  }
  http::ServerOptions behind_proxy;
  behind_proxy.trusted_proxies = {"127.0.0.1"};
  Start(behind_proxy, EchoClient);
  RawHttpClient c(port_);
  auto r = c.Exchange(spoofed);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "198.51.100.7") << "the right-most hop the proxy saw";
  r = c.Exchange(
      "GET /who HTTP/1.1\r\nHost: t\r\nX-Forwarded-For: 203.0.113.5\r\n"
      "X-Forwarded-For: 127.0.0.1\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->body, "203.0.113.5") << "header lines join, trusted hops are skipped";
}

TEST_F(SocketServerTest, ABadRequestIsAnswered400AndClosed) {
  Start({}, EchoClient);
  RawHttpClient c(port_);
  auto r = c.Exchange("NOT HTTP AT ALL\r\n\r\n");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_EQ(ErrorCode(*r), "bad_request");
  EXPECT_TRUE(c.ClosedByServer(milliseconds(3'000)));
}

}  // namespace
}  // namespace pineal::testing
