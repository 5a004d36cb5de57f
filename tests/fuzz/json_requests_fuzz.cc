// Fuzzes the JSON request decoders of the API. The first byte picks the
// decoder ('0'..';', any other byte wraps around), the rest is the request
// body, read through ParseJsonObject exactly as the routes do. Any body may
// be rejected, but never with an exception, a crash, a leak or a hang; a
// rejection always names what was wrong.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/json/json_reader.h"
#include "pineal/json/monitoring_json.h"
#include "pineal/json/records_json.h"
#include "pineal/json/safety_json.h"

namespace {

using nlohmann::json;
namespace codec = pineal::codec;
namespace records = pineal::records;

void Expect(bool condition) {
  if (!condition) __builtin_trap();
}

void ExpectExplained(const pineal::Status& status) {
  if (!status.ok()) Expect(!status.message().empty());
}

const pineal::LocalDate kToday{std::chrono::year{2026}, std::chrono::month{11},
                               std::chrono::day{22}};

void Decode(unsigned selector, const json& body) {
  switch (selector) {
    case 0: {
      records::Patient p;
      ExpectExplained(codec::ApplyPatientJson(body, &p, kToday));
      break;
    }
    case 1: {
      records::MedicationEntry m;
      ExpectExplained(codec::ApplyMedicationJson(body, &m));
      break;
    }
    case 2: {  // a new regimen (POST .../regimens)
      records::RegimenVersion v;
      std::string substance;
      std::vector<pineal::safety::Override> overrides;
      ExpectExplained(codec::ApplyRegimenVersionJson(body, &v, &substance, nullptr, &overrides));
      break;
    }
    case 3: {  // a new version of a regimen (POST .../versions)
      records::RegimenVersion v;
      int base_version = 0;
      std::vector<pineal::safety::Override> overrides;
      ExpectExplained(codec::ApplyRegimenVersionJson(body, &v, nullptr, &base_version, &overrides));
      ExpectExplained(codec::ApplyRegimenVersionJson(body, &v, nullptr, nullptr));
      break;
    }
    case 4: {
      records::DoseEvent e;
      ExpectExplained(codec::ApplyDoseEventJson(body, &e));
      break;
    }
    case 5: {
      records::Observation o;
      ExpectExplained(codec::ApplyObservationJson(body, &o));
      break;
    }
    case 6: {  // the screening request: {"patient": {...}, "regimens": ...}
      ExpectExplained(codec::PatientFromJson(body).status());
      if (body.contains("patient"))
        ExpectExplained(codec::PatientFromJson(body.at("patient")).status());
      break;
    }
    case 7: {
      ExpectExplained(codec::RegimensFromJson(body).status());
      if (body.contains("regimens")) {
        ExpectExplained(codec::RegimensFromJson(body.at("regimens"), "regimens").status());
      }
      break;
    }
    case 9: {  // POST .../alerts/{aid}/status
      std::string status, note;
      ExpectExplained(codec::ApplyAlertStatusJson(body, &status, &note));
      break;
    }
    case 10: {  // POST .../regimens/{rid}/reviews
      pineal::store::ReviewAction action;
      ExpectExplained(codec::ApplyReviewActionJson(body, &action));
      break;
    }
    case 11: {  // POST .../proposals/{pid}/decision
      pineal::app::ProposalDecisionDraft draft;
      ExpectExplained(codec::ApplyDecisionJson(body, &draft));
      break;
    }
    default: {
      ExpectExplained(codec::OverridesFromJson(body).status());
      if (body.contains("overrides")) {
        ExpectExplained(codec::OverridesFromJson(body.at("overrides")).status());
      }
      break;
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const unsigned selector = static_cast<unsigned char>(data[0] - '0') % 12u;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto body = codec::ParseJsonObject(text);
  if (!body.ok()) {
    Expect(!body.status().message().empty());
    return 0;
  }
  Expect(body->is_object());
  Decode(selector, *body);
  return 0;
}
