// Validation: one test per example of GraphQL spec §5 (October 2021),
// https://spec.graphql.org/October2021/#sec-Validation, against the spec's example schema.
#include <gtest/gtest.h>

#include <chrono>

#include "engine/graphql/execution.hpp"
#include "engine/graphql/parser.hpp"
#include "engine/graphql/test_schema.hpp"
#include "engine/graphql/validate.hpp"

namespace ward::engine::graphql {
namespace {

class GraphqlValidateTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() { schema_ = testing::spec_schema(); }

    std::vector<GraphQLError> check(std::string_view query) {
        auto doc = parse(query);
        EXPECT_TRUE(doc.has_value()) << (doc ? "" : doc.error().message);
        if (!doc) return {};
        docs_.push_back(std::move(*doc));
        return validate(*schema_, docs_.back());
    }
    std::vector<std::string> messages(std::string_view query) {
        std::vector<std::string> out;
        for (const auto& e : check(query)) out.push_back(e.message);
        return out;
    }
    void expect_valid(std::string_view query) {
        const auto m = messages(query);
        EXPECT_TRUE(m.empty()) << query << "\nfirst error: " << (m.empty() ? "" : m[0]);
    }
    void expect_error(std::string_view query, std::string_view message) {
        const auto m = messages(query);
        bool found = false;
        for (const auto& x : m) found = found || x == message;
        std::string all;
        for (const auto& x : m) all += "  " + x + "\n";
        EXPECT_TRUE(found) << query << "\nexpected: " << message << "\ngot:\n" << all;
    }

