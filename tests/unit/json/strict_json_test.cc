// The strict parser: a key given twice is an error naming its path, never
// "the last one wins"; bad JSON and deep nesting are explained.
#include <gtest/gtest.h>

#include <string>

#include "pineal/json/json_reader.h"

namespace pineal::codec {
namespace {

Status ParseStatus(const std::string& text) { return ParseJson(text).status(); }

TEST(StrictJson, RepeatedKeyAtTheTopIsNamed) {
  const Status st = ParseStatus(R"({"amount": "2 mg", "amount": "900 g"})");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.field(), "amount");
  EXPECT_NE(st.message().find("twice"), std::string::npos) << st.message();
}

TEST(StrictJson, RepeatedKeyInsideAnArrayNamesTheElement) {
  const Status st = ParseStatus(
      R"({"regimens": [{"substance": "melatonin", "dose": "3 mg"},
                       {"substance": "kratom", "dose": "1 g", "dose": "9 g"}]})");
  EXPECT_EQ(st.field(), "regimens[1].dose");
}

TEST(StrictJson, RepeatedKeyDeepInNestedObjectsAndArrays) {
  EXPECT_EQ(ParseStatus(R"({"a": [[1, 2], {"b": {"c": 1, "c": 2}}]})").field(), "a[1].b.c");
  EXPECT_EQ(ParseStatus(R"([{"x": 1}, {"y": 1, "y": 1}])").field(), "[1].y");
}

TEST(StrictJson, SameKeyInSiblingObjectsIsFine) {
  auto j = ParseJson(R"({"a": {"k": 1}, "b": {"k": 2}, "list": [{"k": 3}, {"k": 4}]})");
  ASSERT_TRUE(j.ok()) << j.status().ToString();
  EXPECT_EQ((*j)["list"][1]["k"], 4);
}

TEST(StrictJson, InvalidJsonSaysWhere) {
  const Status st = ParseStatus("{\"a\": 1,}");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("is not valid JSON (error at byte 9)"), std::string::npos)
      << st.message();
}

TEST(StrictJson, ANumberNoDoubleHoldsIsAnErrorNotACrash) {
  EXPECT_EQ(ParseStatus(R"({"dose": 1e400})").message(),
            "is not valid JSON (a number is out of range)");
}

TEST(StrictJson, DeepNestingIsRefusedBeforeParsing) {
  const std::string deep = std::string(40, '[') + std::string(40, ']');
  EXPECT_NE(ParseStatus(deep).message().find("deeper than 32"), std::string::npos);
}

TEST(StrictJson, BodiesMustBeObjects) {
  EXPECT_EQ(ParseJsonObject("[1]").status().message(),
            "the body must be a JSON object, not an array");
  EXPECT_EQ(ParseJsonObject("{").status().message().rfind("the body is not valid JSON", 0), 0u);
  EXPECT_EQ(ParseJsonObject(R"({"a": 1, "a": 1})").status().field(), "a");
}

}  // namespace
}  // namespace pineal::codec
