/*
 * pricefeed source-plugin ABI, version 1.0.
 *
 * Plain C so that any compiler and any standard library can build a plugin. The header holds three
 * kinds of declarations: the types that cross (value types, records, sinks, requests, handles), the
 * functions a plugin implements (its descriptor's create ... resolve_symbol and the two exported
 * entry symbols), and the host services a plugin calls (pricefeed_host_api). The rules:
 *
 *  - A plugin exports exactly two symbols. The host first calls pricefeed_abi_version(), which must
 *    run no other code; only when the major matches and the minor is not newer than the host's does it
 *    call pricefeed_plugin_entry(). A new major version gets new symbol names.
 *  - Every struct that crosses the boundary (except the two-field value types pricefeed_str and
 *    pricefeed_kv, which are frozen forever) starts with struct_size. Fields are only ever appended,
 *    grouped under version comments; a reader checks struct_size (offsetof) before using a newer field.
 *    Every field and function of this file belongs to version 1.0, and its layout never changes.
 *  - Ownership is spelled in the type names: *_host_owned is the host's and *_plugin_owned the
 *    plugin's. Whatever is passed in a call is borrowed for that call; the receiver copies what it keeps.
 *  - Every function that can fail returns a pricefeed_status and explains a failure with
 *    host->set_error(); a rate limit also reports host->set_retry_after().
 *  - A double field holding NaN means "absent".
 *
 * Each function below has one comment block with the same paragraphs, in this order:
 *
 *    CALLED:   who calls it, and when.
 *    THREADS:  from which threads, and what may run at the same time.
 *    BORROWS:  what its arguments point to, and until when that memory stays valid.
 *    LIFETIME: what it hands back or leaves behind, whose it is, and until when.
 *
 * "During the call" means from the moment the host calls a plugin function (create, fetch_history,
 * fetch_quotes, list_assets, resolve_symbol) until that function returns. A call may use threads of
 * its own: everything the call lends (its pricefeed_call_host_owned handle, its sink, its request)
 * may be used from any thread during the call, several at once, and from none after it. The memory
 * behind them lives on the host's stack and is gone when the call returns, so a thread that still
 * holds one then uses freed memory: join, or otherwise finish, every such use before returning.
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

/* A borrowed string: (data, size), not NUL-terminated; data may be NULL when size is 0.
 *
 * LIFETIME: as long as the memory it points into, which whoever lends it states: a string passed in
 * a call, as an argument or inside a request, is valid during that call; a string inside an HTTP
 * response is valid until that response is handed to http_release(); a string the plugin passes to
 * the host (a message, a record's symbol) is only read during the host function it is passed to. */
typedef struct pricefeed_str {
  const char* data;
  size_t size;
} pricefeed_str;

/* A key/value pair (HTTP headers, log fields).
 *
 * LIFETIME: as its two pricefeed_str, whose owner states it. */
typedef struct pricefeed_kv {
  pricefeed_str key;
  pricefeed_str value;
} pricefeed_kv;

/* ---- Status codes ----------------------------------------------------------------------------- */

/* What a plugin function, an entry point or the http service came to. */
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

/* The longest descriptor name, in bytes, without the terminating NUL; the host refuses a longer one. */
#define PRICEFEED_MAX_NAME_LENGTH 64

/* ---- Opaque handles --------------------------------------------------------------------------- */

/* The host's state for one call into the plugin, passed to every host service.
 *
 * OWNERSHIP: the host's. It lives on the host's stack for exactly one call.
 * THREADS:   any thread, during the call, several at once (every host service is safe to call so).
 * LIFETIME:  from the start of the call until the call returns. Never keep it: a thread that uses it
 *            after the call returned uses freed memory. */
typedef struct pricefeed_call_host_owned pricefeed_call_host_owned;
/* One source instance.
 *
 * OWNERSHIP: the plugin's, created by its create() and freed only by its destroy().
 * LIFETIME:  from create() returning PRICEFEED_OK until the host calls destroy(), after every call
 *            on the instance has returned. */
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

/* A sink is lent with each fetch call: a table of host functions, each taking the sink's host_state,
 * that copy the records they are given and answer PRICEFEED_CONTINUE or PRICEFEED_STOP (cancellation,
 * shutdown, enough data: the plugin should return promptly).
 *
 * CALLED:   by the plugin, any number of times during the fetch call that passed the sink.
 * THREADS:  any thread, during that call, several at once: the host runs one callback of a sink at a
 *           time (the others wait), so parallel callbacks are serialised, never mixed.
 * BORROWS:  the records (and every pricefeed_str in them) only until the callback returns; the host
 *           has copied them by then. element_size is sizeof the record as the plugin knows it: the
 *           stride of the array.
 * LIFETIME: the sink struct, its host_state and its functions are valid during the call only. */
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