    static std::shared_ptr<const Schema> schema_;
    std::vector<ast::Document> docs_;
};

std::shared_ptr<const Schema> GraphqlValidateTest::schema_;

// §5.1.1 Executable Definitions (Example 101 counter-example).
TEST_F(GraphqlValidateTest, ExecutableDefinitions) {
    expect_error(
        "query getDogName { dog { name color } } "
        "extend type Dog { color: String }",
        "The \"Dog\" definition is not executable.");
    expect_error("schema { query: Query } { dog { name } }",
                 "The schema definition is not executable.");
}

// §5.2.1.1 Operation Name Uniqueness (Examples 102-104).
TEST_F(GraphqlValidateTest, OperationNameUniqueness) {
    expect_valid("query getDogName { dog { name } } query getOwnerName { dog { owner { name } } }");
    expect_error("query getName { dog { name } } query getName { dog { owner { name } } }",
                 "There can be only one operation named \"getName\".");
    expect_error(
        "query dogOperation { dog { name } } "
        "mutation dogOperation { mutateDog { id } }",
        "There can be only one operation named \"dogOperation\".");
}

// §5.2.2.1 Lone Anonymous Operation (Examples 105-106).
TEST_F(GraphqlValidateTest, LoneAnonymousOperation) {
    expect_valid("{ dog { name } }");
    expect_error("{ dog { name } } query getName { dog { owner { name } } }",
                 "This anonymous operation must be the only defined operation.");
}

// §5.2.3.1 Single root field (Examples 107-112).
TEST_F(GraphqlValidateTest, SubscriptionSingleRootField) {
    expect_valid("subscription sendNewMessage { newMessage { body sender } }");
    expect_valid(
        "subscription sendNewMessage { ...newMessageFields } "
        "fragment newMessageFields on Subscription { newMessage { body sender } }");
    expect_error(
        "subscription sendNewMessage { newMessage { body sender } "
        "disallowedSecondRootField }",
        "Subscription \"sendNewMessage\" must select only one top level field.");
    expect_error(
        "subscription sendNewMessage { ...multipleSubscriptions } "
        "fragment multipleSubscriptions on Subscription { newMessage { body sender } "
        "disallowedSecondRootField }",
        "Subscription \"sendNewMessage\" must select only one top level field.");
    expect_error("subscription { newMessage { body } __typename }",
                 "Anonymous Subscription must select only one top level field.");
    expect_error("subscription S { __typename }",
                 "Subscription \"S\" must not select an introspection top level field.");
}

// §5.3.1 Field Selections (Examples 113-117).
TEST_F(GraphqlValidateTest, FieldSelectionsOnObjectsInterfacesUnions) {
    expect_error("fragment fieldNotDefined on Dog { meowVolume } { dog { ...fieldNotDefined } }",
                 "Cannot query field \"meowVolume\" on type \"Dog\".");
    expect_error(
        "fragment aliasedLyingFieldTargetNotDefined on Dog { barkVolume: kawVolume } "
        "{ dog { ...aliasedLyingFieldTargetNotDefined } }",
        "Cannot query field \"kawVolume\" on type \"Dog\".");
    expect_valid(
        "fragment interfaceFieldSelection on Pet { name } { pet { ...interfaceFieldSelection } }");
    expect_error(
        "fragment definedOnImplementersButNotInterface on Pet { nickname } "
        "{ pet { ...definedOnImplementersButNotInterface } }",
        "Cannot query field \"nickname\" on type \"Pet\".");
    expect_valid(
        "fragment inDirectFieldSelectionOnUnion on CatOrDog { __typename "
        "... on Pet { name } ... on Dog { barkVolume } } "
        "{ catOrDog { ...inDirectFieldSelectionOnUnion } }");
    expect_error(
        "fragment directFieldSelectionOnUnion on CatOrDog { directField } "
        "{ catOrDog { ...directFieldSelectionOnUnion } }",
        "Cannot query field \"directField\" on type \"CatOrDog\".");
}

// §5.3.2 Field Selection Merging (Examples 118-123).
TEST_F(GraphqlValidateTest, FieldSelectionMerging) {
    expect_valid(
        "fragment mergeIdenticalFields on Dog { name name } "
        "fragment mergeIdenticalAliasesAndFields on Dog { otherName: name otherName: name } "
        "{ dog { ...mergeIdenticalFields ...mergeIdenticalAliasesAndFields } }");
    expect_error(
        "fragment conflictingBecauseAlias on Dog { name: nickname name } "
        "{ dog { ...conflictingBecauseAlias } }",
        "Fields \"name\" conflict because \"nickname\" and \"name\" are different "
        "fields. Use different aliases on the fields to fetch both if this was "
        "intentional.");
    expect_valid(
        "fragment mergeIdenticalFieldsWithIdenticalArgs on Dog { "
        "doesKnowCommand(dogCommand: SIT) doesKnowCommand(dogCommand: SIT) } "
        "fragment mergeIdenticalFieldsWithIdenticalValues on Dog { "
        "doesKnowCommand(dogCommand: $dogCommand) doesKnowCommand(dogCommand: $dogCommand) } "
        "query q($dogCommand: DogCommand!) { a: dog { "
        "...mergeIdenticalFieldsWithIdenticalArgs } b: dog { "
        "...mergeIdenticalFieldsWithIdenticalValues } }");
    expect_error(
        "fragment conflictingArgsOnValues on Dog { doesKnowCommand(dogCommand: SIT) "
        "doesKnowCommand(dogCommand: HEEL) } { dog { ...conflictingArgsOnValues } }",
        "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
        "different aliases on the fields to fetch both if this was intentional.");
    expect_error(
        "fragment conflictingArgsValueAndVar on Dog { doesKnowCommand(dogCommand: SIT) "
        "doesKnowCommand(dogCommand: $dogCommand) } "
        "query q($dogCommand: DogCommand!) { dog { ...conflictingArgsValueAndVar } }",
        "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
        "different aliases on the fields to fetch both if this was intentional.");
    expect_error(
        "fragment differingArgs on Dog { doesKnowCommand(dogCommand: SIT) "
        "doesKnowCommand } { dog { ...differingArgs } }",
        "Fields \"doesKnowCommand\" conflict because they have differing arguments. Use "
        "different aliases on the fields to fetch both if this was intentional.");
    // Example 122: different parents that are exclusive may differ in name and arguments.
    expect_valid(
        "fragment safeDifferingFields on Pet { ... on Dog { volume: barkVolume } "
        "... on Cat { volume: meowVolume } } "
        "fragment safeDifferingArgs on Pet { ... on Dog { doesKnowCommand(dogCommand: SIT) } "
        "... on Cat { doesKnowCommand(catCommand: JUMP) } } "
        "{ pet { ...safeDifferingFields ...safeDifferingArgs } }");
    // Example 123: but not conflicting return shapes.
    expect_error(
        "fragment conflictingDifferingResponses on Pet { ... on Dog { someValue: nickname } "
        "... on Cat { someValue: meowVolume } } { pet { ...conflictingDifferingResponses } }",
        "Fields \"someValue\" conflict because they return conflicting types \"String\" "
        "and \"Int\". Use different aliases on the fields to fetch both if this was "
        "intentional.");
    // Sub-selections are merged too.
    expect_error("{ dog { owner { name } } dog { owner { name: pets { name } } } }",
                 "Fields \"dog\" conflict because subfields \"owner\" conflict because subfields "
                 "\"name\" conflict because \"name\" and \"pets\" are different fields. Use "
                 "different aliases on the fields to fetch both if this was intentional.");
}

// §5.3.3 Leaf Field Selections (Examples 124-127).
TEST_F(GraphqlValidateTest, LeafFieldSelections) {
    expect_valid("fragment scalarSelection on Dog { barkVolume } { dog { ...scalarSelection } }");
    expect_error(
        "fragment scalarSelectionsNotAllowedOnInt on Dog { barkVolume { sinceWhen } } "
        "{ dog { ...scalarSelectionsNotAllowedOnInt } }",
        "Field \"barkVolume\" must not have a selection since type \"Int\" has no "
        "subfields.");
    expect_error("query directQueryOnObjectWithoutSubFields { human }",
                 "Field \"human\" of type \"Human\" must have a selection of subfields. Did you "
                 "mean \"human { ... }\"?");
    expect_error("query directQueryOnInterfaceWithoutSubFields { pet }",
                 "Field \"pet\" of type \"Pet\" must have a selection of subfields. Did you mean "
                 "\"pet { ... }\"?");
    expect_error("query directQueryOnUnionWithoutSubFields { catOrDog }",
                 "Field \"catOrDog\" of type \"CatOrDog\" must have a selection of subfields. Did "
                 "you mean \"catOrDog { ... }\"?");
}

// §5.4.1 Argument Names (Examples 128-131).
TEST_F(GraphqlValidateTest, ArgumentNames) {
    expect_valid(
        "fragment argOnRequiredArg on Dog { doesKnowCommand(dogCommand: SIT) } "
        "fragment argOnOptional on Dog { isHouseTrained(atOtherHomes: true) @include(if: true) } "
        "{ dog { ...argOnRequiredArg ...argOnOptional } }");
    expect_error(
        "fragment invalidArgName on Dog { doesKnowCommand(command: CLEAN_UP_HOUSE) } "
        "{ dog { ...invalidArgName } }",
        "Unknown argument \"command\" on field \"Dog.doesKnowCommand\".");
    expect_error(
        "fragment invalidArgName on Dog { isHouseTrained(atOtherHomes: true) "
        "@include(unless: false) } { dog { ...invalidArgName } }",
        "Unknown argument \"unless\" on directive \"@include\".");
    expect_valid(
        "{ arguments { multipleRequirements(x: 1, y: 2) a: multipleRequirements(y: 2, x: 1) } }");
}

// §5.4.2 Argument Uniqueness.
TEST_F(GraphqlValidateTest, ArgumentUniqueness) {
    expect_error("{ dog { isHouseTrained(atOtherHomes: true, atOtherHomes: false) } }",
                 "There can be only one argument named \"atOtherHomes\".");
}

// §5.4.2.1 Required Arguments (Examples 132-136).
TEST_F(GraphqlValidateTest, RequiredArguments) {
    expect_valid(
        "fragment goodBooleanArg on Arguments { booleanArgField(booleanArg: true) } "
        "fragment goodNonNullArg on Arguments { nonNullBooleanArgField(nonNullBooleanArg: true) } "
        "fragment goodBooleanArgDefault on Arguments { booleanArgField } "
        "fragment optionalDefault on Arguments { optionalNonNullBooleanArgField } "
        "{ a: arguments { ...goodBooleanArg ...goodNonNullArg ...optionalDefault } "
        "b: arguments { ...goodBooleanArgDefault } }");
    expect_error(
        "fragment missingRequiredArg on Arguments { nonNullBooleanArgField } "
        "{ arguments { ...missingRequiredArg } }",
        "Field \"nonNullBooleanArgField\" argument \"nonNullBooleanArg\" of type "
        "\"Boolean!\" is required, but it was not provided.");
    expect_error(
        "fragment missingRequiredArg on Arguments { nonNullBooleanArgField(nonNullBooleanArg: "
        "null) } "
        "{ arguments { ...missingRequiredArg } }",
        "Expected value of type \"Boolean!\", found null.");
    expect_error("{ dog { name @include } }",
                 "Directive \"@include\" argument \"if\" of type \"Boolean!\" is required, but it "
                 "was not provided.");
}

// §5.5.1.1 Fragment Name Uniqueness (Examples 137-138).
TEST_F(GraphqlValidateTest, FragmentNameUniqueness) {
    expect_valid(
        "{ dog { ...fragmentOne ...fragmentTwo } } "
        "fragment fragmentOne on Dog { name } fragment fragmentTwo on Dog { owner { name } }");
    expect_error(
        "{ dog { ...fragmentOne } } fragment fragmentOne on Dog { name } "
        "fragment fragmentOne on Dog { owner { name } }",
        "There can be only one fragment named \"fragmentOne\".");
}

// §5.5.1.2 Fragment Spread Type Existence (Examples 139-140).
TEST_F(GraphqlValidateTest, FragmentSpreadTypeExistence) {
    expect_valid(
        "fragment correctType on Dog { name } "
        "fragment inlineFragment on Dog { ... on Dog { name } } "
        "fragment inlineFragment2 on Dog { ... @include(if: true) { name } } "
        "{ dog { ...correctType ...inlineFragment ...inlineFragment2 } }");
    expect_error(
        "fragment notOnExistingType on NotInSchema { name } { dog { ...notOnExistingType } }",
        "Unknown type \"NotInSchema\".");
    expect_error(
        "fragment inlineNotExistingType on Dog { ... on NotInSchema { name } } "
        "{ dog { ...inlineNotExistingType } }",
        "Unknown type \"NotInSchema\".");
}

// §5.5.1.3 Fragments On Composite Types (Examples 141-142).
TEST_F(GraphqlValidateTest, FragmentsOnCompositeTypes) {
    expect_valid(
        "fragment fragOnObject on Dog { name } fragment fragOnInterface on Pet { name } "
        "fragment fragOnUnion on CatOrDog { ... on Dog { name } } "
        "{ dog { ...fragOnObject ...fragOnInterface ...fragOnUnion } }");
    expect_error("fragment fragOnScalar on Int { something } { dog { ...fragOnScalar } }",
                 "Fragment \"fragOnScalar\" cannot condition on non composite type \"Int\".");
    expect_error(
        "fragment inlineFragOnScalar on Dog { ... on Boolean { somethingElse } } "
        "{ dog { ...inlineFragOnScalar } }",
        "Fragment cannot condition on non composite type \"Boolean\".");
}

// §5.5.1.4 Fragments Must Be Used (Example 143).
TEST_F(GraphqlValidateTest, FragmentsMustBeUsed) {
    expect_error("fragment nameFragment on Dog { name } { dog { name } }",
                 "Fragment \"nameFragment\" is never used.");
}

// §5.5.2.1 Fragment spread target defined (Example 144).
TEST_F(GraphqlValidateTest, FragmentSpreadTargetDefined) {
    expect_error("{ dog { ...undefinedFragment } }", "Unknown fragment \"undefinedFragment\".");
}

// §5.5.2.2 Fragment spreads must not form cycles (Examples 145-148).
TEST_F(GraphqlValidateTest, FragmentSpreadsMustNotFormCycles) {
    expect_error(
        "{ dog { ...nameFragment } } "
        "fragment nameFragment on Dog { name ...barkVolumeFragment } "
        "fragment barkVolumeFragment on Dog { barkVolume ...nameFragment }",
        "Cannot spread fragment \"nameFragment\" within itself via "
        "\"barkVolumeFragment\".");
    expect_error(
        "{ dog { ...dogFragment } } "
        "fragment dogFragment on Dog { name owner { ...ownerFragment } } "
        "fragment ownerFragment on Human { name pets { ...dogFragment } }",
        "Cannot spread fragment \"dogFragment\" within itself via \"ownerFragment\".");
    expect_error("{ dog { ...selfie } } fragment selfie on Dog { name ...selfie }",
                 "Cannot spread fragment \"selfie\" within itself.");
}

// §5.5.2.3.1 Object Spreads In Object Scope (Examples 149-150).
TEST_F(GraphqlValidateTest, ObjectSpreadsInObjectScope) {
    expect_valid(
        "fragment dogFragment on Dog { ... on Dog { barkVolume } } { dog { ...dogFragment } }");
    expect_error(
        "fragment catInDogFragmentInvalid on Dog { ... on Cat { meowVolume } } "
        "{ dog { ...catInDogFragmentInvalid } }",
        "Fragment cannot be spread here as objects of type \"Dog\" can never be of type "
        "\"Cat\".");
}

// §5.5.2.3.2 Abstract Spreads in Object Scope (Example 151).
TEST_F(GraphqlValidateTest, AbstractSpreadsInObjectScope) {
    expect_valid(
        "fragment petNameFragment on Pet { name } "
        "fragment interfaceWithinObjectFragment on Dog { ...petNameFragment } "
        "fragment catOrDogNameFragment on CatOrDog { ... on Cat { meowVolume } } "
        "fragment unionWithObjectFragment on Dog { ...catOrDogNameFragment } "
        "{ dog { ...interfaceWithinObjectFragment ...unionWithObjectFragment } }");
}

// §5.5.2.3.3 Object Spreads In Abstract Scope (Examples 152-153).
TEST_F(GraphqlValidateTest, ObjectSpreadsInAbstractScope) {
    expect_valid(
        "fragment petFragment on Pet { name ... on Dog { barkVolume } } "
        "fragment catOrDogFragment on CatOrDog { ... on Cat { meowVolume } } "
        "{ pet { ...petFragment } catOrDog { ...catOrDogFragment } }");
    expect_error(
        "fragment sentientFragment on Sentient { ... on Dog { barkVolume } } "
        "{ human { ...sentientFragment } }",
        "Fragment cannot be spread here as objects of type \"Sentient\" can never be of "
        "type \"Dog\".");
    expect_error(
        "fragment humanOrAlienFragment on HumanOrAlien { ... on Cat { meowVolume } } "
        "{ human { ...humanOrAlienFragment } }",
        "Fragment cannot be spread here as objects of type \"HumanOrAlien\" can never "
        "be of type \"Cat\".");
}

// §5.5.2.3.4 Abstract Spreads in Abstract Scope (Examples 154-155).
TEST_F(GraphqlValidateTest, AbstractSpreadsInAbstractScope) {
    expect_valid(
        "fragment unionWithInterface on Pet { ...dogOrHumanFragment } "
        "fragment dogOrHumanFragment on DogOrHuman { ... on Dog { barkVolume } } "
        "{ pet { ...unionWithInterface } }");
    expect_error(
        "fragment nonIntersectingInterfaces on Pet { ...sentientFragment } "
        "fragment sentientFragment on Sentient { name } "
        "{ pet { ...nonIntersectingInterfaces } }",
        "Fragment \"sentientFragment\" cannot be spread here as objects of type \"Pet\" "
        "can never be of type \"Sentient\".");
}

// §5.6.1 Values of Correct Type (Examples 156-157).
TEST_F(GraphqlValidateTest, ValuesOfCorrectType) {
    expect_valid(
        "fragment goodBooleanArg on Arguments { booleanArgField(booleanArg: true) } "
        "fragment coercedIntIntoFloatArg on Arguments { floatArgField(floatArg: 123) } "
        "query goodComplexDefaultValue($search: FindDogInput = { name: \"Fido\" }) { "
        "findDog(searchBy: $search) { name } arguments { ...goodBooleanArg "
        "...coercedIntIntoFloatArg } }");
    expect_error(
        "fragment stringIntoInt on Arguments { intArgField(intArg: \"123\") } "
        "{ arguments { ...stringIntoInt } }",
        "Expected value of type \"Int\", found \"123\".");
    expect_error("query badComplexValue { findDog(searchBy: { name: 123 }) { name } }",
                 "Expected value of type \"String\", found 123.");
    expect_error("{ arguments { intArgField(intArg: 3000000000) } }",
                 "Expected value of type \"Int\", found 3000000000.");
    expect_error("{ dog { doesKnowCommand(dogCommand: \"SIT\") } }",
                 "Enum \"DogCommand\" cannot represent non-enum value: \"SIT\".");
    expect_error("{ dog { doesKnowCommand(dogCommand: JUMP) } }",
                 "Value \"JUMP\" does not exist in \"DogCommand\" enum.");
    expect_error("query q($v: Int = \"x\") { arguments { intArgField(intArg: $v) } }",
                 "Expected value of type \"Int\", found \"x\".");
    expect_valid("{ arguments { booleanListArgField(booleanListArg: true) } }");
}

// §5.6.2 Input Object Field Names (Examples 158-159).
TEST_F(GraphqlValidateTest, InputObjectFieldNames) {
    expect_valid("{ findDog(searchBy: { name: \"Fido\" }) { name } }");
    expect_error("{ findDog(searchBy: { favoriteCookieFlavor: \"Bacon\" }) { name } }",
                 "Field \"favoriteCookieFlavor\" is not defined by type \"FindDogInput\".");
}

// §5.6.3 Input Object Field Uniqueness (Example 160).
TEST_F(GraphqlValidateTest, InputObjectFieldUniqueness) {
    expect_error("{ findDog(searchBy: { name: \"Fido\", name: \"Fido\" }) { name } }",
                 "There can be only one input field named \"name\".");
}

// §5.6.4 Input Object Required Fields.
TEST(GraphqlValidateRequiredInputFieldTest, InputObjectRequiredFields) {
    SchemaBuilder b;
    b.add_object("Query").field("f", "Int").arg("in", "In");
    b.add_input_object("In").input_field("a", "Int!").input_field("b", "Int!", "1");
    auto s = b.build();
    ASSERT_TRUE(s.has_value());
    auto doc = parse("{ f(in: { b: 2 }) ok: f(in: { a: 1 }) }");
    ASSERT_TRUE(doc.has_value());
    auto errors = validate(**s, *doc);
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, "Field \"In.a\" of required type \"Int!\" was not provided.");
    EXPECT_EQ(errors[0].locations.at(0), (SourceLocation{1, 9}));
}

