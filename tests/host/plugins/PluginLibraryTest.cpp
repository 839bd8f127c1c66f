#include "host/plugins/PluginLibrary.hpp"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/plugins/HostServices.hpp"
#include "tests/host/plugins/Abi10Plugins.hpp"
#include "tests/host/plugins/FaultyPlugins.hpp"
#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

namespace fs = std::filesystem;
using test::abi_1_0_plugin;
using test::faulty_plugin;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

std::string refusal_of_file(const fs::path& file) {
  try {
    PluginLibrary::load(file, host_services());
  } catch (const PluginRefused& e) {
    return e.what();
  }
  return "loaded";
}

std::string refusal_of(const std::string& faulty_plugin_name) {
  return refusal_of_file(faulty_plugin(faulty_plugin_name));
}

constexpr std::uint32_t kAbi1_0 = 1u << 16;

TEST(PluginLibrary, LoadsAValidPluginAndCopiesItsDescriptor) {
  auto lib = PluginLibrary::load(faulty_plugin("valid_c"), host_services());
  EXPECT_EQ(lib->name(), "valid_c");
  EXPECT_EQ(lib->version(), "0.0.1");
  EXPECT_EQ(lib->abi_version(), PRICEFEED_ABI_VERSION);
  EXPECT_EQ(lib->descriptor().struct_size, sizeof(pricefeed_source_descriptor));
  EXPECT_EQ(lib->descriptor().max_quote_batch, 10u);
  EXPECT_EQ(lib->descriptor().list_assets, nullptr);
}

TEST(PluginLibrary, RefusesAFileThatIsNotASharedLibraryNamingItsRealPath) {
  EXPECT_THAT(refusal_of("not_elf"), StartsWith("not a loadable shared library: "));
  EXPECT_THAT(refusal_of("not_elf"), HasSubstr(fs::canonical(faulty_plugin("not_elf")).string()));
  EXPECT_THAT(refusal_of("not_elf"), Not(HasSubstr("/proc/self/fd")));
}

TEST(PluginLibrary, RefusesALibraryWithoutTheVersionSymbol) {
  EXPECT_EQ(refusal_of("not_a_plugin"),
            "no pricefeed_abi_version symbol: not a pricefeed plugin (see docs/writing-a-plugin.md)");
}

TEST(PluginLibrary, RefusesALibraryWithoutTheEntrySymbol) {
  EXPECT_EQ(refusal_of("no_entry"), "no pricefeed_plugin_entry symbol (ABI 1.1)");
}

TEST(PluginLibrary, RefusesAnotherMajorVersionWithoutCallingItsEntry) {
  // The plugin's entry aborts the process if called, so reaching the assertion proves it was not.
  EXPECT_EQ(refusal_of("abi_major_2"),
            "built for ABI 2.0 but this host speaks ABI 1.1: rebuild the plugin against SDK 1.x");
}

// abi_minor_newer claims the minor after the host's. This is the rule, and the very check, by which
// a 1.0 host refuses a 1.1 plugin: the 1.0 host's loader compares minors the same way.
TEST(PluginLibrary, RefusesAPluginOneMinorNewerThanTheHostWithoutCallingItsEntry_AsA10HostRefusesA11Plugin) {
  EXPECT_EQ(
      refusal_of("abi_minor_newer"),
      "built for ABI 1.2, newer than this host's ABI 1.1: upgrade pricefeed or rebuild the plugin against "
      "SDK 1.1");
}

TEST(PluginLibrary, LoadsAPluginBuiltAgainstTheFrozen10HeadersAsA10PluginWithoutStream) {
  auto lib = PluginLibrary::load(abi_1_0_plugin("valid_c"), host_services());
  EXPECT_EQ(lib->abi_version(), kAbi1_0);
  EXPECT_EQ(lib->name(), "valid_c");
  EXPECT_EQ(lib->descriptor().struct_size, sizeof(pricefeed_source_descriptor));
  EXPECT_EQ(lib->descriptor().capabilities, std::uint32_t{PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES});
  EXPECT_EQ(lib->descriptor().stream_subscribe, nullptr);
  EXPECT_EQ(lib->descriptor().stream_frame, nullptr);
}