/* An HTTP answer.
 *
 * OWNERSHIP: the host's, lent to the plugin by http() and given back with http_release().
 * THREADS:   any thread; the plugin may read it and release it on another thread than the one that
 *            asked.
 * LIFETIME:  the struct, the body and the headers stay valid, unchanged, until http_release(), which
 *            must come before the call that made the request returns (it needs that call's handle).
 *            A response never released is leaked. */
typedef struct pricefeed_http_response_host_owned {
  uint32_t struct_size;
  int32_t status_code;
  pricefeed_str body; /* decompressed */
  const pricefeed_kv* headers;
  size_t header_count;
  double elapsed_ms;
} pricefeed_http_response_host_owned;

/* ---- Host services ---------------------------------------------------------------------------- */

/* Called by the host with a borrowed string (a cached value, the resolved symbol): copy what you keep.
 * BORROWS: value, until receive() returns. */
typedef void (*pricefeed_receive_str)(void* receiver, pricefeed_str value);

/* The host's services, handed to pricefeed_plugin_entry().
 *
 * OWNERSHIP: the host's; static: the table and its functions stay valid while the library is loaded.
 *
 * Every service takes the handle of the call it serves and has the same rules, not repeated below:
 *
 * CALLED:   by the plugin, during the call that passed `call`: from inside create(), fetch_history(),
 *           fetch_quotes(), list_assets() or resolve_symbol(). Never from pricefeed_abi_version(),
 *           pricefeed_plugin_entry() or destroy(), which get no handle, and never after the call
 *           returned.
 * THREADS:  any thread, during the call; several threads may call any of them at the same time, in
 *           the same call or in different calls. The host serialises what it must (the handle's
 *           bookkeeping, each sink, the cache), each with its own lock, held only briefly: an http()
 *           waiting on the network holds none.
 * BORROWS:  every pointer argument (strings, key/value arrays, the request) only until the service
 *           returns; the host copies what it keeps. */
typedef struct pricefeed_host_api {
  uint32_t struct_size;
  uint32_t abi_version; /* the host's PRICEFEED_ABI_VERSION */

  /* A log line with a level (PRICEFEED_LOG_*) and field_count key/value fields, attributed to the
   * source. LIFETIME: nothing is kept by the plugin. */
  void (*log)(pricefeed_call_host_owned* call, int32_t level, pricefeed_str message,
              const pricefeed_kv* fields, size_t field_count);
  /* Explains the status about to be returned; the host copies the message. Called again, or from
   * several threads, the last message set wins whole (never a mix of two).
   * LIFETIME: the host keeps its copy until the call returns and reports it then. */
  void (*set_error)(pricefeed_call_host_owned* call, pricefeed_str message);
  /* How long the source asked to be left alone, with PRICEFEED_RATE_LIMITED; negative values are
   * ignored; the last value set wins. LIFETIME: as set_error's. */
  void (*set_retry_after)(pricefeed_call_host_owned* call, int64_t retry_after_ms);

  /* Applies the source's rate limiter, pooling, TLS verification, timeouts and redirects. Returns OK
   * with *response set for any HTTP answer except 429/418, which (like a source in cooldown) return
   * RATE_LIMITED with the retry-after already recorded; network failures return TRANSIENT. Either way
   * the error is already set, so a plugin may return the status as it is. Blocks the calling thread
   * until the answer or the timeout; parallel requests of one call run in parallel, each through the
   * rate limiter.
   * LIFETIME: *response is the host's, lent until http_release() (see
   *           pricefeed_http_response_host_owned); *response is NULL unless OK is returned. */
  pricefeed_status (*http)(pricefeed_call_host_owned* call, const pricefeed_http_request* request,
                           pricefeed_http_response_host_owned** response);
  /* Gives a response back to the host, which frees it (NULL is ignored). `call` is the call that made
   * the request, still running. LIFETIME: the response and every string in it are gone. */
  void (*http_release)(pricefeed_call_host_owned* call, pricefeed_http_response_host_owned* response);

  /* Unix milliseconds; a test clock may stand in. */
  int64_t (*now_ms)(pricefeed_call_host_owned* call);
  /* 1 once the host wants the call to end (cancellation, shutdown), else 0. */
  int32_t (*is_cancelled)(pricefeed_call_host_owned* call);

  /* A small per-source cache, shared by every call and every instance thread of the source. cache_get
   * hands a borrowed value to receive() and returns 1, or returns 0 when the key is absent or expired
   * (receive() is not called then). LIFETIME: the value passed to receive() is valid until receive()
   * returns; receive() runs on the thread that called cache_get, holding no host lock. */
  int32_t (*cache_get)(pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_receive_str receive,
                       void* receiver);
  /* Stores a copy of key and value for ttl_ms (<= 0 removes the key). Past the host's size limits the
   * value is refused, logged, and the key left absent. Concurrent puts of one key: one of them wins
   * whole. LIFETIME: the host's copy, until it expires or is evicted. */
  void (*cache_put)(pricefeed_call_host_owned* call, pricefeed_str key, pricefeed_str value, int64_t ttl_ms);
} pricefeed_host_api;

