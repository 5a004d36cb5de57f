// A small router over plain request/response values. It keeps the HTTP
// library out of route code (only server.cc includes it) and lets tests call
// routes without a socket.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "pineal/app/actor.h"

namespace pineal::http {

struct HttpRequest {
  std::string method;
  std::string path;
  std::map<std::string, std::string> path_params;  // filled by the router
  std::multimap<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  std::string remote_address;
  // Filled in by the server once the caller is authenticated.
  app::Actor actor;
  std::int64_t session_id = 0;
  // A browser session's CSRF token (empty for an API token), so that any tab
  // holding the cookie can learn it from GET /auth/me.
  std::string csrf_token;

  std::optional<std::string> Query(const std::string& name) const;
  std::string Header(const std::string& lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<HttpResponse(const HttpRequest&)>;

class Router {
 public:
  // `pattern` is a path with {name} segments: "/api/v1/patients/{id}"; a
  // segment may end in a literal suffix after the name: "{token}.ics".
  void Add(const std::string& method, const std::string& pattern, Handler handler);

  // 404 when no pattern matches, 405 (with Allow) when only the method is wrong.
  HttpResponse Dispatch(HttpRequest request) const;

  // Every "METHOD pattern" registered, for documentation and tests.
  std::vector<std::string> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

}  // namespace pineal::http
