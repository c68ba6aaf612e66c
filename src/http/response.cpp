#include "http/response.hpp"

namespace ward::http {

namespace {

Response with_body(unsigned status, std::string_view type, std::string body) {
    Response r(status);
    r.message().set(boost::beast::http::field::content_type, type);
    r.message().body() = std::move(body);
    return r;
}

}  // namespace

Response Response::json(unsigned status, std::string body) {
    return with_body(status, "application/json; charset=utf-8", std::move(body));
}

Response Response::text(unsigned status, std::string body) {
    return with_body(status, "text/plain; charset=utf-8", std::move(body));
}

Response Response::html(unsigned status, std::string body) {
    return with_body(status, "text/html; charset=utf-8", std::move(body));
}

Response Response::redirect(std::string_view location, unsigned status) {
    Response r(status);
    r.message().set(boost::beast::http::field::location, location);
    return r;
}

Response& Response::set_header(std::string_view name, std::string_view value) {
    message_.set(name, value);
    return *this;
}

Response& Response::add_header(std::string_view name, std::string_view value) {
    message_.insert(name, value);
    return *this;
}

std::optional<std::string_view> Response::header(std::string_view name) const {
    auto it = message_.find(name);
    if (it == message_.end()) return std::nullopt;
    return it->value();
}

Response& Response::add_cookie(const Cookie& cookie) {
    std::string line = cookie.name + "=" + cookie.value;
    if (!cookie.path.empty()) line += "; Path=" + cookie.path;
    if (!cookie.domain.empty()) line += "; Domain=" + cookie.domain;
    if (cookie.max_age) {
        line += "; Max-Age=" + std::to_string(*cookie.max_age > 0 ? *cookie.max_age : 0);
    }
    if (cookie.http_only) line += "; HttpOnly";
    // Browsers drop SameSite=None without Secure.
    if (cookie.secure || cookie.same_site == "None") line += "; Secure";
    if (!cookie.same_site.empty()) line += "; SameSite=" + cookie.same_site;
    message_.insert(boost::beast::http::field::set_cookie, line);
    return *this;
}

Response& Response::no_store() {
    message_.set(boost::beast::http::field::cache_control, "no-store");
    message_.set(boost::beast::http::field::pragma, "no-cache");
    return *this;
}

}  // namespace ward::http
