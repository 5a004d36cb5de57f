#include "pineal/http/router.h"

#include "pineal/http/api_errors.h"

namespace pineal::http {
namespace {

std::vector<std::string> Split(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

bool Match(const std::vector<std::string>& pattern, const std::vector<std::string>& path,
           std::map<std::string, std::string>* params) {
  if (pattern.size() != path.size()) return false;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string& p = pattern[i];
    // "{name}" or "{name}.ext": a non-empty value, then the literal suffix.
    const size_t close = p.size() > 2 && p.front() == '{' ? p.find('}') : std::string::npos;
    if (close != std::string::npos && close > 1) {
      const std::string suffix = p.substr(close + 1);
      const std::string& segment = path[i];
      if (segment.size() <= suffix.size() ||
          segment.compare(segment.size() - suffix.size(), suffix.size(), suffix) != 0) {
        return false;
      }
      (*params)[p.substr(1, close - 1)] = segment.substr(0, segment.size() - suffix.size());
    } else if (p != path[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::optional<std::string> HttpRequest::Query(const std::string& name) const {
  auto it = query.find(name);
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::string HttpRequest::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? std::string() : it->second;
}

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, pattern, Split(pattern), std::move(handler)});
}

HttpResponse Router::Dispatch(HttpRequest request) const {
  const std::vector<std::string> path = Split(request.path);
  std::string allowed;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!Match(route.segments, path, &params)) continue;
    if (route.method == request.method) {
      request.path_params = std::move(params);
      return route.handler(request);
    }
    if (!allowed.empty()) allowed += ", ";
    allowed += route.method;
  }
  if (!allowed.empty()) {
    HttpResponse r = ErrorResponse(
        405, "method_not_allowed",
        request.method + " is not allowed on " + request.path + "; allowed: " + allowed);
    r.headers.emplace_back("Allow", allowed);
    return r;
  }
  return ErrorResponse(404, "not_found", "no such endpoint: " + request.path);
}

std::vector<std::string> Router::Routes() const {
  std::vector<std::string> out;
  for (const Route& r : routes_) out.push_back(r.method + " " + r.pattern);
  return out;
}

}  // namespace pineal::http
