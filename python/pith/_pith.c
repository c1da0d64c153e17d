/* _pith.c - the CPython extension behind the `pith` package: pith.h's
 * extractor, WARC reader and dedup as Python objects.
 *
 * Records are rendered by the library's own JSON renderer (pith_render_with,
 * as `pith extract -f jsonl` and `pith warc` do) and parsed with json.loads
 * on the Python side: one schema, the CLI's, with nothing to keep in step.
 * Every call into C that may take time (extraction, reading and inflating a
 * WARC, dedup) runs with the GIL released; a Python file object read by the
 * WARC reader takes the GIL back only for its read() call. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdlib.h>
#include <string.h>

#include "pith.h"

static PyObject *S_PithError; /* pith.PithError */

/* Raise PithError(status, message) with .status, .status_name, .message. */
static PyObject *S_raise(pith_status st, const char *msg) {
  if (!msg || !*msg) msg = pith_status_str(st);
  /* str(e) is the message; the status rides along as attributes */
  PyObject *e = PyObject_CallFunction(S_PithError, "s", msg);
  if (!e) return NULL;
  PyObject *v;
  if ((v = PyLong_FromLong((long)st))) {
    PyObject_SetAttrString(e, "status", v);
    Py_DECREF(v);
  }
  if ((v = PyUnicode_FromString(pith_status_str(st)))) {
    PyObject_SetAttrString(e, "status_name", v);
    Py_DECREF(v);
  }
  if ((v = PyUnicode_DecodeUTF8(msg, (Py_ssize_t)strlen(msg), "replace"))) {
    PyObject_SetAttrString(e, "message", v);
    Py_DECREF(v);
  }
  PyErr_SetObject(S_PithError, e);
  Py_DECREF(e);
  return NULL;
}

/* ---- a growable byte buffer (the render sink) --------------------------------- */

typedef struct {
  char *p;
  size_t len, cap;
  int oom;
} S_buf;

static int S_sink(void *ud, const char *p, size_t n) {
  S_buf *b = ud;
  if (b->len + n + 1 > b->cap) {
    size_t c = b->cap ? b->cap : 4096;
    while (c < b->len + n + 1) c *= 2;
    char *q = realloc(b->p, c);
    if (!q) {
      b->oom = 1;
      return 1;
    }
    b->p = q;
    b->cap = c;
  }
  memcpy(b->p + b->len, p, n);
  b->len += n;
  return 0;
}

/* A one-line rendering as `pith warc` writes it: trailing newlines off, no
 * raw newline inside, one '\n' at the end. */
static void S_one_line(S_buf *b) {
  while (b->len && (b->p[b->len - 1] == '\n' || b->p[b->len - 1] == '\r')) b->len--;
  for (size_t i = 0; i < b->len; i++)
    if (b->p[i] == '\n' || b->p[i] == '\r') b->p[i] = ' ';
  S_sink(b, "\n", 1);
}

/* ---- options ---------------------------------------------------------------- */

static const struct {
  const char *name;
  unsigned flag;
} S_flag_opts[] = {{"comments", PITH_OPT_COMMENTS},   {"no_tables", PITH_OPT_NO_TABLES},
                   {"explain", PITH_OPT_EXPLAIN},     {"no_meta", PITH_OPT_NO_META},
                   {"recall", PITH_OPT_RECALL},       {"precision", PITH_OPT_PRECISION},
                   {"parse_only", PITH_OPT_PARSE_ONLY}};

/* pith_options from keyword arguments; -1 with TypeError/ValueError set. */
static int S_options(PyObject *kw, pith_options *o) {
  pith_options_init(o);
  if (!kw) return 0;
  PyObject *k, *v;
  Py_ssize_t pos = 0;
  while (PyDict_Next(kw, &pos, &k, &v)) {
    const char *name = PyUnicode_AsUTF8(k);
    if (!name) return -1;
    int done = 0;
    for (size_t i = 0; i < sizeof S_flag_opts / sizeof *S_flag_opts && !done; i++)
      if (!strcmp(name, S_flag_opts[i].name)) {
        int t = PyObject_IsTrue(v);
        if (t < 0) return -1;
        if (t) o->flags |= S_flag_opts[i].flag;
        else o->flags &= ~S_flag_opts[i].flag;
        done = 1;
      }
    if (done) continue;
    if (!strcmp(name, "time_budget") || !strcmp(name, "timeout")) {
      double d = PyFloat_AsDouble(v);
      if (d == -1.0 && PyErr_Occurred()) return -1;
      if (d < 0) {
        PyErr_SetString(PyExc_ValueError, "time_budget must be >= 0");
        return -1;
      }
      o->time_budget_sec = d;
      continue;
    }
    if (!strcmp(name, "parser")) {
      const char *pv = PyUnicode_Check(v) ? PyUnicode_AsUTF8(v) : NULL;
      if (pv && !strcmp(pv, "html5")) {
        o->parser = PITH_PARSER_HTML5;
      } else if (pv && !strcmp(pv, "libxml2")) {
        o->parser = PITH_PARSER_LIBXML2;
      } else {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "parser must be 'html5' or 'libxml2'");
        return -1;
      }
      continue;
    }
    size_t *field = NULL;
    if (!strcmp(name, "max_input_bytes")) field = &o->max_input_bytes;
    else if (!strcmp(name, "max_nodes")) field = &o->max_nodes;
    else if (!strcmp(name, "max_depth")) field = &o->max_depth;
    else if (!strcmp(name, "max_attr_bytes")) field = &o->max_attr_bytes;
    else if (!strcmp(name, "max_jsonld_bytes")) field = &o->max_jsonld_bytes;
    else if (!strcmp(name, "max_jsonld_depth")) field = &o->max_jsonld_depth;
    else if (!strcmp(name, "max_output_bytes")) field = &o->max_output_bytes;
    else if (!strcmp(name, "max_memory_bytes")) field = &o->max_memory_bytes;
    if (!field) {
      PyErr_Format(PyExc_TypeError, "unknown pith option '%s'", name);
      return -1;
    }
    size_t n = PyLong_AsSize_t(v);
    if (n == (size_t)-1 && PyErr_Occurred()) return -1;
    *field = n;
  }
  return 0;
}

