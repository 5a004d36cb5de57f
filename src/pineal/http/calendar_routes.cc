// Calendar feeds: a patient's private .ics URLs (made, listed and revoked by
// the patient or the care team) and the public feed itself, whose URL's
// token is the credential.
#include "pineal/app/calendar_feeds.h"
#include "pineal/http/api_routes.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

using nlohmann::json;

constexpr std::string_view kIcsSuffix = ".ics";

json FeedJson(const store::CalendarFeed& f) {
  return json{{"id", f.id},
              {"created_at", FormatInstant(f.created_at)},
              {"revoked_at", f.revoked_at ? json(FormatInstant(*f.revoked_at)) : json(nullptr)}};
}

}  // namespace

void AddCalendarRoutes(Router& router, app::CalendarFeeds& feeds) {
  router.Add("POST", "/api/v1/patients/{id}/calendar-feeds", [&feeds](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(
        feeds.CreateFeed(ActorFor(req), PatientId(*id)),
        [](const app::CalendarFeedGrant& g) {
          return json{{"id", g.id},
                      {"url", "/api/v1/calendar/" + g.token + std::string(kIcsSuffix)},
                      {"created_at", FormatInstant(g.created_at)}};
        },
        201);
  });

  router.Add("GET", "/api/v1/patients/{id}/calendar-feeds", [&feeds](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(feeds.ListFeeds(ActorFor(req), PatientId(*id)), [](const auto& list) {
      json items = json::array();
      for (const auto& f : list) items.push_back(FeedJson(f));
      return json{{"items", std::move(items)}};
    });
  });

  router.Add("POST", "/api/v1/patients/{id}/calendar-feeds/{fid}/revoke",
             [&feeds](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto fid = PathId(req, "fid");
               if (!fid.ok()) return ErrorResponse(fid.status());
               return Respond(feeds.RevokeFeed(ActorFor(req), PatientId(*id), *fid), FeedJson);
             });

  // Public (request_handler.cc): no login, the token is the credential. A
  // malformed, unknown or revoked token is one and the same 404.
  router.Add("GET", "/api/v1/calendar/{token}.ics", [&feeds](const HttpRequest& req) {
    auto it = req.path_params.find("token");
    const std::string token = it == req.path_params.end() ? std::string() : it->second;
    auto text = feeds.RenderFeed(token, req.remote_address);
    if (!text.ok()) return ErrorResponse(text.status());
    HttpResponse out;
    out.content_type = "text/calendar; charset=utf-8";
    out.body = std::move(*text);
    return out;
  });
}

}  // namespace pineal::http
