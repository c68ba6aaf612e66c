// The public documents of the IdP kept serialised in memory: the JWK Set (/.well-known/jwks) and
// the discovery document per issuer, so the hot path answers without reading certs, parsing PEM
// or building JSON on every request.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

#include "idp/server/context.hpp"
#include "idp/store/store.hpp"

namespace ward::idp::oidc {

// How long another process's cert change may take to show in this process's JWKS: the cert
// change mark is rechecked at most this often. This process's own writes show at once.
inline constexpr std::chrono::milliseconds kJwksRecheck{1000};

// At most this many issuers (Host-derived origins) keep a discovery body; beyond, the map starts
// over, so arbitrary Host headers cannot grow it without bound.
inline constexpr std::size_t kMaxDiscoveryIssuers = 64;

class PublishedDocuments {
  public:
    // The serialised {"keys": [...]} (as jwks_document of signing_keys), kept with the cert change
    // mark it was built under and rebuilt when Store::recent_change_marks(kJwksRecheck) shows the
    // mark moved (another process's change within kJwksRecheck, this process's own at once).
    // Never fails: a database failure gives the keys that could be read (as signing_keys),
    // without keeping them.
    store::Task<std::shared_ptr<const std::string>> jwks(const server::Context& ctx);

    // The serialised discovery_document(issuer) (it depends on nothing else).
    std::shared_ptr<const std::string> discovery(std::string_view issuer);

  private:
    struct Jwks {
        std::shared_ptr<const std::string> body;
        std::int64_t cert_mark = -1;
    };
    std::mutex mu_;
    Jwks jwks_;
    std::map<std::string, std::shared_ptr<const std::string>, std::less<>> discovery_;
};

}  // namespace ward::idp::oidc
