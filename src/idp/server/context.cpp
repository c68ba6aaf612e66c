#include "idp/server/context.hpp"

#include <algorithm>
#include <cctype>

#include "core/encoding.hpp"
#include "idp/model/id.hpp"

namespace ward::idp::server {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return out;
}

// A Host header value we are willing to put into an issuer: host or [v6], optional port.
bool is_plain_host(std::string_view host) {
    if (host.empty() || host.size() > 255) return false;
    return std::all_of(host.begin(), host.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '.' || c == '-' || c == ':' || c == '[' || c == ']' ||
               c == '_';
    });
}

std::string_view first_value(std::string_view header) {
    auto comma = header.find(',');
    std::string_view v = header.substr(0, comma);
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
    return v;
}

core::Error invalid_cert(std::string_view name, std::string_view why) {
    return core::Error::invalid_argument(
        "The cert \"" + std::string(name) + "\" is not usable: " + std::string(why),
        "invalid-cert");
}

}  // namespace

std::optional<std::string> normalize_origin(std::string_view url) {
    auto sep = url.find("://");
    if (sep == std::string_view::npos) return std::nullopt;
    std::string scheme = lower(url.substr(0, sep));
    if (scheme != "http" && scheme != "https") return std::nullopt;
    std::string_view rest = url.substr(sep + 3);
    auto end = rest.find_first_of("/?#");
    std::string_view authority = rest.substr(0, end);
    if (authority.empty() || authority.find('@') != std::string_view::npos ||
        !is_plain_host(authority)) {
        return std::nullopt;
    }
    std::string host = lower(authority);
    // Drop the scheme's default port so "https://a:443" and "https://a" compare equal.
    std::string_view default_port = scheme == "https" ? ":443" : ":80";
    if (host.ends_with(default_port)) host.resize(host.size() - default_port.size());
    if (host.empty() || host.front() == ':') return std::nullopt;
    return scheme + "://" + host;
}

std::optional<std::string> normalize_public_url(std::string_view url) {
    if (url.find_first_of("?#") != std::string_view::npos) return std::nullopt;
    auto origin = normalize_origin(url);
    if (!origin) return std::nullopt;
    // The path after the authority, trailing slashes dropped ("/ward/idp/" -> "/ward/idp").
    std::string_view rest = url.substr(url.find("://") + 3);
    auto slash = rest.find('/');
    std::string_view path =
        slash == std::string_view::npos ? std::string_view{} : rest.substr(slash);
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
    if (path.empty()) return origin;
    // Segments are joined to endpoint paths and written into pages and tokens: only the
    // characters RFC 3986 allows in a path (no quotes, spaces or angle brackets), well-formed
    // percent escapes, and no empty, "." or ".." segment that a proxy would rewrite.
    std::string_view segments = path.substr(1);
    while (true) {
        auto end = segments.find('/');
        std::string_view seg = segments.substr(0, end);
        if (seg.empty() || seg == "." || seg == "..") return std::nullopt;
        for (std::size_t i = 0; i < seg.size(); ++i) {
            unsigned char c = static_cast<unsigned char>(seg[i]);
            if (c == '%') {
                if (i + 2 >= seg.size()) return std::nullopt;
                if (!std::isxdigit(static_cast<unsigned char>(seg[i + 1])) ||
                    !std::isxdigit(static_cast<unsigned char>(seg[i + 2]))) {
                    return std::nullopt;
                }
                i += 2;
                continue;
            }
            if (!std::isalnum(c) &&
                std::string_view("-._~!$&()*+,;=:@").find(static_cast<char>(c)) ==
                    std::string_view::npos) {
                return std::nullopt;
            }
        }
        if (end == std::string_view::npos) break;
        segments.remove_prefix(end + 1);
    }
    return *origin + std::string(path);
}

core::Result<SigningKey> SigningKeyCache::parse(const model::Cert& cert) {
    if (cert.private_key.empty()) return invalid_cert(cert.name, "it has no private key");
    auto key = jose::Key::from_pem(cert.private_key);
    if (!key) return invalid_cert(cert.name, key.error().message());
    if (!key->can_sign()) return invalid_cert(cert.name, "its key cannot sign");
    auto alg = jose::parse_algorithm(model::normalized_crypto_algorithm(cert));
    if (!alg)
        return invalid_cert(cert.name, "unsupported cryptoAlgorithm " + cert.crypto_algorithm);
    if (!key->fits(*alg)) return invalid_cert(cert.name, "the key does not fit its algorithm");
    auto jwk = jose::make_jwk(*key, cert.name, *alg);
    if (!jwk) return invalid_cert(cert.name, jwk.error().message());
    SigningKey out{cert.owner, cert.name, *key, std::move(jwk).value(), std::nullopt, *alg};
    if (!cert.certificate.empty()) {
        auto x509 = jose::Certificate::from_pem(cert.certificate);
        if (!x509) return invalid_cert(cert.name, x509.error().message());
        auto pub = key->public_key();
        if (!pub || !x509->public_key().same_key(*pub)) {
            return invalid_cert(cert.name, "the certificate does not match the private key");
        }
        out.public_jwk.x5c = {x509->x5c()};
        out.public_jwk.x5t_s256 = x509->x5t_s256();
        out.certificate = std::move(x509).value();
    }
    return out;
}