/* ---- Extractor -------------------------------------------------------------- */

typedef struct {
  PyObject_HEAD pith_extractor *x;
  int busy; /* an extractor serves one call at a time (one per thread) */
  int explain;
} Extractor;

static void Extractor_dealloc(Extractor *self) {
  if (self->x) pith_extractor_free(self->x);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Extractor_init(Extractor *self, PyObject *args, PyObject *kw) {
  if (PyTuple_GET_SIZE(args)) {
    PyErr_SetString(PyExc_TypeError, "Extractor takes keyword options only");
    return -1;
  }
  pith_options o;
  if (S_options(kw, &o)) return -1;
  if (self->x) pith_extractor_free(self->x);
  self->x = pith_extractor_new(&o);
  self->explain = (o.flags & PITH_OPT_EXPLAIN) != 0;
  if (!self->x) {
    S_raise(PITH_ERR_ARG, "could not create an extractor (bad options or out of memory)");
    return -1;
  }
  return 0;
}

static int S_claim(Extractor *self) {
  if (!self->x) {
    PyErr_SetString(PyExc_RuntimeError, "Extractor not initialised");
    return -1;
  }
  if (self->busy) {
    PyErr_SetString(PyExc_RuntimeError,
                    "this pith.Extractor is in use by another thread: use one per thread");
    return -1;
  }
  self->busy = 1;
  return 0;
}

/* Render d as the CLI's JSON record; bytes, or NULL with an error set. */
static PyObject *S_render(const pith_doc *d, const char *id, const char *source, int explain) {
  pith_render_extra ex[2];
  size_t nex = 0;
  ex[nex++] = (pith_render_extra){"source", source ? source : "pith", 0};
  char *ebuf = NULL;
  if (explain) {
    pith_str e = pith_doc_explain(d);
    ebuf = malloc(e.len + 1);
    if (!ebuf) return PyErr_NoMemory();
    if (e.len) memcpy(ebuf, e.ptr, e.len);
    ebuf[e.len] = '\0';
    ex[nex++] = (pith_render_extra){"explain", ebuf, 0};
  }
  S_buf b = {0};
  pith_status rs;
  Py_BEGIN_ALLOW_THREADS
    rs = pith_render_with(d, PITH_FMT_JSONL, id, ex, nex, S_sink, &b);
  Py_END_ALLOW_THREADS
  free(ebuf);
  if (rs != PITH_OK || b.oom) {
    free(b.p);
    return S_raise(b.oom ? PITH_ERR_NOMEM : rs, "rendering failed");
  }
  PyObject *r = PyBytes_FromStringAndSize(b.p ? b.p : "", (Py_ssize_t)b.len);
  free(b.p);
  return r;
}

/* extract_json(html, url=None, content_type=None, content_encoding=None,
 *              id=None, source=None) -> (status, bytes) */
static PyObject *Extractor_extract_json(Extractor *self, PyObject *args, PyObject *kw) {
  static char *kwl[] = {"html", "url", "content_type", "content_encoding", "id", "source", NULL};
  Py_buffer in;
  const char *url = NULL, *ct = NULL, *ce = NULL, *id = NULL, *source = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "s*|zzzzz:extract_json", kwl, &in, &url, &ct, &ce,
                                   &id, &source))
    return NULL;
  if (S_claim(self)) {
    PyBuffer_Release(&in);
    return NULL;
  }
  const pith_doc *d = NULL;
  pith_status st;
  Py_BEGIN_ALLOW_THREADS
    st =
      ce ? pith_extract_encoded(self->x, in.buf, (size_t)in.len, url, ct, ce, &d)
         : pith_extract(self->x, in.buf, (size_t)in.len, url, ct, &d);
  Py_END_ALLOW_THREADS
  PyBuffer_Release(&in);
  PyObject *r = NULL;
  if (st != PITH_OK && st != PITH_NO_CONTENT && !(d && pith_doc_text(d).len &&
                                                   (st == PITH_ERR_LIMIT || st == PITH_ERR_TIMEOUT)))
    S_raise(st, d ? pith_doc_message(d) : NULL);
  else if (d) {
    PyObject *j = S_render(d, id, source, self->explain);
    if (j) {
      r = Py_BuildValue("(iN)", (int)st, j);
    }
  } else {
    S_raise(st == PITH_OK ? PITH_ERR_INTERNAL : st, "no document");
  }
  self->busy = 0;
  return r;
}

