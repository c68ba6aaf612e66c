// Prints GraphQL syntax trees back to text (graphql-js `print` layout: two-space indentation,
// one selection per line). parse(print(doc)) == doc for every parsed document.
#pragma once

#include <string>

#include "engine/graphql/ast.hpp"

namespace ward::engine::graphql {

std::string print(const ast::Document& doc);
std::string print(const ast::Value& value);
std::string print(const ast::SelectionSet& set);
// A GraphQL string literal for `s` ("..." with escapes).
std::string print_string(std::string_view s);

}  // namespace ward::engine::graphql
