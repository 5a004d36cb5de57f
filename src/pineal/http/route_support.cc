#include "pineal/http/route_support.h"

#include <charconv>

#include "pineal/core/text.h"
#include "pineal/json/json_reader.h"

namespace pineal::http {

std::optional<std::int64_t> ParsePositiveId(std::string_view text) {
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec == std::errc() && end == text.data() + text.size() && id > 0) return id;
  return std::nullopt;
}

Result<std::int64_t> PathId(const HttpRequest& req, const char* name) {
  auto it = req.path_params.find(name);
  if (it != req.path_params.end()) {
    if (auto id = ParsePositiveId(it->second)) return *id;
  }
  return Status::NotFound("no such record: " + req.path);
}

bool IsJsonContentType(const std::string& header) {
  std::string type = header.substr(0, header.find(';'));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return AsciiLower(type) == "application/json";
}

Result<nlohmann::json> JsonBody(const HttpRequest& req) { return ParseJsonObject(req.body); }

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse r;
  r.status = status;
  r.body = body.dump();
  return r;
}

HttpResponse JsonTextResponse(int status, std::string body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

app::Actor ActorFor(const HttpRequest& req) { return req.actor; }

Result<store::TimeRange> RangeFromQuery(const HttpRequest& req) {
  store::TimeRange range;
  for (const char* name : {"from", "to"}) {
    auto text = req.Query(name);
    if (!text) continue;
    auto t = ParseInstant(*text);
    if (!t.ok()) return Status::InvalidArgument(t.status().message(), name);
    (std::string(name) == "from" ? range.from : range.to) = *t;
  }
  return range;
}

Result<bool> FlagFromQuery(const HttpRequest& req, const char* name) {
  auto text = req.Query(name);
  if (!text || *text == "false" || *text == "0") return false;
  if (*text == "true" || *text == "1") return true;
  return Status::InvalidArgument("must be true or false", name);
}

Result<app::PageRequest> PageFromQuery(const HttpRequest& req) {
  app::PageRequest page;
  if (auto text = req.Query("limit")) {
    int v = 0;
    auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
    if (text->empty() || ec != std::errc() || end != text->data() + text->size()) {
      return Status::InvalidArgument(
          "must be a whole number from 1 to " + std::to_string(app::kMaxPageSize), "limit");
    }
    page.limit = v;
  }
  PINEAL_RETURN_IF_ERROR(app::CheckPageLimit(page.limit));
  if (auto cursor = req.Query("cursor")) {
    if (cursor->empty()) {
      return Status::InvalidArgument(
          "is empty; leave it out for the first page, or pass a next_cursor", "cursor");
    }
    page.cursor = std::string(*cursor);
  }
  return page;
}

}  // namespace pineal::http
