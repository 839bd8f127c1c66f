// Small helpers the HTTP client's tests share: a bounded GET, and the HttpError a call throws.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

#include "host/http/HttpClient.hpp"
#include "host/http/HttpClientError.hpp"

namespace pricefeed::host::testing {

// Every call in these tests is bounded, so a broken client fails a test instead of hanging it.
inline constexpr std::chrono::seconds kTestTimeout{10};

inline HttpRequest get(std::string url) {
  HttpRequest request;
  request.url = std::move(url);
  request.timeout = kTestTimeout;
  return request;
}

// The HttpError that `call` throws; fails the test when it throws nothing.
inline HttpError error_from(const std::function<void()>& call) {
  try {
    call();
  } catch (const HttpError& error) {
    return error;
  }
  ADD_FAILURE() << "no HttpError was thrown";
  return HttpError(HttpErrorKind::bad_response, "", "", "none thrown");
}

}  // namespace pricefeed::host::testing
