// The OpenAPI document against the router: every registered route has exactly
// one operation and every operation a route, and the server serves the
// document it was built with, to anyone.
#include <cctype>
#include <fstream>
#include <iterator>
#include <set>

#include "tests/integration/api_fixture.h"

namespace pineal::testing {
namespace {

using nlohmann::json;

json DocumentFromSource() {
  std::ifstream in(std::string(PINEAL_SOURCE_ROOT) + "/src/pineal/http/openapi.json");
  return json::parse(in, nullptr, false);
}

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

class OpenApiTest : public ApiTest {};

TEST_F(OpenApiTest, EveryRouteHasAnOperationAndEveryOperationARoute) {
  const json doc = DocumentFromSource();
  ASSERT_TRUE(doc.is_object()) << "src/pineal/http/openapi.json is not JSON";
  std::set<std::string> documented;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, operation] : item.items()) {
      if (operation.is_object() && operation.contains("responses")) {
        documented.insert(Upper(method) + " " + path);
      }
    }
  }
  std::set<std::string> registered;
  for (const std::string& route : server_->router().Routes()) {
    EXPECT_TRUE(registered.insert(route).second) << route << " is registered twice";
    EXPECT_TRUE(documented.count(route)) << route << " is not in openapi.json";
  }
  for (const std::string& op : documented) {
    EXPECT_TRUE(registered.count(op)) << op << " is in openapi.json but no route serves it";
  }
  EXPECT_GE(registered.size(), 55u);
}

TEST_F(OpenApiTest, TheDocumentIsServedWithoutAuthentication) {
  client_->set_bearer_token_auth("");
  Reply r = Get("/api/v1/openapi.json");
  ASSERT_EQ(r.status, 200) << r.raw;
  EXPECT_EQ(r.headers.find("Content-Type")->second, "application/json");
  EXPECT_EQ(r.body, DocumentFromSource()) << "the binary embeds an outdated openapi.json";
  EXPECT_EQ(r.body["openapi"], "3.1.0");
}

}  // namespace
}  // namespace pineal::testing
