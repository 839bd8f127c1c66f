/*
 * pricefeed source-plugin ABI, version 1.0.
 *
 * Plain C so that any compiler and any standard library can build a plugin. The rules:
 *
 *  - A plugin exports exactly two symbols. The host first calls pricefeed_abi_version(), which must
 *    run no other code; only when the major matches and the minor is not newer than the host's does it
 *    call pricefeed_plugin_entry(). A new major version gets new symbol names.
 *  - Every struct that crosses the boundary (except the two-field value types pricefeed_str and
 *    pricefeed_kv, which are frozen forever) starts with struct_size. Fields are only ever appended,
 *    grouped under version comments; a reader checks struct_size (offsetof) before using a newer field.
 *  - Whatever is passed in a call is borrowed for that call; the receiver copies what it keeps.
 *    Ownership is spelled in the type names: *_host_owned is the host's and *_plugin_owned the plugin's.
 *  - Every function that can fail returns a pricefeed_status and explains a failure with
 *    host->set_error(); a rate limit also reports host->set_retry_after().
 *  - A double field holding NaN means "absent".
 */
#ifndef PRICEFEED_SDK_H
#define PRICEFEED_SDK_H

#include <stddef.h>
#include <stdint.h>

#define PRICEFEED_ABI_MAJOR 1u
#define PRICEFEED_ABI_MINOR 0u
#define PRICEFEED_ABI_VERSION ((PRICEFEED_ABI_MAJOR << 16) | PRICEFEED_ABI_MINOR)
#define PRICEFEED_ABI_MAJOR_OF(v) ((uint32_t)(v) >> 16)
#define PRICEFEED_ABI_MINOR_OF(v) ((uint32_t)(v)&0xFFFFu)

#if defined(_WIN32)
#define PRICEFEED_EXPORT __declspec(dllexport)
#else
#define PRICEFEED_EXPORT __attribute__((visibility("default")))
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Value types ------------------------------------------------------------------------------ */

/* A borrowed string: not NUL-terminated, valid only during the call that passed it. */
typedef struct pricefeed_str {
  const char* data;
  size_t size;
} pricefeed_str;

/* A borrowed key/value pair (HTTP headers, log fields). */
typedef struct pricefeed_kv {
  pricefeed_str key;
  pricefeed_str value;
} pricefeed_kv;

/* ---- Status codes ----------------------------------------------------------------------------- */

typedef int32_t pricefeed_status;
#define PRICEFEED_OK 0
#define PRICEFEED_RATE_LIMITED 1   /* with retry-after ms through host->set_retry_after() */
#define PRICEFEED_NOT_FOUND 2      /* the source does not know the symbol */
#define PRICEFEED_TRANSIENT 3      /* network, 5xx, timeout: try again later */
#define PRICEFEED_PERMANENT 4      /* bad request, unparseable answer: do not retry this source */
#define PRICEFEED_INVALID_CONFIG 5 /* create() refused the instance configuration */
#define PRICEFEED_UNSUPPORTED 6    /* the capability or resolution is not served */

/* A sink's answer: go on, or stop (cancellation, shutdown, enough data). */
typedef int32_t pricefeed_flow;
#define PRICEFEED_CONTINUE 0
#define PRICEFEED_STOP 1

/* ---- Descriptor enumerations (bit masks) ------------------------------------------------------ */

#define PRICEFEED_CLASS_STOCK (1u << 0)
#define PRICEFEED_CLASS_CRYPTO (1u << 1)
#define PRICEFEED_CLASS_COMMODITY (1u << 2)
#define PRICEFEED_CLASS_FOREX (1u << 3)
#define PRICEFEED_CLASS_BOND (1u << 4)

#define PRICEFEED_CAP_HISTORY (1u << 0)
#define PRICEFEED_CAP_QUOTES (1u << 1)
#define PRICEFEED_CAP_CATALOG (1u << 2)
#define PRICEFEED_CAP_RESOLVE_SYMBOL (1u << 3)

#define PRICEFEED_RES_1D (1u << 0)
#define PRICEFEED_RES_1H (1u << 1)
#define PRICEFEED_RES_1M (1u << 2)

#define PRICEFEED_LOG_DEBUG 0
#define PRICEFEED_LOG_INFO 1
#define PRICEFEED_LOG_WARN 2
#define PRICEFEED_LOG_ERROR 3

/* ---- Opaque handles --------------------------------------------------------------------------- */

/* The host's state for one call into the plugin; valid until that call returns. */
typedef struct pricefeed_call_host_owned pricefeed_call_host_owned;
/* One source instance, created by the plugin's create() and freed only by its destroy(). */
typedef struct pricefeed_instance_plugin_owned pricefeed_instance_plugin_owned;