// The plugin's descriptor says it is as large as 1.1's, and its bytes after the 1.0 fields are 0xA5:
// read as 1.1 fields they would be a stream with two wild function pointers.
TEST(PluginLibrary, NeverReadsA11FieldFromA10DescriptorWhateverItsStructSizeSays) {
  auto lib = PluginLibrary::load(abi_1_0_plugin("garbage_after_descriptor"), host_services());
  EXPECT_EQ(lib->abi_version(), kAbi1_0);
  const pricefeed_source_descriptor& d = lib->descriptor();
  EXPECT_EQ(d.capabilities & PRICEFEED_CAP_STREAM, 0u);
  EXPECT_EQ(d.stream_max_subscriptions, 0u);
  EXPECT_EQ(d.stream_max_messages_per_second, 0u);
  EXPECT_EQ(d.stream_max_connection_seconds, 0);
  EXPECT_EQ(d.stream_subscribe, nullptr);
  EXPECT_EQ(d.stream_frame, nullptr);
}

TEST(PluginLibrary, RefusesA10PluginDeclaringStreamByName) {
  EXPECT_EQ(refusal_of_file(abi_1_0_plugin("declares_stream")),
            "built for ABI 1.0 but declares stream, a capability of ABI 1.1: rebuild it against SDK 1.1");
}

TEST(PluginLibrary, RefusesA11PluginDeclaringStreamWithoutStreamFrame) {
  EXPECT_EQ(refusal_of("stream_without_frame"), "descriptor declares stream but has no stream_frame");
}

TEST(PluginLibrary, LoadsA11PluginDeclaringStreamWithItsLimits) {
  auto lib = PluginLibrary::load(faulty_plugin("streams_c"), host_services());
  EXPECT_EQ(lib->abi_version(), PRICEFEED_ABI_VERSION);
  EXPECT_NE(lib->descriptor().capabilities & PRICEFEED_CAP_STREAM, 0u);
  EXPECT_EQ(lib->descriptor().stream_max_subscriptions, 1024u);
  EXPECT_EQ(lib->descriptor().stream_max_messages_per_second, 5u);
  EXPECT_EQ(lib->descriptor().stream_max_connection_seconds, 86400);
}

// valid_c's source, built against 1.1 and against the frozen 1.0 headers: setting no stream field, the
// 1.1 build is the 1.0 build to the host (their calls are compared in SourceInstanceAbi10Test.cpp).
TEST(PluginLibrary, A11BuildThatSetsNoStreamFieldHasTheDescriptorOfIts10Build) {
  auto as_1_1 = PluginLibrary::load(faulty_plugin("valid_c"), host_services());
  auto as_1_0 = PluginLibrary::load(abi_1_0_plugin("valid_c"), host_services());
  EXPECT_EQ(as_1_1->abi_version(), PRICEFEED_ABI_VERSION);
  EXPECT_EQ(as_1_0->abi_version(), kAbi1_0);
  const pricefeed_source_descriptor& a = as_1_1->descriptor();
  const pricefeed_source_descriptor& b = as_1_0->descriptor();
  EXPECT_EQ(a.struct_size, b.struct_size);
  EXPECT_STREQ(a.name, b.name);
  EXPECT_STREQ(a.version, b.version);
  EXPECT_STREQ(a.description, b.description);
  EXPECT_EQ(a.asset_classes, b.asset_classes);
  EXPECT_EQ(a.capabilities, b.capabilities);
  EXPECT_EQ(a.resolutions, b.resolutions);
  EXPECT_EQ(a.max_quote_batch, b.max_quote_batch);
  EXPECT_EQ(a.max_history_span_seconds, b.max_history_span_seconds);
  EXPECT_EQ(a.thread_safe, b.thread_safe);
  // Each build's own functions, but the same ones present.
  EXPECT_EQ(a.list_assets == nullptr, b.list_assets == nullptr);
  EXPECT_EQ(a.resolve_symbol == nullptr, b.resolve_symbol == nullptr);
  for (const pricefeed_source_descriptor* d : {&a, &b}) {
    EXPECT_EQ(d->stream_max_subscriptions, 0u);
    EXPECT_EQ(d->stream_max_messages_per_second, 0u);
    EXPECT_EQ(d->stream_max_connection_seconds, 0);
    EXPECT_EQ(d->stream_subscribe, nullptr);
    EXPECT_EQ(d->stream_frame, nullptr);
  }
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
  EXPECT_EQ(refusal_of("does_not_exist"), "cannot resolve file " + faulty_plugin("does_not_exist").string() +
                                              ": No such file or directory");
}

