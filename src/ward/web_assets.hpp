// The web UI built from web/ (IdP admin pages, engine console), embedded in the binary at build
// time (cmake/embed_files.py), and the handler that serves it: content types, ETag revalidation,
// and a single-page-app fallback to index.html. WARD_WEB_DIR points at a folder that overrides
// the embedded files (a dist/ with idp/ and console/ inside), for development.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "http/router.hpp"

namespace ward::app {

struct EmbeddedFile {
    std::string_view path;  // "/index.html", "/assets/index-abc.js"
    std::string_view data;
    std::string_view etag;  // quoted
};

// Empty when the build had no web UI (npm missing or WARD_BUILD_WEB=OFF).
std::span<const EmbeddedFile> embedded_idp();
std::span<const EmbeddedFile> embedded_console();

struct WebAppConfig {
    std::span<const EmbeddedFile> files;
    std::string url_prefix;  // "/" for the IdP pages, "/console" for the console
    // Unknown paths under the prefix that do not start with one of these get index.html.
    std::vector<std::string> api_prefixes;
    std::string title;  // for the page shown when the UI was not built
};

// A handler serving `config` from memory (or from WARD_WEB_DIR/<override_subdir> when set). GET
// and HEAD only (405 otherwise); 404 for paths outside the prefix or under an API prefix.
http::Handler web_app_handler(WebAppConfig config, std::string override_subdir);

}  // namespace ward::app
