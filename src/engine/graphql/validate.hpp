// Validation of an executable document against a Schema (GraphQL spec §5, every rule). All
// errors are collected, each with a graphql-js style message, the source locations involved and
// the response path where the rule broke.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/graphql/ast.hpp"
#include "engine/graphql/schema.hpp"

namespace ward::engine::graphql {

// The §5 rule an error breaks, named as graphql-js names its rules (to_string gives
// "FieldsOnCorrectType", ...), so that the engine can reword messages in Hasura's style.
enum class ValidationRule : std::uint8_t {
    kNone,  // not a validation error (operation selection, coercion, limits of execution.hpp)
    kExecutableDefinitions,
    kUniqueOperationNames,
    kLoneAnonymousOperation,
    kSingleFieldSubscriptions,
    kKnownOperationTypes,  // the schema has no root type for the operation
    kFieldsOnCorrectType,
    kOverlappingFieldsCanBeMerged,
    kScalarLeafs,
    kKnownArgumentNames,
    kUniqueArgumentNames,
    kProvidedRequiredArguments,
    kUniqueFragmentNames,
    kKnownTypeNames,
    kFragmentsOnCompositeTypes,
    kNoUnusedFragments,
    kKnownFragmentNames,
    kNoFragmentCycles,
    kPossibleFragmentSpreads,
    kValuesOfCorrectType,
    kUniqueInputFieldNames,
    kKnownDirectives,  // unknown directive or one used in a location it does not allow
    kUniqueDirectivesPerLocation,
    kUniqueVariableNames,
    kVariablesAreInputTypes,
    kNoUndefinedVariables,
    kNoUnusedVariables,
    kVariablesInAllowedPosition,
    kTooComplex,  // a ValidationLimits bound was hit
};
std::string_view to_string(ValidationRule rule);

// One request-level error in the GraphQL response shape (§7.1.2): message, locations, path.
struct GraphQLError {
    std::string message;
    std::vector<SourceLocation> locations;
    std::vector<std::string> path;  // response keys from the operation or fragment root
    ValidationRule rule = ValidationRule::kNone;
};

struct ValidationLimits {
    // Field-merging checks (§5.3.2) compare pairs of fields; a query built to make that quadratic
    // gets an error instead of burning CPU.
    std::size_t max_merge_comparisons = 200'000;
    std::size_t max_errors = 100;  // stop collecting after this many
};

// Returns every rule violation (empty when valid). Never throws; bad input of any shape yields
// errors. `doc` and `schema` are only read.
std::vector<GraphQLError> validate(const Schema& schema, const ast::Document& doc,
                                   const ValidationLimits& limits = {});

}  // namespace ward::engine::graphql
