#include "http/request.hpp"

#include <algorithm>
#include <array>

#include "core/encoding.hpp"

namespace ward::http {

namespace beast_http = boost::beast::http;

bool iequals(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        char y = b[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
        if (x != y) return false;
    }
    return true;
}

namespace {

constexpr std::array<std::pair<Method, std::string_view>, 7> kMethods{{
    {Method::kGet, "GET"},
    {Method::kHead, "HEAD"},
    {Method::kPost, "POST"},
    {Method::kPut, "PUT"},
    {Method::kPatch, "PATCH"},
    {Method::kDelete, "DELETE"},
    {Method::kOptions, "OPTIONS"},
}};

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

bool istarts_with(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

core::Error bad_request(std::string message) {
    return core::Error::invalid_argument(std::move(message), "bad-request");
}

// The value of `param` in a header value like `form-data; name="x"; filename="y"`.
std::optional<std::string> header_param(std::string_view value, std::string_view param) {
    std::size_t pos = value.find(';');
    while (pos != std::string_view::npos) {
        std::string_view rest = value.substr(pos + 1);
        std::size_t eq = rest.find('=');
        if (eq == std::string_view::npos) return std::nullopt;
        std::string_view key = trim(rest.substr(0, eq));
        std::string_view after = rest.substr(eq + 1);
        after = trim(after);
        std::string parsed;
        std::size_t consumed = 0;
        if (!after.empty() && after.front() == '"') {
            std::size_t i = 1;
            bool closed = false;
            for (; i < after.size(); ++i) {
                if (after[i] == '\\' && i + 1 < after.size()) {
                    parsed.push_back(after[++i]);
                } else if (after[i] == '"') {
                    closed = true;
                    break;
                } else {
                    parsed.push_back(after[i]);
                }
            }
            if (!closed) return std::nullopt;
            consumed = i + 1;
        } else {
            std::size_t end = after.find(';');
            consumed = end == std::string_view::npos ? after.size() : end;
            parsed = std::string(trim(after.substr(0, consumed)));
        }
        if (iequals(key, param)) return parsed;
        std::string_view tail = after.substr(consumed);
        std::size_t next = tail.find(';');
        if (next == std::string_view::npos) return std::nullopt;
        value = tail.substr(next);
        pos = 0;
    }
    return std::nullopt;
}

}  // namespace

std::string_view to_string(Method method) {
    for (const auto& [m, name] : kMethods) {
        if (m == method) return name;
    }
    return "OTHER";
}

Method parse_method(std::string_view name) {
    for (const auto& [m, text] : kMethods) {
        if (text == name) return m;
    }
    return Method::kOther;
}

core::Result<Params> parse_urlencoded(std::string_view text, std::string_view error_code) {
    Params out;
    while (!text.empty()) {
        std::size_t amp = text.find('&');
        std::string_view pair = text.substr(0, amp);
        text = amp == std::string_view::npos ? std::string_view{} : text.substr(amp + 1);
        if (pair.empty()) continue;
        std::size_t eq = pair.find('=');
        auto name = core::url_decode(pair.substr(0, eq), true);
        if (!name) {
            return core::Error::invalid_argument("bad percent-encoding in a name",
                                                 std::string(error_code));
        }
        std::string value;
        if (eq != std::string_view::npos) {
            auto decoded = core::url_decode(pair.substr(eq + 1), true);
            if (!decoded) {
                return core::Error::invalid_argument("bad percent-encoding in a value",
                                                     std::string(error_code));
            }
            value = std::move(*decoded);
        }
        out.add(std::move(*name), std::move(value));
    }
    return out;
}

core::Result<std::vector<MultipartPart>> parse_multipart(std::string_view content_type,
                                                         std::string_view body) {
    auto fail = [](std::string message) {
        return core::Error::invalid_argument(std::move(message), "bad-multipart");
    };
    if (!istarts_with(trim(content_type), "multipart/form-data")) {
        return fail("content type is not multipart/form-data");
    }
    auto boundary = header_param(content_type, "boundary");
    // RFC 2046 §5.1.1: 1 to 70 characters.
    if (!boundary || boundary->empty() || boundary->size() > 70) {
        return fail("missing or invalid boundary");
    }
    const std::string delimiter = "--" + *boundary;

    std::vector<MultipartPart> parts;
    // The first delimiter may follow a preamble; it must start a line.
    std::size_t pos = body.find(delimiter);
    while (pos != std::string_view::npos && pos != 0 &&
           !(pos >= 2 && body.substr(pos - 2, 2) == "\r\n")) {
        pos = body.find(delimiter, pos + 1);
    }
    if (pos == std::string_view::npos) return fail("no boundary delimiter in body");
    pos += delimiter.size();
    for (;;) {
        if (body.substr(pos, 2) == "--") return parts;  // close delimiter
        // Skip transport padding up to CRLF.
        std::size_t eol = body.find("\r\n", pos);
        if (eol == std::string_view::npos) return fail("truncated part");
        if (!trim(body.substr(pos, eol - pos)).empty()) return fail("junk after delimiter");
        pos = eol + 2;
        std::size_t header_end = body.find("\r\n\r\n", pos);
        std::size_t data_start;
        std::string_view header_block;
        if (body.substr(pos, 2) == "\r\n") {
            header_block = {};
            data_start = pos + 2;
        } else {
            if (header_end == std::string_view::npos) return fail("part headers not terminated");
            header_block = body.substr(pos, header_end - pos);
            data_start = header_end + 4;
        }
        MultipartPart part;
        part.content_type = "text/plain";
        bool has_disposition = false;
        while (!header_block.empty()) {
            std::size_t line_end = header_block.find("\r\n");
            std::string_view line = header_block.substr(0, line_end);
            header_block = line_end == std::string_view::npos ? std::string_view{}
                                                              : header_block.substr(line_end + 2);
            std::size_t colon = line.find(':');
            if (colon == std::string_view::npos) return fail("malformed part header");
            std::string_view name = trim(line.substr(0, colon));
            std::string_view value = trim(line.substr(colon + 1));
            if (iequals(name, "Content-Disposition")) {
                if (!istarts_with(value, "form-data")) return fail("part is not form-data");
                auto field = header_param(value, "name");
                if (!field) return fail("part without a name");
                part.name = std::move(*field);
                part.filename = header_param(value, "filename");
                has_disposition = true;
            } else if (iequals(name, "Content-Type")) {
                part.content_type = std::string(value);
            }
        }
        if (!has_disposition) return fail("part without Content-Disposition");
        const std::string next = "\r\n" + delimiter;
        std::size_t data_end = body.find(next, data_start);
        if (data_end == std::string_view::npos) return fail("missing closing delimiter");
        part.data = std::string(body.substr(data_start, data_end - data_start));
        parts.push_back(std::move(part));
        pos = data_end + next.size();
    }
}

core::Result<Request> Request::from_message(BeastRequest message, std::string remote_address) {
    Request request;
    request.message_ = std::move(message);
    request.remote_address_ = std::move(remote_address);
    WARD_TRY_STATUS(request.init());
    return request;
}

core::Result<Request> Request::make(Method method, std::string_view target, const Headers& headers,
                                    std::string body) {
    BeastRequest message;
    message.version(11);
    if (method == Method::kOther) {
        message.method_string("OTHER");
    } else {
        message.method_string(to_string(method));
    }
    message.target(target);
    for (const auto& [name, value] : headers) message.insert(name, value);
    message.body() = std::move(body);
    if (!message.body().empty()) message.prepare_payload();
    return from_message(std::move(message), "127.0.0.1");
}

core::Status Request::init() {
    method_ = parse_method(message_.method_string());
    std::string_view target = message_.target();
    // RFC 9112 §3.2.2: a server must accept absolute-form; its path and query are used (the
    // authority is not checked: Ward is no proxy). authority-form and "*" are refused.
    if (istarts_with(target, "http://") || istarts_with(target, "https://")) {
        std::size_t authority = target.find("://") + 3;
        std::size_t path_start = target.find_first_of("/?", authority);
        if (path_start == std::string_view::npos || target[path_start] == '?') {
            return bad_request("absolute-form target without a path");
        }
        target = target.substr(path_start);
    }
    if (target.empty() || target.front() != '/') {
        return bad_request("request target must be a path");
    }
    std::size_t q = target.find('?');
    std::string_view raw_path = target.substr(0, q);
    if (raw_path.find('%') == std::string_view::npos) {
        path_.assign(raw_path);
    } else {
        auto decoded = core::url_decode(raw_path, false);
        if (!decoded) return bad_request("bad percent-encoding in the path");
        path_ = std::move(*decoded);
        if (path_.find('\0') != std::string::npos) return bad_request("NUL in the path");
    }
    if (q != std::string_view::npos) {
        auto query = parse_urlencoded(target.substr(q + 1), "bad-request");
        if (!query) return bad_request("bad percent-encoding in the query");
        query_ = std::move(*query);
    }
    return core::ok();
}

std::string_view Request::method_string() const { return message_.method_string(); }

std::string_view Request::target() const { return message_.target(); }

std::optional<std::string_view> Request::header(std::string_view name) const {
    auto it = message_.find(name);
    if (it == message_.end()) return std::nullopt;
    return it->value();
}

Params Request::cookies() const {
    Params out;
    auto range = message_.equal_range(beast_http::field::cookie);
    for (auto it = range.first; it != range.second; ++it) {
        std::string_view value = it->value();
        while (!value.empty()) {
            std::size_t semi = value.find(';');
            std::string_view pair = trim(value.substr(0, semi));
            value = semi == std::string_view::npos ? std::string_view{} : value.substr(semi + 1);
            std::size_t eq = pair.find('=');
            if (eq == std::string_view::npos || eq == 0) continue;
            std::string_view name = trim(pair.substr(0, eq));
            std::string_view v = trim(pair.substr(eq + 1));
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
            out.add(std::string(name), std::string(v));
        }
    }
    return out;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
    auto all = cookies();
    auto v = all.get(name);
    if (!v) return std::nullopt;
    return std::string(*v);
}

core::Result<Params> Request::form() const { return parse_urlencoded(message_.body(), "bad-form"); }

core::Result<std::vector<MultipartPart>> Request::multipart() const {
    auto type = header("Content-Type");
    if (!type) {
        return core::Error::invalid_argument("no Content-Type for a multipart body",
                                             "bad-multipart");
    }
    return parse_multipart(*type, message_.body());
}

core::Result<BasicCredentials> Request::basic_auth() const {
    auto auth = header("Authorization");
    auto bad = [] {
        return core::Error::invalid_argument("malformed Basic credentials", "bad-credentials");
    };
    // The parser trims trailing blanks, so "Basic " arrives as "Basic".
    if (auth && iequals(trim(*auth), "Basic")) return bad();
    if (!auth || !istarts_with(*auth, "Basic ")) {
        return core::Error::unauthenticated("no Basic credentials", "missing-credentials");
    }
    auto decoded = core::base64_decode(trim(auth->substr(6)));
    if (!decoded) return bad();
    std::size_t colon = decoded->find(':');
    if (colon == std::string::npos) return bad();
    // RFC 6749 §2.3.1: both parts are form-urlencoded before base64.
    auto user = core::url_decode(std::string_view(*decoded).substr(0, colon), true);
    auto password = core::url_decode(std::string_view(*decoded).substr(colon + 1), true);
    if (!user || !password) return bad();
    return BasicCredentials{std::move(*user), std::move(*password)};
}

std::optional<std::string_view> Request::bearer_token() const {
    auto auth = header("Authorization");
    if (!auth || !istarts_with(*auth, "Bearer ")) return std::nullopt;
    std::string_view token = trim(auth->substr(7));
    if (token.empty()) return std::nullopt;
    return token;
}

}  // namespace ward::http
