// http::Request: one parsed HTTP/1.1 request as handlers see it: method, decoded path, query,
// headers, cookies, body, route parameters and the peer address, plus parsers for the body and
// credential shapes the IdP and the engine accept (form, multipart, Basic, Bearer).
#pragma once

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"
#include "http/headers.hpp"

namespace ward::http {

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

std::string_view to_string(Method method);
// "GET" -> kGet; unknown or lower-case names give kOther (methods are case-sensitive).
Method parse_method(std::string_view name);

// One part of a multipart/form-data body (RFC 7578).
struct MultipartPart {
    std::string name;                     // from Content-Disposition
    std::optional<std::string> filename;  // present for file fields
    std::string content_type;             // "text/plain" when the part names none
    std::string data;
};

// Client credentials from "Authorization: Basic ...", already url-decoded (RFC 6749 §2.3.1).
struct BasicCredentials {
    std::string user;      // client_id
    std::string password;  // client_secret
};

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;

class Request {
  public:
    // Builds a request from a parsed message. Errors (kInvalidArgument, code "bad-request"): a
    // target that is not origin-form ("/..."), bad percent-encoding in the path or the query, or a
    // decoded path containing NUL. The server answers those with 400.
    static core::Result<Request> from_message(BeastRequest message, std::string remote_address);

    // For tests and internal dispatch: same rules as from_message.
    static core::Result<Request> make(Method method, std::string_view target,
                                      const Headers& headers = {}, std::string body = {});

    Method method() const { return method_; }
    std::string_view method_string() const;
    // The raw request-target, e.g. "/api/get-user?id=a%2Fb".
    std::string_view target() const;
    // The path, percent-decoded ('+' stays '+'), without the query.
    const std::string& path() const { return path_; }
    // Query parameters, decoded as application/x-www-form-urlencoded; repeated names kept in order.
    const Params& query() const { return query_; }
    std::optional<std::string_view> query_param(std::string_view name) const {
        return query_.get(name);
    }
    // The first header with this name (case-insensitive), or nullopt.
    std::optional<std::string_view> header(std::string_view name) const;
    const std::string& body() const { return message_.body(); }
    std::string& body() { return message_.body(); }
    const std::string& remote_address() const { return remote_address_; }
    bool keep_alive() const { return message_.keep_alive(); }

    // Parameters captured by the route pattern (":id" and the "*" rest, named "*").
    const Params& path_params() const { return path_params_; }
    std::string_view path_param(std::string_view name) const {
        return path_params_.get_or(name, {});
    }
    void set_path_params(Params params) { path_params_ = std::move(params); }

    // Cookies from every Cookie header (RFC 6265 §5.4); malformed pairs are skipped.
    Params cookies() const;
    std::optional<std::string> cookie(std::string_view name) const;

    // The body as application/x-www-form-urlencoded. Errors: kInvalidArgument "bad-form" when a
    // component has bad percent-encoding. The Content-Type is not checked (callers decide).
    core::Result<Params> form() const;
    // The body as multipart/form-data. Errors: kInvalidArgument "bad-multipart" when the
    // Content-Type has no boundary, a part lacks headers or a name, or the closing delimiter is
    // missing.
    core::Result<std::vector<MultipartPart>> multipart() const;
    // Errors: kUnauthenticated "missing-credentials" when there is no Basic Authorization header;
    // kInvalidArgument "bad-credentials" when it is not base64 of "id:secret" or the parts are
    // not valid form-encoding.
    core::Result<BasicCredentials> basic_auth() const;
    // The token of "Authorization: Bearer <token>" (scheme case-insensitive), or nullopt.
    std::optional<std::string_view> bearer_token() const;

    // The underlying message, for the server and WebSocket upgrade.
    const BeastRequest& message() const { return message_; }

  private:
    Request() = default;
    core::Status init();

    BeastRequest message_;
    Method method_ = Method::kOther;
    std::string path_;
    Params query_;
    Params path_params_;
    std::string remote_address_;
};

// Parses "a=1&b=2" as application/x-www-form-urlencoded (empty components skipped, a name
// without '=' gets ""). Errors: kInvalidArgument with `error_code` on bad percent-encoding.
core::Result<Params> parse_urlencoded(std::string_view text,
                                      std::string_view error_code = "bad-form");

// Parses a multipart/form-data body given the full Content-Type value.
core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type,
                                                         std::string_view body);

}  // namespace ward::http
