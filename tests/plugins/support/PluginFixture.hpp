#pragma once

// What every plugin's ABI-level test suite does the same way: load the plugin into a TestHost, make
// instances that are destroyed after each test, check the descriptor, see a bad configuration refused,
// and call one instance from several threads at once. A suite derives from PluginFixture, calls
// load() in its SetUp and keeps only what is its plugin's own.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::plugins::test {

// What a plugin's descriptor declares. Every bundled plugin serves one instance from several threads
// and has no limit on the history span of a request, hence the defaults.
struct ExpectedDescriptor {
  const char* name = "";
  std::uint32_t asset_classes = 0;
  std::uint32_t capabilities = 0;
  std::uint32_t resolutions = 0;
  std::uint32_t max_quote_batch = 0;
  std::int64_t max_history_span_seconds = 0;
  std::uint32_t thread_safe = 1;
};

// The descriptor declares exactly `expected`, on this ABI version, and has the optional entry points
// its capabilities promise (and no others: the host reads a non-null one as a capability).
inline void expect_descriptor(const TestHost& host, const ExpectedDescriptor& expected) {
  const pricefeed_source_descriptor& d = host.descriptor();
  EXPECT_EQ(host.abi_version(), static_cast<std::uint32_t>(PRICEFEED_ABI_VERSION));
  EXPECT_STREQ(d.name, expected.name);
  EXPECT_EQ(d.asset_classes, expected.asset_classes);
  EXPECT_EQ(d.capabilities, expected.capabilities);
  EXPECT_EQ(d.resolutions, expected.resolutions);
  EXPECT_EQ(d.max_quote_batch, expected.max_quote_batch);
  EXPECT_EQ(d.max_history_span_seconds, expected.max_history_span_seconds);
  EXPECT_EQ(d.thread_safe, expected.thread_safe);
  EXPECT_NE(d.fetch_quotes, nullptr);
  EXPECT_EQ(d.list_assets != nullptr, (expected.capabilities & PRICEFEED_CAP_CATALOG) != 0);
  EXPECT_EQ(d.resolve_symbol != nullptr, (expected.capabilities & PRICEFEED_CAP_RESOLVE_SYMBOL) != 0);
}

// The index of the listed asset with this symbol in call.asset_texts, or -1.
inline int index_of(const TestCall& call, const std::string& symbol) {
  for (std::size_t i = 0; i < call.asset_texts.size(); ++i)
    if (call.asset_texts[i].symbol == symbol) return static_cast<int>(i);
  return -1;
}

// Calls made at once: `threads` threads, each making `rounds` calls one after the other. Call i (of
// thread i / rounds) gets calls[i] and its status lands in statuses[i].
struct CallsAtOnce {
  std::vector<TestCall> calls;
  std::vector<pricefeed_status> statuses;
};

inline CallsAtOnce call_from_threads(
    int threads, int rounds, const std::function<pricefeed_status(std::size_t i, TestCall& call)>& call) {
  CallsAtOnce out;
  out.calls.resize(static_cast<std::size_t>(threads * rounds));
  out.statuses.assign(out.calls.size(), -1);
  std::vector<std::thread> running;
  for (int t = 0; t < threads; ++t) {
    running.emplace_back([&, t] {
      for (int r = 0; r < rounds; ++r) {
        const auto i = static_cast<std::size_t>(t * rounds + r);
        out.statuses[i] = call(i, out.calls[i]);
      }
    });
  }
  for (std::thread& thread : running)
    thread.join();
  return out;
}

class PluginFixture : public ::testing::Test {
 protected:
  // Loads the plugin (dlopen) into a fresh test host whose clock stands at `now` (unix seconds).
  void load(const char* plugin_path, std::int64_t now = 0) {
    host_ = std::make_unique<TestHost>(plugin_path);
    host_->set_now(now);
  }

  // Every instance create() made is destroyed, before the host unloads the plugin.
  void TearDown() override {
    for (pricefeed_instance_plugin_owned* instance : instances_)
      host_->descriptor().destroy(instance);
    instances_.clear();
  }

  // A new instance, destroyed after the test. A plugin that refuses the configuration fails the test
  // (with its message) and gives null.
  pricefeed_instance_plugin_owned* create(const std::string& config) {
    TestCall call;
    pricefeed_instance_plugin_owned* instance = nullptr;
    EXPECT_EQ(host_->create(config, call, &instance), PRICEFEED_OK) << call.last_error();
    if (instance != nullptr) instances_.push_back(instance);
    return instance;
  }

  // The message with which the plugin refuses the configuration. Taking it, or refusing it other than
  // as INVALID_CONFIG, fails the test.
  std::string refusal(const std::string& config) {
    TestCall call;
    pricefeed_instance_plugin_owned* instance = nullptr;
    EXPECT_EQ(host_->create(config, call, &instance), PRICEFEED_INVALID_CONFIG) << config;
    EXPECT_EQ(instance, nullptr) << config;
    if (instance != nullptr) instances_.push_back(instance);
    return call.last_error();
  }

  // The plugin refuses the configuration as INVALID_CONFIG with a message that says `message` (which
  // key, and what is wrong with it).
  void expect_refused(const std::string& config, const std::string& message) {
    SCOPED_TRACE(config);
    EXPECT_THAT(refusal(config), ::testing::HasSubstr(message));
  }

  void expect_descriptor(const ExpectedDescriptor& expected) const {
    test::expect_descriptor(*host_, expected);
  }

  std::unique_ptr<TestHost> host_;
  pricefeed_instance_plugin_owned* instance_ = nullptr;  // the instance most tests use; SetUp makes it

 private:
  std::vector<pricefeed_instance_plugin_owned*> instances_;
};

}  // namespace pricefeed::plugins::test
