#include "idp/model/cert.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using C = Cert;

constexpr detail::FieldDef<C> kFields[] = {
    field<&C::owner>("owner"),
    field<&C::name>("name"),
    field<&C::created_time>("createdTime"),
    field<&C::display_name>("displayName"),
    field<&C::scope>("scope"),
    field<&C::type>("type"),
    field<&C::crypto_algorithm>("cryptoAlgorithm"),
    field<&C::bit_size>("bitSize"),
    field<&C::expire_in_years>("expireInYears"),
    field<&C::expire_time>("expireTime"),
    field<&C::domain_expire_time>("domainExpireTime"),
    field<&C::provider>("provider"),
    field<&C::account>("account"),
    field<&C::access_key>("accessKey"),
    field<&C::access_secret>("accessSecret"),
    field<&C::certificate>("certificate"),
    field<&C::private_key>("privateKey"),
};

}  // namespace

std::string normalized_crypto_algorithm(const Cert& cert) {
    if (cert.crypto_algorithm.empty() || cert.crypto_algorithm == "RSA") return "RS256";
    return cert.crypto_algorithm;
}

std::span<const detail::FieldDef<Cert>> cert_fields() { return kFields; }

core::json::object to_json(const Cert& cert) { return detail::encode_object<Cert>(cert, kFields); }

template <>
core::Result<Cert> from_json<Cert>(const core::json::value& v) {
    return detail::decode_object<Cert>(v, kFields, "Cert");
}

}  // namespace ward::idp::model