/* clean_json(text, id=None, source=None) -> (status, bytes) */
static PyObject *Extractor_clean_json(Extractor *self, PyObject *args, PyObject *kw) {
  static char *kwl[] = {"text", "id", "source", NULL};
  Py_buffer in;
  const char *id = NULL, *source = NULL;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "s*|zz:clean_json", kwl, &in, &id, &source))
    return NULL;
  if (S_claim(self)) {
    PyBuffer_Release(&in);
    return NULL;
  }
  const pith_doc *d = NULL;
  pith_status st;
  Py_BEGIN_ALLOW_THREADS
    st = pith_clean_text(self->x, in.buf, (size_t)in.len, &d);
  Py_END_ALLOW_THREADS
  PyBuffer_Release(&in);
  PyObject *r = NULL;
  if (st != PITH_OK && st != PITH_NO_CONTENT && !(d && pith_doc_text(d).len &&
                                                   (st == PITH_ERR_LIMIT || st == PITH_ERR_TIMEOUT)))
    S_raise(st, d ? pith_doc_message(d) : NULL);
  else if (d) {
    PyObject *j = S_render(d, id, source, self->explain);
    if (j) r = Py_BuildValue("(iN)", (int)st, j);
  } else {
    S_raise(st == PITH_OK ? PITH_ERR_INTERNAL : st, "no document");
  }
  self->busy = 0;
  return r;
}

static PyMethodDef Extractor_methods[] = {
    {"extract_json", (PyCFunction)(void (*)(void))Extractor_extract_json,
     METH_VARARGS | METH_KEYWORDS,
     "extract_json(html, url=None, content_type=None, content_encoding=None, id=None, "
     "source=None) -> (status, bytes): the page's record as one JSON line."},
    {"clean_json", (PyCFunction)(void (*)(void))Extractor_clean_json, METH_VARARGS | METH_KEYWORDS,
     "clean_json(text, id=None, source=None) -> (status, bytes)."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject ExtractorType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "pith._pith.Extractor",
    .tp_basicsize = sizeof(Extractor),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Extractor(**options): a reusable pith extractor (one per thread).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Extractor_init,
    .tp_dealloc = (destructor)Extractor_dealloc,
    .tp_methods = Extractor_methods,
};

/* ---- WarcReader ----------------------------------------------------------------- */

typedef struct {
  PyObject_HEAD pith_warc_reader *r;
  PyObject *src;   /* the bytes object or file object read (kept alive) */
  Py_buffer view;  /* memory input */
  int have_view;
  /* an exception raised by the file object's read(), re-raised by next */
  PyObject *err_t, *err_v, *err_tb;
  int error;
  int busy;
  pith_warc_options wo;
  pith_warc_page_options po;
  int statuses[32];
  char *name; /* the archive as named: "name#offset" ids */
} WarcReader;

/* A Python file object as a byte source: called with the GIL released. */
static long S_pyread(void *ud, void *buf, size_t n) {
  WarcReader *self = ud;
  PyGILState_STATE g = PyGILState_Ensure();
  long got = -1;
  if (!self->err_t) {
    PyObject *mv = PyMemoryView_FromMemory(buf, (Py_ssize_t)n, PyBUF_WRITE);
    PyObject *res = mv ? PyObject_CallMethod(self->src, "readinto", "O", mv) : NULL;
    if (!res && mv && PyErr_ExceptionMatches(PyExc_AttributeError)) {
      /* no readinto: read(n) */
      PyErr_Clear();
      PyObject *b = PyObject_CallMethod(self->src, "read", "n", (Py_ssize_t)n);
      if (b) {
        Py_buffer v;
        if (PyObject_GetBuffer(b, &v, PyBUF_SIMPLE) == 0) {
          size_t k = (size_t)v.len > n ? n : (size_t)v.len;
          memcpy(buf, v.buf, k);
          got = (long)k;
          PyBuffer_Release(&v);
        }
        Py_DECREF(b);
      }
    } else if (res) {
      got = res == Py_None ? 0 : PyLong_AsLong(res);
      Py_DECREF(res);
    }
    Py_XDECREF(mv);
    if (got < 0) {
      if (PyErr_Occurred()) PyErr_Fetch(&self->err_t, &self->err_v, &self->err_tb);
      else self->error = 1;
      got = -1;
    }
  }
  PyGILState_Release(g);
  return got;
}

static void WarcReader_dealloc(WarcReader *self) {
  if (self->r) pith_warc_close(self->r);
  if (self->have_view) PyBuffer_Release(&self->view);
  Py_XDECREF(self->src);
  Py_XDECREF(self->err_t);
  Py_XDECREF(self->err_v);
  Py_XDECREF(self->err_tb);
  free(self->name);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

/* WarcReader(source, name=None, max_block=0, max_payload=0, decode_all=False,
 *            parse_http=True, statuses=None, keep_damaged=False,
 *            verify_digests=True) */
static int WarcReader_init(WarcReader *self, PyObject *args, PyObject *kw) {
  static char *kwl[] = {"source",       "name",           "max_block", "max_payload",
                        "decode_all",   "parse_http",     "statuses",  "keep_damaged",
                        "verify_digests", NULL};
  PyObject *src, *statuses = Py_None;
  const char *name = NULL;
  Py_ssize_t max_block = 0, max_payload = 0;
  int decode_all = 0, parse_http = 1, keep_damaged = 0, verify = 1;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O|znnppOpp:WarcReader", kwl, &src, &name,
                                   &max_block, &max_payload, &decode_all, &parse_http, &statuses,
                                   &keep_damaged, &verify))
    return -1;
  if (self->r) {
    PyErr_SetString(PyExc_RuntimeError, "WarcReader already initialised");
    return -1;
  }
  if (max_block < 0 || max_payload < 0) {
    PyErr_SetString(PyExc_ValueError, "max_block and max_payload must be >= 0");
    return -1;
  }
  pith_warc_options_init(&self->wo);
  if (max_block) self->wo.max_block = (size_t)max_block;
  if (max_payload) self->wo.max_payload = (size_t)max_payload;
  if (decode_all) self->wo.flags |= PITH_WARC_O_DECODE_ALL;
  if (!parse_http) self->wo.flags |= PITH_WARC_O_NO_HTTP;
  memset(&self->po, 0, sizeof self->po);
  self->po.max_payload = self->wo.max_payload;
  if (keep_damaged) self->po.flags |= PITH_WARC_P_KEEP_DAMAGED;
  if (!verify) self->po.flags |= PITH_WARC_P_NO_DIGESTS;
  if (statuses != Py_None) {
    PyObject *seq = PySequence_Fast(statuses, "statuses must be a sequence of ints");
    if (!seq) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    if (n > 32) n = 32;
    for (Py_ssize_t i = 0; i < n; i++) {
      long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(seq, i));
      if (v == -1 && PyErr_Occurred()) {
        Py_DECREF(seq);
        return -1;
      }
      self->statuses[i] = (int)v;
    }
    Py_DECREF(seq);
    self->po.statuses = self->statuses;
    self->po.nstatuses = (size_t)n;
  }
  char err[512] = "";
  if (PyUnicode_Check(src) || PyObject_HasAttrString(src, "__fspath__")) {
    PyObject *p = PyOS_FSPath(src);
    if (!p) return -1;
    PyObject *pb = NULL;
    if (!PyUnicode_FSConverter(p, &pb)) {
      Py_DECREF(p);
      return -1;
    }
    Py_DECREF(p);
    const char *path = PyBytes_AS_STRING(pb);
    Py_BEGIN_ALLOW_THREADS
      self->r = pith_warc_open(path, &self->wo, err, sizeof err);
    Py_END_ALLOW_THREADS
    if (!name) name = path;
    self->name = strdup(name);
    Py_DECREF(pb);
    if (!self->r) {
      PyErr_SetString(PyExc_OSError, err[0] ? err : "cannot open the archive");
      return -1;
    }
    return 0;
  }
  if (PyObject_CheckBuffer(src)) {
    if (PyObject_GetBuffer(src, &self->view, PyBUF_SIMPLE)) return -1;
    self->have_view = 1;
    Py_INCREF(src);
    self->src = src;
    self->r = pith_warc_open_memory(self->view.buf, (size_t)self->view.len, &self->wo);
  } else if (PyObject_HasAttrString(src, "read")) {
    Py_INCREF(src);
    self->src = src;
    self->r = pith_warc_open_source(S_pyread, self, &self->wo);
  } else {
    PyErr_SetString(PyExc_TypeError,
                    "source must be a path, a bytes-like object or a binary file object");
    return -1;
  }
  self->name = strdup(name ? name : "-");
  if (!self->r || !self->name) {
    PyErr_NoMemory();
    return -1;
  }
  return 0;
}

