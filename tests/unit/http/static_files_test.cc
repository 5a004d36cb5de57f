#include "pineal/http/static_files.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/temp_dir.h"

namespace pineal::http {
namespace {

class StaticFilesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::path(dir_.File("dist"));
    std::filesystem::create_directories(root_ / "assets");
    Write(root_ / "index.html", "<!doctype html>");
    Write(root_ / "assets" / "app-1234.js", "console.log(1)");
    Write(root_ / "favicon.svg", "<svg/>");
    Write(std::filesystem::path(dir_.File("secret.txt")), "outside");
  }
  static void Write(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file) << text;
  }
  static std::string Code(const HttpResponse& r) {
    return nlohmann::json::parse(r.body)["error"]["code"].get<std::string>();
  }
  static std::string Header(const HttpResponse& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return {};
  }

  pineal::testing::TempDir dir_;
  std::filesystem::path root_;
};

TEST_F(StaticFilesTest, ServesIndexForTheRootAndFilesByExtension) {
  StaticFiles files(root_);
  HttpResponse index = files.Serve("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html>");
  EXPECT_EQ(index.content_type, "text/html");
  EXPECT_EQ(Header(index, "Cache-Control"), "no-cache");

  HttpResponse script = files.Serve("/assets/app-1234.js");
  EXPECT_EQ(script.status, 200);
  EXPECT_EQ(script.content_type, "text/javascript");
  EXPECT_EQ(Header(script, "Cache-Control"), "public, max-age=31536000, immutable");

  EXPECT_EQ(files.Serve("/favicon.svg").content_type, "image/svg+xml");
  EXPECT_EQ(files.Serve("/assets/app%2D1234.js").status, 200);  // an escaped '-'
}

TEST_F(StaticFilesTest, RefusesEncodedSeparatorsNulAndDotSegments) {
  StaticFiles files(root_);
  for (const char* path :
       {"/assets%2Fapp-1234.js", "/assets%2fapp-1234.js", "/assets/app-1234.js%00.html",
        "/assets%5Capp-1234.js", "/../secret.txt", "/assets/../../secret.txt", "/%2E%2E/secret.txt",
        "/./index.html", "/assets/%zz"}) {
    HttpResponse r = files.Serve(path);
    EXPECT_EQ(r.status, 400) << path;
    EXPECT_EQ(Code(r), "bad_request") << path;
    EXPECT_EQ(r.body.find("outside"), std::string::npos) << path;
  }
}

TEST_F(StaticFilesTest, UnknownPathsAndLinksOutOfTheFolderAreNotFound) {
  std::filesystem::create_symlink(dir_.File("secret.txt"), root_ / "leak.txt");
  StaticFiles files(root_);
  for (const char* path : {"/patients", "/nope.js", "/leak.txt", "/assets/missing.css"}) {
    HttpResponse r = files.Serve(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(Code(r), "not_found") << path;
  }
}

TEST(ContentTypeFor, KnowsTheWebAppsFilesAndFallsBackToBytes) {
  EXPECT_EQ(ContentTypeFor("a/b.CSS"), "text/css");
  EXPECT_EQ(ContentTypeFor("x.woff2"), "font/woff2");
  EXPECT_EQ(ContentTypeFor("x.unknown"), "application/octet-stream");
  EXPECT_EQ(ContentTypeFor("Makefile"), "application/octet-stream");
}

}  // namespace
}  // namespace pineal::http