// Copies of the faulty plugins in a directory of the build tree, whose modes and owners each test sets.
class PluginFileChecks : public ::testing::Test {
 protected:
  fs::path copy(const std::string& plugin, const fs::path& relative) const {
    const fs::path to = dir_.path() / relative;
    fs::create_directories(to.parent_path());
    fs::copy_file(faulty_plugin(plugin), to);
    return to;
  }
  static std::string refusal_of(const fs::path& file) {
    try {
      PluginLibrary::load(file, host_services());
    } catch (const PluginRefused& e) {
      return e.what();
    }
    return "loaded";
  }
  static void set_mode(const fs::path& path, mode_t mode) {
    ASSERT_EQ(::chmod(path.c_str(), mode), 0) << path;
  }
  static bool running_as_root() { return ::geteuid() == 0; }
  static constexpr const char* kNeedsRoot = "needs root: only root can give a file to another user (chown)";

  test::TemporaryDirectory dir_{test::plugin_scratch_dir()};
};

TEST_F(PluginFileChecks, RefusesAFileWritableByItsGroup) {
  const auto file = copy("valid_c", "valid_c.so");
  set_mode(file, 0664);
  EXPECT_EQ(refusal_of(file), "file " + file.string() +
                                  " is writable by its group (mode 0664): run chmod g-w " + file.string());
}

TEST_F(PluginFileChecks, RefusesAFileWritableByOthers) {
  const auto file = copy("valid_c", "valid_c.so");
  set_mode(file, 0646);
  EXPECT_EQ(refusal_of(file),
            "file " + file.string() + " is writable by others (mode 0646): run chmod o-w " + file.string());
}

TEST_F(PluginFileChecks, RefusesAFifoWithoutWaitingForAWriter) {
  const auto fifo = dir_.path() / "fifo.so";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0644), 0);
  EXPECT_EQ(refusal_of(fifo), "file " + fifo.string() + " is not a regular file");
}

TEST_F(PluginFileChecks, RefusesAFileOwnedByAnotherUser) {
  if (!running_as_root()) GTEST_SKIP() << kNeedsRoot;
  const auto file = copy("valid_c", "valid_c.so");
  ASSERT_EQ(::chown(file.c_str(), 65534, 65534), 0);
  EXPECT_THAT(refusal_of(file), StartsWith("file " + file.string() + " is owned by "));
  EXPECT_THAT(refusal_of(file), HasSubstr("(uid 65534), not by root: run chown root " + file.string()));
}

TEST_F(PluginFileChecks, RefusesADirectoryAboveTheFileWritableByItsGroup) {
  const auto file = copy("valid_c", "plugins/valid_c.so");
  set_mode(dir_.path(), 0770);
  const std::string dir = dir_.path().string();
  EXPECT_EQ(refusal_of(file),
            "directory " + dir + " is writable by its group (mode 0770): run chmod g-w " + dir);
}

TEST_F(PluginFileChecks, RefusesADirectoryWritableByEveryone) {
  const auto file = copy("valid_c", "valid_c.so");
  set_mode(dir_.path(), 0777);
  const std::string dir = dir_.path().string();
  EXPECT_EQ(refusal_of(file),
            "directory " + dir + " is writable by its group and others (mode 0777): run chmod go-w " + dir);
}

TEST_F(PluginFileChecks, RefusesADirectoryAboveTheFileOwnedByAnotherUser) {
  if (!running_as_root()) GTEST_SKIP() << kNeedsRoot;
  const auto file = copy("valid_c", "plugins/valid_c.so");
  ASSERT_EQ(::chown(dir_.path().c_str(), 65534, 65534), 0);
  EXPECT_THAT(refusal_of(file), StartsWith("directory " + dir_.path().string() + " is owned by "));
  EXPECT_THAT(refusal_of(file), HasSubstr("(uid 65534), not by root: run chown root " + dir_.path().string() +
                                          ", or move the plugin out of it"));
}

TEST_F(PluginFileChecks, RefusesAPluginInAStickyDirectoryOthersCanAddTo) {
  const auto file = copy("valid_c", "shared/valid_c.so");
  const std::string shared = file.parent_path().string();
  set_mode(file.parent_path(), 01777);
  EXPECT_THAT(refusal_of(file),
              StartsWith("directory " + shared +
                         " is writable by its group and others (mode 1777): the sticky bit "
                         "still lets anyone add files there; keep plugins in a directory only "));
}

