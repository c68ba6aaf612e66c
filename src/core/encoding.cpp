#include "core/encoding.hpp"

#include <array>
#include <cstdint>

#include "core/random.hpp"

namespace ward::core {
namespace {

constexpr char kB64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr char kB64Std[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

constexpr std::array<std::int8_t, 256> make_table(const char* alphabet) {
    std::array<std::int8_t, 256> t{};
    for (auto& v : t) v = -1;
    for (int i = 0; i < 64; ++i)
        t[static_cast<unsigned char>(alphabet[i])] = static_cast<std::int8_t>(i);
    return t;
}
constexpr auto kUrlTable = make_table(kB64Url);
constexpr auto kStdTable = make_table(kB64Std);

// Appends the encoding of `in` to `out`, writing into place (the JWS signing path encodes
// kilobytes per token).
void encode_into(std::string& out, std::string_view in, const char* alphabet, bool pad) {
    const std::size_t whole = in.size() / 3;
    const std::size_t rest = in.size() - whole * 3;
    const std::size_t tail = rest == 0 ? 0 : (pad ? 4 : rest + 1);
    const std::size_t start = out.size();
    out.resize(start + whole * 4 + tail);
    char* p = out.data() + start;
    const auto* b = reinterpret_cast<const unsigned char*>(in.data());
    for (std::size_t k = 0; k < whole; ++k, b += 3) {
        const std::uint32_t v = (std::uint32_t{b[0]} << 16) | (std::uint32_t{b[1]} << 8) | b[2];
        *p++ = alphabet[(v >> 18) & 63];
        *p++ = alphabet[(v >> 12) & 63];
        *p++ = alphabet[(v >> 6) & 63];
        *p++ = alphabet[v & 63];
    }
    if (rest == 1) {
        const std::uint32_t v = std::uint32_t{b[0]} << 16;
        *p++ = alphabet[(v >> 18) & 63];
        *p++ = alphabet[(v >> 12) & 63];
        if (pad) {
            *p++ = '=';
            *p++ = '=';
        }
    } else if (rest == 2) {
        const std::uint32_t v = (std::uint32_t{b[0]} << 16) | (std::uint32_t{b[1]} << 8);
        *p++ = alphabet[(v >> 18) & 63];
        *p++ = alphabet[(v >> 12) & 63];
        *p++ = alphabet[(v >> 6) & 63];
        if (pad) *p++ = '=';
    }
}

std::string encode(std::string_view in, const char* alphabet, bool pad) {
    std::string out;
    encode_into(out, in, alphabet, pad);
    return out;
}

Result<std::string> decode(std::string_view in, const std::array<std::int8_t, 256>& table,
                           bool require_padding, const char* what) {
    if (!in.empty() && in.size() % 4 == 0) {
        // Strip correct padding (at most two '=').
        std::size_t pad = 0;
        while (pad < 2 && !in.empty() && in.back() == '=') {
            in.remove_suffix(1);
            ++pad;
        }
    } else if (require_padding && !in.empty()) {
        return Error::invalid_argument(std::string("invalid ") + what + ": bad length",
                                       "bad-encoding");
    }
    if (in.size() % 4 == 1) {
        return Error::invalid_argument(std::string("invalid ") + what + ": bad length",
                                       "bad-encoding");
    }
    std::string out;
    out.reserve(in.size() * 3 / 4);
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : in) {
        std::int8_t v = table[static_cast<unsigned char>(c)];
        if (v < 0) {
            return Error::invalid_argument(std::string("invalid ") + what + ": bad character",
                                           "bad-encoding");
        }
        acc = (acc << 6) | static_cast<std::uint32_t>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xFF));
        }
    }
    // Leftover bits must be zero (canonical encoding).
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) {
        return Error::invalid_argument(std::string("invalid ") + what + ": non-canonical",
                                       "bad-encoding");
    }
    return out;
}

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string base64url_encode(std::string_view bytes) { return encode(bytes, kB64Url, false); }