/* Set a dict item; 0 or -1. Steals v. */
static int S_set(PyObject *d, const char *k, PyObject *v) {
  if (!v) return -1;
  int r = PyDict_SetItemString(d, k, v);
  Py_DECREF(v);
  return r;
}
static PyObject *S_str_or_none(const char *s) {
  if (!s) Py_RETURN_NONE;
  return PyUnicode_DecodeUTF8(s, (Py_ssize_t)strlen(s), "surrogateescape");
}
static PyObject *S_span(pith_str s) {
  if (!s.ptr) Py_RETURN_NONE;
  return PyUnicode_DecodeLatin1(s.ptr, (Py_ssize_t)s.len, NULL);
}

/* Read the next item with the GIL released; k, or -1 with an error set
 * (a file object's read() raised). */
static int S_next(WarcReader *self, pith_warc_record *rec) {
  if (!self->r) {
    PyErr_SetString(PyExc_RuntimeError, "WarcReader is closed");
    return -1;
  }
  if (self->busy) {
    PyErr_SetString(PyExc_RuntimeError, "WarcReader is in use by another thread");
    return -1;
  }
  self->busy = 1;
  int k;
  Py_BEGIN_ALLOW_THREADS
    k = pith_warc_next(self->r, rec);
  Py_END_ALLOW_THREADS
  self->busy = 0;
  if (self->err_t) {
    PyErr_Restore(self->err_t, self->err_v, self->err_tb);
    self->err_t = self->err_v = self->err_tb = NULL;
    return -1;
  }
  return k;
}