/* ---- Records flowing out through sinks -------------------------------------------------------- */

/* One OHLCV bar. A daily bar's ts is 00:00 UTC of its trading date; intraday bars keep the real
 * open instant. Prices NaN when absent (never 0). */
typedef struct pricefeed_bar {
  uint32_t struct_size;
  int64_t ts; /* unix seconds, UTC */
  double open;
  double high;
  double low;
  double close;
  double adj_close;
  double volume;
} pricefeed_bar;

#define PRICEFEED_ACTION_DIVIDEND 1
#define PRICEFEED_ACTION_SPLIT 2

/* A corporate action seen in a history answer. */
typedef struct pricefeed_action {
  uint32_t struct_size;
  int32_t kind;     /* PRICEFEED_ACTION_* */
  int64_t ts;       /* unix seconds, UTC: 00:00 of the ex-date */
  double amount;    /* dividend per share, in the asset's currency */
  double numerator; /* split ratio numerator:denominator, e.g. 4:1 */
  double denominator;
} pricefeed_action;

/* A latest price. */
typedef struct pricefeed_quote {
  uint32_t struct_size;
  pricefeed_str symbol; /* as it was asked for */
  double price;
  pricefeed_str currency; /* ISO code as the source gives it (minor units such as GBp kept) */
  int64_t ts;             /* unix seconds of the price */
  double open;            /* the current session's, NaN when absent */
  double high;
  double low;
  double volume;
  double previous_close;
} pricefeed_quote;

/* One catalog listing. */
typedef struct pricefeed_asset {
  uint32_t struct_size;
  pricefeed_str symbol;    /* pricefeed's symbol for it (AAPL, BTC, EURUSD, GOLD) */
  pricefeed_str source_id; /* what this source calls it (AAPL, BTCUSDT, bitcoin, GC=F) */
  pricefeed_str name;
  uint32_t asset_class; /* one PRICEFEED_CLASS_* bit */
  pricefeed_str exchange;
  pricefeed_str currency;
  int32_t rank; /* market-cap rank, 0 when unknown */
} pricefeed_asset;

/* ---- Sinks: host callbacks that copy what they are given -------------------------------------- */

/* element_size is sizeof the record as the plugin knows it: the stride of the array. */
typedef struct pricefeed_history_sink {
  uint32_t struct_size;
  void* host_state;
  pricefeed_flow (*bars)(void* host_state, const pricefeed_bar* bars, size_t count, size_t element_size);
  pricefeed_flow (*action)(void* host_state, const pricefeed_action* action);
  /* Part of the asked range the source cannot serve (before a listing, past an API limit): the
   * host records it as a gap with the reason instead of failing or retrying the job. */
  pricefeed_flow (*unavailable)(void* host_state, int64_t start, int64_t end, pricefeed_str reason);
} pricefeed_history_sink;

typedef struct pricefeed_quote_sink {
  uint32_t struct_size;
  void* host_state;
  pricefeed_flow (*quotes)(void* host_state, const pricefeed_quote* quotes, size_t count,
                           size_t element_size);
} pricefeed_quote_sink;

typedef struct pricefeed_asset_sink {
  uint32_t struct_size;
  void* host_state;
  pricefeed_flow (*assets)(void* host_state, const pricefeed_asset* assets, size_t count,
                           size_t element_size);
} pricefeed_asset_sink;

/* ---- Requests --------------------------------------------------------------------------------- */

typedef struct pricefeed_history_request {
  uint32_t struct_size;
  pricefeed_str symbol;    /* pricefeed's symbol */
  pricefeed_str source_id; /* this source's id for it when the catalog knows one, else empty */
  uint32_t asset_class;    /* one PRICEFEED_CLASS_* bit */
  uint32_t resolution;     /* one PRICEFEED_RES_* bit */
  int64_t start;           /* unix seconds, inclusive */
  int64_t end;             /* unix seconds, exclusive */
} pricefeed_history_request;

typedef struct pricefeed_quote_request {
  uint32_t struct_size;
  const pricefeed_str* symbols;    /* pricefeed's symbols */
  const pricefeed_str* source_ids; /* parallel to symbols; an empty entry when unknown */
  size_t count;                    /* never more than the descriptor's max_quote_batch */
  uint32_t asset_class;
} pricefeed_quote_request;

typedef struct pricefeed_http_request {
  uint32_t struct_size;
  pricefeed_str method; /* "GET" when empty */
  pricefeed_str url;
  const pricefeed_kv* headers;
  size_t header_count;
  pricefeed_str body;
  uint32_t cost;       /* rate-limit units this request spends; 0 means 1 */
  uint32_t timeout_ms; /* 0: the host's default */
} pricefeed_http_request;

