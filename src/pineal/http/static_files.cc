#include "pineal/http/static_files.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <variant>

#include "pineal/core/text.h"
#include "pineal/http/api_errors.h"
#include "pineal/http/url_decoding.h"

namespace pineal::http {
namespace {

HttpResponse NoSuchPage() { return ErrorResponse(404, "not_found", "no such page"); }

// The decoded path below the root, or an error answer.
std::variant<std::filesystem::path, HttpResponse> RelativePathOf(std::string_view raw_path) {
  if (raw_path.empty() || raw_path.front() != '/') {
    return ErrorResponse(400, "bad_request", "the path must start with '/'");
  }
  std::filesystem::path relative;
  std::string_view rest = raw_path.substr(1);
  while (true) {
    const size_t slash = rest.find('/');
    const std::string_view encoded = rest.substr(0, slash);
    auto segment = PercentDecode(encoded);
    if (!segment) {
      return ErrorResponse(400, "bad_request",
                           "the path has a '%' not followed by two hexadecimal digits");
    }
    if (segment->find_first_of(std::string_view("\0/\\", 3)) != std::string::npos) {
      return ErrorResponse(400, "bad_request",
                           "the path has an encoded NUL, '/' or '\\' (%00, %2F, %5C) in a segment");
    }
    if (*segment == ".." || *segment == ".") {
      return ErrorResponse(400, "bad_request", "the path has a '.' or '..' segment");
    }
    if (!segment->empty()) relative /= *segment;
    if (slash == std::string_view::npos) break;
    rest = rest.substr(slash + 1);
  }
  return relative;
}

bool IsWithin(const std::filesystem::path& file, const std::filesystem::path& root) {
  return std::mismatch(root.begin(), root.end(), file.begin(), file.end()).first == root.end();
}

std::optional<std::string> ReadWholeFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  return std::move(out).str();
}

}  // namespace

StaticFiles::StaticFiles(const std::filesystem::path& root)
    : root_(std::filesystem::weakly_canonical(root)) {}

HttpResponse StaticFiles::Serve(std::string_view raw_path) const {
  auto relative = RelativePathOf(raw_path);
  if (auto* error = std::get_if<HttpResponse>(&relative)) return *error;
  std::error_code ec;
  // Resolved through any symbolic link, then checked to still be inside.
  std::filesystem::path file =
      std::filesystem::weakly_canonical(root_ / std::get<std::filesystem::path>(relative), ec);
  if (ec || !IsWithin(file, root_)) return NoSuchPage();
  if (std::filesystem::is_directory(file, ec)) file /= "index.html";
  if (!std::filesystem::is_regular_file(file, ec)) return NoSuchPage();
  auto content = ReadWholeFile(file);
  if (!content) return NoSuchPage();
  HttpResponse response;
  response.content_type = std::string(ContentTypeFor(file));
  response.body = std::move(*content);
  const bool hashed_asset = IsWithin(file, root_ / "assets");
  response.headers.emplace_back("Cache-Control",
                                hashed_asset ? "public, max-age=31536000, immutable" : "no-cache");
  return response;
}

std::string_view ContentTypeFor(const std::filesystem::path& file) {
  static const std::map<std::string, std::string_view> kTypes = {
      {".html", "text/html"},       {".htm", "text/html"},
      {".js", "text/javascript"},   {".mjs", "text/javascript"},
      {".css", "text/css"},         {".json", "application/json"},
      {".map", "application/json"}, {".webmanifest", "application/manifest+json"},
      {".svg", "image/svg+xml"},    {".png", "image/png"},
      {".jpg", "image/jpeg"},       {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},        {".webp", "image/webp"},
      {".ico", "image/x-icon"},     {".woff", "font/woff"},
      {".woff2", "font/woff2"},     {".ttf", "font/ttf"},
      {".txt", "text/plain"},       {".csv", "text/csv"},
      {".xml", "application/xml"},  {".pdf", "application/pdf"},
      {".wasm", "application/wasm"}};
  auto it = kTypes.find(AsciiLower(file.extension().string()));
  return it == kTypes.end() ? std::string_view("application/octet-stream") : it->second;
}

}  // namespace pineal::http