/* The record as a dict (see pith/_warc.py for the keys). */
static PyObject *S_record_dict(WarcReader *self, int k, const pith_warc_record *rec, int block) {
  PyObject *d = PyDict_New();
  if (!d) return NULL;
  int bad = 0;
  bad |= S_set(d, "kind", PyUnicode_FromString(k == PITH_WARC_DAMAGE ? "damage" : "record"));
  bad |= S_set(d, "offset", PyLong_FromUnsignedLongLong(rec->offset));
  bad |= S_set(d, "uoffset", PyLong_FromUnsignedLongLong(rec->uoffset));
  bad |= S_set(d, "error", rec->err ? PyUnicode_FromString(pith_warc_err_name(rec->err))
                                    : (Py_INCREF(Py_None), Py_None));
  bad |= S_set(d, "message", S_str_or_none(rec->message ? rec->message : ""));
  bad |= S_set(d, "error_offset", PyLong_FromUnsignedLongLong(rec->err_offset));
  bad |= S_set(d, "skipped", PyLong_FromUnsignedLongLong(rec->skipped));
  if (k == PITH_WARC_DAMAGE) {
    if (bad) {
      Py_DECREF(d);
      return NULL;
    }
    return d;
  }
  bad |= S_set(d, "type", PyUnicode_FromString(pith_warc_type_name(rec->type)));
  bad |= S_set(d, "type_name", S_str_or_none(rec->type_name));
  bad |= S_set(d, "version", S_str_or_none(rec->version));
  bad |= S_set(d, "record_id", S_str_or_none(rec->record_id));
  bad |= S_set(d, "target_uri", S_str_or_none(rec->target_uri));
  bad |= S_set(d, "date", S_str_or_none(rec->date));
  bad |= S_set(d, "content_type", S_str_or_none(rec->content_type));
  bad |= S_set(d, "truncated", S_str_or_none(rec->truncated));
  bad |= S_set(d, "content_length", PyLong_FromUnsignedLongLong(rec->content_length));
  bad |= S_set(d, "flags", PyLong_FromUnsignedLong(rec->flags));
  bad |= S_set(d, "http_flags", PyLong_FromUnsignedLong(rec->http_flags));
  bad |= S_set(d, "http_status", PyLong_FromLong(rec->http_status));
  bad |= S_set(d, "http_content_type", S_str_or_none(rec->http_content_type));
  bad |= S_set(d, "http_message", S_str_or_none(rec->http_msg ? rec->http_msg : ""));
  bad |= S_set(d, "payload", PyBytes_FromStringAndSize(rec->payload ? rec->payload : "",
                                                       (Py_ssize_t)rec->payload_len));
  if (block)
    bad |= S_set(d, "block",
                 PyBytes_FromStringAndSize(rec->block ? rec->block : "", (Py_ssize_t)rec->block_len));
  size_t nh = pith_warc_header_count(self->r);
  PyObject *hl = PyList_New((Py_ssize_t)nh);
  for (size_t i = 0; hl && i < nh; i++) {
    const char *hn = "", *hv = "";
    pith_warc_header_at(self->r, i, &hn, &hv);
    PyObject *t = Py_BuildValue("(NN)", S_str_or_none(hn), S_str_or_none(hv));
    if (!t) {
      Py_CLEAR(hl);
      break;
    }
    PyList_SET_ITEM(hl, (Py_ssize_t)i, t);
  }
  bad |= S_set(d, "headers", hl);
  if (rec->flags & PITH_WARC_F_HTTP) {
    size_t nhh = pith_warc_http_header_count(self->r);
    PyObject *hh = PyList_New((Py_ssize_t)nhh);
    for (size_t i = 0; hh && i < nhh; i++) {
      pith_str hn, hv;
      pith_warc_http_header_at(self->r, i, &hn, &hv);
      PyObject *t = Py_BuildValue("(NN)", S_span(hn), S_span(hv));
      if (!t) {
        Py_CLEAR(hh);
        break;
      }
      PyList_SET_ITEM(hh, (Py_ssize_t)i, t);
    }
    bad |= S_set(d, "http_headers", hh);
    bad |= S_set(d, "http_reason", S_span(pith_warc_http_reason(self->r)));
    bad |= S_set(d, "http_version", S_span(pith_warc_http_version(self->r)));
  } else {
    Py_INCREF(Py_None);
    bad |= S_set(d, "http_headers", Py_None);
    Py_INCREF(Py_None);
    bad |= S_set(d, "http_reason", Py_None);
    Py_INCREF(Py_None);
    bad |= S_set(d, "http_version", Py_None);
  }
  pith_warc_page pg;
  pith_warc_classify(self->r, rec, &self->po, &pg);
  static const char *const kinds[] = {"skip", "html", "text"};
  bad |= S_set(d, "page", PyUnicode_FromString(kinds[pg.kind]));
  bad |= S_set(d, "skip_reason", S_str_or_none(pg.reason));
  if (bad) {
    Py_DECREF(d);
    return NULL;
  }
  return d;
}

/* next_record(block=False) -> dict, or None at the end */
static PyObject *WarcReader_next_record(WarcReader *self, PyObject *args, PyObject *kw) {
  static char *kwl[] = {"block", NULL};
  int block = 0;
  if (!PyArg_ParseTupleAndKeywords(args, kw, "|p:next_record", kwl, &block)) return NULL;
  pith_warc_record rec;
  int k = S_next(self, &rec);
  if (k < 0) return NULL;
  if (k == PITH_WARC_EOF) Py_RETURN_NONE;
  return S_record_dict(self, k, &rec, block);
}

/* next_page(extractor, source="pith") -> None at the end, else one of
 *   ("doc", line_bytes, offset, partial)   a page, rendered as `pith warc` writes it
 *   ("skip", reason, detail, id, offset, type, status)
 *   ("damage", error, message, offset)     damage between records
 * A damaged record is ("skip", "damaged", ...) unless keep_damaged; then it
 * is a "doc" whose line carries "warc_damage". */