// Nobody but its owner can swap a directory inside /tmp: a plugin folder of one's own there is safe.
TEST_F(PluginFileChecks, LoadsAPluginBelowAStickyDirectoryInAFolderOfItsOwn) {
  struct stat tmp {};
  if (::stat("/tmp", &tmp) != 0 || (tmp.st_mode & 01002) != 01002 || tmp.st_uid != 0)
    GTEST_SKIP() << "/tmp is not a root-owned sticky directory writable by others here";
  test::TemporaryDirectory in_tmp("/tmp");
  const auto file = in_tmp.path() / "valid_c.so";
  fs::copy_file(faulty_plugin("valid_c"), file);
  EXPECT_EQ(refusal_of(file), "loaded");
}

TEST_F(PluginFileChecks, JudgesASymlinkByTheDirectoryOfItsTarget) {
  const auto target = copy("valid_c", "shared/valid_c.so");
  set_mode(target.parent_path(), 0775);
  fs::create_directories(dir_.path() / "plugins");
  const auto link = dir_.path() / "plugins/valid_c.so";
  fs::create_symlink(target, link);
  const std::string shared = target.parent_path().string();
  EXPECT_EQ(refusal_of(link), link.string() + " -> " + target.string() + ": directory " + shared +
                                  " is writable by its group (mode 0775): run chmod g-w " + shared);
}

TEST_F(PluginFileChecks, JudgesASymlinkByItsTargetFile) {
  const auto target = copy("valid_c", "shared/valid_c.so");
  set_mode(target, 0666);
  fs::create_directories(dir_.path() / "plugins");
  const auto link = dir_.path() / "plugins/valid_c.so";
  fs::create_symlink(target, link);
  EXPECT_THAT(refusal_of(link),
              HasSubstr(": file " + target.string() + " is writable by its group and others"));
}

TEST_F(PluginFileChecks, RefusesASymlinkInADirectoryOthersCouldChange) {
  const auto target = copy("valid_c", "shared/valid_c.so");
  fs::create_directories(dir_.path() / "plugins");
  set_mode(dir_.path() / "plugins", 0775);
  const auto link = dir_.path() / "plugins/valid_c.so";
  fs::create_symlink(target, link);
  EXPECT_THAT(refusal_of(link),
              HasSubstr("directory " + (dir_.path() / "plugins").string() + " is writable by its group"));
}

TEST_F(PluginFileChecks, LoadsThroughASymlinkToATrustedFile) {
  const auto target = copy("valid_c", "shared/valid_c.so");
  fs::create_directories(dir_.path() / "plugins");
  const auto link = dir_.path() / "plugins/valid_c.so";
  fs::create_symlink(target, link);
  auto lib = PluginLibrary::load(link, host_services());
  EXPECT_EQ(lib->name(), "valid_c");
  EXPECT_EQ(lib->file(), target);
}

TEST_F(PluginFileChecks, LoadsTheFileThatWasCheckedWhenItsPathIsSwappedAfterTheCheck) {
  const auto file = copy("valid_c", "plugin.so");
  const auto other = copy("create_fails", "other.so");
  PluginFile checked = PluginLibrary::open_checked(file);
  set_mode(other, 0666);  // what an attacker puts there need not pass the checks
  fs::rename(other, file);
  auto lib = PluginLibrary::load(std::move(checked), host_services());
  EXPECT_EQ(lib->name(), "valid_c");
}

TEST_F(PluginFileChecks, AFreedLibraryThatStaysInMemoryDoesNotStandInForTheNextFile) {
  // dlopen finds a loaded library by its name first, and a freed descriptor's number is the next one given.
  {
    PluginFile checked = PluginLibrary::open_checked(copy("valid_c", "first.so"));
    const std::string loader_path = checked.loader_path();
    auto first = PluginLibrary::load(std::move(checked), host_services());
    // What g++'s unique symbols do to a C++ plugin: dlclose leaves it in memory, under that name.
    ASSERT_NE(::dlopen(loader_path.c_str(), RTLD_NOW | RTLD_NOLOAD | RTLD_NODELETE), nullptr);
  }
  auto second = PluginLibrary::load(copy("create_fails", "second.so"), host_services());
  EXPECT_EQ(second->name(), "create_fails");
}

}  // namespace
}  // namespace pricefeed::host
