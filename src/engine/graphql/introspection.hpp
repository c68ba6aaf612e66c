// Introspection (GraphQL spec §4): answers __schema, __type(name:) and __typename selections
// against a Schema, writing the JSON text of the result directly (no DOM). Aliases, fragments and
// @include/@skip are honoured because the input is the collected field tree of execution.hpp.
#pragma once

#include <string>

#include "engine/graphql/execution.hpp"
#include "engine/graphql/schema.hpp"

namespace ward::engine::graphql {

// True for the root meta fields __schema, __type and __typename.
bool is_introspection_field(const CollectedField& field);

// Appends the JSON value of one introspection root field (an object, null, or the root type's
// name for __typename) to `out`. `field` must satisfy is_introspection_field.
void write_introspection_field(const Schema& schema, const CollectedField& field, std::string& out);

// {"data":{...}} for an operation whose root fields are all introspection fields. Fields that
// are not introspection fields are written as null (the engine answers those itself).
std::string execute_introspection(const Schema& schema, const PreparedOperation& op);

}  // namespace ward::engine::graphql