// §5.7.1 Directives Are Defined.
TEST_F(GraphqlValidateTest, DirectivesAreDefined) {
    expect_error("{ dog { name @unknown } }", "Unknown directive \"@unknown\".");
}

// §5.7.2 Directives Are In Valid Locations (Example 161).
TEST_F(GraphqlValidateTest, DirectivesAreInValidLocations) {
    expect_error("query @skip(if: $foo) { dog { name } }",
                 "Directive \"@skip\" may not be used on QUERY.");
}

// §5.7.3 Directives Are Unique Per Location (Examples 162-163).
TEST_F(GraphqlValidateTest, DirectivesAreUniquePerLocation) {
    expect_error(
        "query ($foo: Boolean = true, $bar: Boolean = false) { "
        "dog @skip(if: $foo) @skip(if: $bar) { name } }",
        "The directive \"@skip\" can only be used once at this location.");
    expect_valid(
        "query ($foo: Boolean = true, $bar: Boolean = false) { "
        "dog @skip(if: $foo) { name } dog @skip(if: $bar) { nickname } }");
}

// §5.8.1 Variable Uniqueness (Examples 164-165).
TEST_F(GraphqlValidateTest, VariableUniqueness) {
    expect_error(
        "query houseTrainedQuery($atOtherHomes: Boolean, $atOtherHomes: Boolean) { "
        "dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }",
        "There can be only one variable named \"$atOtherHomes\".");
    expect_valid(
        "query A($atOtherHomes: Boolean) { ...HouseTrainedFragment } "
        "query B($atOtherHomes: Boolean) { ...HouseTrainedFragment } "
        "fragment HouseTrainedFragment on Query { dog { isHouseTrained(atOtherHomes: "
        "$atOtherHomes) } }");
}

