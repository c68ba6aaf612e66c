// model::Cert: a Casdoor signing certificate (table `cert`, casdoor.md §1.8). Its bare `name` is
// the JWT/JWKS `kid`. `privateKey` and `accessSecret` are secrets: see masking.hpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/json.hpp"
#include "idp/model/detail/field_codec.hpp"

namespace ward::idp::model {

struct Cert {
    std::string owner = "admin";
    std::string name;
    std::string created_time;
    std::string display_name;
    std::string scope = "JWT";
    std::string type = "x509";
    std::string crypto_algorithm = "RS256";
    std::int64_t bit_size = 2048;
    std::int64_t expire_in_years = 20;
    std::string expire_time;
    std::string domain_expire_time;
    std::string provider;
    std::string account;
    std::string access_key;
    std::string access_secret;
    std::string certificate;  // PEM
    std::string private_key;  // PEM
};

// Casdoor normalises the algorithm "RSA" to "RS256".
std::string normalized_crypto_algorithm(const Cert& cert);

core::json::object to_json(const Cert& cert);
template <>
core::Result<Cert> from_json<Cert>(const core::json::value& v);
std::span<const detail::FieldDef<Cert>> cert_fields();

}  // namespace ward::idp::model
