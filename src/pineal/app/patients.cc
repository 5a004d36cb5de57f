// Use cases: patients.
#include "pineal/app/pineal_app.h"

namespace pineal::app {
namespace {

constexpr int kMaxPageSize = 200;

}  // namespace

Result<records::Patient> PinealApp::CreatePatient(const Actor& actor, records::Patient draft) {
  auto result = [&]() -> Result<records::Patient> {
    PINEAL_RETURN_IF_ERROR(records::ValidatePatient(draft));
    if (draft.birth_date && *draft.birth_date > DateOf(clock_.Now())) {
      return Status::InvalidArgument("is in the future", "birth_date");
    }
    draft.provenance = NewProvenance(actor);
    PINEAL_ASSIGN_OR_RETURN(PatientId id, store_.InsertPatient(draft));
    return store_.GetPatient(id);
  }();
  RecordAudit(actor, "patient.create", result.ok() ? std::optional(result->id) : std::nullopt,
              result.status());
  return result;
}

Result<records::Patient> PinealApp::GetPatient(const Actor& actor, PatientId id) {
  auto result = store_.GetPatient(id);
  RecordAudit(actor, "patient.read", id, result.status());
  return result;
}

Result<records::Patient> PinealApp::UpdatePatient(const Actor& actor, records::Patient changes) {
  const PatientId id = changes.id;
  auto result = [&]() -> Result<records::Patient> {
    PINEAL_RETURN_IF_ERROR(records::ValidatePatient(changes));
    if (changes.birth_date && *changes.birth_date > DateOf(clock_.Now())) {
      return Status::InvalidArgument("is in the future", "birth_date");
    }
    Status st = store_.InTransaction([&]() -> Status {
      PINEAL_ASSIGN_OR_RETURN(records::Patient before, store_.GetPatient(id));
      PINEAL_RETURN_IF_ERROR(store_.UpdatePatient(changes, clock_.Now()));
      // A new or different weight becomes a new entry of the weight history.
      if (changes.weight &&
          (!before.weight || before.weight->weight.base() != changes.weight->weight.base() ||
           before.weight->measured_on != changes.weight->measured_on)) {
        PINEAL_RETURN_IF_ERROR(store_.AddWeight(id, *changes.weight, NewProvenance(actor)));
      }
      return Status::Ok();
    });
    if (!st.ok()) return st;
    return store_.GetPatient(id);
  }();
  RecordAudit(actor, "patient.update", id, result.status());
  return result;
}

Result<store::Page<records::Patient>> PinealApp::ListPatients(const Actor& actor,
                                                             const store::PatientQuery& query) {
  auto result = [&]() -> Result<store::Page<records::Patient>> {
    if (query.limit < 1 || query.limit > kMaxPageSize) {
      return Status::InvalidArgument("must be between 1 and 200", "limit");
    }
    if (query.offset < 0) return Status::InvalidArgument("must not be negative", "offset");
    if (query.search.size() > 200) {
      return Status::InvalidArgument("is too long (at most 200 characters)", "q");
    }
    return store_.ListPatients(query);
  }();
  RecordAudit(actor, "patient.list", std::nullopt, result.status());
  return result;
}

}  // namespace pineal::app