// §5.8.2 Variables Are Input Types (Examples 166-168).
TEST_F(GraphqlValidateTest, VariablesAreInputTypes) {
    expect_valid(
        "query takesBoolean($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: "
        "$atOtherHomes) } } "
        "query takesComplexInput($complexInput: ComplexInput) { findDog(complexInput: "
        "$complexInput) { name } } "
        "query TakesListOfBooleanBang($booleans: [Boolean!]) { booleanList(booleanListArg: "
        "$booleans) }");
    expect_error("query takesCat($cat: Cat) { dog { name } }",
                 "Variable \"$cat\" cannot be non-input type \"Cat\".");
    expect_error("query takesDogBang($dog: Dog!) { dog { name } }",
                 "Variable \"$dog\" cannot be non-input type \"Dog!\".");
    expect_error("query takesListOfPet($pets: [Pet]) { dog { name } }",
                 "Variable \"$pets\" cannot be non-input type \"[Pet]\".");
    expect_error("query takesCatOrDog($catOrDog: CatOrDog) { dog { name } }",
                 "Variable \"$catOrDog\" cannot be non-input type \"CatOrDog\".");
    expect_error("query q($x: Nope) { dog { name } }", "Unknown type \"Nope\".");
}

// §5.8.3 All Variable Uses Defined (Examples 169-176).
TEST_F(GraphqlValidateTest, AllVariableUsesDefined) {
    expect_valid(
        "query variableIsDefined($atOtherHomes: Boolean) { dog { isHouseTrained(atOtherHomes: "
        "$atOtherHomes) } }");
    expect_error(
        "query variableIsNotDefined { dog { isHouseTrained(atOtherHomes: $atOtherHomes) } }",
        "Variable \"$atOtherHomes\" is not defined by operation \"variableIsNotDefined\".");
    expect_valid(
        "query variableIsDefinedUsedInSingleFragment($atOtherHomes: Boolean) { dog { "
        "...isHouseTrainedFragment } } "
        "fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }");
    expect_error(
        "query variableIsNotDefinedUsedInSingleFragment { dog { ...isHouseTrainedFragment } } "
        "fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }",
        "Variable \"$atOtherHomes\" is not defined by operation "
        "\"variableIsNotDefinedUsedInSingleFragment\".");
    expect_error(
        "query variableIsNotDefinedUsedInNestedFragment { dog { ...outerHouseTrainedFragment } } "
        "fragment outerHouseTrainedFragment on Dog { ...isHouseTrainedFragment } "
        "fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }",
        "Variable \"$atOtherHomes\" is not defined by operation "
        "\"variableIsNotDefinedUsedInNestedFragment\".");
    expect_error(
        "query housetrainedQueryOne($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } } "
        "query housetrainedQueryTwoNotDefined { dog { ...isHouseTrainedFragment } } "
        "fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }",
        "Variable \"$atOtherHomes\" is not defined by operation "
        "\"housetrainedQueryTwoNotDefined\".");
    expect_error("{ dog { isHouseTrained(atOtherHomes: $x) } }", "Variable \"$x\" is not defined.");
}