store::Task<core::Result<SigningKey>> SigningKeyCache::get(std::string_view owner,
                                                           std::string_view name,
                                                           const store::ChangeMarks* marks) {
    std::string cert_owner = owner.empty() ? std::string(model::kAdminOwner) : std::string(owner);
    std::string cert_name(name);
    std::string id = model::format_id(cert_owner, cert_name);
    const std::int64_t mark = marks ? marks->cert : -1;
    if (mark >= 0) {
        std::lock_guard lock(mu_);
        auto it = entries_.find(id);
        if (it != entries_.end() && it->second.cert_mark == mark) co_return it->second.key;
    }
    auto cert = co_await store_->get<model::Cert>(cert_owner, cert_name);
    if (!cert) {
        if (cert.error().kind() == core::ErrorKind::kNotFound) {
            co_return core::Error::not_found("The cert \"" + cert_name + "\" does not exist",
                                             "not-found");
        }
        co_return std::move(cert).error();
    }
    std::string fingerprint = store::sha256_hex(cert->certificate + "\n" + cert->private_key +
                                                "\n" + cert->crypto_algorithm);
    {
        std::lock_guard lock(mu_);
        auto it = entries_.find(id);
        if (it != entries_.end() && it->second.fingerprint == fingerprint) {
            // The row read now is at least as new as `mark` (marks are read first).
            if (mark >= 0) it->second.cert_mark = mark;
            co_return it->second.key;
        }
    }
    auto parsed = parse(*cert);
    if (!parsed) co_return std::move(parsed).error();
    std::lock_guard lock(mu_);
    entries_.insert_or_assign(id, Entry{fingerprint, *parsed, mark});
    co_return std::move(parsed).value();
}

store::Task<core::Result<Client>> ClientCache::get(std::string_view client_id) {
    auto marks = co_await store_->recent_change_marks(kMarksMaxAge);
    if (!marks) co_return std::move(marks).error();
    {
        std::lock_guard lock(mu_);
        if (marks->application > mark_) {
            // Every entry was read under an older mark: none can be trusted.
            entries_.clear();
            mark_ = marks->application;
        }
        // An older mark than the map's (a concurrent request read a newer one first) bypasses it.
        auto it = marks->application == mark_ ? entries_.find(client_id) : entries_.end();
        if (it != entries_.end()) {
            Client hit;
            hit.app = it->second;
            hit.marks = *marks;
            co_return hit;
        }
    }
    auto found = co_await store_->application_by_client_id(client_id);
    if (!found) co_return std::move(found).error();
    auto app = std::make_shared<const model::Application>(std::move(found).value());
    {
        std::lock_guard lock(mu_);
        // Kept only under the mark it was read after; a newer mark cleared the map meanwhile.
        if (mark_ == marks->application) entries_.insert_or_assign(std::string(client_id), app);
    }
    Client out;
    out.app = std::move(app);
    out.marks = *marks;
    co_return out;
}

Context::Context(std::shared_ptr<store::Store> store, std::shared_ptr<core::Clock> clock,
                 std::shared_ptr<core::Random> random, Settings settings)
    : store_(std::move(store)),
      clock_(std::move(clock)),
      random_(std::move(random)),
      settings_(std::move(settings)),
      keys_(std::make_unique<SigningKeyCache>(store_)),
      clients_(std::make_unique<ClientCache>(store_)) {}

std::string Context::issuer_for(const http::Request& request) const {
    if (!settings_.origin.empty()) return settings_.origin;
    std::string scheme = "http";
    std::string_view host;
    if (settings_.trust_forwarded_headers) {
        if (auto proto = request.header("X-Forwarded-Proto")) {
            std::string p = lower(first_value(*proto));
            if (p == "https" || p == "http") scheme = p;
        }
        if (auto fwd = request.header("X-Forwarded-Host")) host = first_value(*fwd);
    }
    if (host.empty()) {
        if (auto h = request.header("Host")) host = *h;
    }
    if (!is_plain_host(host)) host = "localhost";
    return scheme + "://" + lower(host);
}

bool Context::is_secure(const http::Request& request) const {
    return issuer_for(request).starts_with("https://");
}

}  // namespace ward::idp::server
