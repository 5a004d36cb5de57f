// The built web app (web/dist) as static files, refusing any path that could
// name a file outside the folder.
#pragma once

#include <filesystem>
#include <string_view>

#include "pineal/http/router.h"

namespace pineal::http {

class StaticFiles {
 public:
  // `root` must exist; it is resolved once.
  explicit StaticFiles(const std::filesystem::path& root);

  // `raw_path` is the request target's path, still percent-encoded. 400 when
  // a decoded segment holds NUL, '/' or '\\' or is "." or ".."; 404 when no
  // file; "/" (and any folder) is its index.html. Files under assets/ carry
  // a content hash in their names and are cached for a year; the rest
  // revalidate so a new build shows at once.
  HttpResponse Serve(std::string_view raw_path) const;

 private:
  std::filesystem::path root_;
};

// The Content-Type for a file name, by its extension.
std::string_view ContentTypeFor(const std::filesystem::path& file);

}  // namespace pineal::http