// §5.8.4 All Variables Used (Examples 177-180).
TEST_F(GraphqlValidateTest, AllVariablesUsed) {
    expect_error("query variableUnused($atOtherHomes: Boolean) { dog { isHouseTrained } }",
                 "Variable \"$atOtherHomes\" is never used in operation \"variableUnused\".");
    expect_valid(
        "query variableUsedInFragment($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } "
        "} "
        "fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }");
    expect_error(
        "query variableNotUsedWithinFragment($atOtherHomes: Boolean) { dog { "
        "...isHouseTrainedWithoutVariableFragment } } "
        "fragment isHouseTrainedWithoutVariableFragment on Dog { isHouseTrained }",
        "Variable \"$atOtherHomes\" is never used in operation "
        "\"variableNotUsedWithinFragment\".");
    expect_error(
        "query queryWithUsedVar($atOtherHomes: Boolean) { dog { ...isHouseTrainedFragment } } "
        "query queryWithExtraVar($atOtherHomes: Boolean, $extra: Int) { dog { "
        "...isHouseTrainedFragment } } "
        "fragment isHouseTrainedFragment on Dog { isHouseTrained(atOtherHomes: $atOtherHomes) }",
        "Variable \"$extra\" is never used in operation \"queryWithExtraVar\".");
}

