// Recursive-descent parser for GraphQL executable documents (spec §2). Never throws: the first
// error (with its location) stops parsing and is returned. Limits on size, tokens and nesting
// turn hostile input into an error instead of exhausting the server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "engine/graphql/ast.hpp"

namespace ward::engine::graphql {

struct ParseLimits {
    std::size_t max_bytes = 1024 * 1024;
    std::size_t max_tokens = 100'000;
    // Nesting of selection sets, list/object values and list types, together.
    std::size_t max_depth = 64;
};

enum class ParseErrorReason : std::uint8_t {
    kSyntax,               // an unexpected token
    kUnexpectedEof,        // the document ended early
    kUnexpectedCharacter,  // a character no token may start with
    kUnterminatedString,
    kBadEscape,
    kInvalidNumber,
    kTooLarge,       // more than max_bytes
    kTooManyTokens,  // more than max_tokens
    kTooDeep,        // nesting beyond max_depth
};

// Stable code for the reason, e.g. "unterminated-string".
std::string_view to_code(ParseErrorReason reason);

struct ParseError {
    ParseErrorReason reason = ParseErrorReason::kSyntax;
    std::string message;  // graphql-js style, e.g. "Syntax Error: Expected Name, found \"}\"."
    SourceLocation location;
};

// Parses a whole document (a copy of `source` is kept in the Document). Errors: a ParseError with
// the first problem found. An empty document is a syntax error (§2.2 needs one definition).
core::Result<ast::Document, ParseError> parse(std::string_view source,
                                              const ParseLimits& limits = {});

// Parses a single value literal such as `{a: [1, 2]}` (no variables allowed when `is_const`).
// The returned value's names point into `source`, which the caller must keep alive.
core::Result<ast::Value, ParseError> parse_value(std::string_view source, bool is_const = true,
                                                 const ParseLimits& limits = {});

// Parses a type reference such as `[Int!]!`; names point into `source`.
core::Result<TypeRef, ParseError> parse_type(std::string_view source);

}  // namespace ward::engine::graphql
