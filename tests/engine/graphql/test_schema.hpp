// The example schema of GraphQL spec §5 (Dog, Cat, Human, Pet, ...) shared by the tests.
#pragma once

#include <memory>

#include "engine/graphql/schema.hpp"

namespace ward::engine::graphql::testing {

inline std::shared_ptr<const Schema> spec_schema() {
    SchemaBuilder b;
    b.add_object("Query")
        .field("dog", "Dog")
        .field("findDog", "Dog")
        .arg("searchBy", "FindDogInput")
        .arg("complexInput", "ComplexInput")
        .field("arguments", "Arguments")
        .field("human", "Human")
        .field("pet", "Pet")
        .field("catOrDog", "CatOrDog")
        .field("booleanList", "Boolean")
        .arg("booleanListArg", "[Boolean!]");
    b.add_object("Subscription")
        .field("newMessage", "Message")
        .field("disallowedSecondRootField", "Boolean");
    b.add_object("Message").field("body", "String").field("sender", "String");
    b.add_enum("DogCommand").value("SIT").value("DOWN").value("HEEL");
    b.add_enum("CatCommand").value("JUMP");
    b.add_interface("Sentient").field("name", "String!");
    b.add_interface("Pet").field("name", "String!");
    b.add_object("Dog")
        .implements("Pet")
        .field("name", "String!")
        .field("nickname", "String")
        .field("barkVolume", "Int")
        .field("doesKnowCommand", "Boolean!")
        .arg("dogCommand", "DogCommand!")
        .field("isHouseTrained", "Boolean!")
        .arg("atOtherHomes", "Boolean")
        .field("owner", "Human");
    b.add_object("Alien")
        .implements("Sentient")
        .field("name", "String!")
        .field("homePlanet", "String");
    b.add_object("Human").implements("Sentient").field("name", "String!").field("pets", "[Pet!]");
    b.add_object("Cat")
        .implements("Pet")
        .field("name", "String!")
        .field("nickname", "String")
        .field("doesKnowCommand", "Boolean!")
        .arg("catCommand", "CatCommand!")
        .field("meowVolume", "Int");
    b.add_union("CatOrDog").member("Cat").member("Dog");
    b.add_union("DogOrHuman").member("Dog").member("Human");
    b.add_union("HumanOrAlien").member("Human").member("Alien");
    b.add_input_object("FindDogInput").input_field("name", "String").input_field("owner", "String");
    b.add_input_object("ComplexInput").input_field("name", "String").input_field("owner", "String");
    b.add_object("Arguments")
        .field("multipleRequirements", "Int!")
        .arg("x", "Int!")
        .arg("y", "Int!")
        .field("booleanArgField", "Boolean")
        .arg("booleanArg", "Boolean")
        .field("floatArgField", "Float")
        .arg("floatArg", "Float")
        .field("intArgField", "Int")
        .arg("intArg", "Int")
        .field("nonNullBooleanArgField", "Boolean!")
        .arg("nonNullBooleanArg", "Boolean!")
        .field("booleanListArgField", "[Boolean]")
        .arg("booleanListArg", "[Boolean]!")
        .field("nonNullBooleanListField", "[Boolean]")
        .arg("nonNullBooleanListArg", "[Boolean]!")
        .field("optionalNonNullBooleanArgField", "Boolean!")
        .arg("optionalBooleanArg", "Boolean!", "false");
    b.set_subscription_type("Subscription");
    auto s = b.build();
    return s ? *s : nullptr;
}

}  // namespace ward::engine::graphql::testing