static PyObject *WarcReader_next_page(WarcReader *self, PyObject *args, PyObject *kw) {
  static char *kwl[] = {"extractor", "source", NULL};
  Extractor *x;
  const char *source = "pith";
  if (!PyArg_ParseTupleAndKeywords(args, kw, "O!|z:next_page", kwl, &ExtractorType, &x, &source))
    return NULL;
  if (!source) source = "pith";
  if (S_claim(x)) return NULL;
  PyObject *res = NULL;
  pith_warc_record rec;
  int k = S_next(self, &rec);
  if (k < 0) goto out;
  if (k == PITH_WARC_EOF) {
    Py_INCREF(Py_None);
    res = Py_None;
    goto out;
  }
  if (k == PITH_WARC_DAMAGE) {
    res = Py_BuildValue("(sNNK)", "damage", PyUnicode_FromString(pith_warc_err_name(rec.err)),
                        S_str_or_none(rec.message), (unsigned long long)rec.offset);
    goto out;
  }
  char idb[1024];
  const char *id = rec.record_id;
  if (!id || !*id) {
    snprintf(idb, sizeof idb, "%s#%llu", self->name, (unsigned long long)rec.offset);
    id = idb;
  }
  const char *tname = rec.type == PITH_WARC_OTHER ? "other_type" : pith_warc_type_name(rec.type);
  pith_warc_page pg;
  /* the digest check hashes the whole block: no GIL for that either */
  Py_BEGIN_ALLOW_THREADS
  pith_warc_classify(self->r, &rec, &self->po, &pg);
  Py_END_ALLOW_THREADS
  if (pg.kind == PITH_WARC_SKIP) {
    res = Py_BuildValue("(sNNNKsi)", "skip", S_str_or_none(pg.reason), S_str_or_none(pg.detail),
                        S_str_or_none(id), (unsigned long long)rec.offset, tname,
                        rec.http_status);
    goto out;
  }
  const pith_doc *d = NULL;
  pith_status st;
  S_buf b = {0};
  pith_status rs = PITH_OK;
  int partial = 0;
  Py_BEGIN_ALLOW_THREADS
  st = pg.kind == PITH_WARC_PAGE_TEXT
           ? pith_clean_text(x->x, rec.payload, rec.payload_len, &d)
           : pith_extract(x->x, rec.payload, rec.payload_len, rec.target_uri,
                          rec.http_content_type, &d);
  pith_str text = d ? pith_doc_text(d) : (pith_str){NULL, 0};
  if (st == PITH_OK || (st != PITH_NO_CONTENT && d && text.len &&
                        (st == PITH_ERR_LIMIT || st == PITH_ERR_TIMEOUT))) {
    partial = st != PITH_OK;
    pith_render_extra ex[7];
    size_t nex = 0;
    char offb[24];
    snprintf(offb, sizeof offb, "%llu", (unsigned long long)rec.offset);
    ex[nex++] = (pith_render_extra){"source", source, 0};
    ex[nex++] = (pith_render_extra){"url", rec.target_uri, 0};
    ex[nex++] = (pith_render_extra){"warc_date", rec.date, 0};
    /* as pith warc: the archive as named, and where the record starts */
    ex[nex++] = (pith_render_extra){"warc_file", self->name, 0};
    ex[nex++] = (pith_render_extra){"warc_offset", offb, PITH_EXTRA_NUMBER};
    if (pg.truncated) ex[nex++] = (pith_render_extra){"truncated", pg.truncated, 0};
    if (pg.damage) ex[nex++] = (pith_render_extra){"warc_damage", pith_warc_err_name(pg.damage), 0};
    rs = pith_render_with(d, PITH_FMT_JSONL, id, ex, nex, S_sink, &b);
    if (rs == PITH_OK && !b.oom) S_one_line(&b);
  }
  Py_END_ALLOW_THREADS
  if (st == PITH_NO_CONTENT) {
    res = Py_BuildValue("(ssNNKsi)", "skip", "no_content", S_str_or_none(d ? pith_doc_message(d) : ""),
                        S_str_or_none(id), (unsigned long long)rec.offset, tname, rec.http_status);
  } else if (st != PITH_OK && !partial) {
    char det[300];
    snprintf(det, sizeof det, "%s: %s", pith_status_str(st), d ? pith_doc_message(d) : "");
    res = Py_BuildValue("(ssNNKsi)", "skip", st == PITH_ERR_LIMIT ? "too_large" : "extract_error",
                        S_str_or_none(det), S_str_or_none(id), (unsigned long long)rec.offset,
                        tname, rec.http_status);
  } else if (rs != PITH_OK || b.oom) {
    res = Py_BuildValue("(ssNNKsi)", "skip", "extract_error", S_str_or_none("render failed"),
                        S_str_or_none(id), (unsigned long long)rec.offset, tname, rec.http_status);
  } else {
    res = Py_BuildValue("(sNKO)", "doc", PyBytes_FromStringAndSize(b.p, (Py_ssize_t)b.len),
                        (unsigned long long)rec.offset, partial ? Py_True : Py_False);
  }
  free(b.p);
out:
  x->busy = 0;
  return res;
}

