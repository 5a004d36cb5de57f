// /api/v1/health, /api/v1/patients and the patient timeline.
#include <charconv>

#include "pineal/app/monitoring.h"
#include "pineal/app/patient_records.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

using nlohmann::json;

Result<int> IntQuery(const HttpRequest& req, const char* name, int fallback) {
  auto text = req.Query(name);
  if (!text) return fallback;
  int v = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
  if (ec != std::errc() || end != text->data() + text->size()) {
    return Status::InvalidArgument("must be a whole number", name);
  }
  return v;
}

// The patient with what each recorded condition matched in the catalogue.
json PatientJson(const app::PatientRecords& patients, const records::Patient& p) {
  json j = ToJson(p, patients.clock().Now());
  json matches = json::array();
  for (const auto& m : patients.MatchConditions(p)) matches.push_back(ToJson(m));
  j["condition_matches"] = std::move(matches);
  return j;
}

}  // namespace

void AddHealthRoutes(Router& router, const Clock& clock) {
  router.Add("GET", "/api/v1/health", [&clock](const HttpRequest&) {
    return JsonResponse(200, {{"status", "ok"},
                              {"service", "pineal"},
                              {"version", PINEAL_VERSION},
                              {"time", FormatInstant(clock.Now())}});
  });
}

void AddPatientRoutes(Router& router, app::PatientRecords& patients, app::Monitoring& monitoring) {
  router.Add("POST", "/api/v1/patients", [&patients, &monitoring](const HttpRequest& req) {
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    records::Patient draft;
    Status st = ApplyPatientJson(*body, &draft, DateOf(patients.clock().Now()));
    if (!st.ok()) return ErrorResponse(st);
    auto created = patients.CreatePatient(ActorFor(req), std::move(draft));
    return Respond(
        created, [&](const auto& p) { return PatientJson(patients, p); }, 201);
  });

  router.Add("GET", "/api/v1/patients", [&patients, &monitoring](const HttpRequest& req) {
    store::PatientQuery q;
    q.search = req.Query("q").value_or("");
    auto limit = IntQuery(req, "limit", 50);
    if (!limit.ok()) return ErrorResponse(limit.status());
    auto offset = IntQuery(req, "offset", 0);
    if (!offset.ok()) return ErrorResponse(offset.status());
    q.limit = *limit;
    q.offset = *offset;
    auto page = patients.ListPatients(ActorFor(req), q);
    return Respond(page, [&](const auto& p) {
      json items = json::array();
      for (const auto& patient : p.items) {
        json j = PatientJson(patients, patient);
        // Badges: open alerts and overdue reviews (left out when unavailable).
        if (auto b = monitoring.Badges(ActorFor(req), patient.id); b.ok()) {
          j["open_alerts"] = b->open_alerts;
          j["urgent_alerts"] = b->urgent_alerts;
          j["overdue_reviews"] = b->overdue_reviews;
        }
        items.push_back(std::move(j));
      }
      return json{{"items", items}, {"total", p.total}, {"limit", q.limit}, {"offset", q.offset}};
    });
  });

  router.Add("GET", "/api/v1/patients/{id}", [&patients, &monitoring](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto p = patients.GetPatient(ActorFor(req), PatientId(*id));
    return Respond(p, [&](const auto& v) { return PatientJson(patients, v); });
  });

  router.Add("PATCH", "/api/v1/patients/{id}", [&patients, &monitoring](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    app::Actor actor = ActorFor(req);
    auto current = patients.GetPatient(actor, PatientId(*id));
    if (!current.ok()) return ErrorResponse(current.status());
    records::Patient changed = *current;
    Status st = ApplyPatientJson(*body, &changed, DateOf(patients.clock().Now()));
    if (!st.ok()) return ErrorResponse(st);
    auto updated = patients.UpdatePatient(actor, std::move(changed));
    return Respond(updated, [&](const auto& v) { return PatientJson(patients, v); });
  });

  router.Add("GET", "/api/v1/patients/{id}/timeline",
             [&patients, &monitoring](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               app::TimelineQuery q;
               auto range = RangeFromQuery(req);
               if (!range.ok()) return ErrorResponse(range.status());
               q.range = *range;
               if (auto kinds = req.Query("kinds")) {
                 size_t start = 0;
                 while (start <= kinds->size()) {
                   size_t comma = kinds->find(',', start);
                   if (comma == std::string::npos) comma = kinds->size();
                   std::string name = kinds->substr(start, comma - start);
                   auto kind = app::TimelineKindFromName(name);
                   if (!kind) {
                     return ErrorResponse(Status::InvalidArgument(
                         "'" + name +
                             "' is not a timeline kind; use medication, regimen, dose_event or "
                             "observation, separated by commas",
                         "kinds"));
                   }
                   q.kinds.insert(*kind);
                   start = comma + 1;
                 }
               }
               auto page = PageFromQuery(req);
               if (!page.ok()) return ErrorResponse(page.status());
               auto entries = patients.Timeline(ActorFor(req), PatientId(*id), q, *page);
               return Respond(entries, [](const auto& p) {
                 return PageJson(p, [](const auto& e) { return ToJson(e); });
               });
             });
}

}  // namespace pineal::http
