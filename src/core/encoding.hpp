// Byte encodings used on the wire: base64url (RFC 4648 §5, JOSE), standard base64 (PEM, Basic
// auth), hex; UUID v4 (RFC 9562); constant-time comparison for secrets.
// Decoders return an error for any malformed input; they never crash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace ward::core {

class Random;

// Without padding, as JOSE requires.
std::string base64url_encode(std::string_view bytes);
// Appends base64url_encode(bytes) to `out`.
void base64url_append(std::string& out, std::string_view bytes);
// Accepts input without padding (JOSE) and, leniently, with correct '=' padding.
// Rejects characters outside the alphabet, impossible lengths and non-zero trailing bits.
Result<std::string> base64url_decode(std::string_view text);

// With padding.
std::string base64_encode(std::string_view bytes);
// Requires correct padding; ignores no whitespace.
Result<std::string> base64_decode(std::string_view text);

// Lower-case.
std::string hex_encode(std::string_view bytes);
// Accepts upper and lower case; rejects odd lengths and non-hex characters.
Result<std::string> hex_decode(std::string_view text);

// "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", lower case.
std::string uuid_v4(Random& random);
// "tttttttt-tttt-7xxx-yxxx-xxxxxxxxxxxx" (RFC 9562 version 7): the first 48 bits are the Unix
// time in milliseconds, so ids made one after another sort in time order, and a database index
// on them grows at its end instead of at random pages. The other 74 bits are random.
std::string uuid_v7(std::int64_t unix_millis, Random& random);
bool is_uuid(std::string_view text);

// Compares in time that depends only on the lengths, never on where the inputs differ.
bool constant_time_equal(std::string_view a, std::string_view b);

// Percent-encoding for URL query components (RFC 3986 unreserved characters kept).
std::string url_encode(std::string_view text);

// Text made safe inside HTML element content and quoted attribute values: & < > " ' escaped.
std::string html_escape(std::string_view text);
// Decodes %XX and, when `plus_is_space`, '+' (application/x-www-form-urlencoded).
Result<std::string> url_decode(std::string_view text, bool plus_is_space = true);

}  // namespace ward::core
