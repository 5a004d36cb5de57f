#include "pineal/http/server.h"

#include <httplib.h>

#include <cctype>
#include <filesystem>

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
    std::string name = k;
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.headers[name] = v;
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

HttpResponse HandleRequest(const Router& router, HttpRequest request) {
  const bool has_body =
      request.method == "POST" || request.method == "PUT" || request.method == "PATCH";
  if (has_body && request.path.rfind("/api/", 0) == 0 &&
      !IsJsonContentType(request.Header("content-type"))) {
    return ErrorResponse(415, "unsupported_media_type",
                         "the request body must be JSON, sent with Content-Type: "
                         "application/json");
  }
  HttpResponse response;
  try {
    response = router.Dispatch(std::move(request));
  } catch (const std::exception& e) {
    response = ErrorResponse(Status::Internal(std::string("unhandled exception: ") + e.what()));
  }
  response.headers.emplace_back("Cache-Control", "no-store");
  return response;
}

Server::Server(app::PinealApp& app, ServerOptions options)
    : options_(std::move(options)), impl_(std::make_unique<httplib::Server>()) {
  AddApiRoutes(router_, app);
  impl_->set_default_headers(SecurityHeaders());
  impl_->set_payload_max_length(options_.max_body_bytes);
  impl_->set_read_timeout(30, 0);
  impl_->set_write_timeout(30, 0);

  auto api = [this](const httplib::Request& req, httplib::Response& res) {
    ToHttplib(HandleRequest(router_, FromHttplib(req)), res);
  };
  const std::string all = R"(/api/.*)";
  impl_->Get(all, api);
  impl_->Post(all, api);
  impl_->Put(all, api);
  impl_->Patch(all, api);
  impl_->Delete(all, api);

  if (!options_.static_dir.empty() && std::filesystem::is_directory(options_.static_dir)) {
    impl_->set_mount_point("/", options_.static_dir);
  }

  // Errors raised by the library itself (413, unknown paths, bad requests)
  // get the same JSON body as the API's own.
  impl_->set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string code = res.status == 413   ? "payload_too_large"
                       : res.status == 404 ? "not_found"
                                           : "bad_request";
    std::string message = res.status == 413 ? "the request body is larger than allowed (1 MiB)"
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
