// /api/v1/patients/{id}/dose-events and /observations: append and list.
#include "pineal/app/patient_records.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

// POST and GET for one append-only collection. `apply` decodes a body into a
// draft; `record` and `list` are the use cases.
template <typename Draft, typename Apply, typename RecordFn, typename ListFn>
void AddAppendOnly(Router& router, const std::string& path, Apply apply, RecordFn record,
                   ListFn list) {
  router.Add("POST", path, [apply, record](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    Draft draft;
    Status st = apply(*body, &draft);
    if (!st.ok()) return ErrorResponse(st);
    return Respond(
        record(ActorFor(req), PatientId(*id), std::move(draft)),
        [](const auto& v) { return ToJson(v); }, 201);
  });
  router.Add("GET", path, [list](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto range = RangeFromQuery(req);
    if (!range.ok()) return ErrorResponse(range.status());
    auto history = FlagFromQuery(req, "with_superseded");
    if (!history.ok()) return ErrorResponse(history.status());
    auto page = PageFromQuery(req);
    if (!page.ok()) return ErrorResponse(page.status());
    return Respond(list(ActorFor(req), PatientId(*id), *range, *history, *page),
                   [](const auto& p) { return PageText(p); });
  });
}

}  // namespace

void AddEventRoutes(Router& router, app::PatientRecords& patients) {
  AddAppendOnly<records::DoseEvent>(
      router, "/api/v1/patients/{id}/dose-events", ApplyDoseEventJson,
      [&patients](const app::Actor& a, PatientId p, records::DoseEvent d) {
        return patients.RecordDoseEvent(a, p, std::move(d));
      },
      [&patients](const app::Actor& a, PatientId p, const store::TimeRange& r, bool h,
                  const app::PageRequest& page) {
        return patients.ListDoseEvents(a, p, r, h, page);
      });
  AddAppendOnly<records::Observation>(
      router, "/api/v1/patients/{id}/observations", ApplyObservationJson,
      [&patients](const app::Actor& a, PatientId p, records::Observation d) {
        return patients.RecordObservation(a, p, std::move(d));
      },
      [&patients](const app::Actor& a, PatientId p, const store::TimeRange& r, bool h,
                  const app::PageRequest& page) {
        return patients.ListObservations(a, p, r, h, page);
      });
}

}  // namespace pineal::http