/* An HTTP answer, owned by the host until the plugin hands it back with http_release(). */
typedef struct pricefeed_http_response_host_owned {
  uint32_t struct_size;
  int32_t status_code;
  pricefeed_str body; /* decompressed */
  const pricefeed_kv* headers;
  size_t header_count;
  double elapsed_ms;
} pricefeed_http_response_host_owned;

/* ---- Host services (thread-safe) -------------------------------------------------------------- */

typedef void (*pricefeed_receive_str)(void* receiver, pricefeed_str value);

typedef struct pricefeed_host_api {
  uint32_t struct_size;
  uint32_t abi_version; /* the host's PRICEFEED_ABI_VERSION */

  void (*log)(pricefeed_call_host_owned* call, int32_t level, pricefeed_str message,
              const pricefeed_kv* fields, size_t field_count);
  /* Explains the status about to be returned; the host copies the message. */
  void (*set_error)(pricefeed_call_host_owned* call, pricefeed_str message);
  void (*set_retry_after)(pricefeed_call_host_owned* call, int64_t retry_after_ms);

  /* Applies the source's rate limiter, pooling, TLS verification, timeouts and redirects. Returns OK
   * with *response set for any HTTP answer except 429/418, which (like a source in cooldown) return
   * RATE_LIMITED with the retry-after already recorded; network failures return TRANSIENT. Either way
   * the error is already set, so a plugin may return the status as it is. */
  pricefeed_status (*http)(pricefeed_call_host_owned* call, const pricefeed_http_request* request,
                           pricefeed_http_response_host_owned** response);
  void (*http_release)(pricefeed_call_host_owned* call, pricefeed_http_response_host_owned* response);

  int64_t (*now_ms)(pricefeed_call_host_owned* call); /* unix milliseconds; a test clock may stand in */
  int32_t (*is_cancelled)(pricefeed_call_host_owned* call);

  /* A small per-source cache. cache_get hands a borrowed value to receive() and returns 1, or
   * returns 0 when the key is absent or expired. */
  int32_t (*cache_get)(pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_receive_str receive,
                       void* receiver);
  void (*cache_put)(pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_str value, int64_t ttl_ms);
} pricefeed_host_api;

/* ---- The plugin's descriptor (static data) ---------------------------------------------------- */

typedef struct pricefeed_source_descriptor {
  uint32_t struct_size;
  const char* name; /* NUL-terminated, [a-z0-9_-]+ */
  const char* version;
  const char* description;
  uint32_t asset_classes; /* PRICEFEED_CLASS_* mask */
  uint32_t capabilities;  /* PRICEFEED_CAP_* mask */
  uint32_t resolutions;   /* PRICEFEED_RES_* mask */
  uint32_t max_quote_batch;
  int64_t max_history_span_seconds; /* per request; 0 = no limit */
  uint32_t thread_safe;             /* 1: one instance may be called from several threads at once */

  /* config_json is the instance's whole [sources.X] table as a JSON object. */
  pricefeed_status (*create)(pricefeed_call_host_owned* call, pricefeed_str config_json,
                             pricefeed_instance_plugin_owned** instance);
  void (*destroy)(pricefeed_instance_plugin_owned* instance);

  pricefeed_status (*fetch_history)(pricefeed_instance_plugin_owned* instance,
                                    pricefeed_call_host_owned* call, const pricefeed_history_request* request,
                                    const pricefeed_history_sink* sink);
  pricefeed_status (*fetch_quotes)(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                   const pricefeed_quote_request* request, const pricefeed_quote_sink* sink);
  /* Optional (NULL unless the capability is declared). */
  pricefeed_status (*list_assets)(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                  uint32_t asset_classes, const pricefeed_asset_sink* sink);
  /* Finds this source's id for a symbol, handing it to receive(). */
  pricefeed_status (*resolve_symbol)(pricefeed_instance_plugin_owned* instance,
                                     pricefeed_call_host_owned* call, pricefeed_str symbol,
                                     uint32_t asset_class, pricefeed_receive_str receive, void* receiver);
} pricefeed_source_descriptor;

/* ---- The two exported entry symbols of ABI major 1 -------------------------------------------- */

typedef uint32_t (*pricefeed_abi_version_fn)(void);
typedef int32_t (*pricefeed_plugin_entry_fn)(const pricefeed_host_api* host,
                                             const pricefeed_source_descriptor** descriptor);

#define PRICEFEED_ABI_VERSION_SYMBOL "pricefeed_abi_version"
#define PRICEFEED_PLUGIN_ENTRY_SYMBOL "pricefeed_plugin_entry"

#ifdef __cplusplus
}
#endif

#endif /* PRICEFEED_SDK_H */
