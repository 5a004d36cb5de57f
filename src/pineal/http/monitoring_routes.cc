// Monitoring: alerts (per patient and the clinician's inbox), follow-up
// reviews, adherence and titration proposals with their decisions.
#include "pineal/app/monitoring.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/monitoring_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

using nlohmann::json;

// ?status=open|acknowledged|resolved|all; "all" (or absent, with the default
// "") is every alert.
std::string StatusQuery(const HttpRequest& req, const std::string& fallback) {
  auto s = req.Query("status");
  if (!s) return fallback;
  return *s == "all" ? std::string() : std::string(*s);
}

template <typename List, typename Encode>
json Items(const List& list, Encode&& encode) {
  json items = json::array();
  for (const auto& x : list) items.push_back(encode(x));
  return json{{"items", items}};
}

void AddAlertRoutes(Router& router, app::Monitoring& monitoring) {
  router.Add("GET", "/api/v1/patients/{id}/alerts", [&monitoring](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto page = PageFromQuery(req);
    if (!page.ok()) return ErrorResponse(page.status());
    return Respond(
        monitoring.ListAlerts(ActorFor(req), PatientId(*id), StatusQuery(req, ""), *page),
        [](const auto& p) { return PageJson(p, AlertJson); });
  });

  router.Add("GET", "/api/v1/alerts", [&monitoring](const HttpRequest& req) {
    auto page = PageFromQuery(req);
    if (!page.ok()) return ErrorResponse(page.status());
    return Respond(monitoring.AlertInbox(ActorFor(req), StatusQuery(req, "open"), *page),
                   [](const auto& p) {
                     return PageJson(p, [](const app::InboxAlert& a) {
                       json j = AlertJson(a.alert);
                       j["patient_name"] = a.patient_name;
                       return j;
                     });
                   });
  });

  router.Add("POST", "/api/v1/patients/{id}/alerts/{aid}/status",
             [&monitoring](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto aid = PathId(req, "aid");
               if (!aid.ok()) return ErrorResponse(aid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               std::string status;
               std::string note;
               Status st = ApplyAlertStatusJson(*body, &status, &note);
               if (!st.ok()) return ErrorResponse(st);
               return Respond(
                   monitoring.ChangeAlertStatus(ActorFor(req), PatientId(*id), *aid, status, note),
                   AlertJson);
             });
}

void AddReviewRoutes(Router& router, app::Monitoring& monitoring) {
  router.Add("GET", "/api/v1/patients/{id}/reviews", [&monitoring](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(monitoring.Reviews(ActorFor(req), PatientId(*id)), PatientReviewsJson);
  });

  router.Add("GET", "/api/v1/patients/{id}/questionnaires", [&monitoring](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(monitoring.Questionnaires(ActorFor(req), PatientId(*id)),
                   PatientQuestionnairesJson);
  });

  router.Add("POST", "/api/v1/patients/{id}/regimens/{rid}/reviews",
             [&monitoring](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto rid = PathId(req, "rid");
               if (!rid.ok()) return ErrorResponse(rid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               store::ReviewAction draft;
               draft.regimen_id = RegimenId(*rid);
               Status st = ApplyReviewActionJson(*body, &draft);
               if (!st.ok()) return ErrorResponse(st);
               return Respond(
                   monitoring.RecordReviewAction(ActorFor(req), PatientId(*id), std::move(draft)),
                   ReviewActionJson, 201);
             });

  router.Add("GET", "/api/v1/reviews/overdue", [&monitoring](const HttpRequest& req) {
    return Respond(monitoring.OverdueReviews(ActorFor(req)), [](const auto& list) {
      return Items(list, [](const app::OverdueReview& o) {
        json j = DueReviewJson(o.review, o.regimen_id, o.substance);
        j["patient_id"] = o.patient_id.value();
        j["patient_name"] = o.patient_name;
        return j;
      });
    });
  });

  router.Add("GET", "/api/v1/patients/{id}/adherence", [&monitoring](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    auto range = RangeFromQuery(req);
    if (!range.ok()) return ErrorResponse(range.status());
    app::AdherenceQuery q{range->from, range->to};
    return Respond(monitoring.Adherence(ActorFor(req), PatientId(*id), q), AdherenceJson);
  });
}

void AddProposalRoutes(Router& router, app::Monitoring& monitoring) {
  router.Add("POST", "/api/v1/patients/{id}/regimens/{rid}/proposals",
             [&monitoring](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto rid = PathId(req, "rid");
               if (!rid.ok()) return ErrorResponse(rid.status());
               // No body, or an empty object.
               if (!req.body.empty()) {
                 auto body = JsonBody(req);
                 if (!body.ok()) return ErrorResponse(body.status());
                 JsonReader r(*body);
                 Status st = r.RejectUnknown();
                 if (!st.ok()) return ErrorResponse(st);
               }
               return Respond(
                   monitoring.ProposeTitration(ActorFor(req), PatientId(*id), RegimenId(*rid)),
                   ProposalJson, 201);
             });

  router.Add("GET", "/api/v1/patients/{id}/proposals", [&monitoring](const HttpRequest& req) {
    auto id = PathId(req, "id");
    if (!id.ok()) return ErrorResponse(id.status());
    return Respond(monitoring.ListProposals(ActorFor(req), PatientId(*id)),
                   [](const auto& list) { return Items(list, ProposalJson); });
  });

  router.Add("POST", "/api/v1/patients/{id}/proposals/{pid}/decision",
             [&monitoring](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto pid = PathId(req, "pid");
               if (!pid.ok()) return ErrorResponse(pid.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               app::ProposalDecisionDraft draft;
               Status st = ApplyDecisionJson(*body, &draft);
               if (!st.ok()) return ErrorResponse(st);
               app::ScreeningReport report;
               auto decided = monitoring.DecideProposal(ActorFor(req), PatientId(*id), *pid,
                                                        std::move(draft), &report);
               return ScreenedChangeResponse(decided.status(), report,
                                             monitoring.knowledge().safety,
                                             decided.ok() ? ProposalJson(*decided) : json(), 200);
             });
}

}  // namespace

void AddMonitoringRoutes(Router& router, app::Monitoring& monitoring) {
  AddAlertRoutes(router, monitoring);
  AddReviewRoutes(router, monitoring);
  AddProposalRoutes(router, monitoring);
}

}  // namespace pineal::http
