#include "ward/web_assets.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>

#include "http/static_files.hpp"

namespace ward::app {
namespace {

const EmbeddedFile* find_file(std::span<const EmbeddedFile> files, std::string_view path) {
    for (const auto& f : files) {
        if (f.path == path) return &f;
    }
    return nullptr;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

http::Response not_built(const WebAppConfig& config) {
    std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                       config.title + "</title></head><body><main><h1>" + config.title +
                       "</h1><p>This build of ward has no web UI: it was built without npm or with "
                       "WARD_BUILD_WEB=OFF. The APIs work as usual.</p></main></body></html>";
    return http::Response::html(200, std::move(html));
}

// "/console" -> "console/": relative, so the redirect stays under a reverse proxy's prefix.
std::string relative_dir_redirect(std::string_view prefix) {
    return std::string(prefix.substr(prefix.rfind('/') + 1)) + "/";
}

}  // namespace

http::Handler web_app_handler(WebAppConfig config, std::string override_subdir) {
    // A folder given at start-up replaces the embedded files (development of web/).
    if (const char* dir = std::getenv("WARD_WEB_DIR"); dir && *dir) {
        http::StaticConfig sc;
        sc.root = std::filesystem::path(dir) / override_subdir;
        sc.url_prefix = config.url_prefix;
        sc.spa_fallback = true;
        sc.api_prefixes = config.api_prefixes;
        auto files = std::make_shared<http::Handler>(http::StaticFiles(std::move(sc)).handler());
        std::string prefix = config.url_prefix;
        if (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
        // The same relative redirect as the embedded files get, so the page's relative asset
        // URLs resolve under the prefix.
        return [files, prefix](http::Request& request) -> boost::asio::awaitable<http::Response> {
            if (!prefix.empty() && request.path() == prefix) {
                co_return http::Response::redirect(relative_dir_redirect(prefix), 301);
            }
            co_return co_await (*files)(request);
        };
    }
    auto cfg = std::make_shared<const WebAppConfig>(std::move(config));
    return [cfg](http::Request& request) -> boost::asio::awaitable<http::Response> {
        const WebAppConfig& c = *cfg;
        if (request.method() != http::Method::kGet && request.method() != http::Method::kHead) {
            http::Response r = http::Response::empty(405);
            r.set_header("Allow", "GET, HEAD");
            co_return r;
        }
        std::string_view path = request.path();
        std::string prefix = c.url_prefix;
        if (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
        if (!prefix.empty()) {
            if (path == prefix) {
                co_return http::Response::redirect(relative_dir_redirect(prefix), 301);
            }
            if (!starts_with(path, prefix + "/")) co_return http::Response::empty(404);
            path.remove_prefix(prefix.size());
        }
        for (const auto& api : c.api_prefixes) {
            if (starts_with(path, api)) co_return http::Response::empty(404);
        }
        if (c.files.empty()) co_return not_built(c);
        if (path == "/") path = "/index.html";
        const EmbeddedFile* f = find_file(c.files, path);
        bool fallback = false;
        if (!f) {
            // Client-side routes get index.html; missing assets stay 404.
            if (starts_with(path, "/assets/")) co_return http::Response::empty(404);
            f = find_file(c.files, "/index.html");
            fallback = true;
            if (!f) co_return http::Response::empty(404);
        }
        if (auto inm = request.header("If-None-Match"); inm && *inm == f->etag) {
            http::Response r = http::Response::empty(304);
            r.set_header("ETag", f->etag);
            co_return r;
        }
        http::Response r(200);
        r.set_header("Content-Type", http::content_type_for(fallback ? "index.html" : f->path));
        r.set_header("ETag", f->etag);
        // Hashed asset names never change content; index.html must be revalidated.
        r.set_header("Cache-Control", starts_with(f->path, "/assets/")
                                          ? "public, max-age=31536000, immutable"
                                          : "no-cache");
        r.set_header("X-Content-Type-Options", "nosniff");
        r.set_body(std::string(f->data));
        co_return r;
    };
}

}  // namespace ward::app
