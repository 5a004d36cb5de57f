#include "pineal/http/server.h"

#include <httplib.h>

#include <filesystem>

#include "pineal/app/credentials.h"
#include "pineal/app/pineal_app.h"
#include "pineal/core/text.h"
#include "pineal/http/api_errors.h"
#include "pineal/http/api_routes.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

// Sent with every response, errors and static files included.
httplib::Headers SecurityHeaders() {
  return {{"X-Content-Type-Options", "nosniff"},
          {"Referrer-Policy", "no-referrer"},
          {"X-Frame-Options", "DENY"},
          {"Content-Security-Policy",
           "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
           "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"}};
}

HttpRequest FromHttplib(const httplib::Request& req) {
  HttpRequest out;
  out.method = req.method;
  out.path = req.path;
  for (const auto& [k, v] : req.params) out.query.emplace(k, v);
  for (const auto& [k, v] : req.headers) {
    out.headers[AsciiLower(k)] = v;
  }
  out.body = req.body;
  out.remote_address = req.remote_addr;
  return out;
}

void ToHttplib(const HttpResponse& in, httplib::Response& res) {
  res.status = in.status;
  for (const auto& [k, v] : in.headers) res.set_header(k, v);
  res.set_content(in.body, in.content_type);
}

}  // namespace

std::unique_ptr<httplib::Server> MakeServer(const ServerOptions& o) {
  if (!o.tls_cert_file.empty() && !o.tls_key_file.empty()) {
    return std::make_unique<httplib::SSLServer>(o.tls_cert_file.c_str(), o.tls_key_file.c_str());
  }
  return std::make_unique<httplib::Server>();
}

Server::Server(app::PinealApp& app, ServerOptions options)
    : app_(app), options_(std::move(options)), impl_(MakeServer(options_)) {
  const bool tls = !options_.tls_cert_file.empty() && !options_.tls_key_file.empty();
  AddApiRoutes(router_, app, AuthOptions{tls, &login_limiter_});
  impl_->set_default_headers(SecurityHeaders());
  impl_->set_payload_max_length(options_.max_body_bytes);
  impl_->set_read_timeout(30, 0);
  impl_->set_write_timeout(30, 0);

  auto api = [this](const httplib::Request& req, httplib::Response& res) {
    ToHttplib(HandleRequest(app_, router_, FromHttplib(req)), res);
  };
  const std::string all = R"(/api/.*)";
  impl_->Get(all, api);
  impl_->Post(all, api);
  impl_->Put(all, api);
  impl_->Patch(all, api);
  impl_->Delete(all, api);

  if (!options_.static_dir.empty() && std::filesystem::is_directory(options_.static_dir)) {
    // Built assets carry a content hash in their names, so they never change
    // under one URL; pages revalidate so a new build shows at once.
    const std::string assets = options_.static_dir + "/assets";
    if (std::filesystem::is_directory(assets)) {
      impl_->set_mount_point("/assets", assets,
                             {{"Cache-Control", "public, max-age=31536000, immutable"}});
    }
    impl_->set_mount_point("/", options_.static_dir, {{"Cache-Control", "no-cache"}});
  }

  // Errors raised by the library itself (413, unknown paths, bad requests)
  // get the same JSON body as the API's own.
  impl_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string code = res.status == 413   ? "payload_too_large"
                       : res.status == 404 ? "not_found"
                                           : "bad_request";
    std::string message = res.status == 413   ? "the request body is larger than allowed (1 MiB)"
                          : res.status == 404 ? "no such page"
                                              : "the request could not be read";
    ToHttplib(ErrorResponse(res.status, code, message), res);
  });
  impl_->set_exception_handler(
      [](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        ToHttplib(ErrorResponse(Status::Internal("exception in the HTTP layer")), res);
      });
}

Server::~Server() { Stop(); }

Result<int> Server::Bind() {
  if (!impl_->is_valid()) {
    return Status::InvalidArgument("cannot use the TLS certificate '" + options_.tls_cert_file +
                                   "' and key '" + options_.tls_key_file + "'");
  }
  int port = options_.port;
  if (port == 0) {
    port = impl_->bind_to_any_port(options_.bind_address);
  } else if (!impl_->bind_to_port(options_.bind_address, port)) {
    port = -1;
  }
  if (port < 0) {
    return Status::Unavailable("cannot listen on " + options_.bind_address + ":" +
                               std::to_string(options_.port) +
                               " (is the port in use, or the address wrong?)");
  }
  return port;
}

Status Server::Run() {
  if (!impl_->listen_after_bind()) return Status::Unavailable("the server stopped with an error");
  return Status::Ok();
}

void Server::Stop() {
  if (impl_) impl_->stop();
}

}  // namespace pineal::http