static PyObject *WarcReader_stats(WarcReader *self, PyObject *unused) {
  if (!self->r) {
    PyErr_SetString(PyExc_RuntimeError, "WarcReader is closed");
    return NULL;
  }
  const pith_warc_stats *st = pith_warc_get_stats(self->r);
  PyObject *d = PyDict_New(), *e = PyDict_New(), *w = PyDict_New(), *t = PyDict_New();
  if (!d || !e || !w || !t) goto fail;
  for (int i = 1; i < PITH_WARC_E_COUNT; i++)
    if (st->errors[i] &&
        S_set(e, pith_warc_err_name((pith_warc_err)i), PyLong_FromUnsignedLongLong(st->errors[i])))
      goto fail;
  for (int i = 0; i < PITH_WARC_W_COUNT; i++)
    if (st->warnings[i] && S_set(w, pith_warc_warn_name((pith_warc_warn)i),
                                 PyLong_FromUnsignedLongLong(st->warnings[i])))
      goto fail;
  for (int i = 0; i < PITH_WARC_TYPE_COUNT; i++)
    if (st->by_type[i] && S_set(t, pith_warc_type_name((pith_warc_type)i),
                                PyLong_FromUnsignedLongLong(st->by_type[i])))
      goto fail;
  if (S_set(d, "records", PyLong_FromUnsignedLongLong(st->records)) ||
      S_set(d, "damaged", PyLong_FromUnsignedLongLong(st->damaged)) ||
      S_set(d, "bytes_read", PyLong_FromUnsignedLongLong(st->bytes_in)) ||
      S_set(d, "bytes_uncompressed", PyLong_FromUnsignedLongLong(st->bytes_out)) ||
      S_set(d, "bytes_resynced", PyLong_FromUnsignedLongLong(st->bytes_resynced)) ||
      S_set(d, "gzip_members", PyLong_FromUnsignedLongLong(st->members)) ||
      S_set(d, "gzip", PyBool_FromLong(st->gzip)))
    goto fail;
  if (S_set(d, "errors_by_kind", e) || S_set(d, "warnings_by_kind", w) ||
      S_set(d, "records_by_type", t))
    goto fail2;
  return d;
fail:
  Py_XDECREF(e);
  Py_XDECREF(w);
  Py_XDECREF(t);
fail2:
  Py_XDECREF(d);
  return NULL;
}

static PyObject *WarcReader_close(WarcReader *self, PyObject *unused) {
  if (self->busy) {
    PyErr_SetString(PyExc_RuntimeError, "WarcReader is in use by another thread");
    return NULL;
  }
  if (self->r) pith_warc_close(self->r);
  self->r = NULL;
  if (self->have_view) PyBuffer_Release(&self->view);
  self->have_view = 0;
  Py_CLEAR(self->src);
  Py_RETURN_NONE;
}

static PyMethodDef WarcReader_methods[] = {
    {"next_record", (PyCFunction)(void (*)(void))WarcReader_next_record,
     METH_VARARGS | METH_KEYWORDS, "next_record(block=False) -> dict or None at the end."},
    {"next_page", (PyCFunction)(void (*)(void))WarcReader_next_page, METH_VARARGS | METH_KEYWORDS,
     "next_page(extractor, source='pith') -> tuple or None at the end."},
    {"stats", (PyCFunction)WarcReader_stats, METH_NOARGS, "Counters so far."},
    {"close", (PyCFunction)WarcReader_close, METH_NOARGS, "Close the archive."},
    {NULL, NULL, 0, NULL}};

static PyTypeObject WarcReaderType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "pith._pith.WarcReader",
    .tp_basicsize = sizeof(WarcReader),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "WarcReader(source, ...): the low-level WARC reader (see pith.ArchiveIterator).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)WarcReader_init,
    .tp_dealloc = (destructor)WarcReader_dealloc,
    .tp_methods = WarcReader_methods,
};

/* ---- Dedup ------------------------------------------------------------------- */

typedef struct {
  PyObject_HEAD pith_dedup *d;
} Dedup;

static void Dedup_dealloc(Dedup *self) {
  if (self->d) pith_dedup_free(self->d);
  Py_TYPE(self)->tp_free((PyObject *)self);
}

static int Dedup_init(Dedup *self, PyObject *args, PyObject *kw) {
  if (!PyArg_ParseTuple(args, ":Dedup")) return -1;
  if (self->d) pith_dedup_free(self->d);
  self->d = pith_dedup_new();
  if (!self->d) {
    PyErr_NoMemory();
    return -1;
  }
  return 0;
}

/* add(text) -> (index, has_signature) */
static PyObject *Dedup_add(Dedup *self, PyObject *args) {
  Py_buffer in;
  if (!PyArg_ParseTuple(args, "s*:add", &in)) return NULL;
  size_t idx = 0;
  pith_status st;
  Py_BEGIN_ALLOW_THREADS
    st = pith_dedup_add(self->d, in.buf, (size_t)in.len, &idx);
  Py_END_ALLOW_THREADS
  PyBuffer_Release(&in);
  if (st != PITH_OK && st != PITH_NO_CONTENT) return S_raise(st, NULL);
  return Py_BuildValue("(nO)", (Py_ssize_t)idx, st == PITH_OK ? Py_True : Py_False);
}

