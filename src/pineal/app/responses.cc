// Use case: instrument responses, scored before they are stored.
#include "pineal/app/responses.h"

#include "pineal/app/patient_records.h"
#include "pineal/monitor/answers_parse.h"

namespace pineal::app {
namespace {

// The observation a scored response is stored as: total, band, proration and flags.
records::Observation ObservationOf(const kb::InstrumentDef& def,
                                   const monitor::InstrumentScore& score, Instant observed_at) {
  records::Observation o;
  o.kind = records::ObservationKind::kInstrument;
  o.code = def.code;
  o.value = score.score;  // a mean keeps its decimals (FSS 3.89)
  o.unit = "{score}";
  o.observed_at = observed_at;
  if (score.band) {
    o.interpretation = score.band->id;
    o.text = score.band->label;
  }
  if (score.prorated) {
    o.components.push_back({"prorated_from", static_cast<double>(score.raw_sum),
                            std::to_string(score.missing) + " item(s) unanswered"});
  }
  for (const auto& flag : score.flags) {
    o.components.push_back({"flag:" + flag.id, static_cast<double>(flag.value), flag.message});
  }
  return o;
}

}  // namespace

Result<RecordedResponse> PatientRecords::RecordResponse(const Actor& actor, PatientId patient,
                                                        ResponseDraft draft) {
  auto result = AuditedWrite<RecordedResponse>(
      actor, "response.create", patient,
      [&]() -> Result<RecordedResponse> {
        PINEAL_RETURN_IF_ERROR(CheckCanCheckIn(actor, patient));
        if (knowledge_.instruments == nullptr) {
          return Status::Unavailable("the instruments of the knowledge base are not loaded");
        }
        const kb::InstrumentDef* def = knowledge_.instruments->Find(draft.instrument);
        if (def == nullptr) {
          std::string known;
          for (const auto& i : knowledge_.instruments->instruments) {
            known += (known.empty() ? "" : ", ") + i.id;
          }
          return Status::InvalidArgument(
              "no instrument '" + draft.instrument + "'; the knowledge base has " + known,
              "instrument");
        }
        auto score = monitor::ScoreInstrument(*def, draft.answers);
        if (!score.ok()) return score.status().WithFieldPrefix("answers");
        PINEAL_ASSIGN_OR_RETURN(records::Patient person, store_.GetPatient(patient));
        PINEAL_RETURN_IF_ERROR(CheckEventTime(person, draft.observed_at, "observed_at"));
        records::Observation o = ObservationOf(*def, *score, draft.observed_at);
        // The answers themselves, in form order.
        std::vector<records::ObservationComponent> answers;
        for (const auto& item : def->items) {
          for (const auto& a : draft.answers) {
            if (a.item_id == item.id && a.value) {
              answers.push_back({item.id, static_cast<double>(*a.value), ""});
            }
          }
        }
        o.components.insert(o.components.begin(), answers.begin(), answers.end());
        o.corrects = draft.corrects;
        o.patient_id = patient;
        o.provenance = NewProvenance(actor);
        PINEAL_RETURN_IF_ERROR(records::ValidateObservation(o));
        PINEAL_ASSIGN_OR_RETURN(ObservationId id, store_.InsertObservation(o));
        alerts_.RefreshAlertsWithinWrite(patient);
        PINEAL_ASSIGN_OR_RETURN(o, store_.GetObservation(patient, id));
        return RecordedResponse{std::move(o), std::move(*score), def};
      },
      [&] { return draft.instrument; });
  return result;
}

Result<monitor::InstrumentScore> ScoreStandalone(const kb::InstrumentDef& def,
                                                 std::string_view answers) {
  PINEAL_ASSIGN_OR_RETURN(auto parsed, monitor::ParseAnswers(def, answers));
  return monitor::ScoreInstrument(def, parsed);
}

Result<monitor::SleepNight> DeriveNightStandalone(const kb::SleepDiaryDef& def,
                                                  const monitor::SleepDiaryEntry& entry) {
  return monitor::DeriveSleepNight(def, entry);
}

}  // namespace pineal::app