// §5.8.5 All Variable Usages Are Allowed (Examples 181-186).
TEST_F(GraphqlValidateTest, AllVariableUsagesAreAllowed) {
    expect_error(
        "query intCannotGoIntoBoolean($intArg: Int) { arguments { booleanArgField(booleanArg: "
        "$intArg) } }",
        "Variable \"$intArg\" of type \"Int\" used in position expecting type "
        "\"Boolean\".");
    expect_error(
        "query booleanListCannotGoIntoBoolean($booleanListArg: [Boolean]) { "
        "arguments { booleanArgField(booleanArg: $booleanListArg) } }",
        "Variable \"$booleanListArg\" of type \"[Boolean]\" used in position expecting "
        "type \"Boolean\".");
    expect_error(
        "query booleanArgQuery($booleanArg: Boolean) { "
        "arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }",
        "Variable \"$booleanArg\" of type \"Boolean\" used in position expecting type "
        "\"Boolean!\".");
    expect_valid(
        "query nonNullListToList($nonNullBooleanList: [Boolean]!) { "
        "arguments { booleanListArgField(booleanListArg: $nonNullBooleanList) } }");
    expect_error(
        "query listToNonNullList($booleanList: [Boolean]) { "
        "arguments { nonNullBooleanListField(nonNullBooleanListArg: $booleanList) } }",
        "Variable \"$booleanList\" of type \"[Boolean]\" used in position expecting "
        "type \"[Boolean]!\".");
    expect_valid(
        "query booleanArgQueryWithDefault($booleanArg: Boolean) { "
        "arguments { optionalNonNullBooleanArgField(optionalBooleanArg: $booleanArg) } }");
    expect_valid(
        "query booleanArgQueryWithDefault($booleanArg: Boolean = true) { "
        "arguments { nonNullBooleanArgField(nonNullBooleanArg: $booleanArg) } }");
    expect_valid(
        "query q($b: Boolean!) { arguments { booleanListArgField(booleanListArg: [$b]) } }");
}

