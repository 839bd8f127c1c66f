#include "host/plugins/PluginLibrary.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/plugins/HostServices.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"

namespace pricefeed::host {
namespace {

using test::faulty_plugin;
using ::testing::HasSubstr;
using ::testing::StartsWith;

std::string refusal_of(const std::string& name) {
  try {
    PluginLibrary::load(faulty_plugin(name), host_services());
  } catch (const PluginRefused& e) {
    return e.what();
  }
  return "loaded";
}

TEST(PluginLibrary, LoadsAValidPluginAndCopiesItsDescriptor) {
  auto lib = PluginLibrary::load(faulty_plugin("valid_c"), host_services());
  EXPECT_EQ(lib->name(), "valid_c");
  EXPECT_EQ(lib->version(), "0.0.1");
  EXPECT_EQ(lib->abi_version(), PRICEFEED_ABI_VERSION);
  EXPECT_EQ(lib->descriptor().struct_size, sizeof(pricefeed_source_descriptor));
  EXPECT_EQ(lib->descriptor().max_quote_batch, 10u);
  EXPECT_EQ(lib->descriptor().list_assets, nullptr);
}

TEST(PluginLibrary, RefusesAFileThatIsNotASharedLibrary) {
  EXPECT_THAT(refusal_of("not_elf"), StartsWith("not a loadable shared library: "));
  EXPECT_THAT(refusal_of("not_elf"), HasSubstr("not_elf.so"));
}

TEST(PluginLibrary, RefusesALibraryWithoutTheVersionSymbol) {
  EXPECT_EQ(refusal_of("not_a_plugin"),
            "no pricefeed_abi_version symbol: not a pricefeed plugin (see docs/writing-a-plugin.md)");
}

TEST(PluginLibrary, RefusesALibraryWithoutTheEntrySymbol) {
  EXPECT_EQ(refusal_of("no_entry"), "no pricefeed_plugin_entry symbol (ABI 1.0)");
}

TEST(PluginLibrary, RefusesAnotherMajorVersionWithoutCallingItsEntry) {
  // The plugin's entry aborts the process if called, so reaching the assertion proves it was not.
  EXPECT_EQ(refusal_of("abi_major_2"),
            "built for ABI 2.0 but this host speaks ABI 1.0: rebuild the plugin against SDK 1.x");
}

TEST(PluginLibrary, RefusesANewerMinorVersionWithoutCallingItsEntry) {
  EXPECT_EQ(
      refusal_of("abi_minor_newer"),
      "built for ABI 1.9, newer than this host's ABI 1.0: upgrade pricefeed or rebuild the plugin against "
      "SDK 1.0");
}

TEST(PluginLibrary, RefusesADescriptorLargerThanTheHostKnows) {
  const auto known = std::to_string(sizeof(pricefeed_source_descriptor));
  const auto given = std::to_string(sizeof(pricefeed_source_descriptor) + 4 * sizeof(uint64_t));
  EXPECT_EQ(refusal_of("oversized_descriptor"), "descriptor is " + given + " bytes, larger than the " +
                                                    known +
                                                    " this host knows: the plugin needs a "
                                                    "newer pricefeed");
}

TEST(PluginLibrary, RefusesAnEntryThatFails) {
  EXPECT_EQ(refusal_of("entry_fails"), "pricefeed_plugin_entry failed with code 7");
}

TEST(PluginLibrary, ReportsAMissingFile) {
  EXPECT_THAT(refusal_of("does_not_exist"), StartsWith("cannot stat file "));
}

}  // namespace
}  // namespace pricefeed::host