/* ---- The plugin's descriptor (static data) ---------------------------------------------------- */

/* What a plugin serves, and the functions the host calls on its instances.
 *
 * OWNERSHIP: the plugin's. The host copies the struct when pricefeed_plugin_entry() returns, but not
 *            the strings it points to.
 * LIFETIME:  name, version and description (NUL-terminated) must stay valid and unchanged as long as
 *            the library is loaded: the host keeps it loaded until every instance is destroyed, and
 *            reads the strings at any time until then. Static storage (string literals) does. */
typedef struct pricefeed_source_descriptor {
  uint32_t struct_size;
  const char* name; /* [a-z0-9_-], 1 to PRICEFEED_MAX_NAME_LENGTH (64) bytes */
  const char* version;
  const char* description;
  uint32_t asset_classes; /* PRICEFEED_CLASS_* mask */
  uint32_t capabilities;  /* PRICEFEED_CAP_* mask */
  uint32_t resolutions;   /* PRICEFEED_RES_* mask */
  uint32_t max_quote_batch;
  int64_t max_history_span_seconds; /* per request; 0 = no limit */
  /* 1: the host may call fetch_history, fetch_quotes, list_assets and resolve_symbol on one instance
   * from several threads at once. 0: it calls them on one instance one at a time (the next starts
   * after the last returned), though not always from the same thread. Either way, different instances
   * of the library may be called at the same time, so state shared between instances (globals) needs
   * the plugin's own lock; and either way a call may use threads of its own. */
  uint32_t thread_safe;

  /* Creates one instance from its configuration.
   *
   * CALLED:   once per configured source, before any other call on that instance.
   * THREADS:  any host thread. Never at the same time as another call on the instance it creates;
   *           calls on other instances of the library may be running.
   * BORROWS:  config_json (the instance's whole [sources.X] table as a JSON object), during the call.
   * LIFETIME: on PRICEFEED_OK, *instance is the plugin's until destroy(); on any other status
   *           (PRICEFEED_INVALID_CONFIG explained with set_error) the host never uses *instance. */
  pricefeed_status (*create)(pricefeed_call_host_owned* call, pricefeed_str config_json,
                             pricefeed_instance_plugin_owned** instance);
  /* Frees an instance.
   *
   * CALLED:   once per instance created, last: after every call on it has returned. It gets no call
   *           handle, so it may use no host service.
   * THREADS:  any host thread; calls on other instances of the library may be running.
   * LIFETIME: the instance is gone; the library stays loaded until its last instance is destroyed,
   *           then may be unloaded while the host runs on (see "Unloading" below). */
  void (*destroy)(pricefeed_instance_plugin_owned* instance);

  /* The four fetch functions, from here on, share these rules:
   *
   * CALLED:   by the host, on an instance between its create() and its destroy(); only the
   *           functions whose capability the descriptor declares.
   * THREADS:  any host thread; on one instance, several at once only when thread_safe is 1. Inside,
   *           the plugin may use threads of its own: the call's handle, request and sink may be used
   *           from any of them, during the call (see the top of this file).
   * BORROWS:  call, request (and every string and array in it) and sink, during the call only.
   * LIFETIME: nothing the host lent outlives the call: every thread the call started must be done
   *           with it before the call returns. What the plugin hands back leaves through the sink (or
   *           receive()) and is copied there. */

  /* The bars of request->symbol in [request->start, request->end), in sink batches; corporate
   * actions and ranges the source cannot serve through the same sink. */
  pricefeed_status (*fetch_history)(pricefeed_instance_plugin_owned* instance,
                                    pricefeed_call_host_owned* call, const pricefeed_history_request* request,
                                    const pricefeed_history_sink* sink);
  /* The latest price of each symbol of the request (at most max_quote_batch). */
  pricefeed_status (*fetch_quotes)(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                   const pricefeed_quote_request* request, const pricefeed_quote_sink* sink);
  /* Optional (NULL unless the capability is declared): the listings of the asked asset classes. */
  pricefeed_status (*list_assets)(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                  uint32_t asset_classes, const pricefeed_asset_sink* sink);
  /* Optional: finds this source's id for a symbol, handing it to receive(receiver, id) before
   * returning PRICEFEED_OK. receive() copies the id; receiver is the host's, valid during the call. */
  pricefeed_status (*resolve_symbol)(pricefeed_instance_plugin_owned* instance,
                                     pricefeed_call_host_owned* call, pricefeed_str symbol,
                                     uint32_t asset_class, pricefeed_receive_str receive, void* receiver);
} pricefeed_source_descriptor;