TEST_F(GraphqlValidateTest, CollectsAllErrorsWithLocationsAndPath) {
    auto errors = check("query {\n  dog {\n    owner { nope }\n    meowVolume\n  }\n  bad\n}");
    ASSERT_EQ(errors.size(), 3u);
    EXPECT_EQ(errors[0].message, "Cannot query field \"nope\" on type \"Human\".");
    EXPECT_EQ(errors[0].locations.at(0), (SourceLocation{3, 13}));
    EXPECT_EQ(errors[0].path, (std::vector<std::string>{"dog", "owner", "nope"}));
    EXPECT_EQ(errors[1].path, (std::vector<std::string>{"dog", "meowVolume"}));
    EXPECT_EQ(errors[2].message, "Cannot query field \"bad\" on type \"Query\".");
    EXPECT_EQ(errors[2].rule, ValidationRule::kFieldsOnCorrectType);
    EXPECT_EQ(to_string(errors[2].rule), "FieldsOnCorrectType");
}

TEST_F(GraphqlValidateTest, TagsEachErrorWithItsRule) {
    auto rule_of = [&](std::string_view q) {
        auto e = check(q);
        return e.empty() ? ValidationRule::kNone : e[0].rule;
    };
    EXPECT_EQ(rule_of("query ($x: Int) { dog { name } }"), ValidationRule::kNoUnusedVariables);
    EXPECT_EQ(rule_of("{ dog { isHouseTrained(atOtherHomes: $x) } }"),
              ValidationRule::kNoUndefinedVariables);
    EXPECT_EQ(rule_of("query ($x: Int) { dog { isHouseTrained(atOtherHomes: $x) } }"),
              ValidationRule::kVariablesInAllowedPosition);
    EXPECT_EQ(rule_of("{ dog { name { x } } }"), ValidationRule::kScalarLeafs);
    EXPECT_EQ(rule_of("{ dog { name @skip(if: true) @skip(if: true) } }"),
              ValidationRule::kUniqueDirectivesPerLocation);
}