void base64url_append(std::string& out, std::string_view bytes) {
    encode_into(out, bytes, kB64Url, false);
}

Result<std::string> base64url_decode(std::string_view text) {
    return decode(text, kUrlTable, false, "base64url");
}

std::string base64_encode(std::string_view bytes) { return encode(bytes, kB64Std, true); }

Result<std::string> base64_decode(std::string_view text) {
    return decode(text, kStdTable, true, "base64");
}

std::string hex_encode(std::string_view bytes) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string out;
    out.reserve(bytes.size() * 2);
    for (unsigned char c : bytes) {
        out.push_back(kHex[c >> 4]);
        out.push_back(kHex[c & 15]);
    }
    return out;
}

Result<std::string> hex_decode(std::string_view text) {
    if (text.size() % 2 != 0)
        return Error::invalid_argument("invalid hex: odd length", "bad-encoding");
    std::string out;
    out.reserve(text.size() / 2);
    for (std::size_t i = 0; i < text.size(); i += 2) {
        int hi = hex_value(text[i]), lo = hex_value(text[i + 1]);
        if (hi < 0 || lo < 0)
            return Error::invalid_argument("invalid hex: bad character", "bad-encoding");
        out.push_back(static_cast<char>(hi * 16 + lo));
    }
    return out;
}

namespace {

// 16 bytes as an RFC 9562 UUID of `version`: the version and variant bits set, lower-case
// 8-4-4-4-12 hex.
std::string format_uuid(std::uint8_t (&b)[16], unsigned version) {
    b[6] = static_cast<std::uint8_t>((b[6] & 0x0F) | (version << 4));
    b[8] = static_cast<std::uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 9562 variant
    std::string hex = hex_encode(std::string_view(reinterpret_cast<const char*>(b), 16));
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
           hex.substr(16, 4) + "-" + hex.substr(20, 12);
}

}  // namespace

std::string uuid_v4(Random& random) {
    std::uint8_t b[16];
    random.fill(b);
    return format_uuid(b, 4);
}

std::string uuid_v7(std::int64_t unix_millis, Random& random) {
    std::uint8_t b[16];
    random.fill(b);
    const auto ms = static_cast<std::uint64_t>(unix_millis < 0 ? 0 : unix_millis);
    for (int i = 0; i < 6; ++i) b[i] = static_cast<std::uint8_t>(ms >> (8 * (5 - i)));
    return format_uuid(b, 7);
}

bool is_uuid(std::string_view t) {
    if (t.size() != 36) return false;
    for (std::size_t i = 0; i < 36; ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (t[i] != '-') return false;
        } else if (hex_value(t[i]) < 0) {
            return false;
        }
    }
    return true;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
    // Length is not secret here (callers compare fixed-size digests or whole secrets).
    unsigned char diff = static_cast<unsigned char>(a.size() != b.size());
    std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    }
    // Touch the rest of the longer input so the time depends only on the lengths.
    volatile unsigned char sink = 0;
    for (std::size_t i = n; i < a.size(); ++i) sink = sink | static_cast<unsigned char>(a[i]);
    for (std::size_t i = n; i < b.size(); ++i) sink = sink | static_cast<unsigned char>(b[i]);
    (void)sink;
    return diff == 0;
}

std::string url_encode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(text.size() * 3);
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out.push_back(static_cast<char>(c));
        } else {
            out.push_back('%');
            out.push_back(kHex[c >> 4]);
            out.push_back(kHex[c & 15]);
        }
    }
    return out;
}

Result<std::string> url_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) {
                return Error::invalid_argument("invalid percent-encoding", "bad-encoding");
            }
            int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0)
                return Error::invalid_argument("invalid percent-encoding", "bad-encoding");
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_is_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out += c;
        }
    }
    return out;
}

}  // namespace ward::core
