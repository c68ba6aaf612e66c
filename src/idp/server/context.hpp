// idp::server::Context: what every IdP handler shares: the Store, the clock and randomness
// seams, the settings (issuer origin, cookie policy) and the signing-key cache that turns cert
// rows into parsed jose keys. One Context per IdP server; handlers hold it by shared_ptr.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/random.hpp"
#include "core/result.hpp"
#include "http/request.hpp"
#include "idp/store/store.hpp"
#include "jose/algorithm.hpp"
#include "jose/jwk.hpp"
#include "jose/key.hpp"
#include "jose/x509.hpp"

namespace ward::idp::server {

struct Settings {
    // WARD_IDP_ORIGIN, e.g. "https://id.example.com" or, behind a reverse proxy that mounts the
    // IdP under a path, "https://example.com/ward/idp" (normalize_public_url: no trailing
    // slash). Empty: the issuer is taken from each request as scheme://Host, as Casdoor does
    // without `origin`.
    std::string origin;
    // WARD_IDP_DATABASE_URL; empty: "sqlite:<data_dir>/idp.db".
    std::string database_url;
    // WARD_DATA_DIR; where the default SQLite database lives.
    std::string data_dir = ".";
    // WARD_ADMIN_PASSWORD: the first-start password of built-in/admin; unset: generated.
    std::optional<std::string> admin_password;
    // Behind a TLS-terminating proxy: trust X-Forwarded-Proto / X-Forwarded-Host for the
    // request-derived origin (only when `origin` is empty).
    bool trust_forwarded_headers = true;
};

// A parsed signing key of one cert row: what token minting and the JWKS endpoint need.
struct SigningKey {
    std::string cert_owner;
    std::string cert_name;  // the JWT header / JWKS `kid`
    jose::Key private_key;  // can_sign()
    jose::Jwk public_jwk;   // kid = cert name, alg set, x5c/x5t#S256 from the cert
    std::optional<jose::Certificate> certificate;  // absent when the cert row has none
    jose::Algorithm algorithm;                     // from cert.cryptoAlgorithm (normalized)
};

// Caches cert name -> parsed key. Without marks, get() reads the cert row (one indexed query, so
// all processes see a key rotation at once) and reparses only when certificate/privateKey
// changed. With the caller's change marks (read just before), a key read under the same cert
// mark is returned without touching the database. Thread-safe.
class SigningKeyCache {
  public:
    explicit SigningKeyCache(std::shared_ptr<store::Store> store) : store_(std::move(store)) {}

    // The key of cert (owner, name); owner "" tries "admin" (global certs). Errors: "not-found"
    // ("The cert \"<name>\" does not exist"), "invalid-cert" (the PEM does not parse, or the key
    // does not fit the algorithm), "database-error".
    store::Task<core::Result<SigningKey>> get(std::string_view owner, std::string_view name,
                                              const store::ChangeMarks* marks = nullptr);

    // Parses a cert row without the cache (used by get and by tests). Errors: "invalid-cert".
    static core::Result<SigningKey> parse(const model::Cert& cert);

  private:
    struct Entry {
        std::string fingerprint;  // SHA-256 over certificate + privateKey + algorithm
        SigningKey key;
        std::int64_t cert_mark = -1;  // the cert change mark the row was read under; -1: none
    };
    std::shared_ptr<store::Store> store_;
    std::mutex mu_;
    std::map<std::string, Entry, std::less<>> entries_;  // key: "owner/name"
};

// An application found by client id, with the change marks it was read under (callers pass
// them on to SigningKeyCache::get so the cert needs no query either).
struct Client {
    std::shared_ptr<const model::Application> app;
    store::ChangeMarks marks;
};

// client id -> application, valid while the application change mark is unchanged (every
// process's write bumps it). The marks are read at most once per kMarksMaxAge (and at once after
// a write of this process), so a token request needs no query of its own: another process's
// change to an application or cert takes effect here within that time. Unknown client ids are
// never kept. Thread-safe.
class ClientCache {
  public:
    static constexpr std::chrono::milliseconds kMarksMaxAge{1000};

    explicit ClientCache(std::shared_ptr<store::Store> store) : store_(std::move(store)) {}

    // One query for the marks, plus one for the row when the cache cannot answer. Errors:
    // "not-found" ("The application does not exist"), "database-error".
    store::Task<core::Result<Client>> get(std::string_view client_id);

  private:
    std::shared_ptr<store::Store> store_;
    std::mutex mu_;
    std::int64_t mark_ = -1;  // the application mark every entry was read under
    std::map<std::string, std::shared_ptr<const model::Application>, std::less<>> entries_;
};

class Context {
  public:
    Context(std::shared_ptr<store::Store> store, std::shared_ptr<core::Clock> clock,
            std::shared_ptr<core::Random> random, Settings settings);

    store::Store& store() const { return *store_; }
    const std::shared_ptr<store::Store>& store_ptr() const { return store_; }
    core::Clock& clock() const { return *clock_; }
    core::Random& random() const { return *random_; }
    const Settings& settings() const { return settings_; }
    SigningKeyCache& keys() const { return *keys_; }
    ClientCache& clients() const { return *clients_; }

    // The issuer / public URL ("https://id.example.com", or "https://example.com/ward/idp" with
    // a path prefix; no trailing slash): every absolute URL of the IdP is this plus the endpoint
    // path. settings.origin when set, else scheme://Host of the request (scheme from
    // X-Forwarded-Proto when trusted, "http" otherwise; Host missing: "http://localhost").
    std::string issuer_for(const http::Request& request) const;
    // Whether cookies for this request get the Secure attribute (the issuer is https).
    bool is_secure(const http::Request& request) const;

  private:
    std::shared_ptr<store::Store> store_;
    std::shared_ptr<core::Clock> clock_;
    std::shared_ptr<core::Random> random_;
    Settings settings_;
    std::unique_ptr<SigningKeyCache> keys_;
    std::unique_ptr<ClientCache> clients_;
};

// Normalizes an origin for comparison: lowercase scheme and host, default port dropped, no path
// ("HTTPS://A.example:443/x" -> "https://a.example"); nullopt when it is not http(s)://host.
std::optional<std::string> normalize_origin(std::string_view url);

// Normalizes the IdP's public URL (WARD_IDP_ORIGIN): http(s)://host[:port][/path], scheme and
// host lowercased, default port and trailing slashes dropped ("HTTPS://A:443/ward/idp/" ->
// "https://a/ward/idp"). nullopt for anything else: another scheme, credentials, a query or
// fragment, an empty, "." or ".." path segment, or a character a path may not carry unescaped.
std::optional<std::string> normalize_public_url(std::string_view url);

}  // namespace ward::idp::server