TEST_F(GraphqlValidateTest, MutationWithoutMutationRoot) {
    expect_error("mutation { dog { name } }",
                 "Schema is not configured to execute mutation operation.");
}

TEST_F(GraphqlValidateTest, IntrospectionFieldsAreKnown) {
    expect_valid(
        "{ __typename __schema { types { name } } __type(name: \"Dog\") { name } "
        "dog { __typename } }");
    expect_error("{ dog { __schema { types { name } } } }",
                 "Cannot query field \"__schema\" on type \"Dog\".");
}

TEST_F(GraphqlValidateTest, HostileFragmentFanOutIsBounded) {
    // Each fragment spreads the next twice: 2^20 field pairs if expanded naively.
    std::string q = "{ dog { ...F0 } } ";
    for (int i = 0; i < 20; ++i) {
        q += "fragment F" + std::to_string(i) + " on Dog { name ...F" + std::to_string(i + 1) +
             " ...F" + std::to_string(i + 1) + " } ";
    }
    q += "fragment F20 on Dog { name }";
    const auto start = std::chrono::steady_clock::now();
    auto errors = check(q);
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
    EXPECT_TRUE(errors.empty()) << errors[0].message;
}

}  // namespace
}  // namespace ward::engine::graphql

namespace ward::engine::graphql {
namespace {

TEST_F(GraphqlValidateTest, LongFragmentChainIsRefusedWithoutExhaustingTheStack) {
    std::string q = "{ dog { ...F0 } } ";
    for (int i = 0; i < 5000; ++i) {
        q += "fragment F" + std::to_string(i) + " on Dog { ...F" + std::to_string(i + 1) + " } ";
    }
    q += "fragment F5000 on Dog { name }";
    expect_error(q, "Fragment spreads are nested more than 128 levels deep.");
}

// Every prefix and many single-byte corruptions of a real query: parse, then validate and
// prepare whatever parses. Nothing may crash or throw (run under ASan/UBSan in CI).
TEST_F(GraphqlValidateTest, SurvivesTruncatedAndCorruptedDocuments) {
    const std::string base =
        "query Q($a: Boolean = true, $c: DogCommand!) { dog @include(if: $a) { name "
        "doesKnowCommand(dogCommand: $c) ...F ... on Dog { owner { pets { name } } } } "
        "findDog(searchBy: {name: \"x\\u00e9\", owner: \"\"\"o\"\"\"}) { nickname } } "
        "fragment F on Pet { name ... on Cat { meowVolume } }";
    const std::string noise = "{}()[]$@!:=.|\"\\ \n#aZ0-9";
    std::vector<std::string> inputs;
    for (std::size_t n = 0; n <= base.size(); ++n) inputs.push_back(base.substr(0, n));
    for (std::size_t i = 0; i < base.size(); ++i) {
        std::string m = base;
        m[i] = noise[i % noise.size()];
        inputs.push_back(m);
    }
    core::json::object vars;
    vars["c"] = "SIT";
    for (const auto& text : inputs) {
        auto doc = parse(text);
        if (!doc) {
            EXPECT_FALSE(doc.error().message.empty());
            continue;
        }
        auto errors = validate(*schema_, *doc);
        for (const auto& e : errors) EXPECT_FALSE(e.message.empty());
        auto op = prepare_operation(*schema_, *doc, "", vars);
        (void)op;
    }
}

}  // namespace
}  // namespace ward::engine::graphql
