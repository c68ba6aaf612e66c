#include "idp/api/totp.hpp"

#include <array>

#include "core/encoding.hpp"
#include "jose/digest.hpp"

namespace ward::idp::api::totp {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

core::Error bad_secret(std::string message) {
    return core::Error::invalid_argument(std::move(message), "invalid-totp-secret");
}

int base32_value(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a';
    if (c >= '2' && c <= '7') return c - '2' + 26;
    return -1;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
    std::string out;
    out.reserve((bytes.size() * 8 + 4) / 5);
    std::uint32_t buffer = 0;
    int bits = 0;
    for (unsigned char byte : bytes) {
        buffer = (buffer << 8) | byte;
        bits += 8;
        while (bits >= 5) {
            out.push_back(kAlphabet[(buffer >> (bits - 5)) & 0x1f]);
            bits -= 5;
        }
    }
    if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 0x1f]);
    return out;
}

core::Result<std::string> base32_decode(std::string_view text) {
    while (!text.empty() && text.back() == '=') text.remove_suffix(1);
    std::string out;
    std::uint32_t buffer = 0;
    int bits = 0;
    std::size_t symbols = 0;
    for (char c : text) {
        if (c == ' ') continue;
        int v = base32_value(c);
        if (v < 0) return bad_secret("the TOTP secret is not base32");
        buffer = (buffer << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        ++symbols;
        if (bits >= 8) {
            out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xff));
            bits -= 8;
        }
    }
    // 1, 3 and 6 trailing symbols cannot come from whole bytes (RFC 4648 §6).
    std::size_t rest = symbols % 8;
    if (rest == 1 || rest == 3 || rest == 6) return bad_secret("the TOTP secret has a bad length");
    return out;
}

std::string generate_secret(core::Random& random) {
    return base32_encode(random.bytes(kSecretBytes));
}

std::string hotp(std::string_view key, std::uint64_t counter) {
    std::array<char, 8> message{};
    for (int i = 7; i >= 0; --i) {
        message[static_cast<std::size_t>(i)] = static_cast<char>(counter & 0xff);
        counter >>= 8;
    }
    std::string mac = jose::hmac(jose::DigestAlg::kSha1, key, {message.data(), message.size()});
    // Dynamic truncation (RFC 4226 §5.3).
    auto byte = [&](std::size_t i) {
        return static_cast<std::uint32_t>(static_cast<unsigned char>(mac[i]));
    };
    std::size_t offset = byte(mac.size() - 1) & 0x0f;
    std::uint32_t binary = ((byte(offset) & 0x7f) << 24) | (byte(offset + 1) << 16) |
                           (byte(offset + 2) << 8) | byte(offset + 3);
    std::uint32_t modulus = 1;
    for (int i = 0; i < kDigits; ++i) modulus *= 10;
    std::string code = std::to_string(binary % modulus);
    return std::string(static_cast<std::size_t>(kDigits) - code.size(), '0') + code;
}

core::Result<std::string> code_at(std::string_view secret_base32, std::int64_t unix_seconds) {
    WARD_TRY(auto key, base32_decode(secret_base32));
    if (key.empty()) return bad_secret("the TOTP secret is empty");
    if (unix_seconds < 0) unix_seconds = 0;
    return hotp(key, static_cast<std::uint64_t>(unix_seconds / kPeriodSeconds));
}

core::Result<bool> verify(std::string_view secret_base32, std::string_view passcode,
                          std::int64_t unix_seconds) {
    WARD_TRY(auto key, base32_decode(secret_base32));
    if (key.empty()) return bad_secret("the TOTP secret is empty");
    if (passcode.size() != static_cast<std::size_t>(kDigits)) return false;
    for (char c : passcode) {
        if (c < '0' || c > '9') return false;
    }
    if (unix_seconds < 0) unix_seconds = 0;
    std::int64_t step = unix_seconds / kPeriodSeconds;
    bool match = false;
    // Every candidate is computed and compared so the time taken does not reveal which matched.
    for (std::int64_t d = -kSkewSteps; d <= kSkewSteps; ++d) {
        std::int64_t s = step + d;
        if (s < 0) continue;
        match |= core::constant_time_equal(hotp(key, static_cast<std::uint64_t>(s)), passcode);
    }
    return match;
}

std::string otpauth_url(std::string_view issuer, std::string_view account,
                        std::string_view secret_base32) {
    std::string url = "otpauth://totp/";
    url += core::url_encode(issuer);
    url += ':';
    url += core::url_encode(account);
    url += "?secret=";
    url += secret_base32;
    url += "&issuer=";
    url += core::url_encode(issuer);
    url += "&algorithm=SHA1&digits=" + std::to_string(kDigits);
    url += "&period=" + std::to_string(kPeriodSeconds);
    return url;
}

std::vector<std::string> generate_recovery_codes(core::Random& random, std::size_t count) {
    std::vector<std::string> codes;
    codes.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        std::string hex = core::hex_encode(random.bytes(6));
        codes.push_back(hex.substr(0, 4) + "-" + hex.substr(4, 4) + "-" + hex.substr(8, 4));
    }
    return codes;
}

}  // namespace ward::idp::api::totp
