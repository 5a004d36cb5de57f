// Shared by the route files: ids from paths, JSON bodies in and out, the
// caller as an app::Actor.
#pragma once

#include <string>
#include <type_traits>

#include <nlohmann/json.hpp>

#include "pineal/app/actor.h"
#include "pineal/app/page.h"
#include "pineal/http/api_errors.h"
#include "pineal/http/router.h"
#include "pineal/json/json_out.h"
#include "pineal/json/json_reader.h"
#include "pineal/store/store.h"

namespace pineal::http {

// Routes parse and encode with the json/ codecs by their plain names.
using namespace pineal::codec;  // NOLINT(google-build-using-namespace)

// "42" -> 42; anything but a positive whole number -> nullopt.
std::optional<std::int64_t> ParsePositiveId(std::string_view text);

// The positive integer in path parameter `name`, or 404 (an id that cannot
// exist names nothing).
Result<std::int64_t> PathId(const HttpRequest& req, const char* name);

// True for "application/json" with any parameters ("; charset=utf-8").
bool IsJsonContentType(const std::string& header);

// The body as a JSON object, or a 400 that says why not. (The server has
// already answered 415 to a body that is not declared as JSON.)
Result<nlohmann::json> JsonBody(const HttpRequest& req);

HttpResponse JsonResponse(int status, const nlohmann::json& body);
// A body already written as JSON text (PageText).
HttpResponse JsonTextResponse(int status, std::string body);

// A Result<T> as JSON (via `encode`, to a tree or to text) with `ok_status`,
// or as an error.
template <typename T, typename Encode>
HttpResponse Respond(const Result<T>& r, Encode&& encode, int ok_status = 200) {
  if (!r.ok()) return ErrorResponse(r.status());
  if constexpr (std::is_same_v<decltype(encode(*r)), std::string>) {
    return JsonTextResponse(ok_status, encode(*r));
  } else {
    return JsonResponse(ok_status, encode(*r));
  }
}

app::Actor ActorFor(const HttpRequest& req);

// Optional time-range query parameters "from" and "to" (ISO 8601).
Result<store::TimeRange> RangeFromQuery(const HttpRequest& req);
// "true"/"false" query flags; anything else is a 400.
Result<bool> FlagFromQuery(const HttpRequest& req, const char* name);

// The paging query parameters "limit" (1 to app::kMaxPageSize, default
// app::kDefaultPageSize) and "cursor" (a next_cursor from an earlier page).
Result<app::PageRequest> PageFromQuery(const HttpRequest& req);

// A page as {"items": [...], "next_cursor": "..." or null}.
template <typename T, typename Encode>
nlohmann::json PageJson(const app::PageOf<T>& page, Encode&& encode) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& x : page.items) items.push_back(encode(x));
  return nlohmann::json{
      {"items", std::move(items)},
      {"next_cursor", page.next_cursor ? nlohmann::json(*page.next_cursor) : nlohmann::json()}};
}

// The same page written as text straight from the records (those with a
// WriteJson), without building a tree: for the most read lists.
template <typename T>
std::string PageText(const app::PageOf<T>& page) {
  JsonText out;
  out.Reserve(64 + page.items.size() * 320);  // a dose event is ~270 bytes
  out.BeginObject();
  out.Key("items");
  out.BeginArray();
  for (const auto& x : page.items) WriteJson(out, x);
  out.EndArray();
  out.Key("next_cursor");
  if (page.next_cursor) {
    out.String(*page.next_cursor);
  } else {
    out.Null();
  }
  out.EndObject();
  return out.Take();
}

}  // namespace pineal::http
