// /api/v1/users (administrators), care teams and the audit log.
#include "pineal/app/accounts.h"
#include "pineal/app/audit_log.h"
#include "pineal/http/api_routes.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/records_json.h"
#include "pineal/http/route_support.h"

namespace pineal::http {
namespace {

using nlohmann::json;

}  // namespace

void AddAccountRoutes(Router& router, app::Accounts& accounts, app::AuditLog& audit) {
  router.Add("GET", "/api/v1/users", [&accounts, &audit](const HttpRequest& req) {
    return Respond(accounts.ListUsers(ActorFor(req)), [](const auto& users) {
      json items = json::array();
      for (const auto& u : users) items.push_back(UserJson(u));
      return json{{"items", items}};
    });
  });

  router.Add("POST", "/api/v1/users", [&accounts, &audit](const HttpRequest& req) {
    auto body = JsonBody(req);
    if (!body.ok()) return ErrorResponse(body.status());
    JsonReader r(*body);
    app::NewUser n;
    std::string role;
    std::optional<std::int64_t> patient_id;
    Status st = r.Get("username", &n.username, Need::kRequired);
    if (st.ok()) st = r.Get("display_name", &n.display_name);
    if (st.ok()) st = r.Get("role", &role, Need::kRequired);
    if (st.ok()) st = r.Get("patient_id", &patient_id);
    if (st.ok()) st = r.Get("password", &n.password, Need::kRequired);
    if (st.ok()) st = r.RejectUnknown();
    if (!st.ok()) return ErrorResponse(st);
    auto parsed = store::UserRoleFromName(role);
    if (!parsed) {
      return ErrorResponse(Status::InvalidArgument(
          "'" + role + "' is not a role; use admin, clinician or patient", "role"));
    }
    n.role = *parsed;
    if (patient_id) n.patient_id = PatientId(*patient_id);
    return Respond(accounts.CreateUser(ActorFor(req), std::move(n)), UserJson, 201);
  });

  for (const char* action : {"disable", "enable"}) {
    const bool disable = std::string(action) == "disable";
    router.Add("POST", std::string("/api/v1/users/{username}/") + action,
               [&accounts, disable](const HttpRequest& req) {
                 return Respond(accounts.SetUserDisabled(ActorFor(req),
                                                         req.path_params.at("username"), disable),
                                UserJson);
               });
  }

  router.Add("POST", "/api/v1/users/{username}/reset-password",
             [&accounts, &audit](const HttpRequest& req) {
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               JsonReader r(*body);
               std::string password;
               Status st = r.Get("password", &password, Need::kRequired);
               if (st.ok()) st = r.RejectUnknown();
               if (!st.ok()) return ErrorResponse(st);
               return Respond(
                   accounts.ResetPassword(ActorFor(req), req.path_params.at("username"), password),
                   UserJson);
             });

  router.Add("POST", "/api/v1/users/{username}/unlock", [&accounts](const HttpRequest& req) {
    const std::string& username = req.path_params.at("username");
    return Respond(accounts.UnlockUser(ActorFor(req), username), [&username](int cleared) {
      return json{{"username", username}, {"locks_cleared", cleared}};
    });
  });

  router.Add("POST", "/api/v1/patients/{id}/care-team",
             [&accounts, &audit](const HttpRequest& req) {
               auto id = PathId(req, "id");
               if (!id.ok()) return ErrorResponse(id.status());
               auto body = JsonBody(req);
               if (!body.ok()) return ErrorResponse(body.status());
               JsonReader r(*body);
               std::string username;
               Status st = r.Get("username", &username, Need::kRequired);
               if (st.ok()) st = r.RejectUnknown();
               if (st.ok()) st = accounts.AddToCareTeam(ActorFor(req), PatientId(*id), username);
               if (!st.ok()) return ErrorResponse(st);
               return JsonResponse(201, {{"patient_id", *id}, {"username", username}});
             });

  router.Add("GET", "/api/v1/audit", [&accounts, &audit](const HttpRequest& req) {
    store::AuditQuery q;
    if (auto p = req.Query("patient_id")) {
      auto id = ParsePositiveId(*p);
      if (!id) {
        return ErrorResponse(Status::InvalidArgument("must be a patient id", "patient_id"));
      }
      q.patient_id = PatientId(*id);
    }
    q.actor = req.Query("actor").value_or("");
    auto page = PageFromQuery(req);
    if (!page.ok()) return ErrorResponse(page.status());
    q.limit = page->limit;
    return Respond(audit.Audit(ActorFor(req), q, page->cursor), [](const auto& p) {
      return PageJson(p, [](const store::AuditEvent& e) { return ToJson(e); });
    });
  });
}

}  // namespace pineal::http