/* ---- Unloading: when a plugin's code may go away --------------------------------------------- */

/* A running host replaces and removes plugins without a restart (a reload: a new build of the file,
 * a changed [sources.X] table, a removed one). Its rules, which every plugin can rely on and must
 * allow for:
 *
 *  - Replacing an instance: the host creates the new instance (create() of the same or of another
 *    build of the library) while the old one may still be running calls. New calls go to the new
 *    instance; the old one finishes its calls in flight, then gets its destroy(), after the last of
 *    them has returned.
 *  - Unloading a library: only after destroy() of its last instance has returned, every call on every
 *    instance of it has returned, and the host holds no pointer into it any more (the descriptor and
 *    its strings included). Then the host may dlclose() it while it goes on running.
 *  - Two builds at once: during a replacement, the old and the new build of one plugin are loaded
 *    side by side, each with its own globals and statics. Nothing kept in them survives a reload; the
 *    host's cache (cache_get/cache_put) belongs to the instance and starts empty in the new one.
 *
 * So no plugin thread may outlive its instance: a thread a call starts ends before the call returns
 * (above), and a thread create() starts must be stopped and joined by destroy(). A thread still
 * running when the library is unloaded runs code that is no longer mapped, and takes the host down.
 * The same goes for anything that calls back into the library later: atexit() handlers, thread-local
 * destructors of threads the plugin does not own, callbacks registered with other libraries. */

/* ---- The two exported entry symbols of ABI major 1 -------------------------------------------- */

/* uint32_t pricefeed_abi_version(void): the plugin's PRICEFEED_ABI_VERSION, and nothing else.
 *
 * CALLED:   once, first, right after the library is loaded.
 * THREADS:  one host thread; no other function of the library runs at the same time.
 * LIFETIME: nothing is lent or kept. */
typedef uint32_t (*pricefeed_abi_version_fn)(void);

/* pricefeed_status pricefeed_plugin_entry(host, descriptor): sets *descriptor and returns PRICEFEED_OK.
 * Any other value refuses the plugin; the host's refusal names the value (PRICEFEED_UNSUPPORTED
 * suits a host table older than the plugin needs). There is no call handle here, so no set_error.
 *
 * CALLED:   once, after pricefeed_abi_version() was accepted, before any create().
 * THREADS:  one host thread; no other function of the library runs at the same time.
 * BORROWS:  nothing: host (the services table) stays valid while the library is loaded, so the
 *           plugin may keep the pointer, and usually does.
 * LIFETIME: *descriptor must point to a descriptor that stays valid until the function returns (the
 *           host copies it), and the strings it points to while the library is loaded.
 *
 * Before this header said pricefeed_status here, it said int32_t: pricefeed_status is a typedef of
 * int32_t, so the type, the symbol and every plugin built before are unchanged. */
typedef pricefeed_status (*pricefeed_plugin_entry_fn)(const pricefeed_host_api* host,
                                                      const pricefeed_source_descriptor** descriptor);

#define PRICEFEED_ABI_VERSION_SYMBOL "pricefeed_abi_version"
#define PRICEFEED_PLUGIN_ENTRY_SYMBOL "pricefeed_plugin_entry"

#ifdef __cplusplus
}
#endif

#endif /* PRICEFEED_SDK_H */
