#include "http/static_files.hpp"

#include <array>
#include <fstream>
#include <memory>
#include <system_error>

namespace ward::http {

namespace fs = std::filesystem;

namespace {

constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kTypes{{
    {".html", "text/html; charset=utf-8"},
    {".htm", "text/html; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".txt", "text/plain; charset=utf-8"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".jpg", "image/jpeg"},
    {".jpeg", "image/jpeg"},
    {".gif", "image/gif"},
    {".webp", "image/webp"},
    {".ico", "image/x-icon"},
    {".woff", "font/woff"},
    {".woff2", "font/woff2"},
    {".ttf", "font/ttf"},
    {".otf", "font/otf"},
    {".wasm", "application/wasm"},
    {".xml", "application/xml"},
    {".pdf", "application/pdf"},
    {".webmanifest", "application/manifest+json"},
    {".csv", "text/csv; charset=utf-8"},
}};

bool starts_with(std::string_view s, std::string_view prefix) {
    return s.substr(0, prefix.size()) == prefix;
}

// Whether `rel` ("a/b.js") is a safe relative path: no "." or ".." segment, no backslash, no
// NUL, no empty segment in the middle.
bool safe_relative(std::string_view rel) {
    if (rel.find('\0') != std::string_view::npos || rel.find('\\') != std::string_view::npos) {
        return false;
    }
    std::size_t start = 0;
    while (start <= rel.size()) {
        std::size_t slash = rel.find('/', start);
        std::string_view seg = rel.substr(
            start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
        if (seg == ".." || seg == ".") return false;
        if (seg.empty() && slash != std::string_view::npos) return false;
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    return true;
}

// Whether `inner` (canonical) lies inside `root` (canonical).
bool inside(const fs::path& root, const fs::path& inner) {
    auto r = root.begin();
    auto i = inner.begin();
    for (; r != root.end(); ++r, ++i) {
        if (i == inner.end() || *r != *i) return false;
    }
    return true;
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
    while (!if_none_match.empty()) {
        std::size_t comma = if_none_match.find(',');
        std::string_view item = if_none_match.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item == "*") return true;
        // RFC 9110 §13.1.2: weak comparison.
        if (starts_with(item, "W/")) item.remove_prefix(2);
        if (item == etag) return true;
        if (comma == std::string_view::npos) break;
        if_none_match.remove_prefix(comma + 1);
    }
    return false;
}

}  // namespace

std::string_view content_type_for(std::string_view filename) {
    std::size_t dot = filename.rfind('.');
    if (dot == std::string_view::npos) return "application/octet-stream";
    std::string_view ext = filename.substr(dot);
    for (const auto& [e, type] : kTypes) {
        if (iequals(e, ext)) return type;
    }
    return "application/octet-stream";
}

StaticFiles::StaticFiles(StaticConfig config) : config_(std::move(config)) {
    if (config_.url_prefix.empty()) config_.url_prefix = "/";
    if (config_.url_prefix.size() > 1 && config_.url_prefix.back() == '/') {
        config_.url_prefix.pop_back();
    }
    std::error_code ec;
    canonical_root_ = fs::canonical(config_.root, ec);
    // A missing folder serves nothing (every path is 404) rather than failing construction.
    if (ec) canonical_root_.clear();
}

Handler StaticFiles::handler() const {
    auto self = std::make_shared<StaticFiles>(*this);
    return [self](Request& request) -> boost::asio::awaitable<Response> {
        co_return self->serve(request);
    };
}

Response StaticFiles::serve(const Request& request) const {
    if (request.method() != Method::kGet && request.method() != Method::kHead) {
        Response r = Response::text(405, "method not allowed\n");
        r.set_header("Allow", "GET, HEAD");
        return r;
    }
    const std::string& path = request.path();
    std::string_view rel;
    if (config_.url_prefix == "/") {
        rel = std::string_view(path).substr(1);
    } else if (path == config_.url_prefix) {
        rel = {};
    } else if (starts_with(path, config_.url_prefix) && path[config_.url_prefix.size()] == '/') {
        rel = std::string_view(path).substr(config_.url_prefix.size() + 1);
    } else {
        return Response::text(404, "not found\n");
    }
    if (canonical_root_.empty() || !safe_relative(rel)) return Response::text(404, "not found\n");

    std::error_code ec;
    fs::path candidate = canonical_root_ / fs::path(std::string(rel));
    if (rel.empty() || fs::is_directory(candidate, ec)) candidate /= config_.index_file;
    fs::path resolved = fs::canonical(candidate, ec);
    if (!ec && inside(canonical_root_, resolved) && fs::is_regular_file(resolved, ec)) {
        return serve_file(resolved, request);
    }
    if (config_.spa_fallback) {
        for (const auto& api : config_.api_prefixes) {
            if (starts_with(path, api)) return Response::text(404, "not found\n");
        }
        fs::path index = fs::canonical(canonical_root_ / config_.index_file, ec);
        if (!ec && inside(canonical_root_, index) && fs::is_regular_file(index, ec)) {
            return serve_file(index, request);
        }
    }
    return Response::text(404, "not found\n");
}

Response StaticFiles::serve_file(const fs::path& file, const Request& request) const {
    std::error_code ec;
    auto size = fs::file_size(file, ec);
    if (ec) return Response::text(404, "not found\n");
    auto mtime = fs::last_write_time(file, ec);
    if (ec) return Response::text(404, "not found\n");
    auto ticks = static_cast<unsigned long long>(mtime.time_since_epoch().count());
    std::string etag = "\"" + std::to_string(size) + "-" + std::to_string(ticks) + "\"";

    auto inm = request.header("If-None-Match");
    if (inm && etag_matches(*inm, etag)) {
        Response r(304);
        r.set_header("ETag", etag);
        r.set_header("Cache-Control", config_.cache_control);
        return r;
    }
    std::ifstream in(file, std::ios::binary);
    if (!in) return Response::text(404, "not found\n");
    std::string body(size, '\0');
    in.read(body.data(), static_cast<std::streamsize>(size));
    if (static_cast<std::uintmax_t>(in.gcount()) != size) {
        return Response::text(500, "file changed while reading\n");
    }
    Response r(200);
    r.set_header("Content-Type", content_type_for(file.filename().string()));
    r.set_header("ETag", etag);
    r.set_header("Cache-Control", config_.cache_control);
    r.set_body(std::move(body));
    return r;
}

}  // namespace ward::http
