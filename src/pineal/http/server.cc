#include "pineal/http/server.h"

#include <filesystem>

#include "pineal/app/pineal_app.h"
#include "pineal/http/api_errors.h"
#include "pineal/http/api_routes.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

bool ServesTls(const ServerOptions& o) {
  return !o.tls_cert_file.empty() && !o.tls_key_file.empty();
}

// The health check, when it carries no credentials (which would be looked
// up in the store), touches nothing that can wait: the I/O thread answers it.
bool IsBareHealthCheck(const IncomingRequest& in) {
  const HttpRequest& r = in.request;
  return r.method == "GET" && r.path == "/api/v1/health" && r.Header("authorization").empty() &&
         r.Header("cookie").empty();
}

}  // namespace

Server::Server(app::PinealApp& app, ServerOptions options)
    : app_(app),
      sockets_(
          options, [this](IncomingRequest in) { return Dispatch(std::move(in)); },
          IsBareHealthCheck) {
  AddApiRoutes(router_, app, AuthOptions{ServesTls(options), &login_limiter_});
  if (!options.static_dir.empty() && std::filesystem::is_directory(options.static_dir)) {
    static_files_.emplace(options.static_dir);
  }
}

Server::~Server() { Stop(); }

Result<int> Server::Bind() { return sockets_.Bind(); }
Status Server::Run() { return sockets_.Run(); }
void Server::Stop() { sockets_.Stop(); }
void Server::StopOnSignals() { sockets_.StopOnSignals(); }

HttpResponse Server::Dispatch(IncomingRequest in) const {
  const HttpRequest& request = in.request;
  if (request.path.rfind("/api/", 0) == 0)
    return HandleRequest(app_, router_, std::move(in.request));
  if (static_files_ && (request.method == "GET" || request.method == "HEAD")) {
    return static_files_->Serve(in.raw_path);
  }
  return ErrorResponse(404, "not_found", "no such page");
}

}  // namespace pineal::http