static PyObject *Dedup_cluster(Dedup *self, PyObject *args) {
  Py_ssize_t i;
  if (!PyArg_ParseTuple(args, "n:cluster", &i)) return NULL;
  if (i < 0 || (size_t)i >= pith_dedup_count(self->d)) {
    PyErr_SetString(PyExc_IndexError, "no such document");
    return NULL;
  }
  return PyLong_FromSize_t(pith_dedup_cluster(self->d, (size_t)i));
}

static PyObject *Dedup_cluster_size(Dedup *self, PyObject *args) {
  Py_ssize_t i;
  if (!PyArg_ParseTuple(args, "n:cluster_size", &i)) return NULL;
  if (i < 0 || (size_t)i >= pith_dedup_count(self->d)) {
    PyErr_SetString(PyExc_IndexError, "no such document");
    return NULL;
  }
  return PyLong_FromSize_t(pith_dedup_cluster_size(self->d, (size_t)i));
}

/* clusters() -> list: the cluster (first document's index) of every document */
static PyObject *Dedup_roots(Dedup *self, PyObject *unused) {
  size_t n = pith_dedup_count(self->d);
  PyObject *l = PyList_New((Py_ssize_t)n);
  for (size_t i = 0; l && i < n; i++) {
    PyObject *v = PyLong_FromSize_t(pith_dedup_cluster(self->d, i));
    if (!v) {
      Py_CLEAR(l);
      break;
    }
    PyList_SET_ITEM(l, (Py_ssize_t)i, v);
  }
  return l;
}

static Py_ssize_t Dedup_len(Dedup *self) { return (Py_ssize_t)pith_dedup_count(self->d); }

static PyMethodDef Dedup_methods[] = {
    {"add", (PyCFunction)Dedup_add, METH_VARARGS, "add(text) -> (index, has_signature)"},
    {"cluster", (PyCFunction)Dedup_cluster, METH_VARARGS, "cluster(i) -> first index"},
    {"cluster_size", (PyCFunction)Dedup_cluster_size, METH_VARARGS, "cluster_size(i) -> n"},
    {"roots", (PyCFunction)Dedup_roots, METH_NOARGS, "roots() -> cluster of every document"},
    {NULL, NULL, 0, NULL}};

static PySequenceMethods Dedup_seq = {.sq_length = (lenfunc)Dedup_len};

static PyTypeObject DedupType = {
    PyVarObject_HEAD_INIT(NULL, 0).tp_name = "pith._pith.Dedup",
    .tp_basicsize = sizeof(Dedup),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_BASETYPE,
    .tp_doc = "Dedup(): near-duplicate clusters (MinHash + LSH).",
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Dedup_init,
    .tp_dealloc = (destructor)Dedup_dealloc,
    .tp_methods = Dedup_methods,
    .tp_as_sequence = &Dedup_seq,
};

/* ---- module ------------------------------------------------------------------ */

static PyObject *S_version(PyObject *m, PyObject *unused) {
  return PyUnicode_FromString(pith_version());
}

static PyMethodDef S_methods[] = {
    {"version", S_version, METH_NOARGS, "The C library's version."}, {NULL, NULL, 0, NULL}};

static struct PyModuleDef S_module = {PyModuleDef_HEAD_INIT, "pith._pith",
                                      "pith's C library (use the pith package).", -1, S_methods,
                                      NULL, NULL, NULL, NULL};

PyMODINIT_FUNC PyInit__pith(void) {
  if (PyType_Ready(&ExtractorType) < 0 || PyType_Ready(&WarcReaderType) < 0 ||
      PyType_Ready(&DedupType) < 0)
    return NULL;
  PyObject *m = PyModule_Create(&S_module);
  if (!m) return NULL;
  S_PithError = PyErr_NewExceptionWithDoc(
      "pith.PithError",
      "A pith call failed: .status (pith_status number), .status_name, .message.", NULL, NULL);
  if (!S_PithError) goto fail;
  Py_INCREF(S_PithError);
  if (PyModule_AddObject(m, "PithError", S_PithError) < 0) goto fail;
  Py_INCREF(&ExtractorType);
  if (PyModule_AddObject(m, "Extractor", (PyObject *)&ExtractorType) < 0) goto fail;
  Py_INCREF(&WarcReaderType);
  if (PyModule_AddObject(m, "WarcReader", (PyObject *)&WarcReaderType) < 0) goto fail;
  Py_INCREF(&DedupType);
  if (PyModule_AddObject(m, "Dedup", (PyObject *)&DedupType) < 0) goto fail;
  static const struct {
    const char *n;
    long v;
  } K[] = {{"OK", PITH_OK},
           {"NO_CONTENT", PITH_NO_CONTENT},
           {"ERR_NOMEM", PITH_ERR_NOMEM},
           {"ERR_LIMIT", PITH_ERR_LIMIT},
           {"ERR_INPUT", PITH_ERR_INPUT},
           {"ERR_ARG", PITH_ERR_ARG},
           {"ERR_TIMEOUT", PITH_ERR_TIMEOUT},
           {"ERR_IO", PITH_ERR_IO},
           {"ERR_FORMAT", PITH_ERR_FORMAT},
           {"ERR_TRUNCATED", PITH_ERR_TRUNCATED},
           {"ERR_INTERNAL", PITH_ERR_INTERNAL}};
  for (size_t i = 0; i < sizeof K / sizeof *K; i++)
    if (PyModule_AddIntConstant(m, K[i].n, K[i].v) < 0) goto fail;
  return m;
fail:
  Py_DECREF(m);
  return NULL;
}
