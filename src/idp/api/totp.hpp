// TOTP two-factor codes (RFC 6238 over RFC 4226 HOTP) as Casdoor's "app" MFA type uses them
// (casdoor.md §5.3): HMAC-SHA-1, 6 digits, 30-second steps, ±1 step of skew, a 20-byte secret in
// base32 (RFC 4648 §6, no padding) and the otpauth:// URL authenticator apps scan. Pure: time and
// randomness come from the caller, so the MFA setup endpoints and the login step share one unit.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/random.hpp"
#include "core/result.hpp"

namespace ward::idp::api::totp {

inline constexpr std::size_t kSecretBytes = 20;
inline constexpr std::int64_t kPeriodSeconds = 30;
inline constexpr int kDigits = 6;
inline constexpr int kSkewSteps = 1;

// Base32 (RFC 4648 §6), upper case, without '=' padding (what authenticator apps expect).
std::string base32_encode(std::string_view bytes);
// Accepts upper or lower case, optional trailing '=' padding, and ignores spaces (secrets are often
// shown in groups of four). Failure: kInvalidArgument "invalid-totp-secret" for any other
// character or an impossible length.
core::Result<std::string> base32_decode(std::string_view text);

// A fresh secret: kSecretBytes random bytes, base32-encoded (32 characters).
std::string generate_secret(core::Random& random);

// The HOTP value (RFC 4226 §5.3) of `counter` for the raw key, zero-padded to kDigits.
std::string hotp(std::string_view key, std::uint64_t counter);

// The code for the 30-second step containing `unix_seconds`. Failure: "invalid-totp-secret" when
// the base32 secret does not decode or is empty.
core::Result<std::string> code_at(std::string_view secret_base32, std::int64_t unix_seconds);

// True when `passcode` is the code of the current step or of one step before or after. Compared
// in constant time; anything that is not exactly kDigits ASCII digits is false. Failure:
// "invalid-totp-secret" as for code_at.
core::Result<bool> verify(std::string_view secret_base32, std::string_view passcode,
                          std::int64_t unix_seconds);

// otpauth://totp/<issuer>:<account>?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30, with
// the label and the issuer percent-encoded (Google Authenticator's Key Uri Format).
std::string otpauth_url(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32);

// Ten single-use recovery codes "xxxx-xxxx-xxxx" of lower-case hex, as Casdoor hands out.
std::vector<std::string> generate_recovery_codes(core::Random& random, std::size_t count = 10);

}  // namespace ward::idp::api::totp
