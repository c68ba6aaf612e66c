#include "idp/model/token.hpp"

namespace ward::idp::model {
namespace {

using detail::field;
using T = Token;

constexpr detail::FieldDef<T> kFields[] = {
    field<&T::owner>("owner"),
    field<&T::name>("name"),
    field<&T::created_time>("createdTime"),
    field<&T::application>("application"),
    field<&T::organization>("organization"),
    field<&T::user>("user"),
    field<&T::code>("code"),
    field<&T::access_token>("accessToken"),
    field<&T::refresh_token>("refreshToken"),
    field<&T::access_token_hash>("accessTokenHash"),
    field<&T::refresh_token_hash>("refreshTokenHash"),
    field<&T::expires_in>("expiresIn"),
    field<&T::scope>("scope"),
    field<&T::token_type>("tokenType"),
    field<&T::grant_type>("grantType"),
    field<&T::code_challenge>("codeChallenge"),
    field<&T::code_is_used>("codeIsUsed"),
    field<&T::code_expire_in>("codeExpireIn"),
    field<&T::resource>("resource"),
    field<&T::dpop_jkt>("dPoPJkt"),
};

}  // namespace

bool has_code_challenge(const Token& token) {
    return !token.code_challenge.empty() && token.code_challenge != "null";
}

std::span<const detail::FieldDef<Token>> token_fields() { return kFields; }

core::json::object to_json(const Token& token) {
    return detail::encode_object<Token>(token, kFields);
}

template <>
core::Result<Token> from_json<Token>(const core::json::value& v) {
    return detail::decode_object<Token>(v, kFields, "Token");
}

}  // namespace ward::idp::model
