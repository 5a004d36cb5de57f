// The HTTP server: the API router and the web app's static files behind the
// socket layer (socket_server.h), which reads each request whole within the
// limits of ServerOptions before a worker answers it.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "pineal/http/rate_limiter.h"
#include "pineal/http/request_handler.h"
#include "pineal/http/router.h"
#include "pineal/http/server_options.h"
#include "pineal/http/socket_server.h"
#include "pineal/http/static_files.h"

namespace pineal::app {
class PinealApp;
}  // namespace pineal::app

namespace pineal::http {

class Server {
 public:
  Server(app::PinealApp& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop() is called from another thread, or a signal after StopOnSignals().
  Status Run();
  void Stop();
  // SIGINT and SIGTERM stop the server (handled in its I/O loop, not in a signal handler).
  void StopOnSignals();

  const Router& router() const { return router_; }
  std::size_t OpenConnections() const { return sockets_.OpenConnections(); }

 private:
  // API requests to the request handler, others to the static files.
  HttpResponse Dispatch(IncomingRequest incoming) const;

  app::PinealApp& app_;
  RateLimiter login_limiter_{10, std::chrono::seconds(60)};
  Router router_;
  std::optional<StaticFiles> static_files_;
  SocketServer sockets_;
};

}  // namespace pineal::http
