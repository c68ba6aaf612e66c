// http::Response: what a handler returns: status, header fields (repeatable, so several
// Set-Cookie lines work) and a body, with helpers for the shapes the servers answer with.
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace ward::http {

using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// A Set-Cookie field (RFC 6265 §4.1). The name and value are written as given: callers pass
// cookie-safe text (tokens, base64url).
struct Cookie {
    std::string name;
    std::string value;
    std::string path = "/";
    std::string domain;                // empty: host-only
    std::optional<long long> max_age;  // seconds; 0 or less deletes the cookie
    bool http_only = true;
    bool secure = false;
    std::string same_site = "Lax";  // "Strict" | "Lax" | "None" | "" (omitted)
};

class Response {
  public:
    // 200 with an empty body.
    Response() : Response(200) {}
    explicit Response(unsigned status) { message_.result(status); }

    // `body` must already be JSON text; Content-Type application/json; charset=utf-8.
    static Response json(unsigned status, std::string body);
    static Response text(unsigned status, std::string body);
    static Response html(unsigned status, std::string body);
    // 302 (or 301/303/307/308) with Location; the body is empty.
    static Response redirect(std::string_view location, unsigned status = 302);
    // A status with an empty body (204, 304, 404 …).
    static Response empty(unsigned status) { return Response(status); }

    unsigned status() const { return message_.result_int(); }
    Response& set_status(unsigned status) {
        message_.result(status);
        return *this;
    }
    // Replaces any existing field of this name.
    Response& set_header(std::string_view name, std::string_view value);
    // Appends a field even if one with this name exists (Set-Cookie).
    Response& add_header(std::string_view name, std::string_view value);
    // The first field of this name (case-insensitive), or nullopt.
    std::optional<std::string_view> header(std::string_view name) const;
    // Appends one Set-Cookie field; several cookies give several fields.
    Response& add_cookie(const Cookie& cookie);
    // Cache-Control: no-store and Pragma: no-cache (RFC 6749 §5.1 for token responses).
    Response& no_store();

    const std::string& body() const { return message_.body(); }
    std::string& body() { return message_.body(); }
    Response& set_body(std::string body) {
        message_.body() = std::move(body);
        return *this;
    }

    // The underlying message; the server serializes it as is (adding Content-Length).
    BeastResponse& message() { return message_; }
    const BeastResponse& message() const { return message_; }

  private:
    BeastResponse message_;
};

}  // namespace ward::http
