// JsonText writes what nlohmann's dump() writes for the same tree, and the
// record encoders give the same document through either writer.
#include "pineal/json/json_out.h"

#include <gtest/gtest.h>
#include <rapidcheck.h>
#include <rapidcheck/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include "pineal/json/records_json.h"

namespace pineal::codec {
namespace {

using nlohmann::json;

// Writes `j` through `out` as an encoder would.
template <typename Out>
void Walk(Out& out, const json& j) {
  switch (j.type()) {
    case json::value_t::object:
      out.BeginObject();
      for (const auto& [k, v] : j.items()) {
        out.Key(k);
        Walk(out, v);
      }
      out.EndObject();
      break;
    case json::value_t::array:
      out.BeginArray();
      for (const auto& v : j) Walk(out, v);
      out.EndArray();
      break;
    case json::value_t::string: out.String(j.get<std::string>()); break;
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: out.Int(j.get<std::int64_t>()); break;
    case json::value_t::number_float: out.Double(j.get<double>()); break;
    default: out.Null();
  }
}

std::string AsText(const json& j) {
  JsonText text;
  Walk(text, j);
  return text.Take();
}

json AsTree(const json& j) {
  JsonTree tree;
  Walk(tree, j);
  return tree.Take();
}

TEST(JsonTextTest, EscapesAsNlohmannDoes) {
  for (const std::string& s :
       {std::string(""), std::string("plain"), std::string("quote \" and \\ backslash"),
        std::string("tab\tnew\nline\rcr\bbs\fff"), std::string("\x01\x1f\x7f", 3),
        std::string("nul \0 inside", 12), std::string("Gänsefüßchen “” 🌙")}) {
    EXPECT_EQ(AsText(json(s)), json(s).dump()) << s;
  }
}

TEST(JsonTextTest, NumbersAsNlohmannDoes) {
  for (double d : {0.0, -0.0, 0.5, 3.0, 2.5e-7, 1e15, 1e16, 1e300, -123.456, 1.0 / 3,
                   std::numeric_limits<double>::infinity(), std::nan("")}) {
    EXPECT_EQ(AsText(json(d)), json(d).dump()) << d;
  }
  for (std::int64_t i :
       {std::int64_t{0}, std::int64_t{-1}, std::int64_t{42},
        std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max()}) {
    EXPECT_EQ(AsText(json(i)), json(i).dump()) << i;
  }
}

TEST(JsonTextTest, NestedContainersAndEmptyOnes) {
  const json j = json::parse(
      R"({"a": [], "b": {}, "c": [[], [1, [2, {}]], {"x": null}], "d": {"e": {"f": [null]}}})");
  EXPECT_EQ(AsText(j), j.dump());
  EXPECT_EQ(AsTree(j), j);
}

TEST(JsonTextTest, BrokenUtf8IsRefusedNotWritten) {
  JsonText text;
  EXPECT_THROW(text.String("\xff\xfe"), json::type_error);
}

rc::Gen<json> Scalar() {
  return rc::gen::oneOf(
      rc::gen::map(rc::gen::arbitrary<std::string>(),
                   [](std::string s) { return json(std::move(s)); }),
      rc::gen::map(rc::gen::arbitrary<std::int64_t>(), [](std::int64_t i) { return json(i); }),
      rc::gen::map(rc::gen::arbitrary<double>(), [](double d) { return json(d); }),
      rc::gen::just(json(nullptr)));
}

rc::Gen<json> Tree(int depth) {
  if (depth == 0) return Scalar();
  return rc::gen::oneOf(
      Scalar(),
      rc::gen::map(rc::gen::container<std::vector<json>>(Tree(depth - 1)),
                   [](std::vector<json> v) { return json(std::move(v)); }),
      rc::gen::map(rc::gen::container<std::map<std::string, json>>(
                       rc::gen::arbitrary<std::string>(), Tree(depth - 1)),
                   [](std::map<std::string, json> m) { return json(std::move(m)); }));
}

RC_GTEST_PROP(JsonTextProperty, AnyTreeIsWrittenAsDumpWritesIt, ()) {
  // Small containers (up to 8 wide, 3 deep); strings and numbers arbitrary.
  const json j = *rc::gen::resize(8, Tree(3));
  std::string dumped;
  try {
    dumped = j.dump();
  } catch (const json::type_error&) {
    RC_DISCARD("not UTF-8");  // arbitrary bytes: both refuse them
  }
  RC_ASSERT(AsText(j) == dumped);
  RC_ASSERT(AsTree(j).dump() == dumped);
}

TEST(RecordTextTest, ADoseEventIsWrittenAsItsTree) {
  records::DoseEvent e;
  e.id = DoseEventId(7);
  e.patient_id = PatientId(3);
  e.regimen_id = RegimenId(2);
  e.substance = "melatonin";
  e.planned_at = *ParseInstant("2026-11-20T22:00:00Z");
  e.taken_at = *ParseInstant("2026-11-20T22:15:00Z");
  e.amount = *Mass::Make(0.5, "mg");
  e.note = "took it \"late\"";
  e.provenance = {*ParseInstant("2026-11-20T22:16:00Z"), "patient.ana"};
  JsonText text;
  WriteJson(text, e);
  const std::string written = text.Take();
  EXPECT_EQ(written, ToJson(e).dump());
  // Independently of either writer:
  EXPECT_EQ(json::parse(written), json::parse(R"({
    "amount": {"unit": "mg", "value": 0.5}, "corrects": null,
    "created_at": "2026-11-20T22:16:00Z", "created_by": "patient.ana", "id": 7,
    "note": "took it \"late\"", "patient_id": 3, "planned_at": "2026-11-20T22:00:00Z",
    "regimen_id": 2, "status": "taken", "substance": "melatonin",
    "taken_at": "2026-11-20T22:15:00Z"})"));
  // Unset optionals are nulls.
  records::DoseEvent bare;
  bare.status = records::DoseStatus::kSkipped;
  JsonText bare_text;
  WriteJson(bare_text, bare);
  const json b = json::parse(bare_text.Take());
  EXPECT_EQ(b, ToJson(bare));
  EXPECT_TRUE(b["amount"].is_null());
  EXPECT_TRUE(b["taken_at"].is_null());
  EXPECT_EQ(b["status"], "skipped");
}

TEST(RecordTextTest, AnObservationWithComponentsIsWrittenAsItsTree) {
  records::Observation o;
  o.id = ObservationId(11);
  o.patient_id = PatientId(3);
  o.kind = records::ObservationKind::kVital;
  o.code = "blood_pressure";
  o.unit = "mm[Hg]";
  o.observed_at = *ParseInstant("2026-11-21T08:00:00Z");
  o.components = {{"systolic", 120.0, ""}, {"diastolic", std::nullopt, "not taken"}};
  o.provenance = {*ParseInstant("2026-11-21T08:01:00Z"), "dr.demo"};
  JsonText text;
  WriteJson(text, o);
  const std::string written = text.Take();
  EXPECT_EQ(written, ToJson(o).dump());
  const json j = json::parse(written);
  EXPECT_TRUE(j["value"].is_null());
  ASSERT_EQ(j["components"].size(), 2u);
  EXPECT_EQ(j["components"][0], json::parse(R"({"code": "systolic", "text": "", "value": 120.0})"));
  EXPECT_TRUE(j["components"][1]["value"].is_null());
}

}  // namespace
}  // namespace pineal::codec
