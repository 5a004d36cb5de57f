// The HTTP server: the API router behind cpp-httplib, plus the web app's
// static files. Only server.cc includes the HTTP library.
#pragma once

#include <memory>
#include <string>

#include "pineal/http/rate_limiter.h"
#include "pineal/http/request_handler.h"
#include "pineal/http/router.h"

namespace httplib {
class Server;
}

namespace pineal::app {
class PinealApp;
}  // namespace pineal::app

namespace pineal::http {

struct ServerOptions {
  std::string bind_address = "127.0.0.1";
  int port = 8080;  // 0: any free port
  std::size_t max_body_bytes = 1 << 20;
  std::string static_dir;  // served at "/" when it exists (web/dist)
  // Serve HTTPS when both are given (PEM files).
  std::string tls_cert_file;
  std::string tls_key_file;
};

class Server {
 public:
  Server(app::PinealApp& app, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop() is called from another thread or a signal handler.
  Status Run();
  void Stop();

  const Router& router() const { return router_; }

 private:
  app::PinealApp& app_;
  ServerOptions options_;
  RateLimiter login_limiter_{10, std::chrono::seconds(60)};
  Router router_;
  std::unique_ptr<httplib::Server> impl_;
};

}  // namespace pineal::http
