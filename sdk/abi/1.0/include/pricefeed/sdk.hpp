// clang-format off
// The pricefeed SDK's C++17 layer, header-only and compiled into the plugin. A minimal source:
//
//   #include <pricefeed/sdk.hpp>
//
//   class MySource : public pricefeed::Source {
//    public:
//     static constexpr pricefeed::SourceInfo info{"mysource", "1.0.0", "What it serves",
//                                                 PRICEFEED_CLASS_STOCK, PRICEFEED_CAP_HISTORY,
//                                                 PRICEFEED_RES_1D};
//
//     MySource(pricefeed::Host&, const pricefeed::Config& config)
//         : base_(config.required_string("base_url")) {}
//
//     void fetch_history(pricefeed::Host& host, const pricefeed::HistoryRequest& request,
//                        pricefeed::HistorySink& sink) override {
//       // ... one upstream request (host.http(...)), then for each bar read from its answer:
//       //       if (!sink.push(bar)) return;   // the host asked to stop
//       sink.flush();                        // hand this request's bars over before the next one
//     }
//
//    private:
//     std::string base_;
//   };
//
//   PRICEFEED_PLUGIN(MySource)
// clang-format on
#ifndef PRICEFEED_SDK_HPP
#define PRICEFEED_SDK_HPP

#include "pricefeed/config.hpp"
#include "pricefeed/error.hpp"
#include "pricefeed/host.hpp"
#include "pricefeed/json.hpp"
#include "pricefeed/plugin.hpp"
#include "pricefeed/records.hpp"
#include "pricefeed/sdk.h"
#include "pricefeed/sinks.hpp"
#include "pricefeed/source.hpp"
#include "pricefeed/url.hpp"

#endif  // PRICEFEED_SDK_HPP
