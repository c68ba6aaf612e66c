// http::StaticFiles: serves a folder (the web UI) under a URL prefix, with content types,
// ETag/If-None-Match revalidation, no way out of the folder, and an optional single-page-app
// fallback to index.html for unknown non-API paths.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "http/request.hpp"
#include "http/response.hpp"
#include "http/router.hpp"

namespace ward::http {

struct StaticConfig {
    std::filesystem::path root;
    // Files are served for paths under this prefix ("/" or "/console"); the prefix is stripped.
    std::string url_prefix = "/";
    // Unknown paths under the prefix get index.html (client-side routing), except paths that
    // start with one of api_prefixes, which stay 404.
    bool spa_fallback = false;
    std::vector<std::string> api_prefixes{"/api/", "/v1/", "/v2/", "/.well-known/"};
    std::string index_file = "index.html";
    // Browsers revalidate with If-None-Match; hashed asset names may use a longer policy.
    std::string cache_control = "no-cache";
};

// "text/html; charset=utf-8" for "x.html" …; "application/octet-stream" when unknown.
std::string_view content_type_for(std::string_view filename);

class StaticFiles {
  public:
    explicit StaticFiles(StaticConfig config);

    // Answers GET and HEAD: 200 with the file, 304 when If-None-Match matches its ETag, 404
    // when the path is outside the prefix, missing, or tries to leave the folder ("..", encoded
    // or not, backslashes, NUL); 405 for other methods. Reads the file on the calling thread
    // (files are small; the folder is local).
    Response serve(const Request& request) const;

    // A router handler that calls serve(); the StaticFiles is copied into it.
    Handler handler() const;

    const StaticConfig& config() const { return config_; }

  private:
    Response serve_file(const std::filesystem::path& file, const Request& request) const;

    StaticConfig config_;
    std::filesystem::path canonical_root_;
};

}  // namespace ward::http
