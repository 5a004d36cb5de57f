// pineal audit: who did what, by patient or by user.
#include <cstdio>

#include "pineal/app/pineal_app.h"
#include "pineal/cli/commands.h"
#include "pineal/store/open_store.h"

namespace pineal::cli {

void RegisterAuditCommand(CLI::App& root) {
  struct Options {
    DbOptions db;
    std::int64_t patient = 0;
    std::string user;
    int limit = 50;
    std::string cursor;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = root.add_subcommand("audit", "Show the audit log, newest first");
  AddDbOption(*cmd, o->db);
  cmd->add_option("--patient", o->patient, "Only entries about this patient id");
  cmd->add_option("--user", o->user, "Only entries by this username");
  cmd->add_option("--limit", o->limit, "How many entries")
      ->check(CLI::Range(1, app::kMaxPageSize))
      ->capture_default_str();
  cmd->add_option("--cursor", o->cursor,
                  "Continue after an earlier page (the cursor its last line shows)");
  cmd->callback([o]() {
    auto store = store::OpenStore(o->db.location);
    if (!store.ok()) Fail(store.status().message());
    SystemClock clock;
    app::PinealApp app(**store, clock);
    app::Actor actor;
    actor.name = "cli";
    store::AuditQuery q;
    if (o->patient > 0) q.patient_id = PatientId(o->patient);
    q.actor = o->user;
    q.limit = o->limit;
    auto events = app.audit().Audit(actor, q, o->cursor);
    if (!events.ok()) {
      const Status& st = events.status();
      Fail(st.field().empty() ? st.message() : "--" + st.field() + " " + st.message());
    }
    for (const auto& e : events->items) {
      std::string records;
      for (const auto& r : e.record_ids) records += (records.empty() ? "" : ",") + r;
      std::printf("%s  %-16s %-9s %-22s patient=%-4s %-10s records=%s %s\n",
                  FormatInstant(e.at).c_str(), e.actor.c_str(), e.role.c_str(), e.action.c_str(),
                  e.patient_id ? e.patient_id->ToString().c_str() : "-", e.outcome.c_str(),
                  records.empty() ? "-" : records.c_str(), e.detail.c_str());
    }
    if (events->next_cursor) std::printf("more: --cursor %s\n", events->next_cursor->c_str());
  });
}

}  // namespace pineal::cli
