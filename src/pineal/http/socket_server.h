// The network side of the HTTP server: an I/O loop (Boost.Asio/Beast) owns
// every connection and reads each request whole, within deadlines and size
// limits, before a worker pool answers it. A slow or idle client costs a file
// descriptor and a timer, never a worker. Only socket_server.cc includes
// Boost.Beast.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "pineal/core/result.h"
#include "pineal/http/router.h"
#include "pineal/http/server_options.h"

namespace pineal::http {

// A complete request: decoded path, query and headers in `request`, and the
// path as it came, still percent-encoded (static files check it themselves).
struct IncomingRequest {
  HttpRequest request;
  std::string raw_path;
};
// Called on a worker thread, possibly on several at once.
using RequestDispatcher = std::function<HttpResponse(IncomingRequest)>;
// Whether a request's answer never waits (no store, no file), so that the
// I/O thread answers it itself rather than hand it to a worker and back.
using AnswersAtOnce = std::function<bool(const IncomingRequest&)>;

class SocketServer {
 public:
  SocketServer(ServerOptions options, RequestDispatcher dispatch,
               AnswersAtOnce answers_at_once = {});
  ~SocketServer();
  SocketServer(const SocketServer&) = delete;
  SocketServer& operator=(const SocketServer&) = delete;

  // Loads the TLS certificate (if any) and listens; returns the port.
  Result<int> Bind();
  // Serves until Stop() (from any thread) or, after StopOnSignals, SIGINT/SIGTERM.
  Status Run();
  void Stop();
  // Stops on SIGINT or SIGTERM, handled inside the I/O loop (async-signal-safe).
  void StopOnSignals();

  // For tests and monitoring: connections open now, and requests waiting
  // for a worker.
  std::size_t OpenConnections() const;
  std::size_t QueuedRequests() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace pineal::http
