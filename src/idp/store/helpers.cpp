// Pure helpers of the store: hashing, Casdoor time parsing, lockout arithmetic.
#include <charconv>
#include <chrono>

#include "core/encoding.hpp"
#include "idp/store/store.hpp"
#include "jose/digest.hpp"

namespace ward::idp::store {

namespace {

// Reads exactly `n` digits at `pos`; advances pos.
std::optional<int> read_digits(std::string_view s, std::size_t& pos, std::size_t n) {
    if (pos + n > s.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = 0; i < n; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    pos += n;
    return v;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos >= s.size() || s[pos] != c) return false;
    ++pos;
    return true;
}

}  // namespace

std::string sha256_hex(std::string_view text) { return core::hex_encode(jose::sha256(text)); }

std::optional<std::int64_t> parse_casdoor_time(std::string_view s) {
    std::size_t pos = 0;
    auto year = read_digits(s, pos, 4);
    if (!year || !expect(s, pos, '-')) return std::nullopt;
    auto month = read_digits(s, pos, 2);
    if (!month || !expect(s, pos, '-')) return std::nullopt;
    auto day = read_digits(s, pos, 2);
    if (!day || pos >= s.size() || (s[pos] != 'T' && s[pos] != 't' && s[pos] != ' ')) {
        return std::nullopt;
    }
    ++pos;
    auto hour = read_digits(s, pos, 2);
    if (!hour || !expect(s, pos, ':')) return std::nullopt;
    auto minute = read_digits(s, pos, 2);
    if (!minute || !expect(s, pos, ':')) return std::nullopt;
    auto second = read_digits(s, pos, 2);
    if (!second) return std::nullopt;
    if (*month < 1 || *month > 12 || *day < 1 || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        std::size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
        if (pos == start) return std::nullopt;
    }
    if (pos >= s.size()) return std::nullopt;
    std::int64_t offset = 0;
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
    } else if (s[pos] == '+' || s[pos] == '-') {
        int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        auto oh = read_digits(s, pos, 2);
        if (!oh || !expect(s, pos, ':')) return std::nullopt;
        auto om = read_digits(s, pos, 2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset = sign * (*oh * 3600 + *om * 60);
    } else {
        return std::nullopt;
    }
    if (pos != s.size()) return std::nullopt;
    std::chrono::year_month_day ymd{std::chrono::year(*year),
                                    std::chrono::month(static_cast<unsigned>(*month)),
                                    std::chrono::day(static_cast<unsigned>(*day))};
    if (!ymd.ok()) return std::nullopt;
    std::int64_t days = std::chrono::sys_days(ymd).time_since_epoch().count();
    return days * 86400 + *hour * 3600 + *minute * 60 + *second - offset;
}

std::optional<std::int64_t> token_expires_at(const model::Token& token) {
    auto created = parse_casdoor_time(token.created_time);
    if (!created) return std::nullopt;
    return *created + token.expires_in;
}

std::optional<std::int64_t> lockout_minutes_left(const model::User& user, std::int64_t limit,
                                                 std::int64_t frozen_minutes,
                                                 std::int64_t now_unix) {
    if (limit <= 0) limit = 5;
    if (frozen_minutes <= 0) frozen_minutes = 15;
    if (user.signin_wrong_times < limit) return std::nullopt;
    auto last = parse_casdoor_time(user.last_signin_wrong_time);
    // A counter at the limit without a readable stamp cannot be timed: treat as elapsed.
    if (!last) return std::nullopt;
    std::int64_t until = *last + frozen_minutes * 60;
    if (now_unix >= until) return std::nullopt;
    return (until - now_unix + 59) / 60;
}

}  // namespace ward::idp::store
